#include "analytics/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>

#include "analytics/text_terms.hpp"

namespace jospar::analytics {
namespace {

struct TermCount {
  std::uint32_t term;
  int count;
  bool gram;
  bool edge;
};

}  // namespace

SimilarityIndex::SimilarityIndex(const std::vector<LangText>& texts, SimilarityOptions options)
    : options_(options) {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<bool> is_gram;
  auto id_of = [&](std::string key, bool gram) {
    auto [it, inserted] = ids.emplace(std::move(key), static_cast<std::uint32_t>(ids.size()));
    if (inserted) is_gram.push_back(gram);
    return it->second;
  };
  std::vector<std::vector<TermCount>> counts(texts.size());
  docs_.resize(texts.size());
  for (std::size_t d = 0; d < texts.size(); ++d) {
    std::vector<Word> words = AnalyzeText(texts[d].text, texts[d].lang);
    std::unordered_map<std::uint32_t, std::pair<int, bool>> tf;  // term -> (count, at an edge)
    const auto edge = static_cast<std::size_t>(std::max(0, options_.edge_words));
    for (std::size_t k = 0; k < words.size(); ++k) {
      const Word& w = words[k];
      const bool at_edge = k < edge || k + edge >= words.size();
      std::uint32_t t = id_of("w" + w.term, false);
      auto& [count, e] = tf[t];
      if (count++ == 0) docs_[d].surfaces.emplace_back(t, w.surface);
      e = e || at_edge;
      if (options_.gram_weight > 0 && w.term[0] != '#')
        for (std::string& g : CharGrams(options_.stem_grams ? w.term : w.key, options_.gram_size)) {
          auto& [gc, ge] = tf[id_of("g" + g, true)];
          ++gc;
          ge = ge || at_edge;
        }
    }
    for (auto& [t, ce] : tf) counts[d].push_back({t, ce.first, is_gram[t], ce.second});
  }
  std::vector<std::uint32_t> df(ids.size(), 0);
  for (const auto& doc_counts : counts)
    for (const TermCount& tc : doc_counts) ++df[tc.term];
  const double n = static_cast<double>(texts.size());
  const double block_scale[2] = {std::sqrt(1.0 - options_.gram_weight), std::sqrt(options_.gram_weight)};
  for (std::size_t d = 0; d < counts.size(); ++d) {
    double norm2[2] = {0, 0};
    std::vector<double> w(counts[d].size());
    for (std::size_t k = 0; k < counts[d].size(); ++k) {
      const TermCount& tc = counts[d][k];
      double idf = std::log((n + 1) / (static_cast<double>(df[tc.term]) + 1)) + 1;
      w[k] = (1 + std::log(static_cast<double>(tc.count))) * std::pow(idf, options_.idf_power) *
             (tc.edge ? options_.edge_weight : 1.0);
      norm2[tc.gram] += w[k] * w[k];
    }
    Doc& doc = docs_[d];
    for (std::size_t k = 0; k < counts[d].size(); ++k) {
      const TermCount& tc = counts[d][k];
      if (norm2[tc.gram] <= 0) continue;
      double v = w[k] / std::sqrt(norm2[tc.gram]) * block_scale[tc.gram];
      if (v > 0) doc.entries.push_back({tc.term, static_cast<float>(v)});
    }
    std::sort(doc.entries.begin(), doc.entries.end(),
              [](const Entry& x, const Entry& y) { return x.term < y.term; });
  }
  postings_.assign(ids.size(), {});
  for (std::size_t d = 0; d < docs_.size(); ++d)
    for (const Entry& e : docs_[d].entries)
      postings_[e.term].push_back({static_cast<std::uint32_t>(d), e.weight});
}

double SimilarityIndex::Score(std::size_t a, std::size_t b) const {
  const auto& x = docs_[a].entries;
  const auto& y = docs_[b].entries;
  double dot = 0, min_sum = 0, max_sum = 0;
  std::size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i].term < y[j].term) {
      max_sum += x[i++].weight;
    } else if (y[j].term < x[i].term) {
      max_sum += y[j++].weight;
    } else {
      dot += static_cast<double>(x[i].weight) * y[j].weight;
      min_sum += std::min(x[i].weight, y[j].weight);
      max_sum += std::max(x[i].weight, y[j].weight);
      ++i;
      ++j;
    }
  }
  for (; i < x.size(); ++i) max_sum += x[i].weight;
  for (; j < y.size(); ++j) max_sum += y[j].weight;
  const double jaccard = max_sum > 0 ? min_sum / max_sum : 0;
  return (1 - options_.jaccard_weight) * std::min(1.0, dot) + options_.jaccard_weight * jaccard;
}

std::vector<SimilarPair> SimilarityIndex::FindPairs() const {
  const std::size_t n = docs_.size();
  const std::size_t max_df =
      std::max<std::size_t>(static_cast<std::size_t>(options_.max_df_floor),
                            static_cast<std::size_t>(options_.max_df_fraction * static_cast<double>(n)));
  const std::size_t keep = static_cast<std::size_t>(std::max(1, options_.max_neighbours));
  std::vector<float> acc(n, 0.0f);
  std::vector<std::uint32_t> touched;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;
  for (std::size_t d = 0; d < n; ++d) {
    touched.clear();
    for (const Entry& e : docs_[d].entries) {
      const auto& post = postings_[e.term];
      if (post.size() > max_df) continue;
      for (const Entry& p : post) {
        const std::uint32_t other = p.term;  // in postings, `term` holds the document
        if (other == d) continue;
        if (acc[other] == 0.0f) touched.push_back(other);
        acc[other] += e.weight * p.weight;  // the dot product over the followed terms
      }
    }
    if (touched.size() > keep) {
      std::nth_element(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(keep), touched.end(),
                       [&](std::uint32_t x, std::uint32_t y) { return acc[x] > acc[y]; });
      for (std::size_t k = keep; k < touched.size(); ++k) acc[touched[k]] = 0.0f;
      touched.resize(keep);
    }
    for (std::uint32_t other : touched) {
      acc[other] = 0.0f;
      auto a = static_cast<std::uint32_t>(d);
      candidates.emplace_back(std::min(a, other), std::max(a, other));
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<SimilarPair> out;
  for (auto [a, b] : candidates) {
    double s = Score(a, b);
    if (s >= options_.min_score) out.push_back({a, b, s});
  }
  std::sort(out.begin(), out.end(), [](const SimilarPair& x, const SimilarPair& y) {
    if (x.score != y.score) return x.score > y.score;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  return out;
}

std::vector<SimilarPair> WithTransitiveScores(const std::vector<SimilarPair>& pairs, double min_link) {
  auto key = [](std::size_t a, std::size_t b) {
    return (static_cast<std::uint64_t>(std::min(a, b)) << 32) | static_cast<std::uint64_t>(std::max(a, b));
  };
  std::unordered_map<std::size_t, std::vector<std::pair<std::size_t, double>>> links;
  std::unordered_map<std::uint64_t, double> best;
  best.reserve(pairs.size());
  for (const SimilarPair& p : pairs) {
    if (p.score >= min_link) {
      links[p.a].emplace_back(p.b, p.score);
      links[p.b].emplace_back(p.a, p.score);
    }
    double& s = best[key(p.a, p.b)];
    s = std::max(s, p.score);
  }
  for (const auto& [middle, around] : links)
    for (std::size_t i = 0; i < around.size(); ++i)
      for (std::size_t j = i + 1; j < around.size(); ++j) {
        if (around[i].first == around[j].first) continue;
        double& s = best[key(around[i].first, around[j].first)];
        s = std::max(s, std::min(around[i].second, around[j].second));
      }
  std::vector<SimilarPair> out;
  out.reserve(best.size());
  for (const auto& [k, score] : best)
    out.push_back({static_cast<std::size_t>(k >> 32), static_cast<std::size_t>(k & 0xffffffffu), score});
  std::sort(out.begin(), out.end(), [](const SimilarPair& x, const SimilarPair& y) {
    if (x.score != y.score) return x.score > y.score;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  return out;
}

std::vector<std::string> SimilarityIndex::SharedTerms(std::size_t a, std::size_t b, std::size_t limit) const {
  const auto& x = docs_[a].entries;
  const auto& y = docs_[b].entries;
  std::vector<std::pair<double, std::uint32_t>> shared;
  for (std::size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i].term < y[j].term) {
      ++i;
    } else if (y[j].term < x[i].term) {
      ++j;
    } else {
      shared.emplace_back(static_cast<double>(x[i].weight) * y[j].weight, x[i].term);
      ++i;
      ++j;
    }
  }
  std::sort(shared.begin(), shared.end(), [](const auto& p, const auto& q) { return p.first > q.first; });
  std::vector<std::string> out;
  for (const auto& [w, term] : shared) {
    for (const auto& [t, surface] : docs_[a].surfaces)
      if (t == term) {
        out.push_back(surface);
        break;
      }
    if (out.size() >= limit) break;
  }
  return out;
}

}  // namespace jospar::analytics
