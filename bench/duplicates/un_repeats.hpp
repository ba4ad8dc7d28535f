// The UN indicator titles of the Open SDG data in kk/ru/en and the ground truth of repeated indicators:
// indicators whose English titles are identical (e.g. 1.5.1 = 11.5.1 = 13.1.1). Used by the duplicate
// detection test and benchmark. Header-only; needs yaml-cpp.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/base/text.hpp"

namespace jospar::bench {

struct UnTitles {
  std::vector<std::string> keys;   // sorted "1-5-1-title", ...
  std::vector<std::string> texts;  // the title in the language
};

// Titles of one language from translations/LANG/global_indicators.yml under `open_sdg_dir`.
inline UnTitles LoadUnTitles(const std::string& open_sdg_dir, jospar::Lang lang) {
  YAML::Node root = YAML::LoadFile(open_sdg_dir + "/translations/" + std::string(jospar::LangCode(lang)) +
                                   "/global_indicators.yml");
  std::map<std::string, std::string> sorted;
  for (const auto& kv : root) sorted[kv.first.as<std::string>()] = kv.second.as<std::string>();
  UnTitles out;
  for (auto& [k, v] : sorted) {
    out.keys.push_back(k);
    out.texts.push_back(v);
  }
  return out;
}

// Unordered key pairs (smaller key first) whose English titles are identical.
inline std::set<std::pair<std::string, std::string>> UnRepeatPairs(const std::string& open_sdg_dir) {
  UnTitles en = LoadUnTitles(open_sdg_dir, jospar::Lang::kEn);
  std::map<std::string, std::vector<std::string>> by_title;
  for (std::size_t i = 0; i < en.keys.size(); ++i) by_title[en.texts[i]].push_back(en.keys[i]);
  std::set<std::pair<std::string, std::string>> out;
  for (auto& [title, keys] : by_title)
    for (std::size_t i = 0; i < keys.size(); ++i)
      for (std::size_t j = i + 1; j < keys.size(); ++j) out.insert(std::minmax(keys[i], keys[j]));
  return out;
}

// The ids ("1-5-1") of the indicators that take part in a pair of `pairs` (keys "1-5-1-title").
inline std::set<std::string> IndicatorIds(const std::set<std::pair<std::string, std::string>>& pairs) {
  std::set<std::string> out;
  auto id = [](const std::string& key) {
    return key.ends_with("-title") ? key.substr(0, key.size() - 6) : key;
  };
  for (auto& [a, b] : pairs) {
    out.insert(id(a));
    out.insert(id(b));
  }
  return out;
}

// Parallel texts (source in `a`, target in `b`) from every translations/<lang>/*.yml of `open_sdg_dir`
// except SERIES.yml (the names of the UN data series, which restate the indicators' titles): the string
// values stored under the same key in both languages and not equal. Entries whose key belongs to one of
// the `held_out` indicator ids — the key is the id or starts with the id and "-" or "_" ("1-5-1-title",
// "1-5-1-source_data_1"; "1-5-10-title" is not held out by "1-5-1") — are left out, so that a measure on
// those indicators does not learn from their own translations.
inline std::vector<std::pair<std::string, std::string>> LoadParallelTexts(
    const std::string& open_sdg_dir, jospar::Lang a, jospar::Lang b, const std::set<std::string>& held_out) {
  namespace fs = std::filesystem;
  const fs::path dir_a = fs::path(open_sdg_dir) / "translations" / std::string(jospar::LangCode(a));
  const fs::path dir_b = fs::path(open_sdg_dir) / "translations" / std::string(jospar::LangCode(b));
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir_a))
    if (entry.path().extension() == ".yml" && entry.path().filename() != "SERIES.yml" &&
        fs::exists(dir_b / entry.path().filename()))
      files.push_back(entry.path().filename());
  std::sort(files.begin(), files.end());
  auto is_held_out = [&](const std::string& key) {
    for (const std::string& id : held_out)
      if (key == id ||
          (key.size() > id.size() && key.starts_with(id) && (key[id.size()] == '-' || key[id.size()] == '_')))
        return true;
    return false;
  };
  std::vector<std::pair<std::string, std::string>> out;
  for (const fs::path& file : files) {
    YAML::Node ya = YAML::LoadFile((dir_a / file).string());
    YAML::Node yb = YAML::LoadFile((dir_b / file).string());
    if (!ya.IsMap() || !yb.IsMap()) continue;
    std::map<std::string, std::string> sa;
    for (const auto& kv : ya)
      if (kv.second.IsScalar()) sa[kv.first.as<std::string>()] = kv.second.as<std::string>();
    for (const auto& kv : yb) {
      if (!kv.second.IsScalar()) continue;
      const std::string key = kv.first.as<std::string>();
      auto it = sa.find(key);
      const std::string text_b = kv.second.as<std::string>();
      if (it == sa.end() || it->second == text_b || is_held_out(key)) continue;
      out.emplace_back(it->second, text_b);
    }
  }
  return out;
}

}  // namespace jospar::bench
