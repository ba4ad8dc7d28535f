// Writing open-data tables (core/opendata/dataset.hpp) as CSV and JSON. Both are deterministic: the same
// table always gives the same bytes (rows and columns in the table's order, numbers as the shortest text
// that reads back to the same double, no time stamps), so a file's SHA-256 identifies its content.
//
// CSV (RFC 4180): UTF-8 without a byte order mark; a header row of the column names; rows end in CRLF; a
// field is quoted ("...", quotes doubled) when it contains a comma, a quote, CR or LF, or starts or ends
// with a space; "no value" is an empty field; booleans are true/false. Text is written exactly as stored
// (no spreadsheet formula guard: the file is for machines; the portal's page CSVs have one); both are
// written by formats/csv_write.hpp (kExactCsv) and formats/json_text.hpp.
//
// JSON (RFC 8259): {"dataset": id, "columns": [{"name", "type", "nullable"}], "records": [{column: value}]}
// with one record per line, keys in column order, "no value" as null; text escaped as JSON requires
// (quote, backslash, control characters) and otherwise written as UTF-8.
//
// Invalid UTF-8 in a text (which the store should never hold) is replaced by U+FFFD in both formats.
#pragma once

#include <string>
#include <string_view>

#include "core/opendata/dataset.hpp"

namespace jospar::formats {

std::string WriteOpenDataCsv(const opendata::Table& table);
std::string WriteOpenDataJson(const opendata::Table& table);

// The shortest decimal text that reads back to exactly `v` ("0.1", "1e+21", "-3"); "null" is never
// returned: non-finite values give an empty string.
std::string ShortestNumber(double v);

}  // namespace jospar::formats
