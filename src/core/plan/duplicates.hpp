// Near-duplicate documents, goals and indicators: the candidates a planner reviews, and the decisions
// taken on them (dismiss a pair, or merge B into A). Plain values and the port to the text-similarity
// engine; the engine itself lives in src/analytics (similarity.hpp), the use cases in
// core/usecases/duplicates.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/plan.hpp"

namespace jospar {

enum class DuplicateKind { kIndicator, kGoal, kDocument };

std::string_view ToString(DuplicateKind k);                           // "indicator", "goal", "document"
std::optional<DuplicateKind> ParseDuplicateKind(std::string_view s);  // nullopt for anything else
ObjectKind ObjectKindOf(DuplicateKind k);

enum class DuplicateVerdict { kDismissed, kMerged };
std::string_view ToString(DuplicateVerdict v);  // "dismissed", "merged"
std::optional<DuplicateVerdict> ParseDuplicateVerdict(std::string_view s);

// A decision taken on a pair. For kDismissed, a_id < b_id; for kMerged, b was merged into a.
struct DuplicateDecision {
  Id id = 0;
  DuplicateKind kind = DuplicateKind::kIndicator;
  Id a_id = 0;
  Id b_id = 0;
  DuplicateVerdict verdict = DuplicateVerdict::kDismissed;
  std::string actor;
  std::string at;  // UTC ISO 8601
};

// One object's text as the similarity engine sees it.
struct SimilarityItem {
  Id id = 0;
  Text title;
};

struct ItemPair {
  std::size_t a = 0, b = 0;  // indexes into the items, a < b
  double score = 0;          // 0..1
  std::vector<std::string> shared_terms;
};

// The port to the text-similarity engine. Find returns the pairs of near-duplicate items, highest score
// first; it must be deterministic for the same items. Thread-safe.
class PairFinder {
 public:
  virtual ~PairFinder() = default;
  virtual std::vector<ItemPair> Find(const std::vector<SimilarityItem>& items) const = 0;
};

// A candidate pair as a planner sees it: a < b by id.
struct DuplicateCandidate {
  DuplicateKind kind = DuplicateKind::kIndicator;
  Id a_id = 0, b_id = 0;
  std::string a_code, b_code;
  Text a_title, b_title;
  double score = 0;
  std::vector<std::string> shared_terms;
};

}  // namespace jospar
