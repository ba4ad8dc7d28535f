// Fuzzes the legacy template's CSV layout (one file per sheet) on arbitrary text: no crash, every problem
// is located in the file, rows are numbered after the header, disaggregations come out canonical.
#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/legacy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* sheet : {"documents", "goals", "indicators", "values"}) {
    const std::string name = std::string("plan-") + sheet + ".csv";
    auto read = jospar::formats::ReadLegacyFiles({{name, text}});
    for (const auto& p : read.problems) {
      if (p.at.file != name) __builtin_trap();
      if (p.message_key.rfind("error.legacy.", 0) != 0) __builtin_trap();
    }
    const auto& prog = read.programme;
    for (const auto& d : prog.documents)
      if (d.at.row < 2 || d.at.sheet != "documents") __builtin_trap();
    for (const auto& v : prog.values) {
      if (v.at.row < 2) __builtin_trap();
      // Canonical: DIM=CODE pairs sorted by DIM.
      std::string prev;
      std::size_t start = 0;
      while (!v.disaggregation.empty() && start <= v.disaggregation.size()) {
        std::size_t bar = v.disaggregation.find('|', start);
        std::string item =
            v.disaggregation.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
        std::string dim = item.substr(0, item.find('='));
        if (item.find('=') == std::string::npos || (!prev.empty() && dim < prev)) __builtin_trap();
        prev = dim;
        if (bar == std::string::npos) break;
        start = bar + 1;
      }
    }
  }
  return 0;
}
