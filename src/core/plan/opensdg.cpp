#include "core/plan/opensdg.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace jospar {

size_t OpenSdgDataset::ObservationCount() const {
  size_t n = 0;
  for (const auto& i : indicators) n += i.observations.size();
  return n;
}

namespace {

// Splits off the next part of a dotted code.
std::string_view NextPart(std::string_view& s) {
  size_t dot = s.find('.');
  std::string_view part = s.substr(0, dot);
  s = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  return part;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

bool NaturalCodeLess(const std::string& a, const std::string& b) {
  std::string_view x = a, y = b;
  while (!x.empty() && !y.empty()) {
    std::string_view px = NextPart(x), py = NextPart(y);
    bool nx = AllDigits(px), ny = AllDigits(py);
    if (nx && ny) {
      // Compare as numbers without overflow: strip leading zeros, then by length, then lexically.
      px.remove_prefix(std::min(px.find_first_not_of('0'), px.size()));
      py.remove_prefix(std::min(py.find_first_not_of('0'), py.size()));
      if (px.size() != py.size()) return px.size() < py.size();
      if (px != py) return px < py;
    } else if (nx != ny) {
      return nx;  // numbers before letters
    } else if (px != py) {
      return px < py;
    }
  }
  return x.empty() && !y.empty();
}

std::string CanonicalDisaggregation(std::vector<std::pair<std::string, std::string>> pairs) {
  std::erase_if(pairs, [](const auto& p) { return p.second.empty(); });
  std::sort(pairs.begin(), pairs.end());
  std::string key;
  for (const auto& [dim, code] : pairs) {
    if (!key.empty()) key += '|';
    key += dim;
    key += '=';
    key += code;
  }
  return key;
}

Indicator ToIndicator(const NationalIndicator& n, std::optional<Id> sdg_target_id) {
  Indicator ind;
  ind.code = n.code;
  ind.sdg_target_id = sdg_target_id;
  ind.kind = IndicatorKind::kTarget;
  ind.title = n.title;
  ind.unit = n.unit;
  ind.source = n.source;
  return ind;
}

}  // namespace jospar
