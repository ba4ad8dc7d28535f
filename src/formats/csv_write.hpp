// Writing CSV (RFC 4180), the one writer behind every CSV Jospar produces: the portal's downloads, the
// command line's reports and the open-data files.
//
// A field is quoted ("...", quotes doubled) when it contains a comma, a quote, CR or LF, or starts or ends
// with a space; otherwise it is written as it is. Invalid UTF-8 is replaced by U+FFFD (ValidUtf8 in
// core/base/text.hpp), so the output is always UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jospar::formats {

struct CsvStyle {
  // A text that starts with '=', '+', '@' or a tab gets an apostrophe in front, so that a spreadsheet
  // program shows it as text instead of running it as a formula. It changes the data: for files people
  // open in a spreadsheet, never for files that promise the exact text.
  bool formula_guard = false;
  // The file starts with a UTF-8 byte order mark, so that spreadsheet programs read Kazakh and Russian
  // text as UTF-8.
  bool byte_order_mark = false;
};

// Downloads people open in Excel: guarded, with a byte order mark.
inline constexpr CsvStyle kSpreadsheetCsv{.formula_guard = true, .byte_order_mark = true};
// Open data and other machine-read files: the exact text, no byte order mark.
inline constexpr CsvStyle kExactCsv{.formula_guard = false, .byte_order_mark = false};

// One field, written as described above.
std::string CsvField(std::string_view field, const CsvStyle& style);

// A CSV text built row by row; rows end in CRLF.
class CsvWriter {
 public:
  explicit CsvWriter(const CsvStyle& style);  // starts with the byte order mark when the style asks for it
  // Appends one row.
  void Row(const std::vector<std::string>& fields);
  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  CsvStyle style_;
  std::string out_;
};

}  // namespace jospar::formats
