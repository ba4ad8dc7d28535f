// Reading XLSX workbooks (Office Open XML spreadsheets) as the zip of XML files they are: libzip opens the
// archive from memory, libxml2 reads the parts as a stream. No file I/O: the caller passes the bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"

namespace jospar::formats {

enum class XlsxCellType { kEmpty, kString, kNumber, kBool, kDate, kError };

struct XlsxCell {
  XlsxCellType type = XlsxCellType::kEmpty;
  // kString: the text (shared, inline or formula string); kNumber: the shortest text that reads back as
  // `number`; kBool: "TRUE" or "FALSE"; kDate: "yyyy-mm-dd", or "yyyy-mm-ddThh:mm:ss" when the time of day
  // is not midnight; kError: the error value as Excel shows it ("#N/A"); kEmpty: "".
  std::string text;
  // kNumber: the value; kDate: the serial day number in the workbook's date system; kBool: 0 or 1.
  double number = 0;
};

struct XlsxSheet {
  std::string name;
  // rows[r][c], both 0-based (row 0 is the sheet's row 1, column 0 is "A"). Rows and cells that the file
  // does not have are empty; trailing empty cells of a row are not stored, so rows differ in length.
  std::vector<std::vector<XlsxCell>> rows;

  // The cell at (row, col), or an empty cell when there is none.
  const XlsxCell& At(std::size_t row, std::size_t col) const;
};

struct XlsxWorkbook {
  std::vector<XlsxSheet> sheets;  // in the workbook's order
  // The sheet with this name (compared case-insensitively for ASCII letters), or nullptr.
  const XlsxSheet* Find(std::string_view name) const;
};

struct XlsxLimits {
  std::size_t max_part_bytes = 512u << 20;  // uncompressed size of one XML part (zip bomb guard)
  std::size_t max_cells = 20'000'000;       // cell slots materialised per sheet, empty ones included
};

// Reads every worksheet of an XLSX file (`bytes`, the content of `file_name`, which is used only in error
// details). Chart sheets and other parts are ignored. Cells: shared strings (rich text runs joined, phonetic
// runs left out), inline strings, formula strings (the cached value), numbers, booleans, errors, ISO dates
// (t="d") and numbers whose style is a date or time format (built-in ids 14-22, 27-36, 45-47, 50-58 or a
// custom format with d, m, y, h or s outside quotes and brackets), in the 1900 or 1904 date system.
//
// Errors are kInvalidInput with message "error.xlsx.malformed" and detail "FILE: what" or
// "FILE [SHEET] CELL: what" (e.g. "plan.xlsx [values] C7: shared string 12 does not exist"): not a zip,
// a required part missing, XML that does not parse, a bad cell reference, a part or sheet beyond `limits`.
Result<XlsxWorkbook> ReadXlsx(std::string_view bytes, std::string_view file_name,
                              const XlsxLimits& limits = {});

// "A" for 0, "Z" for 25, "AA" for 26, ... (the column letters of a 0-based column index).
std::string XlsxColumnName(std::size_t col);

// Converts a serial day number to "yyyy-mm-dd" (or "yyyy-mm-ddThh:mm:ss" with a time of day) in the 1900
// date system (with Excel's fictitious 1900-02-29 as serial 60) or the 1904 one. Empty when out of range
// (before serial 0 or after 9999-12-31).
std::string XlsxSerialToIso(double serial, bool date1904);

}  // namespace jospar::formats
