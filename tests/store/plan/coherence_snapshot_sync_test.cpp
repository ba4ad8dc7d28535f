// The coherence snapshot reads narrow copies of the plan (migration 009: covering indexes on SQLite, the
// indicator_keys table on every backend) instead of the rows with their texts. These tests check, on every
// backend, that after each kind of write (the bulk path of a generated plan, inserts, updates of every
// field the rules read, deletes, the migration's backfill of an existing database, a row written around
// the store) every node of the snapshot equals what the store reads back for that object — for an
// indicator, coherence::NodeOf of the indicator read with GetIndicator — and that no object is missing or
// left over.
#include "core/plan/coherence.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/generate.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

using coherence::IndicatorNode;
using coherence::PlanSnapshot;

SyntheticTexts Texts() {
  SyntheticTexts t;
  SyntheticTheme theme;
  theme.goal = {"мақсат", "цель", "goal"};
  theme.targets = {{"міндет", "задача", "target"}};
  theme.indicators = {{{"көрсеткіш", "показатель", "indicator"}, {"%", "%", "%"}, {"ҰСБ", "БНС", "BNS"}},
                      {{"үлес", "доля", "share"}, {"адам", "человек", "persons"}, {"", "", ""}}};
  t.themes.push_back(theme);
  return t;
}

void ExpectSameIndicator(const IndicatorNode& got, const IndicatorNode& want) {
  EXPECT_EQ(got.code, want.code);
  EXPECT_EQ(got.goal_id, want.goal_id) << got.code;
  EXPECT_EQ(got.has_body, want.has_body) << got.code;
  EXPECT_EQ(got.has_unit, want.has_unit) << got.code;
  EXPECT_EQ(got.has_baseline, want.has_baseline) << got.code;
  EXPECT_EQ(got.has_source, want.has_source) << got.code;
  EXPECT_EQ(got.target_year, want.target_year) << got.code;
  EXPECT_EQ(got.target_value, want.target_value) << got.code;
  EXPECT_EQ(got.identity, want.identity) << got.code;
  EXPECT_EQ(got.unit_key, want.unit_key) << got.code;
}

// Every node of the full snapshot (and of the snapshot of each indicator alone) against the objects read
// back one by one; the number of objects against the store's lists.
void ExpectSnapshotMatchesRows(Tx& tx) {
  auto snap = tx.plan().LoadPlanSnapshot();
  ASSERT_TRUE(snap) << snap.error().detail;
  PageRequest all;
  all.limit = 100000;
  auto docs = tx.plan().ListDocuments({}, all);
  auto inds = tx.plan().ListIndicators({}, all);
  auto measures = tx.plan().ListMeasures({}, all);
  ASSERT_TRUE(docs && inds && measures);
  EXPECT_EQ(static_cast<std::int64_t>(snap->documents.size()), docs->total);
  EXPECT_EQ(static_cast<std::int64_t>(snap->indicators.size()), inds->total);
  EXPECT_EQ(static_cast<std::int64_t>(snap->measures.size()), measures->total);
  for (const auto& n : snap->indicators) {
    auto ind = tx.plan().GetIndicator(n.id);
    ASSERT_TRUE(ind) << n.id;
    ExpectSameIndicator(n, coherence::NodeOf(*ind));
    auto one = tx.plan().LoadPlanSnapshotOf({{ObjectKind::kIndicator, n.id}});
    ASSERT_TRUE(one && one->indicators.size() == 1u);
    ExpectSameIndicator(one->indicators[0], coherence::NodeOf(*ind));
  }
  for (const auto& n : snap->documents) {
    auto d = tx.plan().GetDocument(n.id);
    ASSERT_TRUE(d) << n.id;
    EXPECT_EQ(n.code, d->code);
    EXPECT_EQ(n.tier, static_cast<int>(d->tier));
    EXPECT_EQ(n.status, d->status);
    EXPECT_EQ(n.parent_id, d->parent_id);
    EXPECT_EQ(n.merged_into_id, d->merged_into_id);
    EXPECT_EQ(n.start_year, d->start_year);
    EXPECT_EQ(n.end_year, d->end_year);
  }
  for (const auto& n : snap->goals) {
    auto g = tx.plan().GetGoal(n.id);
    ASSERT_TRUE(g) << n.id;
    EXPECT_EQ(n.document_id, g->document_id);
    EXPECT_EQ(n.parent_id, g->parent_id);
    EXPECT_EQ(n.code, g->code);
  }
  for (const auto& n : snap->measures) {
    auto m = tx.plan().GetMeasure(n.id);
    ASSERT_TRUE(m) << n.id;
    EXPECT_EQ(n.goal_id, m->goal_id);
    EXPECT_EQ(n.deadline, m->deadline);
  }
}

// A raw connection to the test database, for writes around the store.
std::unique_ptr<store::sql::Connection> Raw(bool postgres, const std::string& url, const std::string& dir) {
  auto c = postgres ? store::postgres::Connect(url, 5000) : store::sqlite::Connect(dir + "/test.db", 2000);
  EXPECT_TRUE(c) << c.error().detail;
  return c ? std::move(*c) : nullptr;
}

TEST_P(StoreContract, CoherenceSnapshotMatchesTheRowsAfterEveryKindOfWrite) {
  SyntheticPlanSpec spec;
  spec.documents = 30;
  spec.indicators = 120;
  spec.seed = 11;
  auto report = usecases::GenerateSyntheticPlan(*store_, spec, Texts(), "2026-01-31T12:00:00Z", 25);
  ASSERT_TRUE(report) << report.error().detail;
  {
    SCOPED_TRACE("after the bulk path");
    ExpectSnapshotMatchesRows(*Read());
  }

  // Inserts: a plain one, one without title, unit and source, one whose unit and source are blanks only.
  Seed seed;
  Id bare = 0, blank = 0;
  {
    auto w = Write();
    seed = SeedPlan(*w);
    Indicator b = MakeIndicator("BARE", seed.goal);
    b.title = {};
    b.unit = {};
    b.source = {};
    b.baseline_value.reset();
    b.target_year.reset();
    bare = w->plan().InsertIndicator(b).value();
    Indicator s = MakeIndicator("BLANK", seed.task);
    s.unit = Text{" ", "\t", ""};
    s.source = Text{"", " ", ""};
    blank = w->plan().InsertIndicator(s).value();
    ASSERT_TRUE(w->Commit());
  }
  {
    SCOPED_TRACE("after inserts");
    ExpectSnapshotMatchesRows(*Read());
  }

  // Updates of every field the rules read, of indicators written by either path.
  {
    auto w = Write();
    Indicator i = w->plan().GetIndicator(seed.indicator).value();
    i.title.ru = "Другое название";
    i.unit = Text{"тг", "тг", "KZT"};
    i.source = {};
    i.responsible_body_id.reset();
    i.baseline_value.reset();
    i.target_year = 2031;
    i.target_value = 7.5;
    i.goal_id = seed.goal;
    ASSERT_TRUE(w->plan().UpdateIndicator(i));
    Indicator b = w->plan().GetIndicator(bare).value();
    b.title = Text{"", "", "Now titled"};
    b.source = Text{"ҰСБ", "", ""};
    b.responsible_body_id = seed.body;
    ASSERT_TRUE(w->plan().UpdateIndicator(b));
    auto generated = w->plan().GetIndicatorByCode("GEN-IND-0000001");
    if (!generated) {
      PageRequest one;
      one.limit = 1;
      IndicatorFilter plan;
      auto page = w->plan().ListIndicators(plan, one);
      ASSERT_TRUE(page && !page->items.empty());
      generated = page->items[0];
    }
    Indicator g = *generated;
    g.unit = {};
    g.title.kk = g.title.kk + " (өзгертілген)";
    ASSERT_TRUE(w->plan().UpdateIndicator(g));
    Document d = w->plan().GetDocument(seed.document).value();
    d.status = DocStatus::kInForce;
    d.end_year = 2030;
    d.parent_id = w->plan().GetDocumentByCode("GEN-1-000001").value().id;
    ASSERT_TRUE(w->plan().UpdateDocument(d));
    Goal task = w->plan().GetGoal(seed.task).value();
    task.parent_id.reset();
    task.code = "2";
    ASSERT_TRUE(w->plan().UpdateGoal(task));
    Measure m;
    m.goal_id = seed.goal;
    m.title = Text{"", "", "Deliverable"};
    m.deadline = "2025-12-31";
    const Id mid = w->plan().InsertMeasure(m).value();
    m = w->plan().GetMeasure(mid).value();
    m.deadline = "2026-03-01";
    ASSERT_TRUE(w->plan().UpdateMeasure(m));
    ASSERT_TRUE(w->Commit());
  }
  {
    SCOPED_TRACE("after updates");
    ExpectSnapshotMatchesRows(*Read());
  }

  // Deletes: the indicator's keys go with it.
  {
    auto w = Write();
    ASSERT_TRUE(w->plan().DeleteIndicator(blank));
    ASSERT_TRUE(w->Commit());
  }
  {
    SCOPED_TRACE("after a delete");
    ExpectSnapshotMatchesRows(*Read());
    auto one = Read()->plan().LoadPlanSnapshotOf({{ObjectKind::kIndicator, blank}});
    ASSERT_TRUE(one);
    EXPECT_TRUE(one->indicators.empty());
  }

  // A row written around the store (no keys row): its keys come from its texts.
  {
    auto raw = Raw(IsPostgres(), url_, sqlite_dir_);
    ASSERT_TRUE(raw);
    ASSERT_TRUE(
        raw->Exec("DELETE FROM indicator_keys WHERE indicator_id = " + std::to_string(seed.indicator)));
  }
  {
    SCOPED_TRACE("an indicator without its keys row");
    ExpectSnapshotMatchesRows(*Read());
  }

  // A database made before migration 009: the migration fills the keys of the indicators already there.
  store_.reset();
  {
    auto raw = Raw(IsPostgres(), url_, sqlite_dir_);
    ASSERT_TRUE(raw);
    ASSERT_TRUE(raw->Exec(
        "DROP TABLE indicator_keys; DROP INDEX IF EXISTS ix_documents_check; DROP INDEX IF EXISTS "
        "ix_goals_check; DROP INDEX IF EXISTS ix_measures_check; DROP INDEX IF EXISTS ix_indicators_check; "
        "DELETE FROM schema_migrations WHERE version = 9"));
  }
  Reopen();
  {
    SCOPED_TRACE("after the migration's backfill");
    ExpectSnapshotMatchesRows(*Read());
  }
  auto raw = Raw(IsPostgres(), url_, sqlite_dir_);
  ASSERT_TRUE(raw);
  auto q = raw->Prepare("SELECT COUNT(*) FROM indicator_keys");
  ASSERT_TRUE(q);
  store::sql::Query count(*q);
  auto n = count.OneInt();
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, report->indicators + 2) << "one keys row per indicator";
}

}  // namespace
}  // namespace jospar::testing
