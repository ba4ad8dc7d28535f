#include "formats/csv_write.hpp"

#include "core/base/text.hpp"

namespace jospar::formats {

std::string CsvField(std::string_view field, const CsvStyle& style) {
  std::string s;
  if (style.formula_guard && !field.empty() &&
      (field[0] == '=' || field[0] == '+' || field[0] == '@' || field[0] == '\t'))
    s = "'";
  s += ValidUtf8(field);
  const bool quote = s.find_first_of(",\"\r\n") != std::string::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

CsvWriter::CsvWriter(const CsvStyle& style) : style_(style) {
  if (style_.byte_order_mark) out_ = "\xEF\xBB\xBF";
}

void CsvWriter::Row(const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out_ += ',';
    out_ += CsvField(fields[i], style_);
  }
  out_ += "\r\n";
}

}  // namespace jospar::formats
