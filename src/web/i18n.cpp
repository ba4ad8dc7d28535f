#include "web/i18n.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace jospar::web {

namespace fs = std::filesystem;

Result<Locales> Locales::Load(const std::string& dir) {
  Locales loc;
  for (Lang lang : kLangs) {
    fs::path d = fs::path(dir) / std::string(LangCode(lang));
    if (!fs::is_directory(d))
      return Fail(ErrorCode::kInvalidInput, "error.locales", d.string() + ": missing");
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(d))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f);
      std::stringstream ss;
      ss << in.rdbuf();
      nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
      if (j.is_discarded() || !j.is_object())
        return Fail(ErrorCode::kInvalidInput, "error.locales", f.string() + ": not a JSON object");
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it.value().is_string())
          return Fail(ErrorCode::kInvalidInput, "error.locales",
                      f.string() + ": " + it.key() + " is not a string");
        auto [pos, inserted] =
            loc.strings_[static_cast<int>(lang)].emplace(it.key(), it.value().get<std::string>());
        if (!inserted)
          return Fail(ErrorCode::kInvalidInput, "error.locales",
                      f.string() + ": " + it.key() + " defined twice");
      }
    }
  }
  for (const auto& key : loc.Keys()) loc.missing_.emplace(key, "[" + key + "]");
  return loc;
}

const std::string& Locales::Get(Lang lang, std::string_view key) const {
  bool unused = false;
  return Get(lang, key, unused);
}

const std::string& Locales::Get(Lang lang, std::string_view key, bool& fell_back) const {
  fell_back = false;
  const auto& own = strings_[static_cast<int>(lang)];
  if (auto it = own.find(key); it != own.end() && !it->second.empty()) return it->second;
  fell_back = true;
  for (Lang other : {Lang::kRu, Lang::kEn, Lang::kKk}) {
    const auto& m = strings_[static_cast<int>(other)];
    if (auto it = m.find(key); it != m.end() && !it->second.empty()) return it->second;
  }
  if (auto it = missing_.find(key); it != missing_.end()) return it->second;
  static const std::string kUnknown = "[?]";
  return kUnknown;
}

std::string Locales::Format(Lang lang, std::string_view key,
                            const std::vector<std::pair<std::string, std::string>>& args) const {
  std::string s = Get(lang, key);
  for (const auto& [name, value] : args) {
    const std::string token = "{" + name + "}";
    for (size_t pos = s.find(token); pos != std::string::npos; pos = s.find(token, pos + value.size()))
      s.replace(pos, token.size(), value);
  }
  return s;
}

bool Locales::Has(Lang lang, std::string_view key) const {
  const auto& m = strings_[static_cast<int>(lang)];
  auto it = m.find(key);
  return it != m.end() && !it->second.empty();
}

std::vector<std::string> Locales::Keys() const {
  std::set<std::string> all;
  for (const auto& m : strings_)
    for (const auto& [k, v] : m) all.insert(k);
  return {all.begin(), all.end()};
}

std::vector<std::string> Locales::MissingIn(Lang lang) const {
  std::vector<std::string> out;
  for (const auto& k : Keys())
    if (!Has(lang, k)) out.push_back(k);
  return out;
}

}  // namespace jospar::web
