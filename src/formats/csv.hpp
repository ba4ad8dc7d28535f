// CSV reading (RFC 4180: quoted fields, doubled quotes, CRLF or LF) with located errors.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"

namespace jospar::formats {

// Where a field starts in the text: 1-based line and column (columns count characters, not bytes).
struct CsvPos {
  int line = 0;
  int column = 0;
};

// A row that was left out because it has a different number of fields than the header.
struct CsvSkippedRow {
  int line = 0;
  size_t fields = 0;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each has header.size() fields
  std::vector<int> row_lines;                  // 1-based line where each row starts
  std::vector<CsvPos> positions;               // rows.size() * header.size(), row-major
  std::vector<CsvSkippedRow> skipped;          // only with CsvOptions::skip_ragged_rows

  // Position of field `field` of row `row` (both 0-based).
  CsvPos Pos(size_t row, size_t field) const { return positions[row * header.size() + field]; }
};

struct CsvOptions {
  // When true, a row with a different number of fields than the header is recorded in
  // CsvTable::skipped instead of failing the whole file.
  bool skip_ragged_rows = false;
};

// Parses `text` (the content of `file_name`, used only in error details). Errors are kInvalidInput
// (message "error.import.malformed") with detail "FILE:LINE:COLUMN: what was expected". A row with a
// different number of fields than the header is an error (unless options allow skipping it); blank lines
// are skipped; a UTF-8 BOM is skipped; invalid UTF-8 is an error; a file without a header row is an error.
Result<CsvTable> ParseCsv(std::string_view text, std::string_view file_name, const CsvOptions& options = {});

// "FILE:LINE:COLUMN: what" as used in the details of located errors.
std::string Located(std::string_view file_name, int line, int column, std::string_view what);

}  // namespace jospar::formats
