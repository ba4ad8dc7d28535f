// Languages and multilingual content; UTF-8 checks and the small text helpers every layer uses.
#pragma once

#include <array>
#include <cstddef>
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

// UTF-8 (RFC 3629). Well-formed means what Unicode's table 3-7 allows: no overlong forms, no surrogates,
// nothing above U+10FFFF, no stray or missing continuation bytes.
inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

struct Utf8Step {
  std::size_t length = 1;  // bytes to step over, at least 1
  bool valid = true;
};
// The sequence starting at s[i] (i < s.size()): its length and valid = true when it is well-formed;
// otherwise valid = false and the length of its maximal ill-formed subpart (Unicode's "substitution of
// maximal subparts"), which one U+FFFD replaces.
Utf8Step NextUtf8(std::string_view s, std::size_t i);
// True when all of `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);
// `s` with each maximal ill-formed subpart replaced by U+FFFD; `s` itself when it is well-formed.
std::string ValidUtf8(std::string_view s);

// `s` without the leading and trailing bytes that are in `chars` (by default ASCII white space: space,
// tab, CR, LF); a view into `s`, so keep `s` alive while using it.
std::string_view Trim(std::string_view s, std::string_view chars = " \t\r\n");
// `s` with A-Z turned into a-z; every other byte, UTF-8 included, unchanged.
std::string AsciiLower(std::string_view s);

}  // namespace jospar
