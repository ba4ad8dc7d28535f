// Interface strings in kk, ru and en, loaded from locales/<lang>/*.json (flat objects key -> string;
// several files per language are merged, so that each area of the code keeps its own file).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/text.hpp"

namespace jospar::web {

class Locales {
 public:
  // Loads every *.json file under dir/kk, dir/ru and dir/en. kInvalidInput naming the file on a parse
  // error or a non-string value; a key defined twice for one language is an error too.
  static Result<Locales> Load(const std::string& dir);

  // The string for `key` in `lang`. A key missing in `lang` falls back to another language (ru, en, kk
  // order) and is then marked with FallbackMarker() by Translate(); a key missing everywhere returns the
  // key itself in brackets, e.g. "[nav.home]", never an empty string.
  const std::string& Get(Lang lang, std::string_view key) const;
  // Like Get, and reports whether the text came from another language.
  const std::string& Get(Lang lang, std::string_view key, bool& fell_back) const;
  // Replaces "{name}" placeholders with values.
  std::string Format(Lang lang, std::string_view key,
                     const std::vector<std::pair<std::string, std::string>>& args) const;

  bool Has(Lang lang, std::string_view key) const;
  // Every key known in any language, sorted.
  std::vector<std::string> Keys() const;
  // Keys present in some language but missing in `lang`.
  std::vector<std::string> MissingIn(Lang lang) const;

 private:
  std::map<std::string, std::string, std::less<>> strings_[3];
  mutable std::map<std::string, std::string, std::less<>> missing_;  // "[key]" cache; guarded by being
                                                                     // filled only at load time
};

}  // namespace jospar::web
