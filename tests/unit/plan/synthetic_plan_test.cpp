// The synthetic plan generator: reproducible for a seed whatever the batch size, different for another
// seed, the requested sizes, tiers whose parents sit one tier above, texts in three languages.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

#include "core/plan/synthetic_plan.hpp"

namespace jospar {
namespace {

SyntheticTexts SmallTexts() {
  SyntheticTexts t;
  for (int g = 1; g <= 3; ++g) {
    SyntheticTheme theme;
    const std::string n = std::to_string(g);
    theme.goal = {"мақсат " + n, "цель " + n, "goal " + n};
    theme.targets = {{"міндет " + n + ".1", "задача " + n + ".1", "target " + n + ".1"},
                     {"міндет " + n + ".2", "задача " + n + ".2", "target " + n + ".2"}};
    theme.indicators = {
        {{"көрсеткіш " + n, "показатель " + n, "indicator " + n}, {"%", "%", "%"}, {"ҰСБ", "БНС", "BNS"}},
        {{"үлес " + n, "доля " + n, "share " + n}, {"адам", "человек", "persons"}, {}}};
    t.themes.push_back(theme);
  }
  return t;
}

// Every generated object written as text, in order.
std::string Dump(std::int64_t documents, std::int64_t indicators, std::uint64_t seed, std::int64_t batch) {
  SyntheticPlanSpec spec;
  spec.documents = documents;
  spec.indicators = indicators;
  spec.seed = seed;
  SyntheticPlanGenerator gen(spec, SmallTexts());
  std::ostringstream out;
  PlanBatch b;
  while (gen.Next(b, batch)) {
  }
  for (const auto& x : b.bodies) out << "B" << x.id << x.code << x.title.kk << "\n";
  for (const auto& d : b.documents)
    out << "D" << d.id << d.code << static_cast<int>(d.tier) << d.parent_id.value_or(0) << ToString(d.status)
        << d.start_year.value_or(0) << d.end_year.value_or(0) << d.title.en << d.title.kk << "\n";
  for (const auto& g : b.goals) out << "G" << g.id << g.document_id << g.code << g.title.ru << "\n";
  for (const auto& i : b.indicators)
    out << "I" << i.id << i.code << i.goal_id.value_or(0) << i.title.en << i.unit.en
        << i.target_value.value_or(-1) << i.baseline_value.value_or(-1) << "\n";
  for (const auto& o : b.observations) out << "O" << o.indicator_id << o.period << o.value << "\n";
  for (const auto& m : b.measures) out << "M" << m.id << m.goal_id << m.deadline << "\n";
  for (const auto& l : b.links) out << "L" << l.id << l.from.id << l.to.id << "\n";
  return out.str();
}

TEST(SyntheticPlan, SameSeedGivesTheSamePlanWhateverTheBatchSize) {
  const std::string a = Dump(500, 4000, 42, 1000);
  EXPECT_EQ(a, Dump(500, 4000, 42, 1000));
  EXPECT_EQ(a, Dump(500, 4000, 42, 7));
  EXPECT_NE(a, Dump(500, 4000, 43, 1000));
}

TEST(SyntheticPlan, SizesTiersAndParents) {
  SyntheticPlanSpec spec;
  spec.documents = 3000;
  spec.indicators = 20000;
  spec.seed = 7;
  spec.ids.document = 100;
  spec.ids.indicator = 5000;
  SyntheticPlanGenerator gen(spec, SmallTexts());
  PlanBatch b;
  while (gen.Next(b, 500)) {
  }
  ASSERT_EQ(b.documents.size(), 3000u);
  ASSERT_EQ(b.indicators.size(), 20000u);
  EXPECT_EQ(b.documents.front().id, 101);
  EXPECT_EQ(b.indicators.front().id, 5001);
  std::map<Id, int> tier_of;
  std::set<std::string> codes;
  int orphans = 0, tiers[6] = {};
  for (const auto& d : b.documents) {
    tier_of[d.id] = static_cast<int>(d.tier);
    ++tiers[static_cast<int>(d.tier)];
    EXPECT_TRUE(codes.insert(d.code).second) << d.code;
    EXPECT_FALSE(d.title.kk.empty() || d.title.ru.empty() || d.title.en.empty()) << d.code;
    if (d.tier == Tier::kLongTermStrategy) {
      EXPECT_FALSE(d.parent_id);
    } else if (d.parent_id) {
      ASSERT_TRUE(tier_of.count(*d.parent_id)) << "a parent comes before its children: " << d.code;
      EXPECT_EQ(tier_of[*d.parent_id], static_cast<int>(d.tier) - 1) << d.code;
    } else {
      ++orphans;
    }
    EXPECT_EQ(d.status == DocStatus::kMerged, d.merged_into_id.has_value()) << d.code;
  }
  for (int t = 1; t <= 5; ++t) EXPECT_GT(tiers[t], 0) << "tier " << t;
  EXPECT_GT(tiers[5], tiers[4]);
  EXPECT_LT(orphans, 60);  // a few on purpose
  int no_target = 0, no_unit = 0;
  for (const auto& i : b.indicators) {
    EXPECT_TRUE(codes.insert(i.code).second) << i.code;
    no_target += !i.target_value;
    no_unit += i.unit.Empty();
  }
  EXPECT_GT(no_target, 0);  // gaps on purpose
  EXPECT_LT(no_target, 2000);
  EXPECT_GT(no_unit, 0);
  EXPECT_GT(b.observations.size(), 10000u);
  EXPECT_GT(b.links.size(), 1000u);
}

TEST(SyntheticPlan, SpecOutOfRangeIsRejectedWithFields) {
  SyntheticPlanSpec spec;
  spec.documents = 0;
  spec.indicators = -1;
  auto st = ValidateSyntheticSpec(spec, SmallTexts());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(st.error().fields.size(), 2u);
  EXPECT_EQ(st.error().fields[0].field, "documents");
  EXPECT_FALSE(ValidateSyntheticSpec(SyntheticPlanSpec{}, SyntheticTexts{}));
}

}  // namespace
}  // namespace jospar
