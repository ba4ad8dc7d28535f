// The terms of a short text for duplicate detection: words normalised, numbers made comparable, words
// stemmed by language, and character n-grams for spelling variants. Every term is in the folded Latin
// key of normalize.hpp, so Kazakh in Cyrillic and in Latin script give the same terms and a Kazakh text
// can share numbers, names and loanwords with a Russian one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/text.hpp"

namespace jospar::analytics {

struct Word {
  std::string surface;  // as written, NFC + case folded ("апаттардың", "100 000")
  std::string term;     // stemmed, folded key ("apat"); numbers are "#" + digits ("#100000")
  std::string key;      // folded word before stemming (Kazakh: its spelling key); used for n-grams
};

// Splits `utf8` (NFC + case folding first) into words at everything that is not a letter or digit.
// Numbers: digit groups written with a space, no-break space or comma as thousands separator are joined
// ("100 000", "100,000" -> 100000), and a number followed by "thousand"/"тыс."/"мың" (million, billion in
// the three languages) is multiplied ("100 мың" -> 100000). Words are stemmed with Snowball for ru and
// en and with StemKazakh for kk. Thread-safe.
std::vector<Word> AnalyzeText(std::string_view utf8, Lang lang);

// Character n-grams of `key` padded with '_' at both ends ("_apat_" -> "_apa", "apat", "pat_" for n=4);
// a key shorter than n-2 gives the padded key itself.
std::vector<std::string> CharGrams(std::string_view key, int n);

}  // namespace jospar::analytics
