// Near-duplicate search over short texts (titles of documents, goals, indicators) in kk, ru and en.
//
// Each text becomes a weighted term vector of two blocks: stemmed words (text_terms.hpp) and character
// n-grams of the stems (or of the words' folded keys), each weighted by sublinear TF x smoothed IDF,
// L2-normalised and scaled so that the blocks weigh `gram_weight` and 1 - gram_weight. The score of two
// texts mixes two views of the same vectors:
//   (1 - jaccard_weight) * cosine + jaccard_weight * weighted Jaccard (sum of minima / sum of maxima)
// in [0, 1]. Cosine forgives a phrase that one text adds when the rest is shared; weighted Jaccard does
// not, so near-twins that differ by what they count ("persons" / "businesses") fall behind repeats that
// were merely worded differently.
// Candidates come from an inverted index: for every text, only terms found in at most `max_df` texts are
// followed, so the work per text is bounded and the whole search grows about linearly with the number
// of texts; every candidate is then scored exactly. Texts in different languages share the term space
// (numbers, names, loanwords in the folded Latin key), so a Kazakh text can find its Russian twin when
// their words overlap; see MultilingualSimilarity for objects that carry titles in several languages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/text.hpp"

namespace jospar::analytics {

struct SimilarityOptions {
  double gram_weight = 0.3;  // share of the character n-grams in the score, 0..1
  int gram_size = 3;
  double idf_power = 0.5;       // term weight = (1 + log tf) * idf^idf_power
  double jaccard_weight = 0.5;  // share of the weighted Jaccard similarity in the score, 0..1
  bool stem_grams = true;       // n-grams of the stems (true) or of the whole words' keys (false)
  // Words among the first or last `edge_words` of a text (where titles name what is measured and of
  // whom) weigh `edge_weight` times more.
  int edge_words = 0;
  double edge_weight = 1.0;
  double min_score = 0.25;  // pairs scoring below are not returned
  // Candidates kept per text before exact scoring. 20, not 10: among the 20,000 texts of the benchmark the
  // UN repeats have many synthetic near-variants, and 10 found only 56% of the repeats (20: 90%).
  int max_neighbours = 20;
  // Terms found in more than max(max_df_floor, max_df_fraction * N) texts are not followed when looking
  // for candidates (they still count in the score).
  double max_df_fraction = 0.02;
  int max_df_floor = 64;
};

struct SimilarPair {
  std::size_t a = 0, b = 0;  // indexes into the texts, a < b
  double score = 0;
};

struct LangText {
  Lang lang = Lang::kEn;
  std::string text;
};

// Repeats are transitive: when a third text b is close to both a and c, a and c are as close as the
// weaker of the two links (one step of the minimax path, as in single-linkage clustering). Returns the
// pairs with every score raised to max(score(a, c), max over b of min(score(a, b), score(b, c))), pairs
// reached only through a third text added, highest first (ties by a, then b). Only pairs present in
// `pairs` scoring at least `min_link` serve as links (every pair is returned), so the cost is the sum over
// texts of the square of their number of links.
std::vector<SimilarPair> WithTransitiveScores(const std::vector<SimilarPair>& pairs, double min_link = 0);

class SimilarityIndex {
 public:
  // Analyses and indexes the texts. Not thread-safe while being built; const methods are thread-safe.
  explicit SimilarityIndex(const std::vector<LangText>& texts, SimilarityOptions options = {});

  std::size_t size() const { return docs_.size(); }

  // Pairs scoring at least options.min_score among each text's best candidates, highest score first
  // (ties by a, then b).
  std::vector<SimilarPair> FindPairs() const;

  // The exact score of two texts (0 when one is empty).
  double Score(std::size_t a, std::size_t b) const;

  // The words both texts share (the surface form in text a), heaviest first, at most `limit`.
  std::vector<std::string> SharedTerms(std::size_t a, std::size_t b, std::size_t limit = 8) const;

 private:
  struct Entry {
    std::uint32_t term;
    float weight;
  };
  struct Doc {
    std::vector<Entry> entries;                                   // sorted by term
    std::vector<std::pair<std::uint32_t, std::string>> surfaces;  // word term -> first surface form
  };
  SimilarityOptions options_;
  std::vector<Doc> docs_;
  std::vector<std::vector<Entry>> postings_;  // term -> (doc, weight), docs ascending
};

}  // namespace jospar::analytics
