#include "formats/csv.hpp"

#include "analytics/normalize.hpp"

namespace jospar::formats {

Result<CsvTable> ParseCsv(std::string_view text, std::string_view file_name) {
  auto error = [&](int line, int col, const std::string& what) {
    return Fail(
        ErrorCode::kInvalidInput, "error.import.malformed",
        std::string(file_name) + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + what);
  };
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (size_t bad = analytics::FirstInvalidUtf8(text); bad != std::string_view::npos) {
    int line = 1, col = 1;
    for (size_t i = 0; i < bad; ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    return error(line, col, "invalid UTF-8");
  }
  CsvTable table;
  std::vector<std::string> record;
  std::string field;
  int line = 1, col = 1, record_line = 1;
  size_t i = 0;
  bool in_quotes = false, field_started = false, quoted_field = false;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
    quoted_field = false;
  };
  auto end_record = [&]() -> Status {
    if (record.size() == 1 && record[0].empty() && !quoted_field) {
      record.clear();
      return {};
    }
    if (table.header.empty() && table.rows.empty()) {
      table.header = std::move(record);
    } else if (record.size() != table.header.size()) {
      return error(record_line, 1,
                   "expected " + std::to_string(table.header.size()) + " fields, found " +
                       std::to_string(record.size()));
    } else {
      table.rows.push_back(std::move(record));
      table.row_lines.push_back(record_line);
    }
    record.clear();
    return {};
  };
  while (i < text.size()) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          i += 2;
          col += 2;
          continue;
        }
        in_quotes = false;
        ++i;
        ++col;
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
          return error(line, col, "expected ',' or end of line after a closing quote");
        continue;
      }
      if (c == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
      field.push_back(c);
      ++i;
      continue;
    }
    if (c == '"') {
      if (field_started) return error(line, col, "unexpected '\"' inside an unquoted field");
      in_quotes = true;
      field_started = true;
      quoted_field = true;
      ++i;
      ++col;
      continue;
    }
    if (c == ',') {
      end_field();
      ++i;
      ++col;
      continue;
    }
    if (c == '\r' || c == '\n') {
      end_field();
      if (auto s = end_record(); !s) return tl::unexpected(s.error());
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++i;
      ++line;
      col = 1;
      record_line = line;
      continue;
    }
    field.push_back(c);
    field_started = true;
    ++i;
    ++col;
  }
  if (in_quotes) return error(line, col, "unterminated quoted field");
  if (field_started || !record.empty()) {
    end_field();
    if (auto s = end_record(); !s) return tl::unexpected(s.error());
  }
  if (table.header.empty()) return error(1, 1, "expected a header row");
  return table;
}

}  // namespace jospar::formats
