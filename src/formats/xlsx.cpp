// XLSX reader: libzip for the archive, libxml2's streaming reader for the parts.
#include "formats/xlsx.hpp"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

namespace jospar::formats {
namespace {

constexpr std::size_t kMaxColumns = 16384;  // XFD
constexpr std::size_t kMaxRows = 1048576;

Error Malformed(std::string detail) {
  return Error{ErrorCode::kInvalidInput, "error.xlsx.malformed", std::move(detail), {}};
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// ---- The archive ----------------------------------------------------------------------------------------

class Archive {
 public:
  ~Archive() {
    if (zip_) zip_discard(zip_);
  }

  Status Open(std::string_view bytes, const std::string& file) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src =
        zip_source_buffer_create(bytes.empty() ? nullptr : bytes.data(), bytes.size(), 0, &err);
    if (!src) {
      zip_error_fini(&err);
      return Fail(Malformed(file + ": cannot read the archive"));
    }
    zip_ = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!zip_) {
      zip_source_free(src);
      zip_error_fini(&err);
      return Fail(Malformed(file + ": not an XLSX file (expected a zip archive of XML parts)"));
    }
    zip_error_fini(&err);
    return {};
  }

  bool Has(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0; }

  // The uncompressed part, or an error when it is missing, damaged or larger than `limit`.
  Result<std::string> Read(const std::string& name, std::size_t limit, const std::string& file) const {
    zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return Fail(Malformed(file + ": part " + name + " is missing"));
    zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (!f) return Fail(Malformed(file + ": part " + name + " cannot be opened (damaged or encrypted)"));
    std::string out;
    char buf[1 << 16];
    for (;;) {
      zip_int64_t n = zip_fread(f, buf, sizeof buf);
      if (n < 0) {
        zip_fclose(f);
        return Fail(Malformed(file + ": part " + name + " is damaged"));
      }
      if (n == 0) break;
      if (out.size() + static_cast<std::size_t>(n) > limit) {
        zip_fclose(f);
        return Fail(Malformed(file + ": part " + name + " is larger than " + std::to_string(limit >> 20) +
                              " MiB uncompressed"));
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
    zip_fclose(f);
    return out;
  }

 private:
  zip_t* zip_ = nullptr;
};

// ---- Streaming XML --------------------------------------------------------------------------------------

void InitXml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// A pull reader over one XML part. Entities are not substituted and no network or DTD is loaded.
class Xml {
 public:
  Xml(const std::string& text, const std::string& part) {
    InitXml();
    reader_ = xmlReaderForMemory(text.data(), static_cast<int>(text.size()), part.c_str(), nullptr,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  }
  ~Xml() {
    if (reader_) xmlFreeTextReader(reader_);
  }
  Xml(const Xml&) = delete;
  Xml& operator=(const Xml&) = delete;

  // Advances to the next node: 1 when there is one, 0 at the end, -1 on a parse error.
  int Next() { return reader_ ? xmlTextReaderRead(reader_) : -1; }
  int Type() const { return xmlTextReaderNodeType(reader_); }
  bool IsStart() const { return Type() == XML_READER_TYPE_ELEMENT; }
  bool IsEnd() const { return Type() == XML_READER_TYPE_END_ELEMENT; }
  bool IsEmpty() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }
  bool IsText() const {
    int t = Type();
    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA || t == XML_READER_TYPE_WHITESPACE ||
           t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
  }
  std::string_view Name() const {
    const xmlChar* n = xmlTextReaderConstLocalName(reader_);
    return n ? std::string_view(reinterpret_cast<const char*>(n)) : std::string_view();
  }
  std::string_view Value() const {
    const xmlChar* v = xmlTextReaderConstValue(reader_);
    return v ? std::string_view(reinterpret_cast<const char*>(v)) : std::string_view();
  }
  // The attributes of the current element by local name (a prefix such as "r:" is dropped).
  std::map<std::string, std::string, std::less<>> Attributes() {
    std::map<std::string, std::string, std::less<>> out;
    if (xmlTextReaderMoveToFirstAttribute(reader_) == 1) {
      do {
        out[std::string(Name())] = std::string(Value());
      } while (xmlTextReaderMoveToNextAttribute(reader_) == 1);
      xmlTextReaderMoveToElement(reader_);
    }
    return out;
  }

 private:
  xmlTextReaderPtr reader_ = nullptr;
};

std::string Attr(const std::map<std::string, std::string, std::less<>>& attrs, std::string_view name) {
  auto it = attrs.find(name);
  return it == attrs.end() ? std::string() : it->second;
}

// ---- Parts of the package -------------------------------------------------------------------------------

struct Relationship {
  std::string type;
  std::string target;
};

Result<std::map<std::string, Relationship>> ReadRels(const std::string& text, const std::string& part,
                                                     const std::string& file) {
  std::map<std::string, Relationship> out;
  Xml x(text, part);
  int r;
  while ((r = x.Next()) == 1) {
    if (x.IsStart() && x.Name() == "Relationship") {
      auto a = x.Attributes();
      out[Attr(a, "Id")] = {Attr(a, "Type"), Attr(a, "Target")};
    }
  }
  if (r < 0) return Fail(Malformed(file + ": " + part + " is not well-formed XML"));
  return out;
}

// Resolves a relationship target against the folder of the part that holds the relationship.
std::string ResolveTarget(const std::string& base_dir, const std::string& target) {
  std::vector<std::string> parts;
  std::string path = target.empty() || target[0] != '/' ? base_dir + "/" + target : target.substr(1);
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

bool BuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

// A custom number format shows a date or time when it has d, m, y, h or s outside quoted text, escaped
// characters and bracketed sections other than elapsed time ([h], [mm], [ss]).
bool CustomDateFormat(std::string_view code) {
  bool in_quote = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (in_quote) {
      if (c == '"') in_quote = false;
      continue;
    }
    if (c == '"') {
      in_quote = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      std::size_t end = code.find(']', i);
      if (end == std::string_view::npos) return false;
      std::string_view inner = code.substr(i + 1, end - i - 1);
      if (!inner.empty() && (inner[0] == 'h' || inner[0] == 'H' || inner[0] == 'm' || inner[0] == 'M' ||
                             inner[0] == 's' || inner[0] == 'S'))
        return true;
      i = end;
    } else if (c == ';') {
      break;  // only the first section decides
    } else {
      char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      if (l == 'd' || l == 'm' || l == 'y' || l == 'h' || l == 's') return true;
    }
  }
  return false;
}

// The styles (cellXfs indexes) whose number format is a date or time.
Result<std::set<std::size_t>> ReadDateStyles(const std::string& text, const std::string& part,
                                             const std::string& file) {
  std::map<int, bool> custom;
  std::vector<int> xf_formats;
  Xml x(text, part);
  int r;
  bool in_cell_xfs = false;
  while ((r = x.Next()) == 1) {
    if (x.IsStart()) {
      auto name = x.Name();
      if (name == "numFmt") {
        auto a = x.Attributes();
        int id = 0;
        auto s = Attr(a, "numFmtId");
        std::from_chars(s.data(), s.data() + s.size(), id);
        custom[id] = CustomDateFormat(Attr(a, "formatCode"));
      } else if (name == "cellXfs" && !x.IsEmpty()) {
        in_cell_xfs = true;
      } else if (name == "xf" && in_cell_xfs) {
        int id = 0;
        auto s = Attr(x.Attributes(), "numFmtId");
        std::from_chars(s.data(), s.data() + s.size(), id);
        xf_formats.push_back(id);
      }
    } else if (x.IsEnd() && x.Name() == "cellXfs") {
      in_cell_xfs = false;
    }
  }
  if (r < 0) return Fail(Malformed(file + ": " + part + " is not well-formed XML"));
  std::set<std::size_t> out;
  for (std::size_t i = 0; i < xf_formats.size(); ++i) {
    int id = xf_formats[i];
    auto it = custom.find(id);
    if (it != custom.end() ? it->second : BuiltinDateFormat(id)) out.insert(i);
  }
  return out;
}

Result<std::vector<std::string>> ReadSharedStrings(const std::string& text, const std::string& part,
                                                   const std::string& file) {
  std::vector<std::string> out;
  Xml x(text, part);
  int r;
  bool in_si = false, in_t = false;
  int rph_depth = 0;
  while ((r = x.Next()) == 1) {
    if (x.IsStart()) {
      auto name = x.Name();
      if (name == "si") {
        out.emplace_back();
        in_si = !x.IsEmpty();
      } else if (name == "rPh" && !x.IsEmpty()) {
        ++rph_depth;
      } else if (name == "t" && in_si && rph_depth == 0 && !x.IsEmpty()) {
        in_t = true;
      }
    } else if (x.IsEnd()) {
      auto name = x.Name();
      if (name == "si")
        in_si = false;
      else if (name == "rPh" && rph_depth > 0)
        --rph_depth;
      else if (name == "t")
        in_t = false;
    } else if (in_t && x.IsText()) {
      out.back() += x.Value();
    }
  }
  if (r < 0) return Fail(Malformed(file + ": " + part + " is not well-formed XML"));
  return out;
}

// "B12" -> (row 11, col 1). False when it is not a cell reference inside the sheet's limits.
bool ParseCellRef(std::string_view ref, std::size_t& row, std::size_t& col) {
  std::size_t i = 0, c = 0, r = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    char ch = ref[i] >= 'a' ? static_cast<char>(ref[i] - 'a' + 'A') : ref[i];
    c = c * 26 + static_cast<std::size_t>(ch - 'A' + 1);
    if (c > kMaxColumns) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + static_cast<std::size_t>(ref[i] - '0');
    if (r > kMaxRows) return false;
  }
  if (r == 0) return false;
  row = r - 1;
  col = c - 1;
  return true;
}

bool ParseRowNumber(std::string_view s, std::size_t& row) {
  std::size_t r = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), r);
  if (ec != std::errc() || p != s.data() + s.size() || r == 0 || r > kMaxRows) return false;
  row = r - 1;
  return true;
}

std::optional<double> ParseDouble(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string ShortestText(double v) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, p) : std::string();
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void CivilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

struct SheetRef {
  std::string name;
  std::string part;
};

class SheetReader {
 public:
  SheetReader(const std::string& file, const std::vector<std::string>& shared,
              const std::set<std::size_t>& dates, bool date1904, const XlsxLimits& limits)
      : file_(file), shared_(shared), dates_(dates), date1904_(date1904), limits_(limits) {}

  Result<XlsxSheet> Read(const SheetRef& ref, const std::string& text) {
    XlsxSheet sheet;
    sheet.name = ref.name;
    Xml x(text, ref.part);
    int r;
    std::size_t row = 0, next_row = 0, next_col = 0;
    bool in_data = false, in_cell = false, in_v = false, in_is = false, in_t = false;
    int rph_depth = 0;
    std::string type, value, inline_text, style;
    std::size_t col = 0;
    std::size_t cells = 0;
    auto location = [&](std::size_t rr, std::size_t cc) {
      return file_ + " [" + ref.name + "] " + XlsxColumnName(cc) + std::to_string(rr + 1);
    };
    auto finish_cell = [&]() -> Status {
      auto cell = MakeCell(type, value, inline_text, style, location(row, col));
      if (!cell) return Fail(cell.error());
      if (cell->type == XlsxCellType::kEmpty) return {};
      // Count the slots this cell materialises before allocating them.
      std::size_t added = sheet.rows.size() <= row ? row + 1 - sheet.rows.size() : 0;
      std::size_t row_size = row < sheet.rows.size() ? sheet.rows[row].size() : 0;
      added += row_size <= col ? col + 1 - row_size : 0;
      if (cells + added > limits_.max_cells)
        return Fail(Malformed(file_ + " [" + ref.name + "]: more than " + std::to_string(limits_.max_cells) +
                              " cells"));
      cells += added;
      if (sheet.rows.size() <= row) sheet.rows.resize(row + 1);
      auto& cells_of_row = sheet.rows[row];
      if (cells_of_row.size() <= col) cells_of_row.resize(col + 1);
      cells_of_row[col] = std::move(*cell);
      return {};
    };
    while ((r = x.Next()) == 1) {
      if (x.IsStart()) {
        auto name = x.Name();
        if (name == "sheetData") {
          in_data = !x.IsEmpty();
        } else if (!in_data) {
          continue;
        } else if (name == "row") {
          auto a = x.Attributes();
          auto rs = Attr(a, "r");
          if (rs.empty()) {
            row = next_row;
          } else if (!ParseRowNumber(rs, row)) {
            return Fail(Malformed(file_ + " [" + ref.name + "]: row number \"" + rs + "\" is not valid"));
          }
          if (row >= kMaxRows)
            return Fail(
                Malformed(file_ + " [" + ref.name + "]: more than " + std::to_string(kMaxRows) + " rows"));
          next_row = row + 1;
          next_col = 0;
        } else if (name == "c") {
          auto a = x.Attributes();
          auto rs = Attr(a, "r");
          if (rs.empty()) {
            col = next_col;
            if (col >= kMaxColumns)
              return Fail(Malformed(location(row, kMaxColumns - 1) + ": more than 16384 columns"));
          } else {
            std::size_t cell_row = 0;
            if (!ParseCellRef(rs, cell_row, col))
              return Fail(Malformed(file_ + " [" + ref.name + "] row " + std::to_string(row + 1) +
                                    ": cell reference \"" + rs +
                                    "\" is not valid (expected column letters and a row number, e.g. B12)"));
            if (cell_row != row)
              return Fail(Malformed(file_ + " [" + ref.name + "] " + rs + ": the cell is not in row " +
                                    std::to_string(row + 1)));
          }
          next_col = col + 1;
          type = Attr(a, "t");
          style = Attr(a, "s");
          value.clear();
          inline_text.clear();
          in_cell = true;
          if (x.IsEmpty()) {
            in_cell = false;
            auto st = finish_cell();
            if (!st) return Fail(st.error());
          }
        } else if (in_cell && name == "v" && !x.IsEmpty()) {
          in_v = true;
        } else if (in_cell && name == "is" && !x.IsEmpty()) {
          in_is = true;
        } else if (in_is && name == "rPh" && !x.IsEmpty()) {
          ++rph_depth;
        } else if (in_is && name == "t" && rph_depth == 0 && !x.IsEmpty()) {
          in_t = true;
        }
      } else if (x.IsEnd()) {
        auto name = x.Name();
        if (name == "sheetData") {
          in_data = false;
        } else if (name == "v") {
          in_v = false;
        } else if (name == "t") {
          in_t = false;
        } else if (name == "rPh" && rph_depth > 0) {
          --rph_depth;
        } else if (name == "is") {
          in_is = false;
        } else if (name == "c" && in_cell) {
          in_cell = false;
          auto st = finish_cell();
          if (!st) return Fail(st.error());
        }
      } else if (x.IsText()) {
        if (in_v)
          value += x.Value();
        else if (in_t)
          inline_text += x.Value();
      }
    }
    if (r < 0) return Fail(Malformed(file_ + " [" + ref.name + "]: " + ref.part + " is not well-formed XML"));
    while (!sheet.rows.empty() && sheet.rows.back().empty()) sheet.rows.pop_back();
    return sheet;
  }

 private:
  Result<XlsxCell> MakeCell(const std::string& type, const std::string& value, const std::string& inline_text,
                            const std::string& style, const std::string& where) const {
    XlsxCell c;
    if (type == "inlineStr") {
      if (inline_text.empty()) return c;
      c.type = XlsxCellType::kString;
      c.text = inline_text;
      return c;
    }
    if (type == "s") {
      if (value.empty()) return c;
      std::size_t index = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
      if (ec != std::errc() || p != value.data() + value.size())
        return Fail(Malformed(where + ": shared string index \"" + value + "\" is not a number"));
      if (index >= shared_.size())
        return Fail(Malformed(where + ": shared string " + value + " does not exist (the file has " +
                              std::to_string(shared_.size()) + ")"));
      if (shared_[index].empty()) return c;
      c.type = XlsxCellType::kString;
      c.text = shared_[index];
      return c;
    }
    if (type == "str") {
      if (value.empty()) return c;
      c.type = XlsxCellType::kString;
      c.text = value;
      return c;
    }
    if (type == "b") {
      if (value.empty()) return c;
      if (value != "0" && value != "1")
        return Fail(Malformed(where + ": boolean \"" + value + "\" is not 0 or 1"));
      c.type = XlsxCellType::kBool;
      c.number = value == "1" ? 1 : 0;
      c.text = value == "1" ? "TRUE" : "FALSE";
      return c;
    }
    if (type == "e") {
      c.type = XlsxCellType::kError;
      c.text = value;
      return c;
    }
    if (type == "d") {
      if (value.empty()) return c;
      c.type = XlsxCellType::kDate;
      c.text =
          value.size() >= 19 && value.substr(11, 8) != "00:00:00" ? value.substr(0, 19) : value.substr(0, 10);
      return c;
    }
    if (!type.empty() && type != "n")
      return Fail(
          Malformed(where + ": cell type \"" + type + "\" is not one of s, str, inlineStr, n, b, e, d"));
    if (value.empty()) return c;
    auto v = ParseDouble(value);
    if (!v) return Fail(Malformed(where + ": \"" + value + "\" is not a number"));
    c.number = *v;
    std::size_t style_index = 0;
    bool is_date = false;
    if (!style.empty()) {
      auto [p, ec] = std::from_chars(style.data(), style.data() + style.size(), style_index);
      is_date = ec == std::errc() && p == style.data() + style.size() && dates_.count(style_index) > 0;
    }
    if (is_date) {
      auto iso = XlsxSerialToIso(*v, date1904_);
      if (!iso.empty()) {
        c.type = XlsxCellType::kDate;
        c.text = std::move(iso);
        return c;
      }
    }
    c.type = XlsxCellType::kNumber;
    c.text = ShortestText(*v);
    return c;
  }

  const std::string& file_;
  const std::vector<std::string>& shared_;
  const std::set<std::size_t>& dates_;
  bool date1904_;
  const XlsxLimits& limits_;
};

}  // namespace

const XlsxCell& XlsxSheet::At(std::size_t row, std::size_t col) const {
  static const XlsxCell kEmpty;
  if (row >= rows.size() || col >= rows[row].size()) return kEmpty;
  return rows[row][col];
}

const XlsxSheet* XlsxWorkbook::Find(std::string_view name) const {
  for (const auto& s : sheets)
    if (IEquals(s.name, name)) return &s;
  return nullptr;
}

std::string XlsxColumnName(std::size_t col) {
  std::string out;
  std::size_t n = col + 1;
  while (n > 0) {
    std::size_t rem = (n - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  return out;
}

std::string XlsxSerialToIso(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) return {};
  double day_part = std::floor(serial);
  auto secs = static_cast<std::int64_t>(std::llround((serial - day_part) * 86400.0));
  auto day = static_cast<std::int64_t>(day_part);
  if (secs >= 86400) {
    ++day;
    secs -= 86400;
  }
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  if (!date1904 && day == 60) {
    y = 1900, m = 2, d = 29;  // Excel's fictitious leap day
  } else {
    // Days since 1970-01-01: the 1900 system counts 1900-01-01 as 1 (and 1900-02-29 as 60).
    std::int64_t epoch = date1904 ? -24107 : (day < 60 ? -25568 : -25569);
    CivilFromDays(epoch + day, y, m, d);
  }
  if (y > 9999) return {};
  auto pad = [](std::int64_t v, std::size_t width) {
    std::string t = std::to_string(v);
    if (t.size() < width) t.insert(0, width - t.size(), '0');
    return t;
  };
  std::string out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2);
  if (secs != 0) out += "T" + pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2) + ":" + pad(secs % 60, 2);
  return out;
}

Result<XlsxWorkbook> ReadXlsx(std::string_view bytes, std::string_view file_name, const XlsxLimits& limits) {
  const std::string file(file_name);
  Archive zip;
  if (auto st = zip.Open(bytes, file); !st) return Fail(st.error());

  // The main document: from the package relationships, else the usual place.
  std::string workbook_part = "xl/workbook.xml";
  if (zip.Has("_rels/.rels")) {
    auto text = zip.Read("_rels/.rels", limits.max_part_bytes, file);
    if (!text) return Fail(text.error());
    auto rels = ReadRels(*text, "_rels/.rels", file);
    if (!rels) return Fail(rels.error());
    for (const auto& [id, rel] : *rels) {
      if (rel.type.size() >= 15 && rel.type.compare(rel.type.size() - 15, 15, "/officeDocument") == 0) {
        workbook_part = ResolveTarget("", rel.target);
        break;
      }
    }
  }
  const std::size_t slash = workbook_part.rfind('/');
  const std::string base = slash == std::string::npos ? std::string() : workbook_part.substr(0, slash);
  const std::string leaf = slash == std::string::npos ? workbook_part : workbook_part.substr(slash + 1);

  auto wb_text = zip.Read(workbook_part, limits.max_part_bytes, file);
  if (!wb_text) return Fail(wb_text.error());
  bool date1904 = false;
  std::vector<std::pair<std::string, std::string>> sheet_ids;  // name, relationship id
  {
    Xml x(*wb_text, workbook_part);
    int r;
    while ((r = x.Next()) == 1) {
      if (!x.IsStart()) continue;
      if (x.Name() == "workbookPr") {
        auto v = Attr(x.Attributes(), "date1904");
        date1904 = v == "1" || v == "true";
      } else if (x.Name() == "sheet") {
        auto a = x.Attributes();
        sheet_ids.emplace_back(Attr(a, "name"), Attr(a, "id"));
      }
    }
    if (r < 0) return Fail(Malformed(file + ": " + workbook_part + " is not well-formed XML"));
  }

  const std::string rels_part = (base.empty() ? "" : base + "/") + "_rels/" + leaf + ".rels";
  auto rels_text = zip.Read(rels_part, limits.max_part_bytes, file);
  if (!rels_text) return Fail(rels_text.error());
  auto rels = ReadRels(*rels_text, rels_part, file);
  if (!rels) return Fail(rels.error());

  std::vector<std::string> shared;
  std::set<std::size_t> date_styles;
  for (const auto& [id, rel] : *rels) {
    const std::string part = ResolveTarget(base, rel.target);
    auto ends_with = [&type = rel.type](std::string_view suffix) {
      return type.size() >= suffix.size() &&
             type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (ends_with("/sharedStrings")) {
      auto text = zip.Read(part, limits.max_part_bytes, file);
      if (!text) return Fail(text.error());
      auto s = ReadSharedStrings(*text, part, file);
      if (!s) return Fail(s.error());
      shared = std::move(*s);
    } else if (ends_with("/styles")) {
      auto text = zip.Read(part, limits.max_part_bytes, file);
      if (!text) return Fail(text.error());
      auto s = ReadDateStyles(*text, part, file);
      if (!s) return Fail(s.error());
      date_styles = std::move(*s);
    }
  }

  XlsxWorkbook wb;
  SheetReader reader(file, shared, date_styles, date1904, limits);
  for (const auto& [name, rid] : sheet_ids) {
    auto it = rels->find(rid);
    if (it == rels->end())
      return Fail(
          Malformed(file + ": sheet \"" + name + "\" has no relationship " + rid + " in " + rels_part));
    const auto& type = it->second.type;
    if (type.size() < 10 || type.compare(type.size() - 10, 10, "/worksheet") != 0) continue;  // chart sheet
    SheetRef ref{name, ResolveTarget(base, it->second.target)};
    auto text = zip.Read(ref.part, limits.max_part_bytes, file);
    if (!text) return Fail(text.error());
    auto sheet = reader.Read(ref, *text);
    if (!sheet) return Fail(sheet.error());
    wb.sheets.push_back(std::move(*sheet));
  }
  return wb;
}

}  // namespace jospar::formats
