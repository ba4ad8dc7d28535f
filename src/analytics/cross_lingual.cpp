#include "analytics/cross_lingual.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "analytics/text_terms.hpp"

namespace jospar::analytics {
namespace {

std::vector<std::string> TermsOf(const std::string& text, Lang lang) {
  std::vector<std::string> out;
  for (Word& w : AnalyzeText(text, lang)) out.push_back(std::move(w.term));
  return out;
}

std::uint32_t IdOf(std::unordered_map<std::string, std::uint32_t>& ids, const std::string& term) {
  return ids.emplace(term, static_cast<std::uint32_t>(ids.size())).first->second;
}

}  // namespace

TermTranslation::TermTranslation(Lang source, Lang target, const std::vector<ParallelText>& corpus,
                                 int iterations) {
  // Source id 0 is the NULL word (target words that translate nothing, e.g. a case ending's preposition).
  std::unordered_map<std::string, std::uint32_t> src_ids{{std::string(), 0}}, tgt_ids;
  std::unordered_map<std::uint64_t, std::uint32_t> pair_ids;  // (source << 32 | target) -> index into prob
  // For every text: its target words, and for each target word the pair indexes of all its source words.
  struct Sentence {
    std::vector<std::uint32_t> pairs;  // target words x (NULL + source words), row by row
    std::size_t sources = 0;
  };
  std::vector<Sentence> sentences;
  std::vector<std::uint32_t> pair_source;  // pair index -> source id
  for (const ParallelText& p : corpus) {
    std::vector<std::string> s = TermsOf(p.source, source);
    std::vector<std::string> t = TermsOf(p.target, target);
    if (s.empty() || t.empty()) continue;
    std::vector<std::uint32_t> sid{0};
    for (const std::string& term : s) sid.push_back(IdOf(src_ids, term));
    Sentence sentence;
    sentence.sources = sid.size();
    for (const std::string& term : t) {
      const std::uint32_t tid = IdOf(tgt_ids, term);
      for (std::uint32_t x : sid) {
        auto [it, inserted] =
            pair_ids.emplace((std::uint64_t{x} << 32) | tid, static_cast<std::uint32_t>(pair_source.size()));
        if (inserted) pair_source.push_back(x);
        sentence.pairs.push_back(it->second);
      }
    }
    sentences.push_back(std::move(sentence));
  }
  std::vector<double> prob(pair_source.size(), 1.0), count(pair_source.size());
  std::vector<double> total(src_ids.size());
  for (int round = 0; round < iterations; ++round) {
    std::fill(count.begin(), count.end(), 0.0);
    std::fill(total.begin(), total.end(), 0.0);
    for (const Sentence& sentence : sentences) {
      for (std::size_t row = 0; row < sentence.pairs.size(); row += sentence.sources) {
        double z = 0;
        for (std::size_t k = 0; k < sentence.sources; ++k) z += prob[sentence.pairs[row + k]];
        if (z <= 0) continue;
        for (std::size_t k = 0; k < sentence.sources; ++k) {
          const std::uint32_t pi = sentence.pairs[row + k];
          const double c = prob[pi] / z;
          count[pi] += c;
          total[pair_source[pi]] += c;
        }
      }
    }
    for (std::size_t pi = 0; pi < prob.size(); ++pi) {
      const double t = total[pair_source[pi]];
      prob[pi] = t > 0 ? count[pi] / t : 0;
    }
  }
  std::vector<std::string> src_names(src_ids.size()), tgt_names(tgt_ids.size());
  for (auto& [term, id] : src_ids) src_names[id] = term;
  for (auto& [term, id] : tgt_ids) tgt_names[id] = term;
  for (auto& [key, pi] : pair_ids) {
    const auto x = static_cast<std::uint32_t>(key >> 32);
    if (x == 0 || prob[pi] <= 1e-4) continue;
    table_[src_names[x]].emplace_back(tgt_names[static_cast<std::uint32_t>(key & 0xffffffffu)], prob[pi]);
  }
  for (auto& [term, list] : table_)
    std::sort(list.begin(), list.end(), [](const auto& p, const auto& q) {
      return p.second != q.second ? p.second > q.second : p.first < q.first;
    });
}

const std::vector<std::pair<std::string, double>>& TermTranslation::Translations(
    const std::string& source_term) const {
  static const std::vector<std::pair<std::string, double>> kNone;
  auto it = table_.find(source_term);
  return it == table_.end() ? kNone : it->second;
}

CrossLingualIndex::CrossLingualIndex(Lang a, const std::vector<std::string>& texts_a, Lang b,
                                     const std::vector<std::string>& texts_b,
                                     const std::vector<ParallelText>& corpus, TranslationOptions options)
    : options_(options) {
  std::vector<ParallelText> reversed;
  reversed.reserve(corpus.size());
  for (const ParallelText& p : corpus) reversed.push_back({p.target, p.source});
  const TermTranslation forward(a, b, corpus, options_.iterations);
  const TermTranslation backward(b, a, reversed, options_.iterations);
  const Lang langs[2] = {a, b};
  const std::vector<std::string>* texts[2] = {&texts_a, &texts_b};
  // Term weights of each text in its own language (sublinear tf x smoothed idf^power), kept by name so
  // they can be projected.
  std::vector<std::vector<std::pair<std::string, double>>> weighted[2];
  for (int s = 0; s < 2; ++s) {
    std::vector<std::map<std::string, int>> tfs;
    std::unordered_map<std::string, int> df;
    for (const std::string& text : *texts[s]) {
      std::map<std::string, int> tf;
      for (std::string& term : TermsOf(text, langs[s])) ++tf[std::move(term)];
      for (auto& [term, count] : tf) ++df[term];
      tfs.push_back(std::move(tf));
    }
    const double n = static_cast<double>(tfs.size());
    for (auto& tf : tfs) {
      std::vector<std::pair<std::string, double>> w;
      for (auto& [term, count] : tf) {
        const double idf = std::log((n + 1) / (df[term] + 1)) + 1;
        w.emplace_back(term, (1 + std::log(static_cast<double>(count))) * std::pow(idf, options_.idf_power));
      }
      weighted[s].push_back(std::move(w));
    }
    for (auto& [term, count] : df) IdOf(sides_[s].ids, term);
  }
  auto normalise = [](const std::map<std::uint32_t, double>& v, double norm2) {
    Vector out;
    if (norm2 <= 0) return out;
    const double z = std::sqrt(norm2);
    for (auto& [term, x] : v) out.push_back({term, static_cast<float>(x / z)});
    return out;
  };
  const TermTranslation* tables[2] = {&forward, &backward};
  const auto keep = static_cast<std::size_t>(std::max(1, options_.max_translations));
  for (int s = 0; s < 2; ++s) {
    const Side& other = sides_[1 - s];
    for (const auto& w : weighted[s]) {
      std::map<std::uint32_t, double> own;
      double own2 = 0;
      for (auto& [term, x] : w) {
        own[sides_[s].ids.at(term)] = x;
        own2 += x * x;
      }
      sides_[s].vectors.push_back(normalise(own, own2));
      // Projected: mass on translations the other side never uses still counts in the norm.
      std::map<std::string, double> proj;
      for (auto& [term, x] : w) {
        const auto& translations = tables[s]->Translations(term);
        if (translations.empty()) {
          proj[term] += x;  // unseen: numbers, names, loanwords written alike
          continue;
        }
        for (std::size_t k = 0; k < translations.size() && k < keep; ++k)
          if (translations[k].second >= options_.min_probability)
            proj[translations[k].first] += x * translations[k].second;
      }
      std::map<std::uint32_t, double> mapped;
      double proj2 = 0;
      for (auto& [term, x] : proj) {
        proj2 += x * x;
        if (auto it = other.ids.find(term); it != other.ids.end()) mapped[it->second] = x;
      }
      sides_[s].projected.push_back(normalise(mapped, proj2));
    }
  }
}

double CrossLingualIndex::Dot(const Vector& x, const Vector& y) {
  double s = 0;
  for (std::size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i].term < y[j].term) {
      ++i;
    } else if (y[j].term < x[i].term) {
      ++j;
    } else {
      s += static_cast<double>(x[i].weight) * y[j].weight;
      ++i;
      ++j;
    }
  }
  return s;
}

double CrossLingualIndex::Score(std::size_t i, std::size_t j) const {
  const double forward = Dot(sides_[0].projected[i], sides_[1].vectors[j]);
  const double backward = Dot(sides_[0].vectors[i], sides_[1].projected[j]);
  return std::clamp((forward + backward) / 2, 0.0, 1.0);
}

std::vector<SimilarPair> CrossLingualIndex::FindPairs() const {
  const auto keep = static_cast<std::size_t>(std::max(1, options_.max_neighbours));
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;
  // From each side: its projected vectors against an inverted index of the other side's own vectors.
  for (int s = 0; s < 2; ++s) {
    const Side& here = sides_[s];
    const Side& other = sides_[1 - s];
    std::vector<std::vector<std::pair<std::uint32_t, float>>> postings(other.ids.size());
    for (std::size_t d = 0; d < other.vectors.size(); ++d)
      for (const Entry& e : other.vectors[d])
        postings[e.term].emplace_back(static_cast<std::uint32_t>(d), e.weight);
    std::vector<float> acc(other.vectors.size(), 0.0f);
    std::vector<std::uint32_t> touched;
    for (std::size_t d = 0; d < here.projected.size(); ++d) {
      touched.clear();
      for (const Entry& e : here.projected[d])
        for (auto [doc, weight] : postings[e.term]) {
          if (acc[doc] == 0.0f) touched.push_back(doc);
          acc[doc] += e.weight * weight;
        }
      if (touched.size() > keep) {
        std::nth_element(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(keep), touched.end(),
                         [&](std::uint32_t x, std::uint32_t y) { return acc[x] > acc[y]; });
      }
      for (std::size_t k = 0; k < touched.size(); ++k) {
        if (k < keep) {
          const auto mine = static_cast<std::uint32_t>(d);
          candidates.emplace_back(s == 0 ? mine : touched[k], s == 0 ? touched[k] : mine);
        }
        acc[touched[k]] = 0.0f;
      }
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<SimilarPair> out;
  for (auto [i, j] : candidates)
    if (double score = Score(i, j); score >= options_.min_score) out.push_back({i, j, score});
  std::sort(out.begin(), out.end(), [](const SimilarPair& x, const SimilarPair& y) {
    if (x.score != y.score) return x.score > y.score;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  return out;
}

}  // namespace jospar::analytics
