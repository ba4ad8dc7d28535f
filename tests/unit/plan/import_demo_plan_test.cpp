// The demo plan file (data/demo/plan.yml) and its reader: the real hierarchy reads without error with the
// lifecycle statuses it is meant to show; broken seeds give located errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "formats/demo_plan.hpp"

namespace jospar::formats {
namespace {

const std::string kPlanFile = std::string(JOSPAR_SOURCE_DIR) + "/data/demo/plan.yml";

const SeedDocument* FindDoc(const PlanSeed& s, const std::string& code) {
  for (const auto& d : s.documents)
    if (d.document.code == code) return &d;
  return nullptr;
}

TEST(DemoPlan, TheFileReadsWithEveryTierAndStatus) {
  auto seed = ReadPlanSeed(kPlanFile);
  ASSERT_TRUE(seed) << seed.error().detail;
  EXPECT_GE(seed->bodies.size(), 10u);
  std::map<Tier, int> tiers;
  std::map<DocStatus, int> statuses;
  for (const auto& d : seed->documents) {
    ++tiers[d.document.tier];
    ++statuses[d.document.status];
    for (Lang l : kLangs) {
      EXPECT_FALSE(d.document.title.Get(l).empty()) << d.document.code;
      EXPECT_FALSE(d.document.summary.Get(l).empty()) << d.document.code;
    }
  }
  for (Tier t :
       {Tier::kLongTermStrategy, Tier::kNationalPlan, Tier::kConceptsAndProjects, Tier::kBodyAndRegionPlans})
    EXPECT_GT(tiers[t], 0) << static_cast<int>(t);
  for (DocStatus s : {DocStatus::kInForce, DocStatus::kExpired, DocStatus::kDraft, DocStatus::kMerged,
                      DocStatus::kRepealed})
    EXPECT_GT(statuses[s], 0) << ToString(s);

  const auto* kz2050 = FindDoc(*seed, "KZ-2050");
  ASSERT_NE(kz2050, nullptr);
  EXPECT_EQ(kz2050->document.tier, Tier::kLongTermStrategy);
  EXPECT_EQ(kz2050->document.act.date, "2012-12-14");
  const auto* ndp = FindDoc(*seed, "NDP-2029");
  ASSERT_NE(ndp, nullptr);
  EXPECT_EQ(ndp->parent, "KZ-2050");
  EXPECT_EQ(ndp->document.end_year, 2029);
  const auto* digital = FindDoc(*seed, "SP-DIGITAL-KZ");
  ASSERT_NE(digital, nullptr);
  EXPECT_EQ(digital->document.status, DocStatus::kMerged);
  EXPECT_EQ(digital->merged_into, "NP-TECH");
  ASSERT_NE(FindDoc(*seed, "SOCIAL-CODE"), nullptr);
  ASSERT_NE(FindDoc(*seed, "CONCEPT-PA-2030"), nullptr);

  // Goals -> tasks -> indicators with baseline, targets per year and a responsible body.
  ASSERT_FALSE(ndp->goals.empty());
  ASSERT_FALSE(ndp->goals[0].tasks.empty());
  ASSERT_FALSE(ndp->goals[0].tasks[0].indicators.empty());
  const auto& ind = ndp->goals[0].tasks[0].indicators[0];
  EXPECT_EQ(ind.indicator.code, "NDP2029-1.1.1");
  EXPECT_EQ(ind.indicator.baseline_value, 5.2);
  EXPECT_EQ(ind.indicator.direction, Direction::kDecrease);
  EXPECT_EQ(ind.indicator.planned.size(), 5u);
  EXPECT_TRUE(ind.indicator.demo);
  EXPECT_EQ(ind.responsible, "MLSP");
  ASSERT_EQ(ind.contributes_to.size(), 2u);
  EXPECT_EQ(ind.contributes_to[0].kind, SeedLinkTarget::Kind::kIndicator);
  EXPECT_EQ(ind.contributes_to[0].code, "1.2.1");
}

TEST(DemoPlan, UnknownFieldIsLocated) {
  auto r = ParsePlanSeed("bodies:\n  - code: A\n    kind: ministry\n    titel: {en: x}\n", "p.yml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().detail, "p.yml:4:5: unknown field 'titel'");
}

TEST(DemoPlan, UnknownParentBodyIsLocated) {
  auto r = ParsePlanSeed("bodies:\n  - code: A\n    kind: ministry\n    parent: GOV\n    title: {en: x}\n",
                         "p.yml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail, "p.yml:4:13: unknown body 'GOV' (define it earlier under 'bodies')");
}

TEST(DemoPlan, BadStatusAndMergeRulesAreLocated) {
  const std::string doc = "documents:\n  - code: D\n    tier: 3\n    type: concept\n    title: {en: x}\n";
  auto bad_status = ParsePlanSeed(doc + "    status: living\n", "p.yml");
  ASSERT_FALSE(bad_status);
  EXPECT_EQ(bad_status.error().detail.rfind("p.yml:6:13: expected draft", 0), 0u)
      << bad_status.error().detail;
  auto merged_without_target = ParsePlanSeed(doc + "    status: merged\n", "p.yml");
  ASSERT_FALSE(merged_without_target);
  EXPECT_NE(merged_without_target.error().detail.find("merged_into"), std::string::npos);
  auto merged_unknown = ParsePlanSeed(doc + "    status: merged\n    merged_into: NOPE\n", "p.yml");
  ASSERT_FALSE(merged_unknown);
  EXPECT_EQ(merged_unknown.error().detail, "p.yml:7:18: unknown document 'NOPE'");
}

TEST(DemoPlan, BadLinkTargetAndYearAreLocated) {
  const std::string doc =
      "documents:\n  - code: D\n    tier: 3\n    type: concept\n    title: {en: x}\n    status: draft\n"
      "    goals:\n      - code: '1'\n        title: {en: g}\n";
  auto link = ParsePlanSeed(doc + "        contributes_to: [sdg8]\n", "p.yml");
  ASSERT_FALSE(link);
  EXPECT_EQ(link.error().detail, "p.yml:10:26: expected sdg:CODE, indicator:CODE or goal:DOCUMENT/CODE");
  auto year = ParsePlanSeed(doc +
                                "        indicators:\n          - code: I\n            title: {en: i}\n"
                                "            planned: {2025: 1, 1800: 2}\n",
                            "p.yml");
  ASSERT_FALSE(year);
  EXPECT_EQ(year.error().detail, "p.yml:13:32: expected a year (1900-2200) for planned");
}

TEST(DemoPlan, MalformedYamlIsLocated) {
  auto r = ParsePlanSeed("bodies: [\n", "p.yml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail.rfind("p.yml:", 0), 0u);
}

TEST(DemoPlan, LinkTargetsParse) {
  auto g = ParseSeedLinkTarget("goal:NDP-2029/1.2");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->document_code, "NDP-2029");
  EXPECT_EQ(g->code, "1.2");
  EXPECT_FALSE(ParseSeedLinkTarget("goal:NDP-2029"));
  EXPECT_FALSE(ParseSeedLinkTarget("sdg:"));
  EXPECT_FALSE(ParseSeedLinkTarget("target:1.2"));
}

}  // namespace
}  // namespace jospar::formats
