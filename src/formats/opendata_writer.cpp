#include "formats/opendata_writer.hpp"

#include <charconv>
#include <cmath>

namespace jospar::formats {

std::string ShortestNumber(double v) {
  if (!std::isfinite(v)) return {};
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    unsigned cp = 0;
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    }
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok) {
      if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
          (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        ok = false;
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string CsvCell(std::string_view field) {
  const std::string s = ValidUtf8(field);
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

std::string JsonString(std::string_view raw) {
  const std::string s = ValidUtf8(raw);
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static const char* kHex = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

namespace {

std::string CsvValue(const opendata::Cell& cell) {
  switch (cell.index()) {
    case 1:
      return CsvCell(std::get<std::string>(cell));
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
      return JsonString(std::get<std::string>(cell));
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
    out += CsvCell(table.columns[c].name);
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
  std::string out = "{\"dataset\":" + JsonString(table.dataset) + ",\"columns\":[";
  std::vector<std::string> keys;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const auto& col = table.columns[c];
    if (c) out += ',';
    out += "{\"name\":" + JsonString(col.name) + ",\"type\":\"" + std::string(opendata::ToString(col.type)) +
           "\",\"nullable\":" + (col.nullable ? "true" : "false") + "}";
    keys.push_back(JsonString(col.name) + ":");
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
