#include "formats/opendata_writer.hpp"

#include <charconv>
#include <cmath>

#include "formats/csv_write.hpp"
#include "formats/json_text.hpp"

namespace jospar::formats {

namespace {
// Open-data files keep the escapes they were first published with.
constexpr auto kOpenDataJson = JsonControlEscapes::kUnicode;
}  // namespace

std::string ShortestNumber(double v) {
  if (!std::isfinite(v)) return {};
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

namespace {

std::string CsvValue(const opendata::Cell& cell) {
  switch (cell.index()) {
    case 1:
      return CsvField(std::get<std::string>(cell), kExactCsv);
    case 2:
      return std::to_string(std::get<std::int64_t>(cell));
    case 3:
      return ShortestNumber(std::get<double>(cell));
    case 4:
      return std::get<bool>(cell) ? "true" : "false";
    default:
      return {};
  }
}

std::string JsonValue(const opendata::Cell& cell) {
  switch (cell.index()) {
    case 1:
      return JsonString(std::get<std::string>(cell), kOpenDataJson);
    case 2:
      return std::to_string(std::get<std::int64_t>(cell));
    case 3: {
      std::string n = ShortestNumber(std::get<double>(cell));
      return n.empty() ? "null" : n;
    }
    case 4:
      return std::get<bool>(cell) ? "true" : "false";
    default:
      return "null";
  }
}

}  // namespace

std::string WriteOpenDataCsv(const opendata::Table& table) {
  std::string out;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (c) out += ',';
    out += CsvField(table.columns[c].name, kExactCsv);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out += ',';
      out += CsvValue(row[c]);
    }
    out += "\r\n";
  }
  return out;
}

std::string WriteOpenDataJson(const opendata::Table& table) {
  std::string out = "{\"dataset\":" + JsonString(table.dataset, kOpenDataJson) + ",\"columns\":[";
  std::vector<std::string> keys;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const auto& col = table.columns[c];
    if (c) out += ',';
    out += "{\"name\":" + JsonString(col.name, kOpenDataJson) + ",\"type\":\"" +
           std::string(opendata::ToString(col.type)) +
           "\",\"nullable\":" + (col.nullable ? "true" : "false") + "}";
    keys.push_back(JsonString(col.name, kOpenDataJson) + ":");
  }
  out += "],\"records\":[";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    out += r ? ",\n{" : "\n{";
    const auto& row = table.rows[r];
    for (size_t c = 0; c < row.size() && c < keys.size(); ++c) {
      if (c) out += ',';
      out += keys[c];
      out += JsonValue(row[c]);
    }
    out += '}';
  }
  out += table.rows.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace jospar::formats
