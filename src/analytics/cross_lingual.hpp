// Near-duplicates across languages: a Kazakh title against a Russian (or English) title, with no word in
// common but numbers and names.
//
// A term-translation table is learned from parallel texts — the same object's titles in two languages,
// as the catalogue already holds them — with IBM Model 1 (expectation-maximisation over the analysed terms
// of text_terms.hpp, a NULL source word, uniform start). A text of the first language is then projected
// into the terms of the second (each term's weight spread over its `max_translations` most probable
// translations with probability >= `min_probability`; a term the table has never seen stays itself, so
// numbers and names still match) and compared with the other text's TF-IDF vector by cosine; the score of
// a pair is the mean of the two directions (a -> b's language, and b -> a's language).
//
// Nothing is built in: the table holds only what the given parallel texts teach. To measure it on pairs
// whose texts are also in the parallel corpus, leave those objects out of the corpus (see the benchmark).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analytics/similarity.hpp"
#include "core/base/text.hpp"

namespace jospar::analytics {

// One text in two languages (source, target): the same meaning.
struct ParallelText {
  std::string source;
  std::string target;
};

struct TranslationOptions {
  int iterations = 10;       // EM iterations of IBM Model 1
  int max_translations = 3;  // translations kept per term when projecting
  double min_probability = 0.2;
  double idf_power = 0.5;   // term weight = (1 + log tf) * idf^idf_power, as in SimilarityIndex
  double min_score = 0.2;   // FindPairs returns pairs scoring at least this
  int max_neighbours = 10;  // candidates kept per text before exact scoring
};

// P(target term | source term) learned from parallel texts with IBM Model 1.
class TermTranslation {
 public:
  TermTranslation(Lang source, Lang target, const std::vector<ParallelText>& corpus, int iterations = 10);

  // The translations of an analysed source term (text_terms.hpp's Word::term), most probable first;
  // empty when the corpus never had the term.
  const std::vector<std::pair<std::string, double>>& Translations(const std::string& source_term) const;

  std::size_t size() const { return table_.size(); }  // source terms with translations

 private:
  std::unordered_map<std::string, std::vector<std::pair<std::string, double>>> table_;
};

// Texts of language `a` against texts of language `b` through translation tables learned both ways from
// the same parallel corpus (source = a, target = b).
class CrossLingualIndex {
 public:
  CrossLingualIndex(Lang a, const std::vector<std::string>& texts_a, Lang b,
                    const std::vector<std::string>& texts_b, const std::vector<ParallelText>& corpus,
                    TranslationOptions options = {});

  // The score of texts_a[i] against texts_b[j], 0..1.
  double Score(std::size_t i, std::size_t j) const;

  // Pairs (a = index into texts_a, b = index into texts_b) scoring at least options.min_score among each
  // text's best candidates (found through an inverted index, so the cost grows about linearly), highest
  // score first.
  std::vector<SimilarPair> FindPairs() const;

 private:
  struct Entry {
    std::uint32_t term;
    float weight;
  };
  using Vector = std::vector<Entry>;  // sorted by term, L2-normalised
  // Side 0 holds texts_a, side 1 texts_b; each side has its own term space.
  struct Side {
    std::unordered_map<std::string, std::uint32_t> ids;
    std::vector<Vector> vectors;    // a text in its own language's terms
    std::vector<Vector> projected;  // a text in the other language's terms
  };
  static double Dot(const Vector& x, const Vector& y);
  TranslationOptions options_;
  Side sides_[2];
};

}  // namespace jospar::analytics
