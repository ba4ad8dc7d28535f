// The text pipeline of duplicate detection: the Kazakh suffix stripper, number normalisation, stemming,
// and the quality of the ranking on the UN indicators that the SDG list repeats under several targets.
#include <gtest/gtest.h>

#include <algorithm>

#include "../../../bench/duplicates/un_repeats.hpp"
#include "analytics/kazakh_stem.hpp"
#include "analytics/normalize.hpp"
#include "analytics/ranking.hpp"
#include "analytics/similarity.hpp"
#include "analytics/text_terms.hpp"

namespace jospar::analytics {
namespace {

std::string Kk(std::string_view word) { return StemKazakh(SearchKey(word)); }

std::vector<std::string> Terms(std::string_view text, Lang lang) {
  std::vector<std::string> out;
  for (const Word& w : AnalyzeText(text, lang)) out.push_back(w.term);
  return out;
}

TEST(KazakhStem, StripsCasePluralAndPossessiveEndings) {
  EXPECT_EQ(Kk("апаттардың"), "apat");
  EXPECT_EQ(Kk("апаттарда"), "apat");
  EXPECT_EQ(Kk("апаттар"), "apat");
  EXPECT_EQ(Kk("жоғалғандар"), "jogal");
  EXPECT_EQ(Kk("жоғалған"), "jogal");
  EXPECT_EQ(Kk("үлесі"), "ules");
  EXPECT_EQ(Kk("үлес"), "ules");
  EXPECT_EQ(Kk("елдердің"), Kk("елдер"));
  EXPECT_EQ(Kk("экологиялық"), "ekologiia");
  EXPECT_EQ(Kk("стратегияларын"), "strategiia");
}

TEST(KazakhStem, LatinAndCyrillicGiveTheSameStem) {
  EXPECT_EQ(Kk("Апаттардың"), Kk("apattardyń"));
  EXPECT_EQ(Kk("ҚАЗАҚСТАННЫҢ"), Kk("Qazaqstannyń"));
}

TEST(KazakhStem, KeepsShortWordsAndNonLetters) {
  EXPECT_EQ(Kk("ел"), "el");
  EXPECT_EQ(Kk("саны"), "san");  // not "sa": a stem keeps three letters
  EXPECT_EQ(StemKazakh("2030"), "2030");
  EXPECT_EQ(StemKazakh(""), "");
}

TEST(KazakhStem, SoundKeyJoinsAssimilationSpellings) {
  EXPECT_EQ(KazakhSoundKey(SearchKey("із-түссіз")), KazakhSoundKey(SearchKey("іс-түзсіз")));
  EXPECT_NE(KazakhSoundKey("alma"), KazakhSoundKey("elma"));
}

TEST(KazakhStem, SoundKeyDropsNarrowVowelsBetweenConsonants) {
  auto key = [](std::string_view w) { return KazakhSoundKey(StemKazakh(SearchKey(w))); };
  EXPECT_EQ(key("қауіп"), key("қаупін"));
  EXPECT_EQ(key("орын"), key("орны"));
  EXPECT_EQ(key("халық"), key("халқы"));
  EXPECT_NE(key("пайыз"), key("басы"));  // й after a vowel is not a narrow vowel
  EXPECT_NE(key("жойылатын"), key("жол"));
}

TEST(TextTerms, NumbersWrittenWithSeparatorsOrWordsAreOneNumber) {
  EXPECT_EQ(Terms("100 000 адамға", Lang::kKk).front(), "#100000");
  EXPECT_EQ(Terms("100 мың адамға", Lang::kKk).front(), "#100000");
  EXPECT_EQ(Terms("на 100 тыс. человек", Lang::kRu)[1], "#100000");
  EXPECT_EQ(Terms("per 100,000 population", Lang::kEn)[1], "#100000");
  EXPECT_EQ(Terms("2 million people", Lang::kEn)[0], "#2000000");
  // A year range is two numbers, not one.
  auto years = Terms("2015–2030 годы", Lang::kRu);
  ASSERT_GE(years.size(), 2u);
  EXPECT_EQ(years[0], "#2015");
  EXPECT_EQ(years[1], "#2030");
}

TEST(TextTerms, RussianAndEnglishAreStemmedToFoldedKeys) {
  EXPECT_EQ(Terms("стратегии", Lang::kRu), Terms("стратегий", Lang::kRu));
  EXPECT_EQ(Terms("Ёлки", Lang::kRu), Terms("елки", Lang::kRu));
  EXPECT_EQ(Terms("disasters", Lang::kEn), Terms("disaster", Lang::kEn));
  EXPECT_EQ(Terms("Disasters", Lang::kEn).front(), "disast");
}

TEST(Similarity, SpellingVariantsAndNumberFormsScoreHigherThanOtherTexts) {
  std::vector<LangText> texts = {
      {Lang::kKk, "100 000 адамға апаттарда қаза болғандар, із-түссіз жоғалғандар саны"},
      {Lang::kKk, "100 мың адамға апаттың нәтижесінде қаза болған, іс-түзсіз жоғалғандардың саны"},
      {Lang::kKk, "Электр энергияға қолжетімділігі бар халық үлесі"},
  };
  SimilarityIndex index(texts);
  EXPECT_GT(index.Score(0, 1), 0.6);
  EXPECT_LT(index.Score(0, 2), 0.2);
  auto pairs = index.FindPairs();
  ASSERT_FALSE(pairs.empty());
  EXPECT_EQ(pairs[0].a, 0u);
  EXPECT_EQ(pairs[0].b, 1u);
  auto shared = index.SharedTerms(0, 1, 16);  // all shared words: here they weigh the same
  EXPECT_NE(std::find(shared.begin(), shared.end(), "100 000"), shared.end());
}

TEST(Ranking, AveragePrecisionCountsMissingPositives) {
  EXPECT_DOUBLE_EQ(AveragePrecision({{0.9, true}, {0.8, false}, {0.7, true}}, 2), (1.0 + 2.0 / 3) / 2);
  EXPECT_DOUBLE_EQ(AveragePrecision({{0.9, true}}, 2), 0.5);
  EXPECT_DOUBLE_EQ(AveragePrecision({}, 0), 0.0);
}

// Every pair of UN indicators that have an English title (the ground truth is defined by identical
// English titles), ranked by score; average precision with ties broken pessimistically.
struct Quality {
  double ap = 0;
  double transitive_ap = 0;  // scores raised through a third text (WithTransitiveScores)
  double recall = 0;         // of FindPairs with the default options
};

Quality RankUnIndicators(Lang lang) {
  const std::string dir = std::string(JOSPAR_SOURCE_DATA_DIR) + "/open-sdg-kz";
  auto truth = bench::UnRepeatPairs(dir);
  auto en = bench::LoadUnTitles(dir, Lang::kEn);
  auto titles = bench::LoadUnTitles(dir, lang);
  std::vector<LangText> texts;
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < titles.keys.size(); ++i) {
    if (!std::binary_search(en.keys.begin(), en.keys.end(), titles.keys[i])) continue;
    keys.push_back(titles.keys[i]);
    texts.push_back({lang, titles.texts[i]});
  }
  SimilarityIndex index(texts);
  std::vector<std::pair<double, bool>> scored;
  for (std::size_t a = 0; a < texts.size(); ++a)
    for (std::size_t b = a + 1; b < texts.size(); ++b)
      scored.emplace_back(index.Score(a, b), truth.count(std::minmax(keys[a], keys[b])) > 0);
  std::stable_sort(scored.begin(), scored.end(), [](auto& x, auto& y) { return x.second < y.second; });
  Quality q;
  q.ap = AveragePrecision(scored, truth.size());
  std::vector<SimilarPair> every_pair;
  for (std::size_t a = 0; a < texts.size(); ++a)
    for (std::size_t b = a + 1; b < texts.size(); ++b) every_pair.push_back({a, b, index.Score(a, b)});
  std::vector<std::pair<double, bool>> transitive;
  for (const SimilarPair& p : WithTransitiveScores(every_pair, SimilarityOptions{}.min_score))
    transitive.emplace_back(p.score, truth.count(std::minmax(keys[p.a], keys[p.b])) > 0);
  std::stable_sort(transitive.begin(), transitive.end(),
                   [](auto& x, auto& y) { return x.second < y.second; });
  q.transitive_ap = AveragePrecision(transitive, truth.size());
  std::size_t found = 0;
  for (const SimilarPair& p : index.FindPairs()) found += truth.count(std::minmax(keys[p.a], keys[p.b]));
  q.recall = static_cast<double>(found) / static_cast<double>(truth.size());
  return q;
}

TEST(DuplicateQuality, UnRepeatsRankFirstInEnglish) {
  auto q = RankUnIndicators(Lang::kEn);
  EXPECT_GE(q.ap, 0.99);
  EXPECT_GE(q.transitive_ap, 0.99);
  EXPECT_EQ(q.recall, 1.0);
}

TEST(DuplicateQuality, UnRepeatsRankFirstInRussian) {
  auto q = RankUnIndicators(Lang::kRu);
  EXPECT_GE(q.ap, 0.955);  // plain TF-IDF cosine: 0.946 on the same pairs; the issue asks for 0.95
  EXPECT_GE(q.transitive_ap, 0.955);
  EXPECT_EQ(q.recall, 1.0);
}

TEST(DuplicateQuality, UnRepeatsRankFirstInKazakh) {
  auto q = RankUnIndicators(Lang::kKk);
  // Plain TF-IDF cosine: 0.680 on the same pairs; the issue asks for 0.95. Pair by pair 0.947; through a
  // third text (the repeats of 1.5.1 = 11.5.1 = 13.1.1 were translated three times) 0.959.
  EXPECT_GE(q.ap, 0.94);
  EXPECT_GE(q.transitive_ap, 0.95);
  EXPECT_EQ(q.recall, 1.0);
}

}  // namespace
}  // namespace jospar::analytics
