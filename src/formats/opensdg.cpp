#include "formats/opensdg.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/base/text.hpp"
#include "formats/csv.hpp"
#include "formats/yaml_load.hpp"

namespace jospar::formats {
namespace fs = std::filesystem;

namespace {

constexpr std::array<Lang, 3> kOrder = {Lang::kKk, Lang::kRu, Lang::kEn};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

Result<std::string> ReadFile(const fs::path& path, const std::string& rel) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kNotFound, "error.import.unreadable", rel + ": cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Stem "1-1-1" -> code "1.1.1".
std::string StemToCode(std::string_view stem) {
  std::string code(stem);
  std::replace(code.begin(), code.end(), '-', '.');
  return code;
}

// "1.1.1" -> "1.1"; "" when the code has fewer than two parts.
std::string TargetOf(const std::string& code) {
  size_t first = code.find('.');
  if (first == std::string::npos) return {};
  size_t second = code.find('.', first + 1);
  return code.substr(0, second);
}

bool IsCodeListName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
  });
}

// Translation groups of the three languages: group -> key -> text.
struct Translations {
  std::map<std::string, TranslationFile, std::less<>> groups[3];

  bool HasGroup(std::string_view group) const {
    for (const auto& g : groups)
      if (g.find(group) != g.end()) return true;
    return false;
  }
  const std::string* Find(Lang lang, std::string_view group, std::string_view key) const {
    const auto& g = groups[static_cast<int>(lang)];
    auto it = g.find(group);
    if (it == g.end()) return nullptr;
    auto k = it->second.find(key);
    return k == it->second.end() ? nullptr : &k->second;
  }
  // A metadata value: "group.key" of a known group resolves per language (missing -> empty); any other
  // non-empty value is a literal shown in every language.
  Text Resolve(std::string_view value) const {
    Text t;
    value = Trim(value);
    if (value.empty()) return t;
    size_t dot = value.find('.');
    if (dot != std::string_view::npos && HasGroup(value.substr(0, dot))) {
      for (Lang l : kOrder)
        if (const auto* s = Find(l, value.substr(0, dot), value.substr(dot + 1))) t.Get(l) = *s;
      return t;
    }
    for (Lang l : kOrder) t.Get(l) = std::string(value);
    return t;
  }
};

// Fills each empty language of `into` from `from`.
void FillMissing(Text& into, const Text& from) {
  for (Lang l : kOrder)
    if (into.Get(l).empty()) into.Get(l) = from.Get(l);
}

const std::string* Field(const MetaFile& m, std::string_view key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

Result<double> ParseNumber(std::string_view cell) {
  cell = Trim(cell);
  double v = 0;
  auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(v))
    return Fail(ErrorCode::kInvalidInput, "error.import.malformed");
  return v;
}

}  // namespace

Result<TranslationFile> ParseTranslationYaml(std::string_view text, std::string_view file_name) {
  auto doc = LoadYaml(text, file_name);
  if (!doc) return tl::unexpected(doc.error());
  TranslationFile out;
  try {
    if (doc->IsNull()) return out;
    if (!doc->IsMap()) return YamlError(file_name, *doc, "expected a mapping of keys to texts");
    for (const auto& kv : *doc) {
      if (!kv.first.IsScalar()) return YamlError(file_name, kv.first, "expected a key");
      if (kv.second.IsNull()) continue;
      if (!kv.second.IsScalar()) return YamlError(file_name, kv.second, "expected a text");
      out.insert_or_assign(kv.first.Scalar(), kv.second.Scalar());
    }
  } catch (const YAML::Exception& e) {
    return YamlError(file_name, e.mark, e.msg);
  }
  return out;
}

Result<MetaFile> ParseMetaYaml(std::string_view text, std::string_view file_name) {
  auto doc = LoadYaml(text, file_name);
  if (!doc) return tl::unexpected(doc.error());
  MetaFile out;
  try {
    if (doc->IsNull()) return out;
    if (!doc->IsMap()) return YamlError(file_name, *doc, "expected a mapping of metadata fields");
    for (const auto& kv : *doc) {
      if (!kv.first.IsScalar()) return YamlError(file_name, kv.first, "expected a field name");
      if (kv.first.Scalar().empty()) continue;
      if (kv.second.IsScalar())
        out.insert_or_assign(kv.first.Scalar(), kv.second.Scalar());
      else if (kv.second.IsNull())
        out.insert_or_assign(kv.first.Scalar(), std::string());
    }
  } catch (const YAML::Exception& e) {
    return YamlError(file_name, e.mark, e.msg);
  }
  return out;
}

Result<DataFile> ParseOpenSdgCsv(std::string_view text, std::string_view file_name) {
  auto table = ParseCsv(text, file_name, CsvOptions{.skip_ragged_rows = true});
  if (!table) return tl::unexpected(table.error());
  DataFile out;
  const auto& header = table->header;
  auto header_error = [&](size_t col, std::string_view what) {
    return Fail(ErrorCode::kInvalidInput, "error.import.malformed",
                Located(file_name, 1, static_cast<int>(col + 1), what));
  };
  int year = -1, value = -1, series = -1, unit = -1, units = -1;
  std::vector<size_t> dims, unnamed;
  std::set<std::string_view> seen_names;
  for (size_t c = 0; c < header.size(); ++c) {
    std::string_view name = Trim(header[c]);
    if (name.empty()) {
      unnamed.push_back(c);
      continue;
    }
    if (!seen_names.insert(name).second)
      return header_error(c, "column '" + std::string(name) + "' repeated");
    if (name == "Year")
      year = static_cast<int>(c);
    else if (name == "Value")
      value = static_cast<int>(c);
    else if (name == "SERIES")
      series = static_cast<int>(c);
    else if (name == "UNIT_MEASURE")
      unit = static_cast<int>(c);
    else if (name == "Units")
      units = static_cast<int>(c);
    else if (name != "GeoCode")  // GeoCode repeats REF_AREA for maps (config_data.yml)
      dims.push_back(c);
  }
  if (year < 0) return header_error(0, "expected a 'Year' column");
  if (value < 0) return header_error(0, "expected a 'Value' column");

  for (const auto& s : table->skipped) {
    out.warnings.push_back(Located(file_name, s.line, 1,
                                   "row skipped: expected " + std::to_string(header.size()) +
                                       " fields, found " + std::to_string(s.fields)));
  }
  std::unordered_map<std::string, size_t> index;  // observation key -> position in out.observations
  std::vector<int> obs_lines;
  int duplicates = 0, empty_values = 0, first_dup_line = 0, first_dup_of = 0;
  std::vector<std::pair<std::string, std::string>> pairs;
  out.observations.reserve(table->rows.size());
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    auto cell_error = [&](size_t c, std::string_view what) {
      CsvPos p = table->Pos(r, c);
      return Fail(ErrorCode::kInvalidInput, "error.import.malformed",
                  Located(file_name, p.line, p.column, what));
    };
    for (size_t c : unnamed)
      if (!Trim(row[c]).empty()) return cell_error(c, "a value in a column without a name");
    std::string_view value_cell = Trim(row[value]);
    if (value_cell.empty()) {
      ++empty_values;
      continue;
    }
    auto v = ParseNumber(value_cell);
    if (!v) return cell_error(value, "expected a number");
    std::string_view year_cell = Trim(row[year]);
    auto y = ParseNumber(year_cell);
    if (!y || *y != std::floor(*y)) return cell_error(year, "expected a number (a year)");
    if (*y < 1900 || *y > 2200) return cell_error(year, "expected a year between 1900 and 2200");
    Observation o;
    o.period = std::to_string(static_cast<int>(*y));
    o.value = *v;
    if (series >= 0) o.series = std::string(Trim(row[series]));
    if (unit >= 0) o.unit = std::string(Trim(row[unit]));
    if (o.unit.empty() && units >= 0) o.unit = std::string(Trim(row[units]));
    pairs.clear();
    for (size_t c : dims) pairs.emplace_back(std::string(Trim(header[c])), std::string(Trim(row[c])));
    o.disaggregation = CanonicalDisaggregation(std::move(pairs));
    pairs = {};
    std::string key = o.series + '\x1f' + o.unit + '\x1f' + o.period + '\x1f' + o.disaggregation;
    auto [it, inserted] = index.try_emplace(std::move(key), out.observations.size());
    if (inserted) {
      out.observations.push_back(std::move(o));
      obs_lines.push_back(table->row_lines[r]);
    } else {
      if (duplicates++ == 0) {
        first_dup_line = table->row_lines[r];
        first_dup_of = obs_lines[it->second];
      }
      out.observations[it->second].value = o.value;
      obs_lines[it->second] = table->row_lines[r];
    }
  }
  if (duplicates > 0) {
    out.warnings.push_back(Located(file_name, first_dup_line, 1,
                                   std::to_string(duplicates) +
                                       " row(s) repeat the year, series, unit and disaggregation of an "
                                       "earlier row (first: this line repeats line " +
                                       std::to_string(first_dup_of) + "); the later value is kept"));
  }
  if (empty_values > 0) {
    out.warnings.push_back(std::string(file_name) + ": " + std::to_string(empty_values) +
                           " row(s) without a value skipped");
  }
  return out;
}

namespace {

struct Entry {
  fs::path path;
  std::string rel;  // relative to the repository root, '/'-separated
  bool is_dir = false;
};

std::vector<Entry> ListDir(const fs::path& dir, const std::string& rel_prefix) {
  std::vector<Entry> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    Entry e{it->path(), rel_prefix + it->path().filename().string(), it->is_directory(ec)};
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.rel < b.rel; });
  return out;
}

std::string Stem(const std::string& rel, std::string_view prefix, std::string_view suffix) {
  std::string name = rel.substr(rel.rfind('/') + 1);
  return name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
}

Text JoinTexts(const std::vector<Text>& parts, std::string_view sep) {
  Text out;
  for (Lang l : kOrder) {
    for (const auto& p : parts) {
      if (p.Get(l).empty()) continue;
      if (!out.Get(l).empty()) out.Get(l) += sep;
      out.Get(l) += p.Get(l);
    }
  }
  return out;
}

}  // namespace

Result<OpenSdgDataset> ReadOpenSdg(const std::string& dir) {
  std::error_code ec;
  fs::path root(dir);
  if (!fs::is_directory(root, ec))
    return Fail(ErrorCode::kNotFound, "error.import.not_found", dir + ": not a directory");
  for (const char* need : {"data", "meta", "translations"}) {
    if (!fs::is_directory(root / need, ec)) {
      return Fail(ErrorCode::kInvalidInput, "error.import.malformed",
                  dir + ": not an Open SDG repository: expected the folder " + need + "/");
    }
  }
  OpenSdgDataset ds;
  auto warn = [&](std::string w) { ds.warnings.push_back(std::move(w)); };

  // Top level: anything but the known parts of a repository is reported.
  for (const auto& e : ListDir(root, "")) {
    static const std::set<std::string, std::less<>> kKnown = {
        "data", "meta", "translations", "indicator-config", "config_data.yml", "_prose.yml", "LICENSE"};
    if (kKnown.count(e.rel) || StartsWith(e.rel, ".") || StartsWith(e.rel, "README") ||
        StartsWith(e.rel, "LICENSE"))
      continue;
    warn(e.rel + (e.is_dir ? "/" : "") + ": not part of an Open SDG repository; skipped");
  }

  // Translations.
  Translations tr;
  for (const auto& lang_dir : ListDir(root / "translations", "translations/")) {
    std::string lang_code = lang_dir.rel.substr(lang_dir.rel.rfind('/') + 1);
    auto lang = ParseLang(lang_code);
    if (!lang_dir.is_dir || !lang || LangCode(*lang) != lang_code) {
      warn(lang_dir.rel + (lang_dir.is_dir ? "/" : "") + ": not a translation folder (kk, ru, en); skipped");
      continue;
    }
    for (const auto& f : ListDir(lang_dir.path, lang_dir.rel + "/")) {
      if (f.is_dir || !EndsWith(f.rel, ".yml")) {
        warn(f.rel + (f.is_dir ? "/" : "") + ": not a translation file (.yml); skipped");
        continue;
      }
      auto text = ReadFile(f.path, f.rel);
      if (!text) return tl::unexpected(text.error());
      auto file = ParseTranslationYaml(*text, f.rel);
      if (!file) return tl::unexpected(file.error());
      tr.groups[static_cast<int>(*lang)][Stem(f.rel, "", ".yml")] = std::move(*file);
    }
  }
  for (Lang l : kOrder)
    if (tr.groups[static_cast<int>(l)].empty())
      warn("translations/" + std::string(LangCode(l)) + "/: no translations in this language");

  // Goals and targets.
  std::map<std::string, SdgGoalEntry, decltype(&NaturalCodeLess)> goals(&NaturalCodeLess);
  std::map<std::string, SdgTargetEntry, decltype(&NaturalCodeLess)> targets(&NaturalCodeLess);
  for (Lang l : kOrder) {
    auto& groups = tr.groups[static_cast<int>(l)];
    if (auto it = groups.find("global_goals"); it != groups.end()) {
      for (const auto& [key, text] : it->second) {
        bool title = EndsWith(key, "-title"), shrt = EndsWith(key, "-short");
        if (!title && !shrt) continue;
        std::string code = key.substr(0, key.size() - 6);
        auto& goal = goals[code];
        goal.code = code;
        (title ? goal.title : goal.short_title).Get(l) = text;
      }
    }
    if (auto it = groups.find("global_targets"); it != groups.end()) {
      for (const auto& [key, text] : it->second) {
        if (!EndsWith(key, "-title")) continue;
        std::string code = StemToCode(key.substr(0, key.size() - 6));
        auto& target = targets[code];
        target.code = code;
        target.goal_code = code.substr(0, code.find('.'));
        target.title.Get(l) = text;
      }
    }
  }
  for (auto& [code, g] : goals) ds.goals.push_back(std::move(g));
  for (auto& [code, t] : targets) ds.targets.push_back(std::move(t));

  // Code lists: UPPER_CASE translation groups.
  {
    std::map<std::pair<std::string, std::string>, Text> names;
    for (Lang l : kOrder) {
      for (const auto& [group, file] : tr.groups[static_cast<int>(l)]) {
        if (!IsCodeListName(group)) continue;
        for (const auto& [code, text] : file) {
          if (code == group)
            names[{kDimensionNames, code}].Get(l) = text;
          else
            names[{group, code}].Get(l) = text;
        }
      }
    }
    for (auto& [key, title] : names)
      ds.code_names.push_back(CodeName{key.first, key.second, std::move(title)});
  }

  // Indicator metadata: indicator-config/ first, then meta/ (whose fields win).
  std::map<std::string, MetaFile, decltype(&NaturalCodeLess)> meta(&NaturalCodeLess);  // by stem
  for (const char* folder : {"indicator-config", "meta"}) {
    if (!fs::is_directory(root / folder, ec)) continue;
    for (const auto& f : ListDir(root / folder, std::string(folder) + "/")) {
      if (f.is_dir || !EndsWith(f.rel, ".yml")) {
        warn(f.rel + (f.is_dir ? "/" : "") + ": not an indicator metadata file (G-T-I.yml); skipped");
        continue;
      }
      auto text = ReadFile(f.path, f.rel);
      if (!text) return tl::unexpected(text.error());
      auto file = ParseMetaYaml(*text, f.rel);
      if (!file) return tl::unexpected(file.error());
      auto& m = meta[Stem(f.rel, "", ".yml")];
      for (auto& [k, v] : *file) m.insert_or_assign(k, std::move(v));
    }
  }

  // Data files.
  std::map<std::string, std::pair<std::string, DataFile>> data;  // stem -> (rel, rows)
  for (const auto& f : ListDir(root / "data", "data/")) {
    std::string name = f.rel.substr(5);
    if (f.is_dir || !StartsWith(name, "indicator_") || !EndsWith(name, ".csv")) {
      warn(f.rel + (f.is_dir ? "/" : "") + ": not an indicator data file (indicator_G-T-I.csv); skipped");
      continue;
    }
    std::string stem = Stem(f.rel, "indicator_", ".csv");
    if (!meta.count(stem)) {
      warn(f.rel + ": no metadata for indicator " + StemToCode(stem) + " (meta/" + stem + ".yml); skipped");
      continue;
    }
    auto text = ReadFile(f.path, f.rel);
    if (!text) return tl::unexpected(text.error());
    auto rows = ParseOpenSdgCsv(*text, f.rel);
    if (!rows) return tl::unexpected(rows.error());
    for (auto& w : rows->warnings) warn(std::move(w));
    rows->warnings.clear();
    data[stem] = {f.rel, std::move(*rows)};
  }

  // Indicators.
  for (auto& [stem, m] : meta) {
    NationalIndicator ind;
    const std::string* number = Field(m, "indicator_number");
    ind.code = number && !Trim(*number).empty() ? std::string(Trim(*number)) : StemToCode(stem);
    ind.target_code = TargetOf(ind.code);
    for (const char* key : {"indicator_available", "graph_title", "indicator_name"}) {
      const std::string* v = Field(m, key);
      if (!v) continue;
      // graph_title is the national formulation only when it points into national_indicators.
      if (std::string_view(key) == "graph_title" && !StartsWith(*v, "national_indicators.")) continue;
      FillMissing(ind.title, tr.Resolve(*v));
    }
    if (const std::string* v = Field(m, "graph_title")) FillMissing(ind.title, tr.Resolve(*v));
    if (const std::string* v = Field(m, "computation_units")) ind.unit = tr.Resolve(*v);
    if (const std::string* v = Field(m, "reporting_status")) ind.reporting_status = *v;
    std::vector<Text> source_texts;
    for (int n = 1; n < 100; ++n) {
      std::string suffix = std::to_string(n);
      suffix.insert(suffix.begin(), '_');  // not "_" + ...: GCC 12 -O3 reports a false -Wrestrict
      const std::string* active = Field(m, "source_active" + suffix);
      const std::string* org = Field(m, "source_compilation" + suffix);
      const std::string* dat = Field(m, "source_data" + suffix);
      const std::string* impl = Field(m, "source_implementation" + suffix);
      if (!active && !org && !dat && !impl) break;
      if (active && *active == "false") continue;
      IndicatorSource s;
      if (org) s.organisation = tr.Resolve(*org);
      if (dat) s.data = tr.Resolve(*dat);
      if (impl) s.implementation = tr.Resolve(*impl);
      if (s.organisation.Empty() && s.data.Empty() && s.implementation.Empty()) continue;
      source_texts.push_back(JoinTexts({s.organisation, s.data}, " — "));
      ind.sources.push_back(std::move(s));
    }
    ind.source = JoinTexts(source_texts, "; ");
    if (auto it = data.find(stem); it != data.end()) {
      ind.data_file = it->second.first;
      ind.observations = std::move(it->second.second.observations);
      std::set<std::string> series, units;
      for (const auto& o : ind.observations) {
        if (!o.series.empty()) series.insert(o.series);
        units.insert(o.unit);
      }
      ind.series.assign(series.begin(), series.end());
      if (ind.unit.Empty()) {
        // No computation unit in the metadata: the names of the units its data uses, joined.
        std::vector<Text> names;
        for (const auto& u : units)
          if (!u.empty()) names.push_back(tr.Resolve("UNIT_MEASURE." + u));
        ind.unit = JoinTexts(names, "; ");
      }
    }
    if (ind.title.Empty()) {
      warn("meta/" + stem + ".yml: indicator " + ind.code + " has no title in any language; skipped");
      continue;
    }
    ds.indicators.push_back(std::move(ind));
  }
  std::stable_sort(
      ds.indicators.begin(), ds.indicators.end(),
      [](const NationalIndicator& a, const NationalIndicator& b) { return NaturalCodeLess(a.code, b.code); });
  // Two metadata files claiming the same indicator number: the first (in code order) is kept.
  for (size_t i = 1; i < ds.indicators.size();) {
    if (ds.indicators[i].code == ds.indicators[i - 1].code) {
      warn("indicator " + ds.indicators[i].code + " is described twice; the second description is skipped");
      ds.indicators.erase(ds.indicators.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      ++i;
    }
  }
  return ds;
}

}  // namespace jospar::formats
