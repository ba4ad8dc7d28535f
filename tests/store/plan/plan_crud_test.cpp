// CRUD, conflicts and transactions of the plan entities (bodies, documents, goals, indicators, measures).
#include "core/plan/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

TEST_P(StoreContract, BodyRoundTripUpdateDelete) {
  auto tx = Write();
  auto parent = tx->plan().InsertBody(MakeBody("GOV", "Government"));
  ASSERT_TRUE(parent);
  StateBody b = MakeBody("AKIMAT-ALA", "Akimat of Almaty");
  b.kind = BodyKind::kAkimat;
  b.parent_id = *parent;
  b.title.kk = "Алматы қаласының әкімдігі";
  auto id = tx->plan().InsertBody(b);
  ASSERT_TRUE(id) << id.error().detail;
  auto got = tx->plan().GetBody(*id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->code, "AKIMAT-ALA");
  EXPECT_EQ(got->kind, BodyKind::kAkimat);
  EXPECT_EQ(got->parent_id, *parent);
  EXPECT_EQ(got->title, b.title);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(tx->plan().GetBodyByCode("AKIMAT-ALA")->id, *id);

  got->title.en = "Akimat of Almaty city";
  ASSERT_TRUE(tx->plan().UpdateBody(*got));
  auto after = tx->plan().GetBody(*id);
  EXPECT_EQ(after->title.en, "Akimat of Almaty city");
  EXPECT_EQ(after->version, 2);
  ASSERT_TRUE(tx->Commit());

  auto tx2 = Write();
  ASSERT_TRUE(tx2->plan().DeleteBody(*id));
  EXPECT_EQ(tx2->plan().GetBody(*id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx2->plan().DeleteBody(*id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx2->plan().GetBodyByCode("nope").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, StaleVersionIsAConflictAndChangesNothing) {
  Id id = 0;
  {
    auto tx = Write();
    id = tx->plan().InsertBody(MakeBody("MOH", "Health")).value();
    ASSERT_TRUE(tx->Commit());
  }
  auto tx = Write();
  StateBody first = tx->plan().GetBody(id).value();
  StateBody second = first;
  first.title.en = "Ministry of Health";
  ASSERT_TRUE(tx->plan().UpdateBody(first));
  second.title.en = "Overwrite";
  auto stale = tx->plan().UpdateBody(second);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().message_key, "error.version_conflict");
  EXPECT_EQ(tx->plan().GetBody(id)->title.en, "Ministry of Health");
  StateBody missing = first;
  missing.id = id + 1000;
  EXPECT_EQ(tx->plan().UpdateBody(missing).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, DuplicateCodeIsAConflict) {
  {
    auto tx = Write();
    ASSERT_TRUE(tx->plan().InsertBody(MakeBody("MOF")));
    ASSERT_TRUE(tx->Commit());
  }
  auto tx = Write();
  auto dup = tx->plan().InsertBody(MakeBody("MOF"));
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
}

TEST_P(StoreContract, DuplicateDocumentAndIndicatorCodesAreConflicts) {
  {
    auto tx = Write();
    SeedPlan(*tx);
    ASSERT_TRUE(tx->Commit());
  }
  {
    auto tx = Write();
    EXPECT_EQ(tx->plan().InsertDocument(MakeDocument("NDP-2029")).error().code, ErrorCode::kConflict);
  }
  {
    auto tx = Write();
    EXPECT_EQ(tx->plan().InsertIndicator(MakeIndicator("NDP-1.1")).error().code, ErrorCode::kConflict);
  }
  {
    auto tx = Write();
    auto doc = tx->plan().GetDocumentByCode("NDP-2029").value();
    EXPECT_EQ(tx->plan().InsertGoal(MakeGoal(doc.id, "1")).error().code, ErrorCode::kConflict);
  }
}

TEST_P(StoreContract, UnresolvedForeignKeyIsAConflict) {
  {
    auto tx = Write();
    EXPECT_EQ(tx->plan().InsertDocument(MakeDocument("X", Id{999})).error().code, ErrorCode::kConflict);
  }
  {
    auto tx = Write();
    EXPECT_EQ(tx->plan().InsertGoal(MakeGoal(12345, "1")).error().code, ErrorCode::kConflict);
  }
  {
    auto tx = Write();
    Observation o{777, "", "", "2020", "", 1.0, false};
    EXPECT_EQ(tx->plan().UpsertObservation(o).error().code, ErrorCode::kConflict);
  }
  {
    // A body still referenced by a document cannot be deleted.
    auto tx = Write();
    Seed s = SeedPlan(*tx);
    ASSERT_TRUE(tx->Commit());
    auto tx2 = Write();
    EXPECT_EQ(tx2->plan().DeleteBody(s.body).error().code, ErrorCode::kConflict);
  }
}

TEST_P(StoreContract, DestroyingATxWithoutCommitRollsBack) {
  {
    auto tx = Write();
    ASSERT_TRUE(tx->plan().InsertBody(MakeBody("TEMP")));
    EXPECT_TRUE(tx->plan().GetBodyByCode("TEMP"));  // visible inside the transaction
  }
  auto tx = Read();
  EXPECT_EQ(tx->plan().GetBodyByCode("TEMP").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, UncommittedWritesAreInvisibleToOthers) {
  auto writer = Write();
  ASSERT_TRUE(writer->plan().InsertBody(MakeBody("PENDING")));
  {
    auto reader = Read();
    EXPECT_EQ(reader->plan().GetBodyByCode("PENDING").error().code, ErrorCode::kNotFound);
  }
  ASSERT_TRUE(writer->Commit());
  writer.reset();
  auto reader = Read();
  EXPECT_TRUE(reader->plan().GetBodyByCode("PENDING"));
}

TEST_P(StoreContract, DocumentRoundTripAndEditions) {
  auto tx = Write();
  Seed s = SeedPlan(*tx);
  Document d = tx->plan().GetDocument(s.document).value();
  EXPECT_EQ(d.code, "NDP-2029");
  EXPECT_EQ(d.tier, Tier::kNationalPlan);
  EXPECT_EQ(d.type, "national_plan");
  EXPECT_EQ(d.summary.en, "Summary of NDP-2029");
  EXPECT_EQ(d.act, (LegalAct{"decree", "636", "2024-07-30"}));
  EXPECT_EQ(d.owner_body_id, s.body);
  EXPECT_EQ(d.start_year, 2024);
  EXPECT_EQ(d.end_year, 2029);
  EXPECT_EQ(d.status, DocStatus::kDraft);
  EXPECT_FALSE(d.parent_id);
  EXPECT_EQ(d.edition, 1);

  Document child = MakeDocument("CHILD");
  child.parent_id = s.document;
  child.start_year.reset();
  child.demo = true;
  Id child_id = tx->plan().InsertDocument(child).value();
  Document c = tx->plan().GetDocumentByCode("CHILD").value();
  EXPECT_EQ(c.id, child_id);
  EXPECT_EQ(c.parent_id, s.document);
  EXPECT_FALSE(c.start_year);
  EXPECT_TRUE(c.demo);

  Document before = d;
  d.status = DocStatus::kApproved;
  d.edition = 2;
  d.title.ru = "План (ред. 2)";
  ASSERT_TRUE(tx->plan().UpdateDocument(d));
  ASSERT_TRUE(
      tx->plan().InsertDocumentEdition(s.document, 1, before, LegalAct{"decree", "700", "2025-01-10"}));
  ASSERT_TRUE(tx->Commit());
  {
    auto dup = Write();
    EXPECT_EQ(dup->plan().InsertDocumentEdition(s.document, 1, before, LegalAct{}).error().code,
              ErrorCode::kConflict);
  }

  auto rd = Read();
  auto now = rd->plan().GetDocument(s.document).value();
  EXPECT_EQ(now.status, DocStatus::kApproved);
  EXPECT_EQ(now.edition, 2);
  EXPECT_EQ(now.version, 2);
  auto editions = rd->plan().ListDocumentEditions(s.document).value();
  ASSERT_EQ(editions.size(), 1u);
  EXPECT_EQ(editions[0].title, before.title);
  EXPECT_EQ(editions[0].status, DocStatus::kDraft);
  EXPECT_EQ(editions[0].edition, 1);
  EXPECT_EQ(editions[0].act, before.act);
}

TEST_P(StoreContract, DocumentMergedIntoAnother) {
  auto tx = Write();
  Id a = tx->plan().InsertDocument(MakeDocument("A")).value();
  Id b = tx->plan().InsertDocument(MakeDocument("B")).value();
  Document da = tx->plan().GetDocument(a).value();
  da.status = DocStatus::kMerged;
  da.merged_into_id = b;
  ASSERT_TRUE(tx->plan().UpdateDocument(da));
  EXPECT_EQ(tx->plan().GetDocument(a)->merged_into_id, b);
  EXPECT_EQ(tx->plan().DeleteDocument(b).error().code, ErrorCode::kConflict);  // still referenced
}

TEST_P(StoreContract, GoalsAndTasks) {
  auto tx = Write();
  Seed s = SeedPlan(*tx);
  Goal g = tx->plan().GetGoal(s.task).value();
  EXPECT_EQ(g.document_id, s.document);
  EXPECT_EQ(g.parent_id, s.goal);
  EXPECT_EQ(g.code, "1.1");
  EXPECT_EQ(g.title.ru, "Цель 1.1");
  g.title.en = "Task one";
  ASSERT_TRUE(tx->plan().UpdateGoal(g));
  EXPECT_EQ(tx->plan().UpdateGoal(g).error().code, ErrorCode::kConflict);
  EXPECT_EQ(tx->plan().GetGoal(s.task)->version, 2);
  ASSERT_TRUE(tx->Commit());
  auto tx2 = Write();
  Id lone = tx2->plan().InsertGoal(MakeGoal(s.document, "2")).value();
  ASSERT_TRUE(tx2->plan().DeleteGoal(lone));
  EXPECT_EQ(tx2->plan().GetGoal(lone).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx2->plan().DeleteGoal(s.goal).error().code, ErrorCode::kConflict);  // has a task
  // After a statement failed, the transaction can only roll back, on every backend.
  auto commit = tx2->Commit();
  ASSERT_FALSE(commit);
  EXPECT_EQ(commit.error().code, ErrorCode::kConflict);
  tx2.reset();
  auto rd = Read();
  EXPECT_TRUE(rd->plan().GetGoal(s.goal));
  auto goals = rd->plan().ListGoals(GoalFilter{s.document, std::nullopt, false, ""}, PageRequest{});
  EXPECT_EQ(goals->total, 2);  // "2" was rolled back with the rest
}

TEST_P(StoreContract, IndicatorWithPlannedValues) {
  auto tx = Write();
  Seed s = SeedPlan(*tx);
  Indicator i = tx->plan().GetIndicator(s.indicator).value();
  EXPECT_EQ(i.code, "NDP-1.1");
  EXPECT_EQ(i.goal_id, s.task);
  EXPECT_EQ(i.sdg_target_id, s.sdg_target);
  EXPECT_EQ(i.responsible_body_id, s.body);
  EXPECT_EQ(i.kind, IndicatorKind::kTarget);
  EXPECT_EQ(i.direction, Direction::kIncrease);
  EXPECT_EQ(i.unit.en, "%");
  EXPECT_EQ(i.baseline_year, 2023);
  EXPECT_DOUBLE_EQ(*i.baseline_value, 10.5);
  EXPECT_EQ(i.target_year, 2029);
  EXPECT_DOUBLE_EQ(*i.target_value, 20.25);
  EXPECT_EQ(i.source.kk, "ҰСБ");
  EXPECT_EQ(i.planned, (std::vector<YearValue>{{2025, 12.0}, {2026, 14.5}}));

  i.planned = {{2027, 0.1 + 0.2}};
  i.kind = IndicatorKind::kResult;
  i.direction = Direction::kDecrease;
  i.baseline_value.reset();
  ASSERT_TRUE(tx->plan().UpdateIndicator(i));
  Indicator after = tx->plan().GetIndicatorByCode("NDP-1.1").value();
  EXPECT_EQ(after.planned, (std::vector<YearValue>{{2027, 0.1 + 0.2}}));  // doubles round-trip exactly
  EXPECT_EQ(after.kind, IndicatorKind::kResult);
  EXPECT_EQ(after.direction, Direction::kDecrease);
  EXPECT_FALSE(after.baseline_value);
  EXPECT_EQ(after.version, 2);
  EXPECT_EQ(tx->plan().UpdateIndicator(i).error().code, ErrorCode::kConflict);

  ASSERT_TRUE(tx->plan().UpsertObservation(Observation{s.indicator, "", "", "2020", "", 1.0, false}));
  ASSERT_TRUE(tx->plan().DeleteIndicator(s.indicator));
  EXPECT_EQ(tx->plan().GetIndicator(s.indicator).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(tx->plan().ListObservations(s.indicator)->empty());
}

TEST_P(StoreContract, MeasuresWithAmounts) {
  auto tx = Write();
  Seed s = SeedPlan(*tx);
  Measure m;
  m.goal_id = s.goal;
  m.title = Text{"Шара", "Мера", "Measure"};
  m.deadline = "2026-12-31";
  m.responsible_body_id = s.body;
  m.budget_programme = "001";
  m.amounts = {{2025, 1500.5}, {2026, 2000}};
  Id id = tx->plan().InsertMeasure(m).value();
  Measure got = tx->plan().GetMeasure(id).value();
  EXPECT_EQ(got.goal_id, s.goal);
  EXPECT_EQ(got.title, m.title);
  EXPECT_EQ(got.deadline, "2026-12-31");
  EXPECT_EQ(got.budget_programme, "001");
  EXPECT_EQ(got.amounts, m.amounts);
  got.amounts = {};
  ASSERT_TRUE(tx->plan().UpdateMeasure(got));
  EXPECT_TRUE(tx->plan().GetMeasure(id)->amounts.empty());
  EXPECT_EQ(tx->plan().UpdateMeasure(got).error().code, ErrorCode::kConflict);
  auto page = tx->plan().ListMeasures(MeasureFilter{s.goal, std::nullopt, ""}, PageRequest{});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 1);
  ASSERT_TRUE(tx->plan().DeleteMeasure(id));
  EXPECT_EQ(tx->plan().GetMeasure(id).error().code, ErrorCode::kNotFound);
  m.goal_id = 99999;
  EXPECT_EQ(tx->plan().InsertMeasure(m).error().code, ErrorCode::kConflict);
}

TEST_P(StoreContract, MigrationsAreIdempotent) {
  auto again = store::Migrate(url_);
  ASSERT_TRUE(again) << again.error().detail;
  auto twice = store::Migrate(url_);
  ASSERT_TRUE(twice);
  EXPECT_EQ(*again, *twice);
  EXPECT_GE(*again, 1);
  {
    auto tx = Write();
    ASSERT_TRUE(tx->plan().InsertBody(MakeBody("KEEP")));
    ASSERT_TRUE(tx->Commit());
  }
  Reopen();  // migrates on open again
  auto tx = Read();
  EXPECT_TRUE(tx->plan().GetBodyByCode("KEEP"));
}

TEST_P(StoreContract, BackendNameAndPing) {
  EXPECT_EQ(store_->Backend(), GetParam());
  EXPECT_TRUE(store_->Ping());
  auto tx = Read();
  EXPECT_GE(store_->Stats().in_use, 1);
}

}  // namespace
}  // namespace jospar::testing

namespace jospar::testing {
namespace {

TEST_P(StoreContract, AReadTxCannotWrite) {
  auto tx = Read();
  auto id = tx->plan().InsertBody(MakeBody("RO"));
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().code, ErrorCode::kInternal);
  tx.reset();
  auto w = Write();
  EXPECT_EQ(w->plan().GetBodyByCode("RO").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(w->plan().InsertBody(MakeBody("RW")));  // the same pooled connection writes again in a write Tx
  EXPECT_TRUE(w->Commit());
}

TEST_P(StoreContract, ATxCannotBeUsedAfterCommit) {
  auto tx = Write();
  ASSERT_TRUE(tx->plan().InsertBody(MakeBody("ONCE")));
  ASSERT_TRUE(tx->Commit());
  EXPECT_FALSE(tx->plan().InsertBody(MakeBody("TWICE")));
  EXPECT_FALSE(tx->Commit());
  tx.reset();
  auto rd = Read();
  EXPECT_TRUE(rd->plan().GetBodyByCode("ONCE"));
  EXPECT_EQ(rd->plan().GetBodyByCode("TWICE").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace jospar::testing
