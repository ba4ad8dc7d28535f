#include "formats/opensdg_writer.hpp"

#include <algorithm>
#include <set>

#include "core/base/text.hpp"
#include "formats/csv_write.hpp"
#include "formats/opendata_writer.hpp"

namespace jospar::formats {

std::string YamlQuoted(std::string_view raw) {
  const std::string s = ValidUtf8(raw);
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) {
      out += "\\u0085";  // NEL, a line break to YAML 1.1 readers
      ++i;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\L" : "\\P";  // line and paragraph separators
      i += 2;
    } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
               static_cast<unsigned char>(s[i + 2]) == 0xBF) {
      out += "\\uFEFF";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

namespace {

constexpr const char* kIndicatorGroup = "indicators";

std::string Dashed(std::string code) {
  std::replace(code.begin(), code.end(), '.', '-');
  return code;
}

bool IsCodeListName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
  });
}

bool IsYear(std::string_view p) {
  return p.size() == 4 && std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         p >= "1900" && p <= "2200";
}

// Translation files being built: lang -> group -> key -> text.
using Group = std::map<std::string, std::string>;
struct Translations {
  std::map<std::string, Group> by_lang[3];
  void Put(Lang l, const std::string& group, const std::string& key, const std::string& text) {
    if (!text.empty()) by_lang[static_cast<int>(l)][group][key] = text;
  }
  void PutAll(const std::string& group, const std::string& key, const Text& t) {
    for (Lang l : kLangs) Put(l, group, key, t.Get(l));
  }
};

std::string YamlMapping(const Group& g) {
  std::string out;
  for (const auto& [k, v] : g) out += YamlQuoted(k) + ": " + YamlQuoted(v) + "\n";
  return out;
}

// (dimension, code) pairs of a canonical disaggregation key "DIM=CODE|DIM=CODE".
std::vector<std::pair<std::string, std::string>> SplitDisaggregation(std::string_view key) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!key.empty()) {
    size_t bar = key.find('|');
    std::string_view part = key.substr(0, bar);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos)
      out.emplace_back(std::string(part.substr(0, eq)), std::string(part.substr(eq + 1)));
    key = bar == std::string_view::npos ? std::string_view{} : key.substr(bar + 1);
  }
  return out;
}

std::string DataCsv(const NationalIndicator& ind, std::vector<std::string>& warnings) {
  std::set<std::string> dims;
  size_t skipped = 0;
  for (const auto& o : ind.observations) {
    if (!IsYear(o.period)) continue;
    for (const auto& [d, c] : SplitDisaggregation(o.disaggregation)) dims.insert(d);
  }
  std::string out = "Year";
  for (const auto& d : dims) out += "," + CsvField(d, kExactCsv);
  out += ",SERIES,UNIT_MEASURE,Value\n";
  size_t rows = 0;
  for (const auto& o : ind.observations) {
    if (!IsYear(o.period)) {
      ++skipped;
      continue;
    }
    auto pairs = SplitDisaggregation(o.disaggregation);
    out += o.period;
    for (const auto& d : dims) {
      out += ',';
      for (const auto& [pd, pc] : pairs)
        if (pd == d) out += CsvField(pc, kExactCsv);
    }
    out += "," + CsvField(o.series, kExactCsv) + "," + CsvField(o.unit, kExactCsv) + "," +
           ShortestNumber(o.value) + "\n";
    ++rows;
  }
  if (skipped > 0)
    warnings.push_back("indicator " + ind.code + ": " + std::to_string(skipped) +
                       " value(s) for periods that are not years left out (Open SDG data files hold years)");
  return rows > 0 ? out : std::string();
}

}  // namespace

OpenSdgFiles WriteOpenSdg(const OpenSdgDataset& ds) {
  OpenSdgFiles out;
  Translations tr;
  for (const auto& g : ds.goals) tr.PutAll("global_goals", g.code + "-title", g.title);
  for (const auto& t : ds.targets) tr.PutAll("global_targets", Dashed(t.code) + "-title", t.title);

  // Code lists: the names of the dimensions first, so that a dimension's own name is its file's key.
  std::set<std::pair<std::string, std::string>> used;  // (group, key)
  for (const auto& c : ds.code_names) {
    const bool dimension_name = c.dimension == kDimensionNames;
    const std::string& group = dimension_name ? c.code : c.dimension;
    const std::string& key = c.code;
    if (!IsCodeListName(group)) {
      out.warnings.push_back("code list " + group + ": not an UPPER_CASE dimension name; left out");
      continue;
    }
    if (!dimension_name && key == group) {
      out.warnings.push_back("code list " + group + ": the code " + key +
                             " equals the dimension's name; left out");
      continue;
    }
    if (!used.insert({group, key}).second) continue;
    tr.PutAll(group, key, c.title);
  }

  std::set<std::string> stems;
  for (const auto& ind : ds.indicators) {
    const std::string stem = Dashed(ind.code);
    if (stem.empty() || stem.find('/') != std::string::npos || !stems.insert(stem).second) {
      out.warnings.push_back("indicator " + ind.code +
                             ": its file name repeats another's or is invalid; left out");
      continue;
    }
    std::string meta = "indicator_number: " + YamlQuoted(ind.code) + "\n";
    meta += "indicator_name: " + YamlQuoted(std::string(kIndicatorGroup) + "." + stem + "-title") + "\n";
    tr.PutAll(kIndicatorGroup, stem + "-title", ind.title);
    if (!ind.unit.Empty()) {
      meta += "computation_units: " + YamlQuoted(std::string(kIndicatorGroup) + "." + stem + "-unit") + "\n";
      tr.PutAll(kIndicatorGroup, stem + "-unit", ind.unit);
    }
    if (!ind.source.Empty()) {
      meta +=
          "source_compilation_1: " + YamlQuoted(std::string(kIndicatorGroup) + "." + stem + "-source") + "\n";
      tr.PutAll(kIndicatorGroup, stem + "-source", ind.source);
    }
    out.files["meta/" + stem + ".yml"] = std::move(meta);
    std::string data = DataCsv(ind, out.warnings);
    if (!data.empty()) out.files["data/indicator_" + stem + ".csv"] = std::move(data);
  }

  for (Lang l : kLangs) {
    for (const auto& [group, keys] : tr.by_lang[static_cast<int>(l)])
      out.files["translations/" + std::string(LangCode(l)) + "/" + group + ".yml"] = YamlMapping(keys);
  }
  return out;
}

}  // namespace jospar::formats
