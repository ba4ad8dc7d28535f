// The UN indicator titles of the Open SDG data in kk/ru/en and the ground truth of repeated indicators:
// indicators whose English titles are identical (e.g. 1.5.1 = 11.5.1 = 13.1.1). Used by the duplicate
// detection test and benchmark. Header-only; needs yaml-cpp.
#pragma once

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/text.hpp"

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

}  // namespace jospar::bench
