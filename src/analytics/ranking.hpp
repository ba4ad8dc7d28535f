// Measures of a ranking against ground truth, for the duplicate-detection tests and benchmark.
#pragma once

#include <utility>
#include <vector>

namespace jospar::analytics {

// Average precision of a ranking: items sorted by score, highest first (ties keep the given order, so
// pass negatives before positives to take the pessimistic order), precision averaged over the ranks of
// the positives. `total_positives` counts positives missing from `scored` too (they add precision 0).
// Returns 0 when there are no positives.
double AveragePrecision(std::vector<std::pair<double, bool>> scored, std::size_t total_positives);

}  // namespace jospar::analytics
