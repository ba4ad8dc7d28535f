// The text-similarity engine behind core's PairFinder port, for objects with titles in kk, ru and en.
//
// Each language is indexed on its own (SimilarityIndex), and all titles together in one mixed index whose
// shared terms across languages are numbers, names and loanwords in the folded Latin key. The score of
// two objects is the mean of their per-language scores over the languages both have; two objects with no
// language in common (a Kazakh-only title against a Russian-only one) are scored by the better of the mixed
// index and a CrossLingualIndex whose translation table is learned from the objects that do carry both
// languages' titles (cross_lingual.hpp).
// Candidate scores are then raised through a third object close to both (WithTransitiveScores: the
// repeats 1.5.1 = 11.5.1 = 13.1.1 were translated three times, and the two farthest wordings are closer
// through the middle one). Candidates are the union of every index's candidates, so the cost stays about
// linear in the number of objects.
#pragma once

#include "analytics/similarity.hpp"
#include "core/plan/duplicates.hpp"

namespace jospar::analytics {

class TitleSimilarity final : public PairFinder {
 public:
  explicit TitleSimilarity(SimilarityOptions options = {}) : options_(options) {}
  std::vector<ItemPair> Find(const std::vector<SimilarityItem>& items) const override;

 private:
  SimilarityOptions options_;
};

}  // namespace jospar::analytics
