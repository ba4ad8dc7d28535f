#include "core/base/text.hpp"

#include <cstdint>
#include <cstring>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace jospar {

std::string_view LangCode(Lang lang) {
  switch (lang) {
    case Lang::kKk:
      return "kk";
    case Lang::kRu:
      return "ru";
    case Lang::kEn:
      return "en";
  }
  return "en";
}

std::optional<Lang> ParseLang(std::string_view code) {
  if (code.size() < 2) return std::nullopt;
  if (code.size() > 2 && code[2] != '-' && code[2] != '_') return std::nullopt;
  const char a = static_cast<char>(std::tolower(static_cast<unsigned char>(code[0])));
  const char b = static_cast<char>(std::tolower(static_cast<unsigned char>(code[1])));
  if (a == 'k' && b == 'k') return Lang::kKk;
  if (a == 'r' && b == 'u') return Lang::kRu;
  if (a == 'e' && b == 'n') return Lang::kEn;
  return std::nullopt;
}

const std::string& Text::Get(Lang lang) const {
  switch (lang) {
    case Lang::kKk:
      return kk;
    case Lang::kRu:
      return ru;
    case Lang::kEn:
      return en;
  }
  return en;
}

std::string& Text::Get(Lang lang) {
  return const_cast<std::string&>(static_cast<const Text&>(*this).Get(lang));
}

Text::Picked Text::Pick(Lang preferred) const {
  static constexpr Lang kOrderKk[] = {Lang::kKk, Lang::kRu, Lang::kEn};
  static constexpr Lang kOrderRu[] = {Lang::kRu, Lang::kKk, Lang::kEn};
  static constexpr Lang kOrderEn[] = {Lang::kEn, Lang::kRu, Lang::kKk};
  const Lang* order = preferred == Lang::kKk ? kOrderKk : preferred == Lang::kRu ? kOrderRu : kOrderEn;
  for (int i = 0; i < 3; ++i) {
    const std::string& s = Get(order[i]);
    if (!s.empty()) return {s, order[i]};
  }
  return {Get(preferred), preferred};
}

std::optional<Lang> LangFromAcceptLanguage(std::string_view header) {
  // Entries "xx-YY;q=0.8" separated by commas; pick the supported one with the highest q, first wins ties.
  std::optional<Lang> best;
  double best_q = -1;
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(pos, end - pos);
    pos = end + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    double q = 1.0;
    size_t semi = item.find(';');
    std::string_view tag = item.substr(0, semi);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      size_t qpos = params.find("q=");
      if (qpos != std::string_view::npos) {
        try {
          q = std::stod(std::string(params.substr(qpos + 2)));
        } catch (...) {
          q = 0;
        }
      }
    }
    if (auto lang = ParseLang(tag); lang && q > best_q) {
      best = lang;
      best_q = q;
    }
    if (end == header.size()) break;
  }
  return best;
}

Utf8Step NextUtf8(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return {1, true};
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return {1, false};
  }
  std::size_t k = 1;
  for (; k < len; ++k) {
    if (i + k >= s.size()) return {k, false};
    const unsigned char b = byte(i + k);
    const bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    if (!ok) return {k, false};
  }
  return {len, true};
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs (most of every request and response) eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const Utf8Step step = NextUtf8(s, i);
    if (!step.valid) return false;
    i += step.length;
  }
  return true;
}

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const Utf8Step step = NextUtf8(s, i);
    if (!step.valid) {
      out.append(s.data() + run, i - run);
      out += kReplacementCharacter;
      run = i + step.length;
    }
    i += step.length;
  }
  out.append(s.data() + run, s.size() - run);
  return out;
}

std::string_view Trim(std::string_view s, std::string_view chars) {
  const std::size_t first = s.find_first_not_of(chars);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(chars) - first + 1);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace jospar
