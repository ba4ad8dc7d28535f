// Languages and multilingual content.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace jospar {

enum class Lang { kKk, kRu, kEn };

inline constexpr std::array<Lang, 3> kLangs = {Lang::kKk, Lang::kRu, Lang::kEn};

// "kk", "ru" or "en".
std::string_view LangCode(Lang lang);
// Parses "kk", "ru", "en" (case-insensitive, also "kk-KZ", "ru-RU", "en-US"); nullopt otherwise.
std::optional<Lang> ParseLang(std::string_view code);

// A content field in the three languages. Empty string means "not translated".
struct Text {
  std::string kk, ru, en;

  const std::string& Get(Lang lang) const;
  std::string& Get(Lang lang);
  bool Empty() const { return kk.empty() && ru.empty() && en.empty(); }

  // The text in `preferred`, or, when that is missing, in the first of the fallback order
  // (kk -> ru -> en, ru -> kk -> en, en -> ru -> kk) that exists. `lang` tells which one was used so that
  // the caller can mark a fallback visibly. Returns an empty text only when all three are empty.
  struct Picked {
    const std::string& text;
    Lang lang;
  };
  Picked Pick(Lang preferred) const;

  friend bool operator==(const Text&, const Text&) = default;
};

// Accept-Language header -> best supported language, or nullopt.
std::optional<Lang> LangFromAcceptLanguage(std::string_view header);

}  // namespace jospar
