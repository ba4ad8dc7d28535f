#include "analytics/text_terms.hpp"

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

#include "analytics/kazakh_stem.hpp"
#include "analytics/normalize.hpp"

namespace jospar::analytics {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

// Snowball stemmers are not thread-safe: one per thread and language.
std::string SnowballStem(const char* algorithm, std::string_view word) {
  thread_local StemmerPtr russian(sb_stemmer_new("russian", "UTF_8"));
  thread_local StemmerPtr english(sb_stemmer_new("english", "UTF_8"));
  sb_stemmer* s = std::string_view(algorithm) == "russian" ? russian.get() : english.get();
  if (s == nullptr) return std::string(word);
  const sb_symbol* out =
      sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (out == nullptr) return std::string(word);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(sb_stemmer_length(s)));
}

struct RawToken {
  std::string text;  // UTF-8, folded
  bool digits = false;
  UChar32 separator_before = 0;  // the single character between this token and the previous one, or 0
  bool single_separator = false;
};

std::vector<RawToken> SplitWords(std::string_view folded) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())));
  std::vector<RawToken> out;
  icu::UnicodeString current;
  bool all_digits = true;
  int separators = 0;
  UChar32 last_separator = 0;
  auto flush = [&] {
    if (current.isEmpty()) return;
    RawToken t;
    current.toUTF8String(t.text);
    t.digits = all_digits;
    t.separator_before = last_separator;
    t.single_separator = separators == 1;
    out.push_back(std::move(t));
    current.remove();
    all_digits = true;
    separators = 0;
    last_separator = 0;
  };
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK) {
      if (!u_isdigit(c)) all_digits = false;
      current.append(c);
    } else {
      flush();
      ++separators;
      last_separator = c;
    }
  }
  flush();
  return out;
}

bool IsThousandsSeparator(UChar32 c) {
  return c == U' ' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == U',';
}

// Multiplier words after a number, by the start of their folded form ("мың", "мыңға", "тыс", "тысяч").
long long Multiplier(std::string_view w) {
  static const std::pair<std::string_view, long long> kWords[] = {
      {"мың", 1000},          {"тыс", 1000},        {"thousand", 1000},
      {"млн", 1000000},       {"миллион", 1000000}, {"million", 1000000},
      {"mln", 1000000},       {"млрд", 1000000000}, {"миллиард", 1000000000},
      {"billion", 1000000000}};
  for (const auto& [prefix, factor] : kWords)
    if (w.starts_with(prefix)) return factor;
  return 0;
}

}  // namespace

std::vector<std::string> CharGrams(std::string_view key, int n) {
  std::string
      padded;  // appended rather than "_" + key + "_": GCC 12 at -O2 warns falsely on that (bug 105329)
  padded.reserve(key.size() + 2);
  padded.append("_").append(key).append("_");
  std::vector<std::string> out;
  const size_t len = static_cast<size_t>(n);
  if (padded.size() <= len) {
    out.push_back(padded);
    return out;
  }
  for (size_t i = 0; i + len <= padded.size(); ++i) out.push_back(padded.substr(i, len));
  return out;
}

std::vector<Word> AnalyzeText(std::string_view utf8, Lang lang) {
  std::vector<RawToken> raw = SplitWords(NormalizeNfcFold(utf8));
  std::vector<Word> out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    RawToken& t = raw[i];
    if (t.digits) {
      std::string digits = t.text;
      std::string surface = t.text;
      // Thousands groups: "100 000", "1,000,000".
      while (i + 1 < raw.size() && raw[i + 1].digits && raw[i + 1].text.size() == 3 &&
             raw[i + 1].single_separator && IsThousandsSeparator(raw[i + 1].separator_before) &&
             digits.size() <= 12) {
        ++i;
        digits += raw[i].text;
        surface += " " + raw[i].text;
      }
      if (i + 1 < raw.size() && digits.size() <= 9) {
        if (long long factor = Multiplier(raw[i + 1].text); factor != 0) {
          ++i;
          digits = std::to_string(std::stoll(digits) * factor);
          surface += " " + raw[i].text;
        }
      }
      // Leading zeros do not change the number ("05" and "5").
      size_t nz = digits.find_first_not_of('0');
      digits = nz == std::string::npos ? "0" : digits.substr(nz);
      out.push_back(Word{surface, "#" + digits, digits});
      continue;
    }
    Word w;
    w.surface = t.text;
    switch (lang) {
      case Lang::kRu: {
        std::string word = t.text;
        for (size_t p; (p = word.find("ё")) != std::string::npos;)
          word.replace(p, std::string("ё").size(), "е");
        w.key = SearchKey(word);
        w.term = SearchKey(SnowballStem("russian", word));
        break;
      }
      case Lang::kEn:
        w.key = SearchKey(t.text);
        w.term = SearchKey(SnowballStem("english", t.text));
        break;
      case Lang::kKk: {
        std::string folded = SearchKey(t.text);
        w.key = KazakhSoundKey(folded);
        w.term = KazakhSoundKey(StemKazakh(folded));
        break;
      }
    }
    if (w.term.empty()) continue;
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace jospar::analytics
