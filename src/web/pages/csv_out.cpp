#include "web/pages/csv_out.hpp"

namespace jospar::web {

std::string CsvField(std::string_view field) {
  std::string s;
  if (!field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '@' || field[0] == '\t')) s = "'";
  s += field;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  q += '"';
  return q;
}

CsvWriter::CsvWriter() : out_("\xEF\xBB\xBF") {}

void CsvWriter::Row(const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out_ += ',';
    out_ += CsvField(fields[i]);
  }
  out_ += "\r\n";
}

}  // namespace jospar::web
