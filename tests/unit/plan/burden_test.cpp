// Reporting burden (core/burden.hpp): what each body must report and when, values asked more than once,
// an indicator used by several documents asked once, and the simplification candidates.
#include "core/plan/burden.hpp"

#include <gtest/gtest.h>

namespace jospar {
namespace {

Indicator Ind(Id id, Id goal, Id body, std::string title_en) {
  Indicator i;
  i.id = id;
  i.code = "I" + std::to_string(id);
  i.goal_id = goal;
  i.responsible_body_id = body;
  i.title.en = std::move(title_en);
  i.unit.en = "%";
  i.baseline_year = 2023;
  i.baseline_value = 1;
  i.target_year = 2029;
  i.target_value = 2;
  return i;
}

// Bodies 1 and 2. Document 10 (in force, tier 2) with goal 100 -> SDG goal 900; document 20 (in force,
// tier 4) with goal 200 (contributes to goal 100) and task 201; document 30 (expired) with goal 300;
// document 40 (in force, tier 4) with goal 400 whose only indicator ended in 2020.
PlanOutline Plan() {
  PlanOutline p;
  p.bodies = {{1, "B1", BodyKind::kMinistry, std::nullopt, {}, 1},
              {2, "B2", BodyKind::kMinistry, std::nullopt, {}, 1}};
  auto doc = [](Id id, Tier tier, DocStatus st) {
    Document d;
    d.id = id;
    d.code = "D" + std::to_string(id);
    d.tier = tier;
    d.status = st;
    return d;
  };
  p.documents = {doc(10, Tier::kNationalPlan, DocStatus::kInForce),
                 doc(20, Tier::kBodyAndRegionPlans, DocStatus::kInForce),
                 doc(30, Tier::kBodyAndRegionPlans, DocStatus::kExpired),
                 doc(40, Tier::kBodyAndRegionPlans, DocStatus::kInForce)};
  auto goal = [](Id id, Id document, std::optional<Id> parent = std::nullopt) {
    Goal g;
    g.id = id;
    g.document_id = document;
    g.parent_id = parent;
    g.code = std::to_string(id);
    return g;
  };
  p.goals = {goal(100, 10), goal(200, 20), goal(201, 20, Id{200}), goal(300, 30), goal(400, 40)};
  Indicator shared = Ind(1000, 100, 1, "Share of digital services");          // used by 10 and (by link) 20
  Indicator fed = Ind(1001, 201, 1, "Digital services share in the region");  // fed by 1000
  Indicator twin_a = Ind(1002, 201, 1, "Number of  trained officials");       // same title as 1003
  Indicator twin_b = Ind(1003, 100, 1, "number of trained officials.");
  Indicator other = Ind(1004, 201, 2, "Roads repaired");         // body 2
  Indicator expired = Ind(1005, 300, 1, "Old programme value");  // document expired: not due
  Indicator ended = Ind(1006, 400, 2, "Finished");               // target year 2020
  ended.baseline_year = 2015;
  ended.target_year = 2020;
  p.indicators = {shared, fed, twin_a, twin_b, other, expired, ended};
  Measure m1;
  m1.id = 5000;
  m1.goal_id = 200;
  m1.responsible_body_id = 1;
  m1.deadline = "2026-06-30";
  Measure m2 = m1;
  m2.id = 5001;
  m2.deadline = "2027-03-01";  // not this year
  Measure m3 = m1;
  m3.id = 5002;
  m3.responsible_body_id = 2;
  m3.deadline = "2026-12-31";
  p.measures = {m1, m2, m3};
  p.sdg = {{900, "9", SdgKind::kGoal, std::nullopt, {}}};
  p.links = {
      {1, {ObjectKind::kGoal, 200}, {ObjectKind::kIndicator, 1000}},        // document 20 uses 1000
      {2, {ObjectKind::kIndicator, 1001}, {ObjectKind::kIndicator, 1000}},  // 1001 is fed by 1000
      {3, {ObjectKind::kGoal, 100}, {ObjectKind::kSdgGoal, 900}},
      {4, {ObjectKind::kGoal, 200}, {ObjectKind::kGoal, 100}},
  };
  p.totals = {{1000, "", "", "2024", "", 10, false}};
  return p;
}

BurdenOptions Year(int y) {
  BurdenOptions o;
  o.year = y;
  return o;
}

TEST(Burden, WhatABodyMustReportAndWhen) {
  auto b = ComputeBodyBurden(Plan(), 1, Year(2026));
  EXPECT_EQ(b.indicators, 5);  // 1000, 1001, 1002, 1003, 1005
  EXPECT_EQ(b.fed_indicators, 1);
  EXPECT_EQ(b.measures, 2);
  // Due in 2026: the 2025 values of 1000, 1002, 1003 (by 1 April), and measure 5000 (30 June). Not 1001
  // (fed by 1000), not 1005 (expired document), not measure 5001 (2027).
  ASSERT_EQ(b.due.size(), 4u);
  EXPECT_EQ(b.due[0].id, 1000);
  EXPECT_EQ(b.due[0].due, "2026-04-01");
  EXPECT_EQ(b.due[0].period, "2025");
  EXPECT_EQ(b.due[1].id, 1002);
  EXPECT_EQ(b.due[2].id, 1003);
  EXPECT_EQ(b.due[3].kind, DueItem::Kind::kMeasure);
  EXPECT_EQ(b.due[3].id, 5000);
  EXPECT_EQ(b.due[3].due, "2026-06-30");
  EXPECT_EQ(b.ReportsInYear(), 4);
}

// The indicator used by documents 10 and 20 (and feeding 1001 of document 20) is one report listing both.
TEST(Burden, AnIndicatorInSeveralDocumentsIsAskedOnce) {
  auto b = ComputeBodyBurden(Plan(), 1, Year(2026));
  int asked = 0;
  for (const auto& d : b.due)
    if (d.kind == DueItem::Kind::kIndicator && (d.id == 1000 || d.id == 1001)) {
      ++asked;
      EXPECT_EQ(d.document_ids, (std::vector<Id>{10, 20}));
    }
  EXPECT_EQ(asked, 1);
}

TEST(Burden, OnlyTheBodysOwnItems) {
  auto b2 = ComputeBodyBurden(Plan(), 2, Year(2026));
  ASSERT_EQ(b2.due.size(), 2u);  // 1004 (2025 value) and measure 5002; 1006 ended in 2020
  EXPECT_EQ(b2.due[0].id, 1004);
  EXPECT_EQ(b2.due[1].id, 5002);
  EXPECT_TRUE(b2.repeats.empty());
  auto all = ComputeBurden(Plan(), Year(2026));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].body_id, 1);
  EXPECT_EQ(all[1].body_id, 2);
  EXPECT_TRUE(ComputeBodyBurden(Plan(), 3, Year(2026)).due.empty());
}

TEST(Burden, ValuesAskedMoreThanOnce) {
  auto b = ComputeBodyBurden(Plan(), 1, Year(2026));
  ASSERT_EQ(b.repeats.size(), 1u);
  EXPECT_EQ(b.repeats[0].why, RepeatGroup::Why::kSameTitle);
  EXPECT_EQ(b.repeats[0].indicator_ids, (std::vector<Id>{1002, 1003}));

  // A fed indicator that got a value of its own was entered twice.
  auto p = Plan();
  p.totals.push_back({1001, "", "", "2024", "", 11, false});
  auto twice = ComputeBodyBurden(p, 1, Year(2026));
  bool both = false;
  for (const auto& g : twice.repeats)
    if (g.why == RepeatGroup::Why::kBothReported) both = g.indicator_ids == std::vector<Id>{1000, 1001};
  EXPECT_TRUE(both);
  EXPECT_EQ(twice.fed_indicators, 0);  // now it is asked for again
  EXPECT_EQ(twice.due.size(), 5u);

  // Pairs from the duplicates detection.
  BurdenOptions o = Year(2026);
  o.duplicate_pairs = {{1005, 1000}};
  auto dup = ComputeBodyBurden(Plan(), 1, o);
  ASSERT_EQ(dup.repeats.size(), 2u);
  EXPECT_EQ(dup.repeats[0].why, RepeatGroup::Why::kDuplicate);
  EXPECT_EQ(dup.repeats[0].indicator_ids, (std::vector<Id>{1000, 1005}));
}

TEST(Burden, SimplificationCandidates) {
  auto c = FindSimplifications(Plan(), Year(2026));
  auto find = [&](SimplificationCandidate::Kind k, Id id) -> const SimplificationCandidate* {
    for (const auto& x : c)
      if (x.kind == k && x.object.id == id) return &x;
    return nullptr;
  };
  // 1003 repeats 1002: merge it into 1002, one report a year spared.
  auto dup = find(SimplificationCandidate::Kind::kDuplicate, 1003);
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->keep_id, Id{1002});
  EXPECT_EQ(dup->reports_saved, 1);
  // 1002's goal is a task of goal 200, which contributes to goal 100: used. 1004 likewise.
  EXPECT_EQ(find(SimplificationCandidate::Kind::kUnusedIndicator, 1002), nullptr);
  EXPECT_EQ(find(SimplificationCandidate::Kind::kUnusedIndicator, 1004), nullptr);
  // 1006 of document 40: goal 400 contributes to nothing and nothing links to 1006.
  auto unused = find(SimplificationCandidate::Kind::kUnusedIndicator, 1006);
  ASSERT_NE(unused, nullptr);
  EXPECT_EQ(unused->reports_saved, 0);  // its target year passed: nothing due any more
  // 1000 and 1003 belong to the top... document 10 is tier 2 but goal 100 links to SDG 9: used.
  EXPECT_EQ(find(SimplificationCandidate::Kind::kUnusedIndicator, 1000), nullptr);
  // Document 40 has no active goal (its only indicator ended in 2020); document 30 is expired anyway.
  ASSERT_NE(find(SimplificationCandidate::Kind::kDocumentNoActiveGoals, 40), nullptr);
  EXPECT_EQ(find(SimplificationCandidate::Kind::kDocumentNoActiveGoals, 30), nullptr);
  EXPECT_EQ(find(SimplificationCandidate::Kind::kDocumentNoActiveGoals, 20), nullptr);
  // Sorted by reports saved, most first.
  for (std::size_t i = 1; i < c.size(); ++i) EXPECT_GE(c[i - 1].reports_saved, c[i].reports_saved);
}

}  // namespace
}  // namespace jospar
