// History rows carry the index of the transparency-log entry written with them (every backend): use cases
// record it in the same transaction, and migration 010 pairs the rows written before it.
#include "core/audit/decisions.hpp"
#include "core/audit/history.hpp"
#include "core/ledger/repository.hpp"
#include "core/plan/usecases/plan.hpp"
#include "store/migrations.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

class HistoryLedgerStore : public StoreContract {
 protected:
  std::unique_ptr<store::sql::Connection> Raw() {
    auto c = IsPostgres() ? store::postgres::Connect(url_, 5000)
                          : store::sqlite::Connect(sqlite_dir_ + "/test.db", 2000);
    EXPECT_TRUE(c);
    if (!c) return nullptr;
    return std::move(*c);
  }
  // Creates a body and renames it twice within one second; returns its id.
  Id TwoDecisionsInOneSecond() {
    const usecases::Caller admin{Principal{1, "admin", Role::kAdmin, std::nullopt}, "2026-11-23T10:00:00Z"};
    auto body = usecases::CreateBody(*store_, admin, MakeBody("MIN-1", "Ministry"));
    EXPECT_TRUE(body) << body.error().detail;
    if (!body) return 0;
    const usecases::Caller later{admin.principal, "2026-11-23T10:00:05Z"};
    for (const char* title : {"Ministry of Finance", "Ministry of Economy"}) {
      body->title.en = title;
      body = usecases::UpdateBody(*store_, later, *body);
      EXPECT_TRUE(body) << body.error().detail;
      if (!body) return 0;
    }
    return body->id;
  }
};

TEST_P(HistoryLedgerStore, EachHistoryRowNamesTheLogEntryWrittenWithIt) {
  const Id id = TwoDecisionsInOneSecond();
  auto tx = Read();
  auto history = tx->audit().ListHistory({ObjectKind::kBody, id}, 10).value();
  ASSERT_EQ(history.size(), 3u);  // newest first: update, update, create
  auto log = tx->ledger().ListLogEntriesFor("body", std::to_string(id), 10).value();
  ASSERT_EQ(log.size(), 3u);  // newest first
  for (std::size_t i = 0; i < history.size(); ++i) {
    ASSERT_TRUE(history[i].ledger_index) << i;
    EXPECT_EQ(*history[i].ledger_index, log[i].index) << i;
    EXPECT_EQ(log[i].decision.action, history[i].action) << i;
    EXPECT_EQ(log[i].decision.time, history[i].at) << i;
  }
  // The two updates of the same second name two different entries, whose content is their own.
  EXPECT_NE(*history[0].ledger_index, *history[1].ledger_index);
  EXPECT_NE(log[0].decision.content_hash, log[1].decision.content_hash);
}

TEST_P(HistoryLedgerStore, RowsWithoutAnEntryHaveNone) {
  auto tx = Write();
  HistoryEntry e;
  e.object = {ObjectKind::kDocument, 7};
  e.actor = "generate";
  e.at = "2026-11-23T10:00:00Z";
  e.action = "generate";
  ASSERT_TRUE(tx->audit().AppendHistory(e));
  auto history = tx->audit().ListHistory({ObjectKind::kDocument, 7}, 10).value();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_FALSE(history[0].ledger_index);
}

TEST_P(HistoryLedgerStore, MigrationPairsOlderRowsInOrderAndOnlyWhenTheCountsAgree) {
  const Id id = TwoDecisionsInOneSecond();
  std::vector<std::optional<std::uint64_t>> recorded;
  const auto before = Read()->audit().ListHistory({ObjectKind::kBody, id}, 10);
  ASSERT_TRUE(before);
  for (const auto& h : *before) recorded.push_back(h.ledger_index);
  {
    // A history row of another object whose group has two rows but one log entry: left unpaired.
    auto tx = Write();
    auto logged = tx->ledger().Append(
        usecases::ObjectDecision("update", {ObjectKind::kBody, 999}, {}, "admin", "2026-11-23T11:00:00Z"));
    ASSERT_TRUE(logged);
    for (int i = 0; i < 2; ++i) {
      HistoryEntry e;
      e.object = {ObjectKind::kBody, 999};
      e.actor = "admin";
      e.at = "2026-11-23T11:00:00Z";
      e.action = "update";
      ASSERT_TRUE(tx->audit().AppendHistory(e));
    }
    ASSERT_TRUE(tx->Commit());
  }
  store_.reset();
  {
    // The database as it was before migration 010, then migrated again.
    auto raw = Raw();
    ASSERT_TRUE(raw);
    ASSERT_TRUE(raw->Exec("ALTER TABLE history DROP COLUMN ledger_idx"));
    ASSERT_TRUE(raw->Exec("DELETE FROM schema_migrations WHERE version = 10"));
    auto applied = store::ApplyMigrations(*raw);
    ASSERT_TRUE(applied) << applied.error().detail;
  }
  Reopen();
  auto tx = Read();
  std::vector<std::optional<std::uint64_t>> paired;
  const auto after = tx->audit().ListHistory({ObjectKind::kBody, id}, 10);
  ASSERT_TRUE(after);
  for (const auto& h : *after) paired.push_back(h.ledger_index);
  EXPECT_EQ(paired, recorded);
  const auto unpaired = tx->audit().ListHistory({ObjectKind::kBody, 999}, 10);
  ASSERT_TRUE(unpaired);
  EXPECT_EQ(unpaired->size(), 2u);
  for (const auto& h : *unpaired) EXPECT_FALSE(h.ledger_index);
}

INSTANTIATE_TEST_SUITE_P(Backends, HistoryLedgerStore, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace jospar::testing
