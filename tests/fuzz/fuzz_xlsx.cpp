// Fuzzes the XLSX reader (zip + XML) and the legacy template reader on arbitrary bytes: no crash, no
// sanitizer report, bounded memory, and every error or problem names the file it came from.
#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/legacy.hpp"
#include "formats/xlsx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto wb = jospar::formats::ReadXlsx(bytes, "f.xlsx", {.max_part_bytes = 4u << 20, .max_cells = 200000});
  if (wb) {
    for (const auto& sheet : wb->sheets) {
      for (const auto& row : sheet.rows)
        for (const auto& cell : row)
          if ((cell.type == jospar::formats::XlsxCellType::kEmpty) != cell.text.empty() &&
              cell.type != jospar::formats::XlsxCellType::kError)
            __builtin_trap();  // an empty cell has no text; every other cell (but errors) has some
      if (!sheet.rows.empty() && sheet.rows.back().empty()) __builtin_trap();  // trailing rows trimmed
    }
  } else if (wb.error().detail.rfind("f.xlsx", 0) != 0) {
    __builtin_trap();
  }
  auto read = jospar::formats::ReadLegacyFiles({{"f.xlsx", bytes}});
  for (const auto& p : read.problems)
    if (p.at.file != "f.xlsx") __builtin_trap();
  return 0;
}
