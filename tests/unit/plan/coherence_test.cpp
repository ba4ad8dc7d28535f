// The coherence rules, each with a plan where it finds something and one where it does not; the path of
// a cycle; incremental re-checks that add and remove findings and always agree with a full check.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/plan/coherence.hpp"
#include "core/plan/synthetic_plan.hpp"

namespace jospar::coherence {
namespace {

constexpr ObjectRef Doc(Id id) { return {ObjectKind::kDocument, id}; }
constexpr ObjectRef G(Id id) { return {ObjectKind::kGoal, id}; }
constexpr ObjectRef I(Id id) { return {ObjectKind::kIndicator, id}; }

CheckOptions Opts() {
  CheckOptions o;
  o.current_year = 2026;
  o.today = "2026-06-01";
  o.lost_periods = 2;
  return o;
}

IndicatorNode Ind(Id id, Id goal, std::string code) {
  IndicatorNode i;
  i.id = id;
  i.code = std::move(code);
  i.goal_id = goal;
  i.has_body = i.has_unit = i.has_baseline = i.has_source = true;
  i.target_year = 2029;
  i.target_value = 50;
  i.identity = 1000 + static_cast<std::uint64_t>(id);  // distinct unless a test says otherwise
  i.unit_key = 7;
  i.last_actual_year = 2025;
  return i;
}

// A coherent plan: a strategy (1) and a national plan (2) under it, one goal each, the lower goal and its
// indicator contributing to the upper ones.
PlanSnapshot Clean() {
  PlanSnapshot s;
  s.documents.push_back({1, "KZ", 1, DocStatus::kInForce, std::nullopt, std::nullopt, 2012, 2050, 0});
  s.documents.push_back({2, "NDP", 2, DocStatus::kInForce, 1, std::nullopt, 2021, 2029, 0});
  s.goals.push_back({10, 1, std::nullopt, "1", 0});
  s.goals.push_back({20, 2, std::nullopt, "1", 0});
  s.indicators.push_back(Ind(100, 10, "KZ-1"));
  s.indicators[0].target_year = 2050;
  s.indicators.push_back(Ind(200, 20, "NDP-1"));
  s.measures.push_back({300, 20, "2027-12-31", 0, 0});
  s.links.push_back({1, G(20), G(10)});
  s.links.push_back({2, I(200), I(100)});
  return s;
}

std::vector<Finding> Of(const PlanSnapshot& s, Rule rule) {
  CoherenceIndex index(s, Opts());
  std::vector<Finding> out;
  for (const auto& f : index.Findings())
    if (f.rule == rule) out.push_back(f);
  return out;
}

TEST(Coherence, CleanPlanHasNoFindings) {
  CoherenceIndex index(Clean(), Opts());
  auto all = index.Findings();
  EXPECT_TRUE(all.empty()) << Info(all.front().rule).id << " " << all.front().detail;
  EXPECT_EQ(index.CountFindings().total(), 0);
}

TEST(Coherence, RulesHaveStableIdsAndSeverities) {
  ASSERT_EQ(Rules().size(), static_cast<size_t>(kRuleCount));
  for (const auto& r : Rules()) {
    EXPECT_EQ(ParseRule(r.id), r.rule);
    EXPECT_EQ(&Info(r.rule), &r);
  }
  EXPECT_EQ(Info(Rule::kDocumentNoParent).id, "document.no_parent");
  EXPECT_EQ(Info(Rule::kLinkCycle).severity, Severity::kError);
  EXPECT_FALSE(ParseRule("nope"));
}

TEST(Coherence, DocumentBelowTheTopWithoutParent) {
  auto s = Clean();
  s.documents[1].parent_id.reset();
  auto f = Of(s, Rule::kDocumentNoParent);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].subject, Doc(2));
  EXPECT_TRUE(Of(Clean(), Rule::kDocumentNoParent).empty());
  s.documents[1].status = DocStatus::kExpired;  // an ended document is not reported
  EXPECT_TRUE(Of(s, Rule::kDocumentNoParent).empty());
}

TEST(Coherence, DocumentInForceWhoseParentEnded) {
  auto s = Clean();
  s.documents[0].status = DocStatus::kMerged;
  s.documents[0].merged_into_id = 2;
  auto f = Of(s, Rule::kDocumentParentEnded);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].subject, Doc(2));
  EXPECT_EQ(f[0].related, Doc(1));
  EXPECT_EQ(f[0].detail, "KZ: merged → NDP");
  s.documents[0].status = DocStatus::kRepealed;
  EXPECT_EQ(Of(s, Rule::kDocumentParentEnded).size(), 1u);
  EXPECT_TRUE(Of(Clean(), Rule::kDocumentParentEnded).empty());
}

TEST(Coherence, ContinuityOfAnExpiredProgramme) {
  auto s = Clean();
  // An expired national plan (3) with two goals; goal 31 is carried into the live plan 2, goal 30 is not.
  s.documents.push_back({3, "OLD", 2, DocStatus::kExpired, 1, std::nullopt, 2011, 2020, 0});
  s.goals.push_back({30, 3, std::nullopt, "1", 0});
  s.goals.push_back({31, 3, std::nullopt, "2", 0});
  s.links.push_back({3, G(20), G(31)});
  auto f = Of(s, Rule::kDocumentContinuity);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].subject, Doc(3));
  EXPECT_EQ(f[0].detail, "1/2: 1");
  s.links.push_back({4, G(20), G(30)});
  EXPECT_TRUE(Of(s, Rule::kDocumentContinuity).empty());
}

TEST(Coherence, GoalThatContributesToNothingAbove) {
  auto s = Clean();
  s.links.erase(s.links.begin());
  auto f = Of(s, Rule::kGoalContributesToNothing);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].subject, G(20));
  // A link to an SDG target counts; a link to a goal of the same tier does not.
  s.sdg_nodes = {900};
  s.links.push_back({5, G(20), {ObjectKind::kSdgTarget, 900}});
  EXPECT_TRUE(Of(s, Rule::kGoalContributesToNothing).empty());
  EXPECT_TRUE(Of(Clean(), Rule::kGoalContributesToNothing).empty());
}

TEST(Coherence, BrokenLinks) {
  auto s = Clean();
  s.links.push_back({6, G(20), G(999)});
  s.links.push_back({7, I(555), I(100)});
  auto f = Of(s, Rule::kLinkBroken);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].subject, G(20));
  EXPECT_EQ(f[0].related, G(999));
  EXPECT_EQ(f[1].subject, (ObjectRef{ObjectKind::kLink, 7}));
  EXPECT_TRUE(Of(Clean(), Rule::kLinkBroken).empty());
}

TEST(Coherence, CycleShowsItsPath) {
  auto s = Clean();
  s.documents.push_back({3, "C", 3, DocStatus::kInForce, 2, std::nullopt, 2022, 2026, 0});
  s.goals.push_back({40, 3, std::nullopt, "1", 0});
  s.goals.push_back({41, 3, std::nullopt, "2", 0});
  s.links.push_back({10, G(40), G(20)});
  s.links.push_back({11, G(20), G(41)});
  s.links.push_back({12, G(41), G(40)});
  auto f = Of(s, Rule::kLinkCycle);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].subject, G(20));
  EXPECT_EQ(f[0].detail, "NDP/1 → C/2 → C/1 → NDP/1");
  // A goal linked to itself is a cycle too.
  auto t = Clean();
  t.links.push_back({13, G(10), G(10)});
  ASSERT_EQ(Of(t, Rule::kLinkCycle).size(), 1u);
  EXPECT_EQ(Of(t, Rule::kLinkCycle)[0].detail, "KZ/1 → KZ/1");
  EXPECT_TRUE(Of(Clean(), Rule::kLinkCycle).empty());
}

TEST(Coherence, UnitsThatDisagreeAlongALink) {
  auto s = Clean();
  s.indicators[1].unit_key = 8;
  auto f = Of(s, Rule::kLinkUnitMismatch);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].subject, I(200));
  EXPECT_EQ(f[0].related, I(100));
  EXPECT_TRUE(Of(Clean(), Rule::kLinkUnitMismatch).empty());
}

TEST(Coherence, IndicatorWithoutBodyUnitBaselineTargetOrSource) {
  auto s = Clean();
  auto& i = s.indicators[1];
  i.has_body = false;
  i.has_unit = false;
  i.unit_key = 0;
  i.has_baseline = false;
  i.target_value.reset();
  i.has_source = false;
  for (Rule r : {Rule::kIndicatorNoBody, Rule::kIndicatorNoUnit, Rule::kIndicatorNoBaseline,
                 Rule::kIndicatorNoTarget, Rule::kIndicatorNoSource}) {
    auto f = Of(s, r);
    ASSERT_EQ(f.size(), 1u) << Info(r).id;
    EXPECT_EQ(f[0].subject, I(200));
    EXPECT_TRUE(Of(Clean(), r).empty()) << Info(r).id;
  }
  // SDG framework indicators (no goal) and indicators of ended documents are not checked.
  s.documents[1].status = DocStatus::kExpired;
  EXPECT_TRUE(Of(s, Rule::kIndicatorNoBody).empty());
}

TEST(Coherence, TargetBeyondTheHorizon) {
  auto s = Clean();
  s.indicators[1].target_year = 2031;
  auto f = Of(s, Rule::kIndicatorTargetBeyondHorizon);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].detail, "2031 > 2029");
  EXPECT_TRUE(Of(Clean(), Rule::kIndicatorTargetBeyondHorizon).empty());
}

TEST(Coherence, ConflictingTargetsOfTheSameIndicatorInTwoDocuments) {
  auto s = Clean();
  s.documents.push_back({3, "CON", 3, DocStatus::kInForce, 2, std::nullopt, 2022, 2029, 0});
  s.documents.push_back({4, "PRJ", 3, DocStatus::kInForce, 2, std::nullopt, 2022, 2029, 0});
  s.goals.push_back({40, 3, std::nullopt, "1", 0});
  s.goals.push_back({50, 4, std::nullopt, "1", 0});
  s.links.push_back({20, G(40), G(20)});
  s.links.push_back({21, G(50), G(20)});
  auto a = Ind(400, 40, "CON-1"), b = Ind(500, 50, "PRJ-1");
  a.identity = b.identity = s.indicators[1].identity = 42;  // the same indicator three times
  b.target_value = 55;
  s.indicators.push_back(a);
  s.indicators.push_back(b);
  auto f = Of(s, Rule::kIndicatorConflictingTargets);
  ASSERT_EQ(f.size(), 1u);  // two agree on 50, one says 55
  EXPECT_EQ(f[0].subject, I(500));
  EXPECT_EQ(f[0].detail, "2029: 55 ≠ 50 (NDP-1)");
  s.indicators.back().target_value = 50;
  EXPECT_TRUE(Of(s, Rule::kIndicatorConflictingTargets).empty());
  s.indicators.back().target_value = 55;
  s.indicators.back().target_year = 2028;  // another year is not a conflict
  EXPECT_TRUE(Of(s, Rule::kIndicatorConflictingTargets).empty());
}

TEST(Coherence, LostIndicatorsMeasuresAndDocuments) {
  auto s = Clean();
  s.indicators[1].last_actual_year = 2023;  // nothing in 2024 and 2025
  auto f = Of(s, Rule::kLostIndicatorNoActuals);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].detail, "2023");
  s.indicators[1].last_actual_year = 2024;
  EXPECT_TRUE(Of(s, Rule::kLostIndicatorNoActuals).empty());

  auto m = Clean();
  m.measures[0].deadline = "2026-05-31";  // before "today", never reported
  ASSERT_EQ(Of(m, Rule::kLostMeasureNoReport).size(), 1u);
  m.measures[0].last_report_year = 2026;
  EXPECT_TRUE(Of(m, Rule::kLostMeasureNoReport).empty());
  EXPECT_TRUE(Of(Clean(), Rule::kLostMeasureNoReport).empty());

  auto d = Clean();
  for (auto& i : d.indicators) i.last_actual_year = 0;
  auto docs = Of(d, Rule::kLostDocumentInactive);
  ASSERT_EQ(docs.size(), 2u);
  d.documents[1].last_change_year = 2025;  // an edit is activity
  ASSERT_EQ(Of(d, Rule::kLostDocumentInactive).size(), 1u);
  EXPECT_TRUE(Of(Clean(), Rule::kLostDocumentInactive).empty());
}

TEST(Coherence, IncrementalEditAddsAndRemovesFindings) {
  CoherenceIndex index(Clean(), Opts());
  ASSERT_EQ(index.CountFindings().total(), 0);
  // The national plan loses its parent: one finding appears, and nothing else is re-checked wholesale.
  Change c;
  c.documents.push_back({2, "NDP", 2, DocStatus::kInForce, std::nullopt, std::nullopt, 2021, 2029, 0});
  index.Apply(c);
  auto f = index.Findings();
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, Rule::kDocumentNoParent);
  // A cycle appears with a new link and goes with it.
  Change link;
  link.links.push_back({50, G(10), G(20)});
  index.Apply(link);
  EXPECT_EQ(index.CountFindings().by_rule[static_cast<int>(Rule::kLinkCycle)], 1);
  Change unlink;
  unlink.deleted.push_back({ObjectKind::kLink, 50});
  index.Apply(unlink);
  EXPECT_EQ(index.CountFindings().by_rule[static_cast<int>(Rule::kLinkCycle)], 0);
  // The parent comes back: no findings.
  Change back;
  back.documents.push_back({2, "NDP", 2, DocStatus::kInForce, 1, std::nullopt, 2021, 2029, 0});
  index.Apply(back);
  EXPECT_TRUE(index.Findings().empty());
}

// A generated plan, edited at random: after every edit the incremental findings equal a full check of
// the edited plan.
TEST(Coherence, IncrementalAgreesWithFullCheckOnAGeneratedPlan) {
  SyntheticTexts texts;
  SyntheticTheme theme;
  theme.goal = {"мақсат", "цель", "goal"};
  theme.targets = {{"міндет", "задача", "target"}};
  theme.indicators = {{{"к", "п", "ind a"}, {"%", "%", "%"}, {"s", "s", "s"}},
                      {{"к2", "п2", "ind b"}, {"адам", "чел", "persons"}, {}}};
  texts.themes.push_back(theme);
  SyntheticPlanSpec spec;
  spec.documents = 400;
  spec.indicators = 2000;
  spec.seed = 5;
  SyntheticPlanGenerator gen(spec, texts);
  PlanBatch batch;
  while (gen.Next(batch, 1000)) {
  }
  PlanSnapshot current = SnapshotOf(batch);
  CoherenceIndex index(current, Opts());
  ASSERT_GT(index.CountFindings().total(), 0);

  std::uint64_t x = 99;
  auto next = [&](std::uint64_t n) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return (x >> 33) % n;
  };
  Id next_link = 1'000'000;
  for (int step = 0; step < 60; ++step) {
    Change c;
    switch (next(6)) {
      case 0: {  // a document's status or parent changes
        auto& d = current.documents[next(current.documents.size())];
        d.status = next(2) ? DocStatus::kExpired : DocStatus::kInForce;
        if (next(3) == 0) d.parent_id.reset();
        c.documents.push_back(d);
        break;
      }
      case 1: {  // an indicator loses its target or changes it
        auto& i = current.indicators[next(current.indicators.size())];
        if (next(2)) {
          i.target_value.reset();
        } else {
          i.target_value = static_cast<double>(next(5));
        }
        i.unit_key = next(3);
        c.indicators.push_back(i);
        break;
      }
      case 2: {  // a new link, sometimes closing a cycle
        const auto& a = current.goals[next(current.goals.size())];
        const auto& b = current.goals[next(current.goals.size())];
        Link l{++next_link, G(a.id), G(b.id)};
        current.links.push_back(l);
        c.links.push_back(l);
        break;
      }
      case 3: {  // a link is deleted
        if (current.links.empty()) continue;
        const size_t k = next(current.links.size());
        c.deleted.push_back({ObjectKind::kLink, current.links[k].id});
        current.links.erase(current.links.begin() + static_cast<long>(k));
        break;
      }
      case 4: {  // an indicator is deleted
        const size_t k = next(current.indicators.size());
        c.deleted.push_back(I(current.indicators[k].id));
        current.indicators.erase(current.indicators.begin() + static_cast<long>(k));
        break;
      }
      default: {  // an actual value is reported
        auto& i = current.indicators[next(current.indicators.size())];
        i.last_actual_year = 2025;
        c.indicators.push_back(i);
        break;
      }
    }
    index.Apply(c);
    CoherenceIndex full(current, Opts());
    auto got = index.Findings(), want = full.Findings();
    ASSERT_EQ(got.size(), want.size()) << "step " << step;
    for (size_t k = 0; k < got.size(); ++k)
      ASSERT_EQ(got[k], want[k]) << "step " << step << ": " << Info(got[k].rule).id << " " << got[k].detail
                                 << " vs " << Info(want[k].rule).id << " " << want[k].detail;
  }
}

}  // namespace
}  // namespace jospar::coherence
