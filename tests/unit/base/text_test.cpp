#include <gtest/gtest.h>

#include "analytics/normalize.hpp"
#include "core/base/text.hpp"
#include "core/plan/lifecycle.hpp"

namespace jospar {
namespace {

TEST(Text, PickFallsBackVisiblyToAnotherLanguage) {
  Text t{.kk = "", .ru = "Стратегия", .en = "Strategy"};
  auto picked = t.Pick(Lang::kKk);
  EXPECT_EQ(picked.text, "Стратегия");
  EXPECT_EQ(picked.lang, Lang::kRu);
  EXPECT_EQ(t.Pick(Lang::kEn).lang, Lang::kEn);
}

TEST(Text, AcceptLanguagePicksHighestSupportedQuality) {
  EXPECT_EQ(LangFromAcceptLanguage("de-DE,ru;q=0.8,en;q=0.9"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("kk-KZ"), Lang::kKk);
  EXPECT_EQ(LangFromAcceptLanguage("de, fr"), std::nullopt);
}

TEST(SearchKey, FoldsKazakhCyrillicAndLatinAndCase) {
  EXPECT_EQ(analytics::SearchKey("Қазақстан"), analytics::SearchKey("QAZAQSTAN"));
  EXPECT_EQ(analytics::SearchKey("ҚАЗАҚСТАН"), "qazaqstan");
  EXPECT_EQ(analytics::SearchKey("Qazaqstan"), "qazaqstan");
  EXPECT_EQ(analytics::SearchKey("Ақпараттық-коммуникациялық"), "aqparattyq kommunikatsiialyq");
  EXPECT_EQ(analytics::SearchKey("  Бедность, ЖЕНЩИНЫ!"), "bednost jenschiny");
}

TEST(Lifecycle, FollowsDraftApprovedInForceThenEnds) {
  Document d;
  d.id = 1;
  ASSERT_TRUE(ApplyTransition(d, DocStatus::kApproved, std::nullopt));
  ASSERT_TRUE(ApplyTransition(d, DocStatus::kInForce, std::nullopt));
  auto bad = ApplyTransition(d, DocStatus::kDraft, std::nullopt);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kConflict);
  EXPECT_EQ(d.status, DocStatus::kInForce);
  EXPECT_FALSE(ApplyTransition(d, DocStatus::kMerged, std::nullopt));
  ASSERT_TRUE(ApplyTransition(d, DocStatus::kMerged, Id{7}));
  EXPECT_EQ(d.merged_into_id, Id{7});
  EXPECT_FALSE(ContentEditableInPlace(d.status));
}

TEST(Validation, ReportsEveryBadFieldAtOnce) {
  Document d;
  d.code = "bad code!";
  d.start_year = 2030;
  d.end_year = 2020;
  auto r = ValidateDocument(d);
  ASSERT_FALSE(r);
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"code", "type", "title", "end_year"}));
}

}  // namespace
}  // namespace jospar
