#include "core/base/text.hpp"

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

}  // namespace jospar
