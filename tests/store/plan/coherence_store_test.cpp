// The bulk path and the coherence snapshot on every backend: a generated plan written in one
// transaction reads back object for object, a second plan with the same prefix is refused with nothing
// written, ordinary inserts after it get fresh ids, and the snapshot and the history since a watermark
// name what the coherence index needs.
#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/generate.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

SyntheticTexts Texts() {
  SyntheticTexts t;
  SyntheticTheme theme;
  theme.goal = {"мақсат", "цель", "goal"};
  theme.targets = {{"міндет", "задача", "target"}};
  theme.indicators = {{{"көрсеткіш", "показатель", "indicator"}, {"%", "%", "%"}, {"ҰСБ", "БНС", "BNS"}}};
  t.themes.push_back(theme);
  return t;
}

TEST_P(StoreContract, GeneratedPlanIsWrittenInBulkAndReadBack) {
  SyntheticPlanSpec spec;
  spec.documents = 60;
  spec.indicators = 300;
  spec.seed = 3;
  auto report = usecases::GenerateSyntheticPlan(*store_, spec, Texts(), "2026-01-31T12:00:00Z", 25);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->documents, 60);
  EXPECT_EQ(report->indicators, 300);

  auto tx = Read();
  PageRequest all;
  all.limit = 500;
  auto page = tx->plan().ListDocuments({}, all);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 60);
  auto first = tx->plan().GetDocumentByCode("GEN-1-000001");
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(first->tier, Tier::kLongTermStrategy);
  EXPECT_FALSE(first->title.kk.empty());
  DocumentFilter by_code;
  by_code.search = "GEN-1-000001";
  auto found = tx->plan().ListDocuments(by_code, PageRequest{});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->total, 1) << "the search column is filled";
  auto snap = tx->plan().LoadPlanSnapshot();
  ASSERT_TRUE(snap) << snap.error().detail;
  EXPECT_EQ(snap->documents.size(), 60u);
  EXPECT_EQ(snap->indicators.size(), 300u);
  EXPECT_EQ(static_cast<std::int64_t>(snap->goals.size()), report->goals);
  EXPECT_EQ(static_cast<std::int64_t>(snap->links.size()), report->links);
  int with_actuals = 0;
  for (const auto& i : snap->indicators) with_actuals += i.last_actual_year > 0;
  EXPECT_GT(with_actuals, 0);
  auto watermark = tx->audit().LastHistoryId();
  ASSERT_TRUE(watermark);
  auto since = tx->audit().ListHistorySince(0, 10);
  ASSERT_TRUE(since);
  ASSERT_FALSE(since->empty());
  EXPECT_EQ(since->back().action, "generate");
  EXPECT_EQ(since->back().id, *watermark);
  auto some =
      tx->plan().LoadPlanSnapshotOf({{ObjectKind::kDocument, first->id}, {ObjectKind::kDocument, 99999999}});
  ASSERT_TRUE(some);
  ASSERT_EQ(some->documents.size(), 1u);
  EXPECT_EQ(some->documents[0].code, "GEN-1-000001");
  tx.reset();

  // The same prefix again: refused, nothing written.
  auto again = usecases::GenerateSyntheticPlan(*store_, spec, Texts(), "2026-01-31T12:00:00Z");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  // Ordinary inserts after explicit ids get fresh ids (PostgreSQL's identity sequences were moved on).
  auto w = Write();
  auto id = w->plan().InsertDocument(MakeDocument("AFTER-BULK"));
  ASSERT_TRUE(id) << id.error().detail;
  EXPECT_GT(*id, 60);
  ASSERT_TRUE(w->Commit());
}

}  // namespace
}  // namespace jospar::testing
