// Progress status against targets (core/progress.hpp): every status in each direction, computed by hand
// with the Open SDG formula, the edge cases, and the roll-up to goals, documents, bodies and SDG goals.
#include "core/plan/progress.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace jospar {
namespace {

ProgressBasis Basis(Direction d, int by, double bv, int ty, double tv) {
  ProgressBasis b;
  b.direction = d;
  b.baseline_year = by;
  b.baseline_value = bv;
  b.target_year = ty;
  b.target_value = tv;
  return b;
}

ProgressAssessment Assess(const ProgressBasis& b, std::vector<ActualPoint> actuals) {
  return AssessProgress(b, actuals);
}

// Increase: 100 (2020) -> 200 (2030). Needed rate 2^(1/10) - 1 = 0.0717735.
TEST(Progress, IncreaseEveryStatus) {
  const auto b = Basis(Direction::kIncrease, 2020, 100, 2030, 200);
  auto on = Assess(b, {{2025, 140}});  // 1.4^(1/5) - 1 = 0.0696104; p = 0.96986
  EXPECT_EQ(on.status, ProgressStatus::kOnTrack);
  EXPECT_NEAR(*on.needed_rate, 0.0717735, 1e-6);
  EXPECT_NEAR(*on.observed_rate, 0.0696104, 1e-6);
  EXPECT_NEAR(*on.ratio, 0.96986, 1e-4);
  EXPECT_EQ(on.current_year, 2025);
  EXPECT_EQ(on.current_value, 140);

  auto acc = Assess(b, {{2025, 125}});  // 1.25^(1/5) - 1 = 0.0456396; p = 0.63588
  EXPECT_EQ(acc.status, ProgressStatus::kNeedsAcceleration);
  EXPECT_NEAR(*acc.ratio, 0.63588, 1e-4);

  auto lim = Assess(b, {{2025, 110}});  // 1.1^(1/5) - 1 = 0.0192449; p = 0.26813
  EXPECT_EQ(lim.status, ProgressStatus::kLimitedProgress);
  EXPECT_NEAR(*lim.ratio, 0.26813, 1e-4);

  auto det = Assess(b, {{2025, 95}});  // 0.95^(1/5) - 1 = -0.0102043; p = -0.14220
  EXPECT_EQ(det.status, ProgressStatus::kDeteriorating);
  EXPECT_NEAR(*det.ratio, -0.14220, 1e-4);

  EXPECT_EQ(Assess(b, {{2025, 200}}).status, ProgressStatus::kTargetMet);
  EXPECT_EQ(Assess(b, {{2025, 230}}).status, ProgressStatus::kTargetMet);
  // Exactly on the line: 100 * 2^(1/2) in 2025 gives p = 1.
  EXPECT_NEAR(*Assess(b, {{2025, 141.4213562}}).ratio, 1.0, 1e-6);
}

// Thresholds are inclusive at the lower end: p = 0.95 is on track, p = 0.6 needs acceleration.
TEST(Progress, ThresholdsAreInclusive) {
  const auto b = Basis(Direction::kIncrease, 2020, 100, 2030, 200);
  const double rn = 0.07177346253629313;
  auto at = [&](double p) { return 100 * std::pow(1 + p * rn, 5); };
  EXPECT_EQ(Assess(b, {{2025, at(0.9500001)}}).status, ProgressStatus::kOnTrack);
  EXPECT_EQ(Assess(b, {{2025, at(0.9499)}}).status, ProgressStatus::kNeedsAcceleration);
  EXPECT_EQ(Assess(b, {{2025, at(0.6000001)}}).status, ProgressStatus::kNeedsAcceleration);
  EXPECT_EQ(Assess(b, {{2025, at(0.5999)}}).status, ProgressStatus::kLimitedProgress);
  EXPECT_EQ(Assess(b, {{2025, 100}}).status, ProgressStatus::kLimitedProgress);  // p = 0
  EXPECT_EQ(Assess(b, {{2025, 99.9}}).status, ProgressStatus::kDeteriorating);
}

// Decrease: 10 (2020) -> 5 (2030). Needed rate 0.5^(1/10) - 1 = -0.0669670.
TEST(Progress, DecreaseEveryStatus) {
  const auto b = Basis(Direction::kDecrease, 2020, 10, 2030, 5);
  auto on = Assess(b, {{2025, 7.1}});  // 0.71^(1/5) - 1 = -0.0662069; p = 0.98862
  EXPECT_EQ(on.status, ProgressStatus::kOnTrack);
  EXPECT_NEAR(*on.ratio, 0.98862, 1e-4);
  EXPECT_EQ(Assess(b, {{2025, 8}}).status, ProgressStatus::kNeedsAcceleration);  // p = 0.65178
  EXPECT_NEAR(*Assess(b, {{2025, 8}}).ratio, 0.65178, 1e-4);
  EXPECT_EQ(Assess(b, {{2025, 9.5}}).status, ProgressStatus::kLimitedProgress);  // p = 0.15241
  EXPECT_NEAR(*Assess(b, {{2025, 9.5}}).ratio, 0.15241, 1e-4);
  EXPECT_EQ(Assess(b, {{2025, 11}}).status, ProgressStatus::kDeteriorating);
  EXPECT_EQ(Assess(b, {{2025, 5}}).status, ProgressStatus::kTargetMet);
  EXPECT_EQ(Assess(b, {{2025, 4}}).status, ProgressStatus::kTargetMet);
}

// Keep: hold the target within 5%.
TEST(Progress, KeepEveryStatus) {
  const auto held = Basis(Direction::kKeep, 2020, 50, 2030, 50);
  EXPECT_EQ(Assess(held, {{2024, 51}}).status, ProgressStatus::kTargetMet);    // |51 - 50| <= 2.5
  EXPECT_EQ(Assess(held, {{2024, 47.5}}).status, ProgressStatus::kTargetMet);  // on the band's edge
  EXPECT_EQ(Assess(held, {{2024, 45}}).status, ProgressStatus::kDeteriorating);
  EXPECT_EQ(Assess(held, {{2024, 56}}).status, ProgressStatus::kDeteriorating);

  // 40 -> 50 is assessed as an increase: needed 1.25^(1/10) - 1 = 0.0225651.
  const auto reach = Basis(Direction::kKeep, 2020, 40, 2030, 50);
  EXPECT_EQ(Assess(reach, {{2025, 49}}).status, ProgressStatus::kTargetMet);  // within the band
  auto a = Assess(reach, {{2025, 44}});  // 1.1^(1/5) - 1 = 0.0192449; p = 0.85286
  EXPECT_EQ(a.status, ProgressStatus::kNeedsAcceleration);
  EXPECT_NEAR(*a.ratio, 0.85286, 1e-4);
  EXPECT_EQ(Assess(reach, {{2025, 38}}).status, ProgressStatus::kDeteriorating);
  // 60 -> 50 as a decrease.
  const auto down = Basis(Direction::kKeep, 2020, 60, 2030, 50);
  EXPECT_EQ(Assess(down, {{2025, 55}}).status, ProgressStatus::kOnTrack);  // p = 0.95488
  EXPECT_EQ(Assess(down, {{2025, 62}}).status, ProgressStatus::kDeteriorating);
}

// A zero base is replaced by 0.001 (Open SDG): 0 -> 10 by 2030, 5 in 2025:
// observed 5000^(1/5) - 1 = 4.49280, needed 10000^(1/10) - 1 = 1.51189, p = 2.97165.
TEST(Progress, ZeroBaseline) {
  const auto b = Basis(Direction::kIncrease, 2020, 0, 2030, 10);
  auto a = Assess(b, {{2025, 5}});
  EXPECT_EQ(a.status, ProgressStatus::kOnTrack);
  EXPECT_NEAR(*a.observed_rate, 4.49280, 1e-4);
  EXPECT_NEAR(*a.needed_rate, 1.51189, 1e-4);
  EXPECT_NEAR(*a.ratio, 2.97165, 1e-4);
  EXPECT_EQ(Assess(b, {{2025, 0}}).status, ProgressStatus::kDeteriorating);  // stayed at 0: rate -100%
  // A zero target of a decrease: 4 -> 0 by 2030 (target 0.001); 2 in 2025:
  // observed 0.5^(1/5) - 1 = -0.129449, needed 0.00025^(1/10) - 1 = -0.563311, p = 0.22965.
  const auto z = Basis(Direction::kDecrease, 2020, 4, 2030, 0);
  EXPECT_NEAR(*Assess(z, {{2025, 2}}).ratio, 0.22965, 1e-4);
  EXPECT_EQ(Assess(z, {{2025, 0}}).status, ProgressStatus::kTargetMet);
}

TEST(Progress, NegativeBaseKeepsTheSign) {
  // -10 -> -5 is an increase; -7.1 in 2025 gives p = 0.98862 as in the decrease case, with the sign flipped.
  const auto b = Basis(Direction::kIncrease, 2020, -10, 2030, -5);
  auto a = Assess(b, {{2025, -7.1}});
  EXPECT_EQ(a.status, ProgressStatus::kOnTrack);
  EXPECT_NEAR(*a.ratio, 0.98862, 1e-4);
  EXPECT_EQ(Assess(b, {{2025, -12}}).status, ProgressStatus::kDeteriorating);
}

// The target year has passed and the target was missed: never "on track".
TEST(Progress, TargetYearPassed) {
  const auto b = Basis(Direction::kIncrease, 2015, 100, 2020, 200);
  auto a = Assess(b, {{2020, 195}});  // 1.95^(1/5) - 1 = 0.142819; needed 0.148698; p = 0.96098
  EXPECT_TRUE(a.target_year_passed);
  EXPECT_NEAR(*a.ratio, 0.96098, 1e-4);
  EXPECT_EQ(a.status, ProgressStatus::kNeedsAcceleration);
  auto later = Assess(b, {{2022, 190}});  // 1.9^(1/7) - 1 = 0.0960518; p = 0.64580
  EXPECT_TRUE(later.target_year_passed);
  EXPECT_EQ(later.status, ProgressStatus::kNeedsAcceleration);
  auto met = Assess(b, {{2022, 200}});
  EXPECT_TRUE(met.target_year_passed);
  EXPECT_EQ(met.status, ProgressStatus::kTargetMet);
  EXPECT_FALSE(Assess(b, {{2019, 150}}).target_year_passed);
}

TEST(Progress, SingleActualAndLatestChoice) {
  const auto b = Basis(Direction::kIncrease, 2020, 100, 2030, 200);
  // The only actual is the baseline year itself: two points are needed.
  auto only_base = Assess(b, {{2020, 100}});
  EXPECT_EQ(only_base.status, ProgressStatus::kNoData);
  EXPECT_EQ(only_base.reason, NoDataReason::kNoActual);
  EXPECT_EQ(Assess(b, {{2018, 90}}).reason, NoDataReason::kNoActual);  // before the baseline
  // One actual after the baseline is enough (the baseline is the other point).
  EXPECT_EQ(Assess(b, {{2021, 110}}).status, ProgressStatus::kOnTrack);  // 10% a year vs 7.2% needed
  // The latest year counts, in whatever order the actuals come; a repeated year keeps the last given.
  auto a = Assess(b, {{2025, 140}, {2022, 90}, {2023, 95}});
  EXPECT_EQ(a.current_year, 2025);
  EXPECT_EQ(a.status, ProgressStatus::kOnTrack);
  EXPECT_EQ(Assess(b, {{2025, 140}, {2025, 95}}).status, ProgressStatus::kDeteriorating);
}

TEST(Progress, TargetEqualToBase) {
  const auto b = Basis(Direction::kIncrease, 2020, 50, 2030, 50);
  EXPECT_EQ(Assess(b, {{2025, 50}}).status, ProgressStatus::kTargetMet);
  auto a = Assess(b, {{2025, 49}});
  EXPECT_EQ(a.status, ProgressStatus::kDeteriorating);
  EXPECT_FALSE(a.needed_rate.has_value());
}

TEST(Progress, NoDataReasons) {
  ProgressBasis none;
  EXPECT_EQ(Assess(none, {{2025, 1}}).reason, NoDataReason::kNoBaseline);
  auto b = Basis(Direction::kIncrease, 2020, 100, 2030, 200);
  b.target_value.reset();
  EXPECT_EQ(Assess(b, {{2025, 1}}).reason, NoDataReason::kNoTarget);
  EXPECT_EQ(Assess(Basis(Direction::kIncrease, 2020, 100, 2020, 200), {{2025, 1}}).reason,
            NoDataReason::kTargetBeforeBase);
  EXPECT_EQ(Assess(Basis(Direction::kIncrease, 2020, 100, 2030, 200), {}).reason, NoDataReason::kNoActual);
  auto sign = Assess(Basis(Direction::kIncrease, 2020, 10, 2030, 20), {{2025, -2}});
  EXPECT_EQ(sign.status, ProgressStatus::kNoData);
  EXPECT_EQ(sign.reason, NoDataReason::kSignChange);
  EXPECT_EQ(sign.current_value, -2);  // the numbers are still shown
}

TEST(Progress, NamesRoundTrip) {
  for (ProgressStatus s : kProgressStatuses) EXPECT_EQ(ParseProgressStatus(ToString(s)), s);
  EXPECT_FALSE(ParseProgressStatus("unknown"));
}

TEST(Progress, AnnualTotalsPickTheHeadlineSeries) {
  std::vector<Observation> obs = {
      {1, "SB", "PT", "2021", "", 7, false},    {1, "SA", "PT", "2022", "", 3, false},
      {1, "SA", "PT", "2020", "", 1, false},    {1, "SA", "PT", "2021", "SEX=F", 9, false},
      {1, "SA", "PT", "2021-Q1", "", 8, false}, {1, "SA", "PT", "2021", "", 2, false},
  };
  auto t = AnnualTotals(obs);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].year, 2020);
  EXPECT_EQ(t[1].year, 2021);
  EXPECT_EQ(t[1].value, 2);
  EXPECT_EQ(t[2].value, 3);
  EXPECT_TRUE(AnnualTotals(std::vector<Observation>{{1, "", "", "2021", "SEX=F", 1, false}}).empty());
}

TEST(Progress, WeightedSummary) {
  StatusCounts c;
  EXPECT_FALSE(c.Index().has_value());
  c.Add(ProgressStatus::kNoData);
  EXPECT_FALSE(c.Index().has_value());
  c.Add(ProgressStatus::kTargetMet);        // 100
  c.Add(ProgressStatus::kLimitedProgress);  // 25
  c.Add(ProgressStatus::kDeteriorating);    // 0
  EXPECT_NEAR(*c.Index(), 125.0 / 3, 1e-9);
  EXPECT_EQ(c.total, 4);
}

// Two documents; D1 goal 10 with task 11; D2 goal 20. Indicators: 100 on task 11 (on track, body 7),
// 101 on goal 20 with no actuals of its own that contributes to 100 (fed by it), 102 on goal 20
// (deteriorating, body 8) linked from goal 10, 103 an SDG indicator of target 3.1 without a target (no
// data). Goal 20 contributes to SDG goal 5.
ProgressPlan SmallPlan() {
  ProgressPlan p;
  p.documents = {{1, Tier::kNationalPlan}, {2, Tier::kBodyAndRegionPlans}};
  p.goals = {{10, 1, std::nullopt}, {11, 1, Id{10}}, {20, 2, std::nullopt}};
  p.sdg = {{300, std::nullopt}, {301, Id{300}}, {500, std::nullopt}};
  ProgressPlan::Ind a;
  a.id = 100;
  a.goal_id = 11;
  a.body_id = 7;
  a.basis = Basis(Direction::kIncrease, 2020, 100, 2030, 200);
  a.actuals = {{2025, 140}};
  ProgressPlan::Ind fed = a;
  fed.id = 101;
  fed.goal_id = 20;
  fed.body_id = 8;
  fed.actuals.clear();
  ProgressPlan::Ind det = a;
  det.id = 102;
  det.goal_id = 20;
  det.body_id = 8;
  det.actuals = {{2025, 90}};
  ProgressPlan::Ind sdg;
  sdg.id = 103;
  sdg.sdg_target_id = 301;
  sdg.actuals = {{2021, 1}};
  p.indicators = {a, fed, det, sdg};
  p.links = {
      {1, {ObjectKind::kIndicator, 101}, {ObjectKind::kIndicator, 100}},
      {2, {ObjectKind::kGoal, 10}, {ObjectKind::kIndicator, 102}},
      {3, {ObjectKind::kGoal, 20}, {ObjectKind::kSdgGoal, 500}},
      {4, {ObjectKind::kIndicator, 100}, {ObjectKind::kSdgTarget, 301}},
  };
  return p;
}

const RollupEntry* Find(const std::vector<RollupEntry>& v, Id id) {
  for (const auto& e : v)
    if (e.id == id) return &e;
  return nullptr;
}

TEST(ProgressRollup, CountsPerAggregate) {
  auto r = RollUpProgress(SmallPlan());
  ASSERT_EQ(r.indicators.size(), 4u);
  EXPECT_EQ(r.indicators[0].assessment.status, ProgressStatus::kOnTrack);
  EXPECT_EQ(r.indicators[1].assessment.status, ProgressStatus::kOnTrack);
  EXPECT_EQ(r.indicators[1].fed_by, Id{100});
  EXPECT_EQ(r.indicators[2].assessment.status, ProgressStatus::kDeteriorating);
  EXPECT_EQ(r.indicators[3].assessment.status, ProgressStatus::kNoData);
  EXPECT_EQ(r.overall.total, 4);
  EXPECT_EQ(r.overall.Count(ProgressStatus::kOnTrack), 2);

  // Goal 10: 100 through its task, 102 through the link. Task 11: only 100.
  ASSERT_NE(Find(r.goals, 10), nullptr);
  EXPECT_EQ(Find(r.goals, 10)->counts.total, 2);
  EXPECT_EQ(Find(r.goals, 11)->counts.total, 1);
  EXPECT_EQ(Find(r.goals, 20)->counts.total, 2);
  // Document 1 counts 100 and 102 (used by its goal), document 2 counts 101 and 102.
  EXPECT_EQ(Find(r.documents, 1)->counts.total, 2);
  EXPECT_EQ(Find(r.documents, 1)->counts.Count(ProgressStatus::kDeteriorating), 1);
  EXPECT_EQ(Find(r.documents, 2)->counts.total, 2);
  // Bodies.
  EXPECT_EQ(Find(r.bodies, 7)->counts.total, 1);
  EXPECT_EQ(Find(r.bodies, 8)->counts.total, 2);
  // SDG goal 300: 103 by its target, 100 by its link to target 301. SDG goal 500: 101 and 102 by goal 20.
  EXPECT_EQ(Find(r.sdg_goals, 300)->counts.total, 2);
  EXPECT_EQ(Find(r.sdg_goals, 500)->counts.total, 2);
  EXPECT_EQ(Find(r.sdg_goals, 301), nullptr);  // targets are rolled up into their goal
  // Weighted summary of document 1: (75 + 0) / 2.
  EXPECT_NEAR(*Find(r.documents, 1)->counts.Index(), 37.5, 1e-9);
}

TEST(ProgressRollup, Filters) {
  ProgressFilter by_tier;
  by_tier.tier = Tier::kBodyAndRegionPlans;
  auto r = RollUpProgress(SmallPlan(), by_tier);
  EXPECT_EQ(r.overall.total, 2);  // 101 and 102, whose own document is of tier 4
  EXPECT_FALSE(r.indicators[0].included);
  EXPECT_TRUE(r.indicators[1].included);
  // The fed indicator still takes its actuals from an indicator outside the filter.
  EXPECT_EQ(r.indicators[1].assessment.status, ProgressStatus::kOnTrack);

  ProgressFilter by_body;
  by_body.body_id = 7;
  EXPECT_EQ(RollUpProgress(SmallPlan(), by_body).overall.total, 1);

  ProgressFilter by_sdg;
  by_sdg.sdg_goal_id = 300;
  auto s = RollUpProgress(SmallPlan(), by_sdg);
  EXPECT_EQ(s.overall.total, 2);
  EXPECT_TRUE(s.indicators[0].included);
  EXPECT_TRUE(s.indicators[3].included);
  EXPECT_EQ(Find(s.sdg_goals, 500), nullptr);

  ProgressFilter by_doc;
  by_doc.document_id = 1;
  EXPECT_EQ(RollUpProgress(SmallPlan(), by_doc).overall.total, 2);
  by_doc.document_id = 999;
  EXPECT_EQ(RollUpProgress(SmallPlan(), by_doc).overall.total, 0);
}

}  // namespace
}  // namespace jospar
