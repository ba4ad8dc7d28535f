// A small Kazakh suffix stripper (Snowball has no Turkic stemmer) and a spelling key for Kazakh words.
// Both work on words already folded by SearchKey (normalize.hpp): lower case Latin letters without
// diacritics, so Cyrillic and Latin Kazakh give the same result ("апаттардың" and "apattardyn").
#pragma once

#include <string>
#include <string_view>

namespace jospar::analytics {

// Strips inflectional endings (case, possession, plural) and the common derivational and participle
// endings (-лық, -дағы, -ған, -атын, -ушы, -сыз, ...) from the end of one folded word, longest first,
// repeatedly, while at least 3 letters and one vowel remain. A word that is not folded Latin (digits,
// other scripts) is returned unchanged. Examples: "apattardyn" -> "apat", "jogalgandar" -> "jogal",
// "ekologiialyq" -> "ekologiia", "ulesi" -> "ules".
std::string StemKazakh(std::string_view folded_word);

// The spelling key of a folded Kazakh word: voiced and voiceless pairs made one (z/s, d/t, g/q/k, b/p,
// v/f), y made i, repeated letters collapsed, and a narrow vowel (ы, і) between two consonants left out.
// Spellings that differ only by assimilation at a morpheme boundary or by a dropped narrow vowel get the
// same key: "iz-tussiz" and "is-tuzsiz" -> "is tuss"; "qauip" and "qaup" -> "kaup".
std::string KazakhSoundKey(std::string_view folded_word);

}  // namespace jospar::analytics
