// DenseMap and RefMap (core/dense_map.hpp), and the coherence index over ids that are far apart (the
// maps' hash-map side): the same plan with its ids spread out gives the same findings.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <span>

#include "core/base/dense_map.hpp"
#include "core/plan/coherence.hpp"
#include "core/plan/synthetic_plan.hpp"

namespace jospar {
namespace {

TEST(DenseMap, FindsInsertsAndErasesDenseAndFarIds) {
  DenseMap<int> m;
  std::map<Id, int> want;
  std::uint64_t x = 7;
  for (int step = 0; step < 20000; ++step) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto r = x >> 33;
    // Mostly small ids, some far ones and negative ones.
    const Id id = r % 10 == 0 ? static_cast<Id>(r) * 1000 : r % 10 == 1 ? -static_cast<Id>(r % 50) : r % 3000;
    if (r % 4 == 0) {
      EXPECT_EQ(m.Erase(id), want.erase(id) == 1);
    } else {
      m[id] = static_cast<int>(r % 1000);
      want[id] = static_cast<int>(r % 1000);
    }
  }
  EXPECT_EQ(m.size(), want.size());
  for (const auto& [id, v] : want) {
    ASSERT_NE(m.Find(id), nullptr) << id;
    EXPECT_EQ(*m.Find(id), v);
    EXPECT_EQ(m.At(id), v);
  }
  EXPECT_EQ(m.Find(123456789012), nullptr);
  EXPECT_THROW((void)m.At(123456789012), std::out_of_range);
  std::map<Id, int> seen;
  std::size_t visits = 0;
  m.ForEach([&](Id id, int v) {
    seen[id] = v;
    ++visits;
  });
  EXPECT_EQ(seen, want);
  EXPECT_EQ(visits, want.size());
}

TEST(DenseMap, ReserveKeepsFarIdsOutOfTheVector) {
  DenseMap<std::string> m;
  m.Reserve(1'000'000'000'000, 3);  // ids far too sparse for a vector
  EXPECT_LT(m.MaxDenseId(), 100000);
  m[1'000'000'000'000] = "far";
  m[2] = "near";
  EXPECT_EQ(m.At(1'000'000'000'000), "far");
  EXPECT_EQ(m.At(2), "near");
  EXPECT_LT(m.MaxDenseId(), 100000);
}

struct Node {
  Id id = 0;
  std::string name;
};

TEST(DenseMap, AdoptsVectorsInAnyOrderWithGapsOrFarIds) {
  DenseMap<Node> dense;
  std::vector<Node> nodes = {{5, "e"}, {1, "a"}, {3, "c"}};
  nodes.reserve(6);
  dense.Adopt(std::move(nodes));
  EXPECT_EQ(dense.size(), 3u);
  EXPECT_EQ(dense.At(1).name, "a");
  EXPECT_EQ(dense.At(3).name, "c");
  EXPECT_EQ(dense.At(5).name, "e");
  EXPECT_FALSE(dense.Contains(2));
  EXPECT_FALSE(dense.Contains(4));
  std::vector<Id> order;
  dense.ForEach([&](Id id, const Node& n) {
    EXPECT_EQ(id, n.id);
    order.push_back(id);
  });
  EXPECT_EQ(order, (std::vector<Id>{1, 3, 5}));
  dense[2] = {2, "b"};
  EXPECT_EQ(dense.At(2).name, "b");

  DenseMap<Node> far;
  far.Adopt({{7, "x"}, {9'000'000'000, "y"}});
  EXPECT_EQ(far.size(), 2u);
  EXPECT_EQ(far.At(9'000'000'000).name, "y");
  EXPECT_LT(far.MaxDenseId(), 100000);

  DenseMap<Node> twice;
  twice.Adopt({{1, "a"}, {1, "a"}, {2, "b"}});
  EXPECT_EQ(twice.size(), 2u);
  twice.Adopt({{3, "c"}});  // into a map that has entries: added to them
  EXPECT_EQ(twice.size(), 3u);
  EXPECT_EQ(twice.At(1).name, "a");
  EXPECT_EQ(twice.At(3).name, "c");
}

std::vector<Id> Ids(std::span<const Id> s) { return {s.begin(), s.end()}; }

TEST(Adjacency, BuildsListsInOrderAndEditsThem) {
  Adjacency a;
  // Keys in range, one far beyond the dense range, a negative one.
  a.Build({{2, 20}, {0, 1}, {2, 21}, {5'000'000'000, 7}, {-3, 9}, {2, 22}}, 10);
  EXPECT_EQ(Ids(a.Of(2)), (std::vector<Id>{20, 21, 22}));
  EXPECT_EQ(Ids(a.Of(0)), (std::vector<Id>{1}));
  EXPECT_TRUE(a.Of(1).empty());
  EXPECT_TRUE(a.Of(99).empty());
  EXPECT_EQ(Ids(a.Of(5'000'000'000)), (std::vector<Id>{7}));
  EXPECT_EQ(Ids(a.Of(-3)), (std::vector<Id>{9}));
  a.Remove(2, 20);  // the last takes its place
  EXPECT_EQ(Ids(a.Of(2)), (std::vector<Id>{22, 21}));
  a.Remove(2, 99);  // absent: nothing changes
  EXPECT_EQ(Ids(a.Of(2)), (std::vector<Id>{22, 21}));
  a.Add(2, 23);
  a.Add(1, 10);
  a.Add(123, 5);
  EXPECT_EQ(Ids(a.Of(2)), (std::vector<Id>{22, 21, 23}));
  EXPECT_EQ(Ids(a.Of(1)), (std::vector<Id>{10}));
  EXPECT_EQ(Ids(a.Of(123)), (std::vector<Id>{5}));
  a.Remove(0, 1);
  EXPECT_TRUE(a.Of(0).empty());
  std::vector<Id> keys;
  a.ForEachKey([&](Id k) { keys.push_back(k); });
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<Id>{-3, 1, 2, 123, 5'000'000'000}));
}

TEST(RefMap, KeepsKindsApart) {
  RefMap<int> m;
  m[{ObjectKind::kGoal, 5}] = 1;
  m[{ObjectKind::kIndicator, 5}] = 2;
  EXPECT_EQ(m.At({ObjectKind::kGoal, 5}), 1);
  EXPECT_EQ(m.At({ObjectKind::kIndicator, 5}), 2);
  EXPECT_FALSE(m.Contains({ObjectKind::kDocument, 5}));
  EXPECT_TRUE(m.Erase({ObjectKind::kGoal, 5}));
  EXPECT_FALSE(m.Contains({ObjectKind::kGoal, 5}));
  int n = 0;
  m.ForEach([&](ObjectRef r, int v) {
    EXPECT_EQ(r, (ObjectRef{ObjectKind::kIndicator, 5}));
    n += v;
  });
  EXPECT_EQ(n, 2);
}

// The generated plan checked once with its own ids and once with every id multiplied by a large factor:
// the same findings, rule by rule and object by object.
TEST(DenseMap, CoherenceFindingsDoNotDependOnHowDenseTheIdsAre) {
  SyntheticTexts texts;
  SyntheticTheme theme;
  theme.goal = {"мақсат", "цель", "goal"};
  theme.targets = {{"міндет", "задача", "target"}};
  theme.indicators = {{{"к", "п", "ind a"}, {"%", "%", "%"}, {"s", "s", "s"}},
                      {{"к2", "п2", "ind b"}, {"адам", "чел", "persons"}, {}}};
  texts.themes.push_back(theme);
  SyntheticPlanSpec spec;
  spec.documents = 300;
  spec.indicators = 1500;
  spec.seed = 9;
  SyntheticPlanGenerator gen(spec, texts);
  PlanBatch batch;
  while (gen.Next(batch, 1000)) {
  }
  const coherence::PlanSnapshot dense = coherence::SnapshotOf(batch);
  constexpr Id kSpread = 1'000'003;
  auto spread = [](Id id) { return id * kSpread; };
  auto spread_ref = [&](ObjectRef r) { return ObjectRef{r.kind, spread(r.id)}; };
  coherence::PlanSnapshot sparse = dense;
  for (auto& d : sparse.documents) {
    d.id = spread(d.id);
    if (d.parent_id) d.parent_id = spread(*d.parent_id);
    if (d.merged_into_id) d.merged_into_id = spread(*d.merged_into_id);
  }
  for (auto& g : sparse.goals) {
    g.id = spread(g.id);
    g.document_id = spread(g.document_id);
    if (g.parent_id) g.parent_id = spread(*g.parent_id);
  }
  for (auto& i : sparse.indicators) {
    i.id = spread(i.id);
    if (i.goal_id) i.goal_id = spread(*i.goal_id);
  }
  for (auto& m : sparse.measures) {
    m.id = spread(m.id);
    m.goal_id = spread(m.goal_id);
  }
  for (auto& l : sparse.links) {
    l.id = spread(l.id);
    l.from = spread_ref(l.from);
    l.to = spread_ref(l.to);
  }
  for (auto& s : sparse.sdg_nodes) s = spread(s);
  coherence::CheckOptions options;
  coherence::CoherenceIndex a(dense, options), b(sparse, options);
  const auto fa = a.Findings(), fb = b.Findings();
  ASSERT_GT(fa.size(), 0u);
  ASSERT_EQ(fa.size(), fb.size());
  for (std::size_t k = 0; k < fa.size(); ++k) {
    EXPECT_EQ(fa[k].rule, fb[k].rule);
    EXPECT_EQ(spread_ref(fa[k].subject), fb[k].subject);
    EXPECT_EQ(fa[k].related.has_value(), fb[k].related.has_value());
    if (fa[k].related && fb[k].related) {
      EXPECT_EQ(spread_ref(*fa[k].related), *fb[k].related);
    }
  }
}

}  // namespace
}  // namespace jospar
