#include "analytics/title_similarity.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "analytics/cross_lingual.hpp"

namespace jospar::analytics {
namespace {

// One index over the texts of one language (or of all, mixed), with the item of each text.
struct LangIndex {
  std::vector<std::size_t> item_of;            // text -> item
  std::map<std::size_t, std::size_t> text_of;  // item -> text (per-language indexes only)
  std::optional<SimilarityIndex> index;
};

}  // namespace

std::vector<ItemPair> TitleSimilarity::Find(const std::vector<SimilarityItem>& items) const {
  // Candidates are gathered with a lower floor than the one applied to the final score.
  SimilarityOptions gather = options_;
  gather.min_score = options_.min_score * 0.5;
  LangIndex per_lang[3];
  LangIndex mixed;
  std::vector<LangText> texts[3];
  std::vector<LangText> all;
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (Lang lang : kLangs) {
      const std::string& t = items[i].title.Get(lang);
      if (t.empty()) continue;
      auto l = static_cast<std::size_t>(lang);
      per_lang[l].text_of[i] = texts[l].size();
      per_lang[l].item_of.push_back(i);
      texts[l].push_back({lang, t});
      mixed.item_of.push_back(i);
      all.push_back({lang, t});
    }
  }
  for (std::size_t l = 0; l < 3; ++l) per_lang[l].index.emplace(texts[l], gather);
  mixed.index.emplace(all, gather);

  std::map<std::pair<std::size_t, std::size_t>, double> cross;  // best mixed-index score per item pair
  std::vector<std::pair<std::size_t, std::size_t>> candidates;
  for (std::size_t l = 0; l < 3; ++l)
    for (const SimilarPair& p : per_lang[l].index->FindPairs())
      candidates.emplace_back(std::minmax(per_lang[l].item_of[p.a], per_lang[l].item_of[p.b]));
  for (const SimilarPair& p : mixed.index->FindPairs()) {
    auto key = std::minmax(mixed.item_of[p.a], mixed.item_of[p.b]);
    if (key.first == key.second) continue;
    double& best = cross[key];
    best = std::max(best, p.score);
    candidates.push_back(key);
  }
  // Objects with no language in common (a Kazakh-only title against a Russian-only one): scored through a
  // term-translation table learned from the objects that carry both languages' titles.
  for (std::size_t l1 = 0; l1 < 3; ++l1)
    for (std::size_t l2 = l1 + 1; l2 < 3; ++l2) {
      std::vector<std::size_t> side_a, side_b;
      std::vector<std::string> texts_a, texts_b;
      std::vector<ParallelText> corpus;
      for (std::size_t i = 0; i < items.size(); ++i) {
        const bool has1 = per_lang[l1].text_of.count(i) > 0, has2 = per_lang[l2].text_of.count(i) > 0;
        if (has1 && has2) {
          corpus.push_back({items[i].title.Get(kLangs[l1]), items[i].title.Get(kLangs[l2])});
        } else if (has1) {
          side_a.push_back(i);
          texts_a.push_back(items[i].title.Get(kLangs[l1]));
        } else if (has2) {
          side_b.push_back(i);
          texts_b.push_back(items[i].title.Get(kLangs[l2]));
        }
      }
      if (corpus.empty() || side_a.empty() || side_b.empty()) continue;
      TranslationOptions translation;
      translation.min_score = gather.min_score;
      CrossLingualIndex index(kLangs[l1], texts_a, kLangs[l2], texts_b, corpus, translation);
      for (const SimilarPair& p : index.FindPairs()) {
        auto key = std::minmax(side_a[p.a], side_b[p.b]);
        double& best = cross[key];
        best = std::max(best, p.score);
        candidates.push_back(key);
      }
    }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  std::vector<ItemPair> out;
  for (auto [a, b] : candidates) {
    double sum = 0;
    int common = 0;
    std::size_t best_lang = 3;
    double best_score = -1;
    for (std::size_t l = 0; l < 3; ++l) {
      auto ia = per_lang[l].text_of.find(a);
      auto ib = per_lang[l].text_of.find(b);
      if (ia == per_lang[l].text_of.end() || ib == per_lang[l].text_of.end()) continue;
      double s = per_lang[l].index->Score(ia->second, ib->second);
      sum += s;
      ++common;
      if (s > best_score) {
        best_score = s;
        best_lang = l;
      }
    }
    ItemPair pair{a, b, 0, {}};
    if (common > 0) {
      pair.score = sum / common;
      auto ia = per_lang[best_lang].text_of.at(a);
      auto ib = per_lang[best_lang].text_of.at(b);
      pair.shared_terms = per_lang[best_lang].index->SharedTerms(ia, ib);
    } else {
      auto it = cross.find({a, b});
      if (it == cross.end()) continue;
      pair.score = it->second;
    }
    out.push_back(std::move(pair));
  }
  // Repeats are transitive: a candidate pair's score is raised through a third object close to both
  // (WithTransitiveScores); no pair is added that the indexes did not propose.
  {
    std::vector<SimilarPair> scored;
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> position;
    for (std::size_t k = 0; k < out.size(); ++k) {
      scored.push_back({out[k].a, out[k].b, out[k].score});
      position[{out[k].a, out[k].b}] = k;
    }
    for (const SimilarPair& p : WithTransitiveScores(scored))
      if (auto it = position.find({p.a, p.b}); it != position.end()) out[it->second].score = p.score;
  }
  std::erase_if(out, [&](const ItemPair& p) { return p.score < options_.min_score; });
  std::sort(out.begin(), out.end(), [](const ItemPair& x, const ItemPair& y) {
    if (x.score != y.score) return x.score > y.score;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  return out;
}

}  // namespace jospar::analytics
