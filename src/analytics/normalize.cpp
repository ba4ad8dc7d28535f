#include "analytics/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <unordered_map>

namespace jospar::analytics {
namespace {

const icu::Normalizer2* Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return nfc;
}

// Lower-case Cyrillic letter -> Latin key (already without diacritics).
const std::unordered_map<UChar32, const char*>& CyrillicToLatin() {
  static const std::unordered_map<UChar32, const char*> table = {
      {U'а', "a"}, {U'ә', "a"},  {U'б', "b"}, {U'в', "v"},  {U'г', "g"},  {U'ғ', "g"},  {U'д', "d"},
      {U'е', "e"}, {U'ё', "io"}, {U'ж', "j"}, {U'з', "z"},  {U'и', "i"},  {U'й', "i"},  {U'к', "k"},
      {U'қ', "q"}, {U'л', "l"},  {U'м', "m"}, {U'н', "n"},  {U'ң', "n"},  {U'о', "o"},  {U'ө', "o"},
      {U'п', "p"}, {U'р', "r"},  {U'с', "s"}, {U'т', "t"},  {U'у', "u"},  {U'ұ', "u"},  {U'ү', "u"},
      {U'ф', "f"}, {U'х', "h"},  {U'һ', "h"}, {U'ц', "ts"}, {U'ч', "ch"}, {U'ш', "s"},  {U'щ', "sch"},
      {U'ъ', ""},  {U'ы', "y"},  {U'і', "i"}, {U'ь', ""},   {U'э', "e"},  {U'ю', "iu"}, {U'я', "ia"},
  };
  return table;
}

void AppendUtf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, c, error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

}  // namespace

size_t FirstInvalidUtf8(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::string_view::npos;
}

std::string NormalizeNfcFold(std::string_view utf8) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString n = Nfc()->normalize(u, status);
  if (U_FAILURE(status)) n = u;
  n.foldCase();
  n = Nfc()->normalize(n, status);
  std::string out;
  n.toUTF8String(out);
  return out;
}

std::string SearchKey(std::string_view utf8) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  // NFD splits diacritics off Latin letters so they can be dropped; Cyrillic letters with their own
  // code points (ә, қ, ...) are looked up after recomposition.
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  u.foldCase();
  icu::UnicodeString composed = Nfc()->normalize(u, status);
  if (U_FAILURE(status)) composed = u;
  std::string out;
  bool pending_space = false;
  const auto& table = CyrillicToLatin();
  for (int32_t i = 0; i < composed.length();) {
    UChar32 c = composed.char32At(i);
    i += U16_LENGTH(c);
    if (c == U'\'' || c == U'’' || c == U'ʼ' || c == U'`') continue;  // 2017 Latin apostrophes
    if (c == U'ı') c = U'i';
    auto it = table.find(c);
    std::string piece;
    if (it != table.end()) {
      piece = it->second;
    } else if (u_isalnum(c)) {
      icu::UnicodeString one(c);
      icu::UnicodeString decomposed = nfd->normalize(one, status);
      for (int32_t j = 0; j < decomposed.length();) {
        UChar32 d = decomposed.char32At(j);
        j += U16_LENGTH(d);
        if (u_getCombiningClass(d) != 0 || u_charType(d) == U_NON_SPACING_MARK) continue;
        AppendUtf8(piece, d);
      }
    } else {
      pending_space = !out.empty();
      continue;
    }
    if (piece.empty()) continue;
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out += piece;
  }
  return out;
}

}  // namespace jospar::analytics
