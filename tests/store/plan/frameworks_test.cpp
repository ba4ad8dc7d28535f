// SDG nodes, code names, links, history and observations.
#include <algorithm>

#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

TEST_P(StoreContract, SdgNodesUpsertByCodeInNaturalOrder) {
  auto tx = Write();
  Id g1 = tx->plan()
              .UpsertSdgNode(SdgNode{0, "1", SdgKind::kGoal, std::nullopt, Text{"", "", "No poverty"}})
              .value();
  Id g10 = tx->plan()
               .UpsertSdgNode(SdgNode{0, "10", SdgKind::kGoal, std::nullopt, Text{"", "", "Inequality"}})
               .value();
  Id g2 = tx->plan()
              .UpsertSdgNode(SdgNode{0, "2", SdgKind::kGoal, std::nullopt, Text{"", "", "Zero hunger"}})
              .value();
  for (const char* code : {"1.10", "1.2", "1.a", "1.1", "1.b"}) {
    ASSERT_TRUE(tx->plan().UpsertSdgNode(SdgNode{0, code, SdgKind::kTarget, g1, Text{"", "", code}}));
  }
  auto goals = tx->plan().ListSdgNodes(std::nullopt).value();
  ASSERT_EQ(goals.size(), 3u);
  EXPECT_EQ(goals[0].id, g1);
  EXPECT_EQ(goals[1].id, g2);
  EXPECT_EQ(goals[2].id, g10);
  std::vector<std::string> codes;
  auto targets = tx->plan().ListSdgNodes(g1).value();
  for (const auto& n : targets) codes.push_back(n.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"1.1", "1.2", "1.10", "1.a", "1.b"}));

  // Upsert of an existing code updates it and keeps the id.
  Id again =
      tx->plan()
          .UpsertSdgNode(SdgNode{0, "1", SdgKind::kGoal, std::nullopt, Text{"Кедейлік", "", "End poverty"}})
          .value();
  EXPECT_EQ(again, g1);
  auto node = tx->plan().GetSdgNodeByCode("1").value();
  EXPECT_EQ(node.title.en, "End poverty");
  EXPECT_EQ(node.title.kk, "Кедейлік");
  auto target = tx->plan().GetSdgNodeByCode("1.2").value();
  EXPECT_EQ(target.kind, SdgKind::kTarget);
  EXPECT_EQ(target.parent_id, g1);
  EXPECT_EQ(tx->plan().GetSdgNode(target.id)->code, "1.2");
  EXPECT_EQ(tx->plan().GetSdgNodeByCode("99").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, CodeNamesUpsertOutcomes) {
  auto tx = Write();
  CodeName f{"SEX", "F", Text{"әйелдер", "женщины", "female"}};
  EXPECT_EQ(tx->plan().UpsertCodeName(f).value(), UpsertOutcome::kInserted);
  EXPECT_EQ(tx->plan().UpsertCodeName(f).value(), UpsertOutcome::kUnchanged);
  f.title.en = "women";
  EXPECT_EQ(tx->plan().UpsertCodeName(f).value(), UpsertOutcome::kUpdated);
  ASSERT_TRUE(tx->plan().UpsertCodeName(CodeName{"SEX", "M", Text{"ерлер", "мужчины", "male"}}));
  ASSERT_TRUE(tx->plan().UpsertCodeName(CodeName{"AGE", "Y15T24", Text{"", "", "15-24"}}));
  auto sex = tx->plan().ListCodeNames("SEX").value();
  ASSERT_EQ(sex.size(), 2u);
  EXPECT_EQ(sex[0], f);
  EXPECT_EQ(sex[1].code, "M");
  EXPECT_EQ(tx->plan().ListCodeNames("").value().size(), 3u);
  EXPECT_TRUE(tx->plan().ListCodeNames("NONE").value().empty());
}

TEST_P(StoreContract, LinksAreUniqueAndListedBothWays) {
  auto tx = Write();
  Seed s = SeedPlan(*tx);
  Link l{0, ObjectRef{ObjectKind::kIndicator, s.indicator}, ObjectRef{ObjectKind::kSdgTarget, s.sdg_target}};
  Id id = tx->plan().InsertLink(l).value();
  auto dup = tx->plan().InsertLink(l);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  // A duplicate link leaves the transaction usable.
  Id id2 =
      tx->plan()
          .InsertLink(Link{0, ObjectRef{ObjectKind::kGoal, s.task}, ObjectRef{ObjectKind::kGoal, s.goal}})
          .value();
  Id id3 = tx->plan()
               .InsertLink(
                   Link{0, ObjectRef{ObjectKind::kGoal, s.goal}, ObjectRef{ObjectKind::kSdgGoal, s.sdg_goal}})
               .value();
  auto got = tx->plan().GetLink(id).value();
  EXPECT_EQ(got.from, l.from);
  EXPECT_EQ(got.to, l.to);
  auto from_task = tx->plan().ListLinksFrom(ObjectRef{ObjectKind::kGoal, s.task}).value();
  ASSERT_EQ(from_task.size(), 1u);
  EXPECT_EQ(from_task[0].id, id2);
  auto to_goal = tx->plan().ListLinksTo(ObjectRef{ObjectKind::kGoal, s.goal}).value();
  ASSERT_EQ(to_goal.size(), 1u);
  EXPECT_EQ(to_goal[0].from.id, s.task);
  ASSERT_TRUE(tx->plan().DeleteLink(id));
  EXPECT_EQ(tx->plan().GetLink(id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->plan().DeleteLink(id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->plan().ListLinksTo(ObjectRef{ObjectKind::kSdgGoal, s.sdg_goal})->at(0).id, id3);
  ASSERT_TRUE(tx->Commit());
}

TEST_P(StoreContract, DeletingAnObjectDeletesItsLinks) {
  auto tx = Write();
  Seed s = SeedPlan(*tx);
  Id other = tx->plan().InsertGoal(MakeGoal(s.document, "2")).value();
  ASSERT_TRUE(tx->plan().InsertLink(
      Link{0, ObjectRef{ObjectKind::kGoal, other}, ObjectRef{ObjectKind::kGoal, s.goal}}));
  ASSERT_TRUE(tx->plan().DeleteGoal(other));
  EXPECT_TRUE(tx->plan().ListLinksTo(ObjectRef{ObjectKind::kGoal, s.goal})->empty());
}

TEST_P(StoreContract, HistoryNewestFirstWithChanges) {
  auto tx = Write();
  ObjectRef doc{ObjectKind::kDocument, 42};
  for (int i = 0; i < 5; ++i) {
    HistoryEntry e;
    e.object = doc;
    e.actor = "planner1";
    e.at = "2025-01-0" + std::to_string(i + 1) + "T10:00:00Z";
    e.action = i == 0 ? "create" : "update";
    e.changes = {FieldChange{"title.en", "v" + std::to_string(i), "v" + std::to_string(i + 1)},
                 FieldChange{"note", "\"quoted\" ü", "line\nbreak"}};
    ASSERT_TRUE(tx->audit().AppendHistory(e));
  }
  HistoryEntry other{0, ObjectRef{ObjectKind::kGoal, 42}, "import", "2025-02-01T00:00:00Z", "import", {}};
  ASSERT_TRUE(tx->audit().AppendHistory(other));
  auto h = tx->audit().ListHistory(doc, 3).value();
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].at, "2025-01-05T10:00:00Z");
  EXPECT_EQ(h[1].at, "2025-01-04T10:00:00Z");
  EXPECT_EQ(h[2].at, "2025-01-03T10:00:00Z");
  EXPECT_GT(h[0].id, h[1].id);
  EXPECT_EQ(h[0].object, doc);
  EXPECT_EQ(h[0].actor, "planner1");
  EXPECT_EQ(h[0].action, "update");
  ASSERT_EQ(h[0].changes.size(), 2u);
  EXPECT_EQ(h[0].changes[0].field, "title.en");
  EXPECT_EQ(h[0].changes[0].before, "v4");
  EXPECT_EQ(h[0].changes[0].after, "v5");
  EXPECT_EQ(h[0].changes[1].before, "\"quoted\" ü");
  EXPECT_EQ(h[0].changes[1].after, "line\nbreak");
  EXPECT_EQ(tx->audit().ListHistory(doc, 100)->size(), 5u);
  EXPECT_EQ(tx->audit().ListHistory(doc, 100)->back().action, "create");
  EXPECT_EQ(tx->audit().ListHistory(ObjectRef{ObjectKind::kGoal, 42}, 10)->size(), 1u);
}

TEST_P(StoreContract, ObservationUpsertOutcomes) {
  auto tx = Write();
  Seed s = SeedPlan(*tx);
  Observation o{s.indicator, "SI_POV_DAY1", "PERCENT", "2020", "SEX=F|URBANISATION=U", 4.5, false};
  auto first = tx->plan().UpsertObservation(o).value();
  EXPECT_EQ(first.outcome, UpsertOutcome::kInserted);
  EXPECT_FALSE(first.previous_value);
  auto same = tx->plan().UpsertObservation(o).value();
  EXPECT_EQ(same.outcome, UpsertOutcome::kUnchanged);
  o.value = 4.25;
  auto changed = tx->plan().UpsertObservation(o).value();
  EXPECT_EQ(changed.outcome, UpsertOutcome::kUpdated);
  ASSERT_TRUE(changed.previous_value);
  EXPECT_DOUBLE_EQ(*changed.previous_value, 4.5);

  // Each part of the key makes a different observation.
  Observation total = o;
  total.disaggregation = "";
  EXPECT_EQ(tx->plan().UpsertObservation(total)->outcome, UpsertOutcome::kInserted);
  Observation other_period = o;
  other_period.period = "2021-Q1";
  EXPECT_EQ(tx->plan().UpsertObservation(other_period)->outcome, UpsertOutcome::kInserted);
  Observation other_series = o;
  other_series.series = "";
  EXPECT_EQ(tx->plan().UpsertObservation(other_series)->outcome, UpsertOutcome::kInserted);
  Observation other_unit = o;
  other_unit.unit = "NUMBER";
  EXPECT_EQ(tx->plan().UpsertObservation(other_unit)->outcome, UpsertOutcome::kInserted);

  auto list = tx->plan().ListObservations(s.indicator).value();
  ASSERT_EQ(list.size(), 5u);
  EXPECT_NE(std::find(list.begin(), list.end(), o), list.end());
  EXPECT_EQ(tx->plan().CountObservations().value(), 5);
  ASSERT_TRUE(tx->Commit());
  auto rd = Read();
  EXPECT_EQ(rd->plan().CountObservations().value(), 5);
}

TEST_P(StoreContract, ManyObservationsInOneTransaction) {
  auto tx = Write();
  Seed s = SeedPlan(*tx);
  int inserted = 0;
  for (int year = 2000; year < 2025; ++year) {
    for (const char* sex : {"SEX=F", "SEX=M", ""}) {
      auto r = tx->plan().UpsertObservation(
          Observation{s.indicator, "", "", std::to_string(year), sex, year * 0.5, true});
      ASSERT_TRUE(r);
      inserted += r->outcome == UpsertOutcome::kInserted;
    }
  }
  EXPECT_EQ(inserted, 75);
  ASSERT_TRUE(tx->Commit());
  auto rd = Read();
  auto list = rd->plan().ListObservations(s.indicator).value();
  ASSERT_EQ(list.size(), 75u);
  EXPECT_TRUE(list[0].demo);
}

}  // namespace
}  // namespace jospar::testing
