// Writing CSV downloads (RFC 4180): fields with a comma, quote, CR or LF are quoted and quotes doubled;
// rows end in CRLF; the file starts with a UTF-8 byte order mark so that spreadsheet programs read
// Kazakh and Russian text correctly. A text field that starts with '=', '+', '@' or a tab is prefixed
// with an apostrophe so that spreadsheets do not run it as a formula.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jospar::web {

class CsvWriter {
 public:
  CsvWriter();  // starts with the byte order mark
  // Appends one row.
  void Row(const std::vector<std::string>& fields);
  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// One field as written by CsvWriter.
std::string CsvField(std::string_view field);

}  // namespace jospar::web
