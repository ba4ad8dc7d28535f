// Near-duplicate decisions in the store (migration 004) and the review use cases on every backend:
// listing ranked pairs, dismissing (remembered, not shown again), merging B into A (links and indicators
// move, the decision and the history are kept).
#include "core/plan/usecases/duplicates.hpp"
#include "analytics/title_similarity.hpp"
#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

usecases::Caller Planner() {
  return {Principal{1, "planner", Role::kPlanner, std::nullopt}, "2026-11-23T10:00:00Z"};
}
usecases::Caller Executor() {
  return {Principal{2, "exec", Role::kExecutor, std::nullopt}, "2026-11-23T10:00:00Z"};
}

TEST_P(StoreContract, DuplicateDecisionsAreStoredOncePerPair) {
  auto tx = Write();
  DuplicateDecision d{0,         DuplicateKind::kIndicator, 3, 7, DuplicateVerdict::kDismissed,
                      "planner", "2026-11-23T10:00:00Z"};
  ASSERT_TRUE(tx->plan().InsertDuplicateDecision(d));
  auto again = tx->plan().InsertDuplicateDecision(d);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  DuplicateDecision g = d;
  g.kind = DuplicateKind::kGoal;
  g.verdict = DuplicateVerdict::kMerged;
  ASSERT_TRUE(tx->plan().InsertDuplicateDecision(g));
  ASSERT_TRUE(tx->Commit());
  auto rd = Read();
  auto list = rd->plan().ListDuplicateDecisions(DuplicateKind::kIndicator).value();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].a_id, 3);
  EXPECT_EQ(list[0].b_id, 7);
  EXPECT_EQ(list[0].verdict, DuplicateVerdict::kDismissed);
  EXPECT_EQ(list[0].actor, "planner");
  auto goals = rd->plan().ListDuplicateDecisions(DuplicateKind::kGoal).value();
  ASSERT_EQ(goals.size(), 1u);
  EXPECT_EQ(goals[0].verdict, DuplicateVerdict::kMerged);
  EXPECT_TRUE(rd->plan().ListDuplicateDecisions(DuplicateKind::kDocument).value().empty());
}

struct Twins {
  Seed seed;
  Id a = 0, b = 0, other = 0;
};

Twins SeedTwins(Tx& tx) {
  Twins t;
  t.seed = SeedPlan(tx);
  Indicator a = MakeIndicator("T-1", t.seed.goal);
  a.title = Text{"100 000 адамға апаттарда қаза болғандар, із-түссіз жоғалғандар саны",
                 "Число погибших и пропавших без вести в результате бедствий на 100 000 человек",
                 "Number of deaths and missing persons attributed to disasters per 100,000 population"};
  Indicator b = MakeIndicator("T-2", t.seed.task);
  b.title = Text{"100 мың адамға апаттың нәтижесінде қаза болған, іс-түзсіз жоғалғандардың саны",
                 "Число погибших и пропавших без вести в результате бедствий на 100 000 человек",
                 "Number of deaths and missing persons attributed to disasters per 100,000 population"};
  Indicator o = MakeIndicator("T-3", t.seed.goal);
  o.title = Text{"Электр энергиясына қолжетімділігі бар халық үлесі",
                 "Доля населения, имеющего доступ к электроэнергии",
                 "Proportion of population with access to electricity"};
  t.a = tx.plan().InsertIndicator(a).value();
  t.b = tx.plan().InsertIndicator(b).value();
  t.other = tx.plan().InsertIndicator(o).value();
  EXPECT_TRUE(tx.plan().InsertLink(
      Link{0, {ObjectKind::kIndicator, t.b}, {ObjectKind::kSdgTarget, t.seed.sdg_target}}));
  EXPECT_TRUE(
      tx.plan().InsertLink(Link{0, {ObjectKind::kIndicator, t.other}, {ObjectKind::kIndicator, t.b}}));
  return t;
}

TEST_P(StoreContract, DuplicateIndicatorsAreListedThenDismissedForGood) {
  Twins t;
  {
    auto tx = Write();
    t = SeedTwins(*tx);
    ASSERT_TRUE(tx->Commit());
  }
  analytics::TitleSimilarity finder;
  auto list = usecases::ListDuplicates(*store_, Planner(), finder, DuplicateKind::kIndicator, 0, 50).value();
  ASSERT_GE(list.total, 1);
  EXPECT_EQ(list.items[0].a_id, t.a);
  EXPECT_EQ(list.items[0].b_id, t.b);
  EXPECT_GT(list.items[0].score, 0.7);
  EXPECT_FALSE(list.items[0].shared_terms.empty());
  for (const auto& c : list.items) EXPECT_NE(c.b_id, t.other) << "unrelated indicator listed";

  auto denied = usecases::ListDuplicates(*store_, Executor(), finder, DuplicateKind::kIndicator, 0, 50);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kForbidden);

  ASSERT_TRUE(usecases::DismissDuplicate(*store_, Planner(), DuplicateKind::kIndicator, t.b, t.a));
  auto after = usecases::ListDuplicates(*store_, Planner(), finder, DuplicateKind::kIndicator, 0, 50).value();
  for (const auto& c : after.items)
    EXPECT_FALSE(c.a_id == t.a && c.b_id == t.b) << "dismissed pair shown again";
  auto twice = usecases::DismissDuplicate(*store_, Planner(), DuplicateKind::kIndicator, t.a, t.b);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto missing = usecases::DismissDuplicate(*store_, Planner(), DuplicateKind::kIndicator, t.a, 999999);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, MergingMovesLinksToAAndKeepsTheDecisionAndHistory) {
  Twins t;
  {
    auto tx = Write();
    t = SeedTwins(*tx);
    ASSERT_TRUE(tx->Commit());
  }
  ASSERT_TRUE(usecases::MergeDuplicate(*store_, Planner(), DuplicateKind::kIndicator, t.a, t.b));
  auto rd = Read();
  EXPECT_TRUE(rd->plan().ListLinksFrom({ObjectKind::kIndicator, t.b}).value().empty());
  EXPECT_TRUE(rd->plan().ListLinksTo({ObjectKind::kIndicator, t.b}).value().empty());
  auto from_a = rd->plan().ListLinksFrom({ObjectKind::kIndicator, t.a}).value();
  ASSERT_EQ(from_a.size(), 1u);
  EXPECT_EQ(from_a[0].to.id, t.seed.sdg_target);
  auto to_a = rd->plan().ListLinksTo({ObjectKind::kIndicator, t.a}).value();
  ASSERT_EQ(to_a.size(), 1u);
  EXPECT_EQ(to_a[0].from.id, t.other);
  auto decisions = rd->plan().ListDuplicateDecisions(DuplicateKind::kIndicator).value();
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].verdict, DuplicateVerdict::kMerged);
  EXPECT_EQ(decisions[0].a_id, t.a);
  EXPECT_EQ(decisions[0].b_id, t.b);
  auto history = rd->audit().ListHistory({ObjectKind::kIndicator, t.b}, 10).value();
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0].action, "duplicate:merged");
  EXPECT_TRUE(rd->plan().GetIndicator(t.b)) << "B is kept, marked merged, not deleted";
  rd.reset();
  // B is no longer offered, and cannot be merged again.
  analytics::TitleSimilarity finder;
  auto list = usecases::ListDuplicates(*store_, Planner(), finder, DuplicateKind::kIndicator, 0, 50).value();
  for (const auto& c : list.items) EXPECT_TRUE(c.a_id != t.b && c.b_id != t.b);
  auto again = usecases::MergeDuplicate(*store_, Planner(), DuplicateKind::kIndicator, t.other, t.b);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_P(StoreContract, MergingGoalsMovesTheirIndicators) {
  Seed s;
  Id g2 = 0;
  {
    auto tx = Write();
    s = SeedPlan(*tx);
    g2 = tx->plan().InsertGoal(MakeGoal(s.document, "2")).value();
    ASSERT_TRUE(tx->plan().InsertIndicator(MakeIndicator("G2-1", g2)));
    ASSERT_TRUE(tx->Commit());
  }
  ASSERT_TRUE(usecases::MergeDuplicate(*store_, Planner(), DuplicateKind::kGoal, s.goal, g2));
  auto rd = Read();
  IndicatorFilter f;
  f.goal_id = g2;
  EXPECT_EQ(rd->plan().ListIndicators(f, PageRequest{}).value().total, 0);
  f.goal_id = s.goal;
  EXPECT_EQ(rd->plan().ListIndicators(f, PageRequest{}).value().total, 1);
}

TEST_P(StoreContract, MergingADraftDocumentFollowsTheLifecycle) {
  Seed s;
  Id d2 = 0;
  {
    auto tx = Write();
    s = SeedPlan(*tx);
    d2 = tx->plan().InsertDocument(MakeDocument("NDP-COPY", s.body)).value();
    ASSERT_TRUE(tx->Commit());
  }
  auto r = usecases::MergeDuplicate(*store_, Planner(), DuplicateKind::kDocument, s.document, d2);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(Read()->plan().ListDuplicateDecisions(DuplicateKind::kDocument).value().empty())
      << "nothing written";
}

}  // namespace
}  // namespace jospar::testing
