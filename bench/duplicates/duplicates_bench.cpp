// Duplicate detection benchmark (scripts/bench.sh, step "duplicates").
//   jospar_duplicates_bench quality OPEN_SDG_DIR          AP / precision / recall per language on the UN
//   repeats jospar_duplicates_bench speed TEXTS.tsv PAIRS.tsv     find the pairs among "lang<TAB>text" lines,
//   print time
// Options may be overridden for experiments: DUP_GRAM_WEIGHT, DUP_GRAM_SIZE, DUP_MIN_SCORE, DUP_NEIGHBOURS.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "analytics/cross_lingual.hpp"
#include "analytics/ranking.hpp"
#include "analytics/similarity.hpp"
#include "un_repeats.hpp"

namespace {

using jospar::Lang;
using namespace jospar::analytics;

SimilarityOptions OptionsFromEnv() {
  SimilarityOptions o;
  if (const char* v = std::getenv("DUP_GRAM_WEIGHT")) o.gram_weight = std::atof(v);
  if (const char* v = std::getenv("DUP_IDF_POWER")) o.idf_power = std::atof(v);
  if (const char* v = std::getenv("DUP_EDGE")) o.edge_words = std::atoi(v);
  if (const char* v = std::getenv("DUP_EDGE_W")) o.edge_weight = std::atof(v);
  if (const char* v = std::getenv("DUP_GRAM_SIZE")) o.gram_size = std::atoi(v);
  if (const char* v = std::getenv("DUP_JACCARD_WEIGHT")) o.jaccard_weight = std::atof(v);
  if (const char* v = std::getenv("DUP_STEM_GRAMS")) o.stem_grams = std::atoi(v) != 0;
  if (const char* v = std::getenv("DUP_MIN_SCORE")) o.min_score = std::atof(v);
  if (const char* v = std::getenv("DUP_NEIGHBOURS")) o.max_neighbours = std::atoi(v);
  return o;
}

int Quality(const std::string& dir) {
  auto truth = jospar::bench::UnRepeatPairs(dir);
  SimilarityOptions options = OptionsFromEnv();
  std::printf("{\"languages\": {");
  const char* sep = "";
  for (Lang lang : jospar::kLangs) {
    // Only indicators with an English title: the ground truth is defined by the English titles.
    auto en = jospar::bench::LoadUnTitles(dir, Lang::kEn);
    auto all = jospar::bench::LoadUnTitles(dir, lang);
    jospar::bench::UnTitles titles;
    for (std::size_t i = 0; i < all.keys.size(); ++i)
      if (std::binary_search(en.keys.begin(), en.keys.end(), all.keys[i])) {
        titles.keys.push_back(all.keys[i]);
        titles.texts.push_back(all.texts[i]);
      }
    std::vector<LangText> texts;
    for (auto& t : titles.texts) texts.push_back({lang, t});
    SimilarityIndex index(texts, options);
    std::vector<std::pair<double, bool>> scored;
    std::size_t positives = 0;
    for (std::size_t a = 0; a < texts.size(); ++a)
      for (std::size_t b = a + 1; b < texts.size(); ++b) {
        bool pos = truth.count(std::minmax(titles.keys[a], titles.keys[b])) > 0;
        positives += pos;
        scored.emplace_back(index.Score(a, b), pos);
      }
    // Pessimistic ties: negatives first.
    std::stable_sort(scored.begin(), scored.end(), [](auto& x, auto& y) { return x.second < y.second; });
    double ap = AveragePrecision(scored, positives);
    // The same ranking with scores raised through a third text (WithTransitiveScores).
    std::vector<SimilarPair> every_pair;
    for (std::size_t a = 0; a < texts.size(); ++a)
      for (std::size_t b = a + 1; b < texts.size(); ++b) every_pair.push_back({a, b, index.Score(a, b)});
    std::vector<std::pair<double, bool>> scored_transitive;
    for (const SimilarPair& p : WithTransitiveScores(every_pair, options.min_score))
      scored_transitive.emplace_back(p.score,
                                     truth.count(std::minmax(titles.keys[p.a], titles.keys[p.b])) > 0);
    std::stable_sort(scored_transitive.begin(), scored_transitive.end(),
                     [](auto& x, auto& y) { return x.second < y.second; });
    double ap_transitive = AveragePrecision(scored_transitive, positives);
    auto pairs = index.FindPairs();
    std::size_t found = 0;
    for (auto& p : pairs) found += truth.count(std::minmax(titles.keys[p.a], titles.keys[p.b]));
    double precision = pairs.empty() ? 0 : static_cast<double>(found) / static_cast<double>(pairs.size());
    double recall = positives ? static_cast<double>(found) / static_cast<double>(positives) : 0;
    std::printf(
        "%s\"%s\": {\"texts\": %zu, \"true_pairs\": %zu, \"average_precision\": %.4f, "
        "\"transitive_average_precision\": %.4f, \"returned\": %zu, \"precision\": %.4f, \"recall\": %.4f}",
        sep, std::string(jospar::LangCode(lang)).c_str(), texts.size(), positives, ap, ap_transitive,
        pairs.size(), precision, recall);
    sep = ", ";
    if (const char* dump = std::getenv("DUP_DUMP")) {
      std::ofstream o(std::string(dump) + "." + std::string(jospar::LangCode(lang)));
      for (std::size_t a = 0; a < texts.size(); ++a)
        for (std::size_t b = a + 1; b < texts.size(); ++b)
          o << titles.keys[a] << '\t' << titles.keys[b] << '\t' << index.Score(a, b) << '\t'
            << truth.count(std::minmax(titles.keys[a], titles.keys[b])) << '\n';
    }
    if (std::getenv("DUP_DEBUG")) {
      std::vector<std::tuple<double, std::size_t, std::size_t, bool>> ranked;
      for (std::size_t a = 0; a < texts.size(); ++a)
        for (std::size_t b = a + 1; b < texts.size(); ++b)
          ranked.emplace_back(index.Score(a, b), a, b,
                              truth.count(std::minmax(titles.keys[a], titles.keys[b])) > 0);
      std::sort(ranked.rbegin(), ranked.rend());
      for (std::size_t i = 0; i < 30; ++i) {
        auto [s, a, b, pos] = ranked[i];
        std::fprintf(stderr, "%c %.3f %s %s\n", pos ? '+' : '-', s, titles.keys[a].c_str(),
                     titles.keys[b].c_str());
      }
    }
  }
  // Across languages: each title of language A against every title of language B of another indicator;
  // true pairs are the repeats in either order (A of x with B of y, and A of y with B of x). Scored two
  // ways: in one mixed index (only numbers, names and loanwords are shared), and by CrossLingualIndex
  // with a term-translation table learned from the catalogue's parallel kk/ru/en texts with the 32
  // indicators of the true pairs held out (LoadParallelTexts).
  std::printf("}, \"across\": {");
  sep = "";
  const auto held_out = jospar::bench::IndicatorIds(truth);
  const std::pair<Lang, Lang> lang_pairs[] = {
      {Lang::kKk, Lang::kRu}, {Lang::kKk, Lang::kEn}, {Lang::kRu, Lang::kEn}};
  for (auto [la, lb] : lang_pairs) {
    auto en = jospar::bench::LoadUnTitles(dir, Lang::kEn);
    auto ta = jospar::bench::LoadUnTitles(dir, la);
    auto tb = jospar::bench::LoadUnTitles(dir, lb);
    auto has_en = [&](const std::string& k) { return std::binary_search(en.keys.begin(), en.keys.end(), k); };
    std::vector<std::string> keys_a, keys_b, texts_a, texts_b;
    for (std::size_t i = 0; i < ta.keys.size(); ++i)
      if (has_en(ta.keys[i])) {
        keys_a.push_back(ta.keys[i]);
        texts_a.push_back(ta.texts[i]);
      }
    for (std::size_t i = 0; i < tb.keys.size(); ++i)
      if (has_en(tb.keys[i])) {
        keys_b.push_back(tb.keys[i]);
        texts_b.push_back(tb.texts[i]);
      }
    std::vector<LangText> mixed_texts;
    for (auto& t : texts_a) mixed_texts.push_back({la, t});
    for (auto& t : texts_b) mixed_texts.push_back({lb, t});
    SimilarityIndex mixed(mixed_texts, options);
    std::vector<ParallelText> corpus;
    for (auto& [x, y] : jospar::bench::LoadParallelTexts(dir, la, lb, held_out)) corpus.push_back({x, y});
    CrossLingualIndex cross(la, texts_a, lb, texts_b, corpus);
    std::vector<std::pair<double, bool>> scored_mixed, scored_cross;
    std::size_t positives = 0;
    for (std::size_t a = 0; a < keys_a.size(); ++a)
      for (std::size_t b = 0; b < keys_b.size(); ++b) {
        if (keys_a[a] == keys_b[b]) continue;  // the same indicator's translation is not a repeat
        bool pos = truth.count(std::minmax(keys_a[a], keys_b[b])) > 0;
        positives += pos;
        scored_mixed.emplace_back(mixed.Score(a, keys_a.size() + b), pos);
        scored_cross.emplace_back(cross.Score(a, b), pos);
      }
    auto pessimistic = [](auto& x, auto& y) { return x.second < y.second; };
    std::stable_sort(scored_mixed.begin(), scored_mixed.end(), pessimistic);
    std::stable_sort(scored_cross.begin(), scored_cross.end(), pessimistic);
    std::size_t returned = 0, found = 0;
    for (const SimilarPair& p : cross.FindPairs()) {
      if (keys_a[p.a] == keys_b[p.b]) continue;
      ++returned;
      found += truth.count(std::minmax(keys_a[p.a], keys_b[p.b]));
    }
    std::printf(
        "%s\"%s_vs_%s\": {\"true_pairs\": %zu, \"parallel_texts\": %zu, \"held_out_indicators\": %zu, "
        "\"average_precision\": %.4f, \"returned\": %zu, \"precision\": %.4f, \"recall\": %.4f, "
        "\"shared_terms_only_average_precision\": %.4f}",
        sep, std::string(jospar::LangCode(la)).c_str(), std::string(jospar::LangCode(lb)).c_str(), positives,
        corpus.size(), held_out.size(), AveragePrecision(scored_cross, positives), returned,
        returned ? static_cast<double>(found) / static_cast<double>(returned) : 0.0,
        positives ? static_cast<double>(found) / static_cast<double>(positives) : 0.0,
        AveragePrecision(scored_mixed, positives));
    sep = ", ";
  }
  std::printf("}");
  std::printf(", \"min_score\": %.2f}\n", options.min_score);
  return 0;
}

int Speed(const std::string& in, const std::string& out) {
  std::ifstream f(in);
  std::vector<LangText> texts;
  for (std::string line; std::getline(f, line);) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    texts.push_back({jospar::ParseLang(line.substr(0, tab)).value_or(Lang::kEn), line.substr(tab + 1)});
  }
  auto t0 = std::chrono::steady_clock::now();
  SimilarityIndex index(texts, OptionsFromEnv());
  auto t1 = std::chrono::steady_clock::now();
  auto pairs = index.FindPairs();
  auto t2 = std::chrono::steady_clock::now();
  std::ofstream o(out);
  for (auto& p : pairs) o << p.a << '\t' << p.b << '\t' << p.score << '\n';
  auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
  std::printf("{\"texts\": %zu, \"index_s\": %.4f, \"search_s\": %.4f, \"total_s\": %.4f, \"pairs\": %zu}\n",
              texts.size(), secs(t1 - t0), secs(t2 - t1), secs(t2 - t0), pairs.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "quality" && argc == 3) return Quality(argv[2]);
  if (mode == "speed" && argc == 4) return Speed(argv[2], argv[3]);
  std::fprintf(stderr, "usage: %s quality OPEN_SDG_DIR | speed TEXTS.tsv PAIRS.tsv\n", argv[0]);
  return 2;
}
