#include "analytics/ranking.hpp"

#include <algorithm>

namespace jospar::analytics {

double AveragePrecision(std::vector<std::pair<double, bool>> scored, std::size_t total_positives) {
  if (total_positives == 0) return 0;
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  double sum = 0;
  std::size_t hits = 0;
  for (std::size_t i = 0; i < scored.size(); ++i) {
    if (!scored[i].second) continue;
    ++hits;
    sum += static_cast<double>(hits) / static_cast<double>(i + 1);
  }
  return sum / static_cast<double>(total_positives);
}

}  // namespace jospar::analytics
