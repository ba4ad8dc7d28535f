// Reading the legacy programme template (XLSX or CSV) into a LegacyProgramme with located problems.
#include "formats/legacy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "core/base/text.hpp"
#include "formats/csv.hpp"
#include "formats/xlsx.hpp"

namespace jospar::formats {
namespace {

const char* const kYear = "a year, e.g. 2030";
const char* const kNumber = "a number, e.g. 12.5";
const char* const kText = "text";
const char* const kCode = "a code: letters, digits, - _ . : (at most 64)";

}  // namespace

const std::vector<LegacySheetSpec>& LegacySheets() {
  static const std::vector<LegacySheetSpec> kSheets = {
      {"documents",
       {{"code", true, kCode},
        {"tier", true, "1, 2, 3, 4 or 5"},
        {"type", true, "strategy, national_plan, national_project, concept, state_programme, body_plan, ..."},
        {"title_kk", false, kText},
        {"title_ru", false, kText},
        {"title_en", false, kText},
        {"summary_kk", false, kText},
        {"summary_ru", false, kText},
        {"summary_en", false, kText},
        {"owner_body", false, "the code of an existing state body, e.g. MNE"},
        {"parent", false, "the code of a document in this file or in Jospar"},
        {"start_year", false, kYear},
        {"end_year", false, kYear},
        {"status", false, "draft, approved, in_force, expired or repealed"},
        {"act_kind", false, "decree, resolution, order or law"},
        {"act_number", false, kText},
        {"act_date", false, "a date, yyyy-mm-dd"}}},
      {"goals",
       {{"document", true, "the code of a document in this file or in Jospar"},
        {"code", true, kCode},
        {"parent", false, "empty for a goal; for a task, the code of its goal in the same document"},
        {"title_kk", false, kText},
        {"title_ru", false, kText},
        {"title_en", false, kText}}},
      {"indicators",
       {{"code", true, kCode},
        {"document", true, "the code of the document of its goal"},
        {"goal", true, "the code of a goal or task of that document"},
        {"kind", false, "target or result"},
        {"title_kk", false, kText},
        {"title_ru", false, kText},
        {"title_en", false, kText},
        {"unit_kk", false, kText},
        {"unit_ru", false, kText},
        {"unit_en", false, kText},
        {"direction", false, "increase, decrease or keep"},
        {"baseline_year", false, kYear},
        {"baseline_value", false, kNumber},
        {"target_year", false, kYear},
        {"target_value", false, kNumber},
        {"responsible_body", false, "the code of an existing state body"},
        {"source_kk", false, kText},
        {"source_ru", false, kText},
        {"source_en", false, kText}}},
      {"values",
       {{"indicator", true, "the code of an indicator in this file or in Jospar"},
        {"kind", false, "actual (the default) or planned"},
        {"period", true, "yyyy, yyyy-Qn or yyyy-mm (planned values: yyyy)"},
        {"value", true, kNumber},
        {"disaggregation", false,
         "empty for the total, or DIM=CODE pairs joined by |, e.g. SEX=F|AGE=Y15T24"}}},
  };
  return kSheets;
}

namespace {

std::string BaseName(std::string_view path) {
  auto slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// A cell as the layout sees it: trimmed text, and for XLSX the type and number.
struct Cell {
  std::string text;
  XlsxCellType type = XlsxCellType::kString;
  double number = 0;
};

struct Table {
  std::string file;
  std::string sheet;
  std::vector<std::string> header;
  struct Row {
    int number = 0;  // 1-based row (XLSX) or line (CSV)
    std::vector<Cell> cells;
  };
  std::vector<Row> rows;
};

class Reader {
 public:
  explicit Reader(LegacyReadResult& out) : out_(out) {}

  void Add(const Table& t) {
    const LegacySheetSpec* spec = nullptr;
    for (const auto& s : LegacySheets())
      if (s.name == t.sheet) spec = &s;
    if (!spec) return;
    // Column name -> index in the file.
    std::map<std::string, std::size_t> index;
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      std::string name = AsciiLower(Trim(t.header[c]));
      if (name.empty()) continue;
      bool known = std::any_of(spec->columns.begin(), spec->columns.end(),
                               [&](const LegacyColumn& col) { return col.name == name; });
      if (!known) {
        Problem({t.file, t.sheet, 1, name}, "error.legacy.unknown_column", Columns(*spec), name);
        continue;
      }
      if (index.count(name)) {
        Problem({t.file, t.sheet, 1, name}, "error.legacy.duplicate_column", "each column once", name);
        continue;
      }
      index[name] = c;
    }
    bool complete = true;
    for (const auto& col : spec->columns) {
      if (col.required && !index.count(col.name)) {
        Problem({t.file, t.sheet, 1, col.name}, "error.legacy.missing_column", col.name, "");
        complete = false;
      }
    }
    if (!complete) return;
    for (const auto& row : t.rows) {
      bool blank =
          std::all_of(row.cells.begin(), row.cells.end(), [](const Cell& c) { return c.text.empty(); });
      if (blank) continue;
      RowView v{this, &t, &row, &index};
      if (spec->name == "documents")
        Document(v);
      else if (spec->name == "goals")
        Goal(v);
      else if (spec->name == "indicators")
        Indicator(v);
      else
        Value(v);
    }
  }

  void Problem(SheetLocation at, std::string key, std::string expected, std::string found) {
    out_.problems.push_back({std::move(at), std::move(key), std::move(expected), std::move(found)});
  }

 private:
  static std::string Columns(const LegacySheetSpec& spec) {
    std::string s;
    for (const auto& c : spec.columns) s += (s.empty() ? "" : ", ") + c.name;
    return s;
  }

  struct RowView {
    Reader* reader;
    const Table* table;
    const Table::Row* row;
    const std::map<std::string, std::size_t>* index;

    SheetLocation At(const std::string& column = {}) const {
      return {table->file, table->sheet, row->number, column};
    }
    const Cell* Get(const std::string& column) const {
      auto it = index->find(column);
      if (it == index->end() || it->second >= row->cells.size()) return nullptr;
      const Cell& c = row->cells[it->second];
      return c.text.empty() ? nullptr : &c;
    }
    std::string Text(const std::string& column, bool required = false) const {
      const Cell* c = Get(column);
      if (!c) {
        if (required) reader->Problem(At(column), "error.legacy.required", Expected(column), "");
        return {};
      }
      return c->text;
    }
    std::string Expected(const std::string& column) const {
      for (const auto& s : LegacySheets())
        if (s.name == table->sheet)
          for (const auto& c : s.columns)
            if (c.name == column) return c.expected;
      return {};
    }
    std::optional<double> Number(const std::string& column, bool required = false) const {
      const Cell* c = Get(column);
      if (!c) {
        if (required) reader->Problem(At(column), "error.legacy.required", kNumber, "");
        return std::nullopt;
      }
      auto v = ParseNumber(*c);
      if (!v) reader->Problem(At(column), "error.legacy.number", kNumber, c->text);
      return v;
    }
    // A number cell, or text that reads as a number ("12.5", "12,5", "1 200").
    static std::optional<double> ParseNumber(const Cell& c) {
      if (c.type == XlsxCellType::kNumber) return c.number;
      std::string s;
      for (char ch : c.text) {
        if (ch == ' ' || ch == '\xA0') continue;
        s += ch == ',' ? '.' : ch;
      }
      double v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size() || s.empty() || !std::isfinite(v))
        return std::nullopt;
      return v;
    }
    std::optional<int> Year(const std::string& column) const {
      const Cell* c = Get(column);
      if (!c) return std::nullopt;
      auto v = ParseNumber(*c);
      if (!v || *v != std::floor(*v) || *v < 1000 || *v > 9999) {
        reader->Problem(At(column), "error.legacy.year", kYear, c->text);
        return std::nullopt;
      }
      return static_cast<int>(*v);
    }
    // One of `choices` (case-insensitive); the index, or nullopt (a problem when not empty).
    std::optional<std::size_t> Choice(const std::string& column,
                                      const std::vector<std::string>& choices) const {
      const Cell* c = Get(column);
      if (!c) return std::nullopt;
      std::string s = AsciiLower(c->text);
      for (std::size_t i = 0; i < choices.size(); ++i)
        if (choices[i] == s) return i;
      std::string expected = "one of: ";
      for (std::size_t i = 0; i < choices.size(); ++i) expected += (i ? ", " : "") + choices[i];
      reader->Problem(At(column), "error.legacy.choice", expected, c->text);
      return std::nullopt;
    }
    std::string Date(const std::string& column) const {
      const Cell* c = Get(column);
      if (!c) return {};
      if (c->type == XlsxCellType::kDate) return c->text.substr(0, 10);
      if (c->type == XlsxCellType::kNumber) {
        auto iso = XlsxSerialToIso(c->number, false);
        if (!iso.empty()) return iso.substr(0, 10);
      }
      const std::string& t = c->text;
      bool ok = t.size() == 10 && t[4] == '-' && t[7] == '-';
      for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) ok = ok && t.size() == 10 && t[i] >= '0' && t[i] <= '9';
      if (!ok) {
        reader->Problem(At(column), "error.legacy.date", "a date, yyyy-mm-dd", t);
        return {};
      }
      return t;
    }
    jospar::Text Multilingual(const std::string& prefix) const {
      jospar::Text t;
      t.kk = Text(prefix + "_kk");
      t.ru = Text(prefix + "_ru");
      t.en = Text(prefix + "_en");
      return t;
    }
  };

  void Document(const RowView& v) {
    LegacyDocument d;
    d.at = v.At();
    d.document.code = v.Text("code", true);
    if (auto tier = v.Choice("tier", {"1", "2", "3", "4", "5"}))
      d.document.tier = static_cast<Tier>(*tier + 1);
    else if (!v.Get("tier"))
      v.reader->Problem(v.At("tier"), "error.legacy.required", "1, 2, 3, 4 or 5", "");
    d.document.type = v.Text("type", true);
    d.document.title = v.Multilingual("title");
    d.document.summary = v.Multilingual("summary");
    d.owner_body = v.Text("owner_body");
    d.parent = v.Text("parent");
    d.document.start_year = v.Year("start_year");
    d.document.end_year = v.Year("end_year");
    static const std::vector<std::string> kStatuses = {"draft", "approved", "in_force", "expired",
                                                       "repealed"};
    if (auto s = v.Choice("status", kStatuses)) d.status = ParseDocStatus(kStatuses[*s]);
    d.document.act.kind = v.Text("act_kind");
    d.document.act.number = v.Text("act_number");
    d.document.act.date = v.Date("act_date");
    out_.programme.documents.push_back(std::move(d));
  }

  void Goal(const RowView& v) {
    LegacyGoal g;
    g.at = v.At();
    g.document = v.Text("document", true);
    g.code = v.Text("code", true);
    g.parent = v.Text("parent");
    g.title = v.Multilingual("title");
    out_.programme.goals.push_back(std::move(g));
  }

  void Indicator(const RowView& v) {
    LegacyIndicator i;
    i.at = v.At();
    i.indicator.code = v.Text("code", true);
    i.document = v.Text("document", true);
    i.goal = v.Text("goal", true);
    if (auto k = v.Choice("kind", {"target", "result"}))
      i.indicator.kind = *k == 0 ? IndicatorKind::kTarget : IndicatorKind::kResult;
    i.indicator.title = v.Multilingual("title");
    i.indicator.unit = v.Multilingual("unit");
    if (auto d = v.Choice("direction", {"increase", "decrease", "keep"}))
      i.indicator.direction = static_cast<Direction>(*d);
    i.indicator.baseline_year = v.Year("baseline_year");
    i.indicator.baseline_value = v.Number("baseline_value");
    i.indicator.target_year = v.Year("target_year");
    i.indicator.target_value = v.Number("target_value");
    i.responsible_body = v.Text("responsible_body");
    i.indicator.source = v.Multilingual("source");
    out_.programme.indicators.push_back(std::move(i));
  }

  void Value(const RowView& v) {
    LegacyValue x;
    x.at = v.At();
    x.indicator = v.Text("indicator", true);
    if (auto k = v.Choice("kind", {"actual", "planned"}))
      x.kind = *k == 0 ? LegacyValueKind::kActual : LegacyValueKind::kPlanned;
    if (const Cell* p = v.Get("period"); p && p->type == XlsxCellType::kNumber) {
      if (auto y = v.Year("period")) x.period = std::to_string(*y);
    } else {
      x.period = v.Text("period", true);
    }
    if (auto n = v.Number("value", true)) x.value = *n;
    x.disaggregation = Disaggregation(v);
    out_.programme.values.push_back(std::move(x));
  }

  // "AGE=Y15T24|SEX=F" sorted by dimension; a problem when a pair is not DIM=CODE or a DIM repeats.
  static std::string Disaggregation(const RowView& v) {
    const Cell* c = v.Get("disaggregation");
    if (!c) return {};
    std::vector<std::pair<std::string, std::string>> pairs;
    std::string_view s = c->text;
    bool ok = true;
    while (ok) {
      auto bar = s.find('|');
      std::string_view item = s.substr(0, bar);
      auto eq = item.find('=');
      if (eq == std::string_view::npos) {
        ok = false;
        break;
      }
      std::string dim(Trim(item.substr(0, eq))), code(Trim(item.substr(eq + 1)));
      if (dim.empty() || code.empty() || dim.find_first_of("=|") != std::string::npos ||
          code.find('=') != std::string::npos)
        ok = false;
      for (const auto& p : pairs) ok = ok && p.first != dim;
      pairs.emplace_back(dim, code);
      if (bar == std::string_view::npos) break;
      s.remove_prefix(bar + 1);
    }
    if (!ok) {
      v.reader->Problem(v.At("disaggregation"), "error.legacy.disaggregation",
                        "DIM=CODE pairs joined by |, each DIM once, e.g. SEX=F|AGE=Y15T24", c->text);
      return {};
    }
    std::sort(pairs.begin(), pairs.end());
    std::string out;
    for (const auto& [d, code] : pairs) out += (out.empty() ? "" : "|") + d + "=" + code;
    return out;
  }

  LegacyReadResult& out_;
};

bool LooksLikeZip(std::string_view bytes) { return bytes.size() >= 2 && bytes[0] == 'P' && bytes[1] == 'K'; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && AsciiLower(s.substr(s.size() - suffix.size())) == suffix;
}

}  // namespace

std::string LegacySheetOfCsvName(std::string_view file_name) {
  std::string base = AsciiLower(BaseName(file_name));
  if (!EndsWith(base, ".csv")) return {};
  base.resize(base.size() - 4);
  std::vector<std::string> names = {"instructions"};
  for (const auto& s : LegacySheets()) names.push_back(s.name);
  for (const auto& n : names) {
    if (base.size() < n.size() || base.compare(base.size() - n.size(), n.size(), n) != 0) continue;
    if (base.size() == n.size()) return n;
    char sep = base[base.size() - n.size() - 1];
    if (sep == '-' || sep == '_' || sep == '.' || sep == ' ') return n;
  }
  return {};
}

LegacyReadResult ReadLegacyFiles(const std::vector<LegacyFile>& files) {
  LegacyReadResult out;
  Reader reader(out);
  for (const auto& f : files) {
    const std::string name = BaseName(f.name);
    if (LooksLikeZip(f.bytes) || EndsWith(name, ".xlsx")) {
      auto wb = ReadXlsx(f.bytes, name);
      if (!wb) {
        reader.Problem({name, "", 0, ""}, "error.legacy.unreadable",
                       "an XLSX file made from Jospar's template", wb.error().detail);
        continue;
      }
      bool any = false;
      for (const auto& spec : LegacySheets()) {
        const XlsxSheet* sheet = wb->Find(spec.name);
        if (!sheet) continue;
        any = true;
        Table t;
        t.file = name;
        t.sheet = spec.name;
        if (!sheet->rows.empty())
          for (const auto& c : sheet->rows[0]) t.header.emplace_back(Trim(c.text));
        for (std::size_t r = 1; r < sheet->rows.size(); ++r) {
          Table::Row row;
          row.number = static_cast<int>(r + 1);
          for (const auto& c : sheet->rows[r])
            row.cells.push_back({std::string(Trim(c.text)), c.type, c.number});
          t.rows.push_back(std::move(row));
        }
        reader.Add(t);
      }
      if (!any)
        reader.Problem({name, "", 0, ""}, "error.legacy.no_sheets",
                       "sheets documents, goals, indicators, values", "");
      continue;
    }
    std::string sheet = LegacySheetOfCsvName(name);
    if (sheet == "instructions") continue;  // the template's own instructions, never imported
    if (sheet.empty()) {
      reader.Problem({name, "", 0, ""}, "error.legacy.file_name",
                     "an .xlsx file, or a .csv file named after its sheet: documents.csv, goals.csv, "
                     "indicators.csv, values.csv",
                     name);
      continue;
    }
    auto csv = ParseCsv(f.bytes, name);
    if (!csv) {
      reader.Problem({name, sheet, 0, ""}, "error.legacy.unreadable", "CSV (RFC 4180, UTF-8)",
                     csv.error().detail);
      continue;
    }
    Table t;
    t.file = name;
    t.sheet = sheet;
    t.header = csv->header;
    for (std::size_t r = 0; r < csv->rows.size(); ++r) {
      Table::Row row;
      row.number = csv->row_lines[r];
      for (const auto& field : csv->rows[r])
        row.cells.push_back({std::string(Trim(field)), XlsxCellType::kString, 0});
      t.rows.push_back(std::move(row));
    }
    reader.Add(t);
  }
  return out;
}

}  // namespace jospar::formats
