#include "analytics/kazakh_stem.hpp"

#include <array>

namespace jospar::analytics {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

bool IsFoldedLatin(std::string_view w) {
  for (char c : w)
    if (c < 'a' || c > 'z') return false;
  return !w.empty();
}

bool HasVowel(std::string_view w) {
  for (char c : w)
    if (IsVowel(c)) return true;
  return false;
}

struct Suffix {
  std::string_view text;
  bool after_vowel_only;  // e.g. possessive -сы/-сі follows a vowel; after a consonant it is -ы/-і
};

// Longest first, so that "dagy" is tried before "gy" and "lardyn" is taken apart as "dyn" + "lar".
constexpr std::array kSuffixes = {
    Suffix{"ndagy", false}, Suffix{"ndegi", false},  // -ндағы
    Suffix{"dagy", false},  Suffix{"degi", false},  Suffix{"tagy", false}, Suffix{"tegi", false},
    Suffix{"atyn", false},  Suffix{"etin", false},  Suffix{"ityn", false}, Suffix{"itin", false},
    Suffix{"ymyz", false},  Suffix{"imiz", false},  Suffix{"ynyz", false}, Suffix{"iniz", false},
    Suffix{"gan", false},   Suffix{"gen", false},   Suffix{"qan", false},  Suffix{"ken", false},
    Suffix{"lar", false},   Suffix{"ler", false},   Suffix{"dar", false},  Suffix{"der", false},
    Suffix{"tar", false},   Suffix{"ter", false},   Suffix{"nyn", false},  Suffix{"nin", false},
    Suffix{"dyn", false},   Suffix{"din", false},   Suffix{"tyn", false},  Suffix{"tin", false},
    Suffix{"nan", false},   Suffix{"nen", false},   Suffix{"dan", false},  Suffix{"den", false},
    Suffix{"tan", false},   Suffix{"ten", false},   Suffix{"nda", false},  Suffix{"nde", false},
    Suffix{"men", false},   Suffix{"ben", false},   Suffix{"pen", false},  Suffix{"lyq", false},
    Suffix{"lik", false},   Suffix{"dyq", false},   Suffix{"dik", false},  Suffix{"tyq", false},
    Suffix{"tik", false},   Suffix{"syz", false},   Suffix{"siz", false},  Suffix{"usy", false},
    Suffix{"usi", false},   Suffix{"ga", false},    Suffix{"ge", false},   Suffix{"qa", false},
    Suffix{"ke", false},    Suffix{"na", true},     Suffix{"ne", true},    Suffix{"da", false},
    Suffix{"de", false},    Suffix{"ta", false},    Suffix{"te", false},   Suffix{"ny", true},
    Suffix{"ni", true},     Suffix{"dy", false},    Suffix{"di", false},   Suffix{"ty", false},
    Suffix{"ti", false},    Suffix{"sy", true},     Suffix{"si", true},    Suffix{"ym", false},
    Suffix{"im", false},    Suffix{"yn", false},    Suffix{"in", false},   Suffix{"y", false},
    Suffix{"i", false},     Suffix{"u", false},
};

constexpr size_t kMinStem = 3;
constexpr int kMaxStrips = 5;

}  // namespace

std::string StemKazakh(std::string_view folded_word) {
  if (!IsFoldedLatin(folded_word)) return std::string(folded_word);
  std::string_view w = folded_word;
  for (int round = 0; round < kMaxStrips; ++round) {
    bool stripped = false;
    for (const Suffix& s : kSuffixes) {
      if (w.size() < s.text.size() + kMinStem || !w.ends_with(s.text)) continue;
      std::string_view rest = w.substr(0, w.size() - s.text.size());
      if (!HasVowel(rest)) continue;
      if (s.after_vowel_only && !IsVowel(rest.back())) continue;
      // Possessive -сы/-сі is ambiguous with a stem ending in с + -ы/-і ("үлес-і", not "үле-сі"):
      // taken only when a stem of four letters or more remains.
      if ((s.text == "sy" || s.text == "si") && rest.size() < 4) continue;
      // A single-vowel ending (possessive -ы/-і, verbal noun -у) only after a consonant.
      if (s.text.size() == 1 && IsVowel(rest.back())) continue;
      w = rest;
      stripped = true;
      break;
    }
    if (!stripped) break;
  }
  return std::string(w);
}

std::string KazakhSoundKey(std::string_view folded_word) {
  std::string out;
  out.reserve(folded_word.size());
  for (char c : folded_word) {
    switch (c) {
      case 'z':
        c = 's';
        break;
      case 'd':
        c = 't';
        break;
      case 'g':
      case 'q':
        c = 'k';
        break;
      case 'b':
        c = 'p';
        break;
      case 'v':
        c = 'f';
        break;
      case 'y':
        c = 'i';
        break;
      default:
        break;
    }
    if (!out.empty() && out.back() == c && c != ' ') continue;
    out.push_back(c);
  }
  // The narrow vowels ы and і (both "i" here) drop out or appear at morpheme boundaries ("қауіп" /
  // "қаупі", "орын" / "орны", "халық" / "халқы"): one between two consonants is left out of the key. A
  // "u" after a vowel is the consonant у ("қауіп"); an "i" after a vowel is й and stays ("пайыз").
  auto consonant_at = [&](std::size_t k) {
    if (!IsVowel(out[k])) return out[k] != ' ';
    return out[k] == 'u' && k > 0 && IsVowel(out[k - 1]);
  };
  std::string key;
  key.reserve(out.size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (out[k] == 'i' && k > 0 && k + 1 < out.size() && consonant_at(k - 1) && consonant_at(k + 1)) continue;
    key.push_back(out[k]);
  }
  return key;
}

}  // namespace jospar::analytics
