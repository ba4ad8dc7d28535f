// Fuzzes the CSV reader and the Open SDG data-file reader on arbitrary bytes: no crash, no sanitizer
// report, and the invariants the callers rely on hold for every accepted input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/csv.hpp"
#include "formats/opensdg.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool skip : {false, true}) {
    auto t = jospar::formats::ParseCsv(text, "f.csv", {.skip_ragged_rows = skip});
    if (!t) {
      if (t.error().detail.rfind("f.csv:", 0) != 0) __builtin_trap();  // every error is located
      continue;
    }
    if (t->rows.size() != t->row_lines.size()) __builtin_trap();
    if (t->positions.size() != t->rows.size() * t->header.size()) __builtin_trap();
    for (const auto& row : t->rows)
      if (row.size() != t->header.size()) __builtin_trap();
    if (!skip && !t->skipped.empty()) __builtin_trap();
  }
  auto d = jospar::formats::ParseOpenSdgCsv(text, "indicator_1-1-1.csv");
  if (d) {
    for (const auto& o : d->observations)
      if (o.period.size() != 4) __builtin_trap();
  } else if (d.error().detail.rfind("indicator_1-1-1.csv:", 0) != 0) {
    __builtin_trap();
  }
  return 0;
}
