// CSV reading (RFC 4180: quoted fields, doubled quotes, CRLF or LF) with located errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace jospar::formats {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each has header.size() fields
  std::vector<int> row_lines;                  // 1-based line where each row starts
};

// Parses `text` (the content of `file_name`, used only in error details). Errors are kInvalidInput with
// detail "FILE:LINE:COLUMN: what was expected". A row with a different number of fields than the header
// is an error; an empty last line is allowed; a UTF-8 BOM is skipped; invalid UTF-8 is an error.
Result<CsvTable> ParseCsv(std::string_view text, std::string_view file_name);

}  // namespace jospar::formats
