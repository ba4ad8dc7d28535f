// Text normalisation for search and comparison in Kazakh, Russian and English.
#pragma once

#include <string>
#include <string_view>

namespace jospar::analytics {

// NFC, then Unicode case folding (ICU). Invalid UTF-8 sequences become U+FFFD.
std::string NormalizeNfcFold(std::string_view utf8);

// The search key of a text: NFC + case folding, then Cyrillic (Kazakh and Russian letters) transliterated
// to Latin by the 2021 Kazakh Latin alphabet and diacritics and apostrophes removed, so that "Қазақстан",
// "ҚАЗАҚСТАН", "Qazaqstan" and "Qazaqstan" all give "qazaqstan". Punctuation becomes a single space;
// the result has no leading or trailing space. The same function must be applied to the text and the query.
std::string SearchKey(std::string_view utf8);

// Byte offset of the first ill-formed UTF-8 sequence, or npos when `utf8` is well-formed.
size_t FirstInvalidUtf8(std::string_view utf8);

}  // namespace jospar::analytics
