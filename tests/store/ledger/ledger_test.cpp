// The transparency log in the store (every backend): appends in the caller's transaction, nodes that give
// the RFC 9162 tree, proofs, checkpoints, concurrent appends, and `ledger verify` catching any changed byte.
#include <atomic>
#include <set>
#include <thread>

#include "core/audit/decisions.hpp"
#include "core/ledger/repository.hpp"
#include "core/ledger/usecases.hpp"
#include "core/plan/usecases/plan.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

using namespace jospar::ledger;

Decision MakeDecision(int i) {
  Decision d;
  d.action = i % 3 == 0 ? "create" : "update";
  d.object_kind = "document";
  d.object_id = std::to_string(100 + i);
  d.content_hash = Sha256("content " + std::to_string(i));
  d.actor_role = "planner";
  d.time = "2026-11-23T10:00:00Z";
  return d;
}

SigningKey TestKey() {
  std::array<std::uint8_t, 32> seed{};
  seed[0] = 7;
  return *KeyFromSeed("jospar.test/ledger", seed);
}

Verifier TestVerifier() { return *ParseVerifierKey(VerifierKeyText(TestKey())); }

class LedgerStore : public StoreContract {
 protected:
  void AppendCommitted(int count, int offset = 0) {
    for (int i = 0; i < count; ++i) {
      auto tx = Write();
      auto e = tx->ledger().Append(MakeDecision(offset + i));
      ASSERT_TRUE(e) << e.error().detail;
      ASSERT_TRUE(tx->Commit());
    }
  }
  std::unique_ptr<store::sql::Connection> Raw() {
    auto c = IsPostgres() ? store::postgres::Connect(url_, 5000)
                          : store::sqlite::Connect(sqlite_dir_ + "/test.db", 2000);
    EXPECT_TRUE(c);
    if (!c) return nullptr;
    // The tampering needs no durability: keeps the test fast.
    EXPECT_TRUE((*c)->Exec(IsPostgres() ? "SET synchronous_commit = off" : "PRAGMA synchronous = OFF"));
    return std::move(*c);
  }
};

TEST_P(LedgerStore, AppendsGiveTheRfcTreeAndProofs) {
  MemoryTree ref;
  for (int i = 0; i < 45; ++i) {
    auto tx = Write();
    auto e = tx->ledger().Append(MakeDecision(i));
    ASSERT_TRUE(e) << e.error().detail;
    EXPECT_EQ(e->index, static_cast<std::uint64_t>(i));
    ASSERT_TRUE(tx->Commit());
    ref.Append(LeafHash(EncodeEntry(MakeDecision(i))));
  }
  auto tx = Read();
  EXPECT_EQ(tx->ledger().LogSize().value(), 45u);
  auto reader = [&](const std::vector<NodeId>& ids) { return tx->ledger().ReadLogNodes(ids); };
  for (std::uint64_t n = 1; n <= 45; ++n) {
    ASSERT_EQ(TreeHead(n, reader).value(), TreeHead(n, ref.Reader()).value()) << n;
    for (std::uint64_t m = 0; m < n; m += 7) {
      auto p = ProveInclusion(m, n, reader);
      ASSERT_TRUE(p);
      EXPECT_TRUE(VerifyInclusion(m, n, ref.levels()[0][m], *p, TreeHead(n, ref.Reader()).value()));
    }
  }
  auto entries = tx->ledger().ListLogEntries(10, 13);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].index, 10u);
  EXPECT_EQ((*entries)[0].decision, MakeDecision(10));
  auto mine = tx->ledger().ListLogEntriesFor("document", "105", 10);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().index, 5u);
}

// Read transactions serve nodes through the store's cache of the tree's upper levels (NodeCache); it must
// only ever hold committed nodes: a rolled-back append that had completed upper nodes leaves no trace in
// later proofs, and proofs stay right while the log grows under one store.
TEST_P(LedgerStore, CachedProofsFollowTheCommittedLogOnly) {
  MemoryTree ref;
  auto append = [&](int from, int to, int salt, bool commit) {
    auto tx = Write();
    for (int i = from; i < to; ++i) {
      ASSERT_TRUE(tx->ledger().Append(MakeDecision(i + salt)));
      if (commit) ref.Append(LeafHash(EncodeEntry(MakeDecision(i + salt))));
    }
    if (commit) {
      ASSERT_TRUE(tx->Commit());
    } else {  // the writer reads its own new upper nodes (as a checkpoint does), then rolls back
      auto reader = [&](const std::vector<NodeId>& ids) { return tx->ledger().ReadLogNodes(ids); };
      ASSERT_TRUE(TreeHead(static_cast<std::uint64_t>(to), reader));
    }
  };
  auto check = [&](std::uint64_t n) {
    auto tx = Read();
    auto reader = [&](const std::vector<NodeId>& ids) { return tx->ledger().ReadLogNodes(ids); };
    const Hash root = TreeHead(n, ref.Reader()).value();
    ASSERT_EQ(TreeHead(n, reader).value(), root) << n;
    for (std::uint64_t m = 0; m < n; m += 5) {
      auto p = ProveInclusion(m, n, reader);
      ASSERT_TRUE(p) << m << " of " << n;
      ASSERT_EQ(*p, ProveInclusion(m, n, ref.Reader()).value()) << m << " of " << n;
    }
    for (std::uint64_t m = 1; m < n; m += 9)
      ASSERT_EQ(ProveConsistency(m, n, reader).value(), ProveConsistency(m, n, ref.Reader()).value());
  };
  append(0, 100, 0, true);
  check(100);                     // loads levels >= 6 (node 6/0)
  append(100, 160, 1000, false);  // would complete 6/1, 7/0: rolled back
  check(100);
  append(100, 200, 0, true);  // other entries at the same indexes
  check(160);
  check(200);
}

TEST_P(LedgerStore, RolledBackAppendLeavesNoTrace) {
  AppendCommitted(3);
  {
    auto tx = Write();
    ASSERT_TRUE(tx->ledger().Append(MakeDecision(3)));
    ASSERT_TRUE(tx->ledger().Append(MakeDecision(4)));
  }  // rolled back
  AppendCommitted(1, 5);
  auto tx = Read();
  EXPECT_EQ(tx->ledger().LogSize().value(), 4u);
  EXPECT_EQ(tx->ledger().ListLogEntries(3, 4).value().front().decision, MakeDecision(5));
  tx.reset();
  EXPECT_TRUE(usecases::VerifyStoredLog(*store_, TestVerifier()));
}

TEST_P(LedgerStore, InvalidDecisionIsRejectedWithTheField) {
  auto tx = Write();
  Decision d = MakeDecision(0);
  d.actor_role = "Jane Doe";  // a name with a space: never allowed
  auto e = tx->ledger().Append(d);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(e.error().fields.size(), 1u);
  EXPECT_EQ(e.error().fields[0].field, "actor_role");
}

TEST_P(LedgerStore, PlanUseCasesRecordEveryDecision) {
  usecases::Caller admin{{1, "root", Role::kAdmin, std::nullopt}, "2026-11-23T10:00:00Z"};
  auto body = usecases::CreateBody(*store_, admin, MakeBody("MLS"));
  ASSERT_TRUE(body) << body.error().detail;
  auto doc = usecases::CreateDocument(*store_, admin, MakeDocument("DOC-1", body->id));
  ASSERT_TRUE(doc) << doc.error().detail;
  auto moved = usecases::TransitionDocument(*store_, admin, doc->id, doc->version, DocStatus::kApproved, {});
  ASSERT_TRUE(moved) << moved.error().detail;
  auto tx = Read();
  auto entries = tx->ledger().ListLogEntries(0, 10).value();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].decision.action, "create");
  EXPECT_EQ(entries[0].decision.object_kind, "body");
  EXPECT_EQ(entries[2].decision.action, "status:approved");
  EXPECT_EQ(entries[2].decision.object_id, std::to_string(doc->id));
  EXPECT_EQ(entries[2].decision.actor_role, "admin");  // the role, not "root"
  // The content hash is that of the document as it is now.
  EXPECT_EQ(entries[2].decision.content_hash,
            usecases::ContentHash("document", std::to_string(doc->id), usecases::Diff(Document{}, *moved)));
  // A refused change records nothing.
  usecases::Caller anon{{}, "2026-11-23T10:00:00Z"};
  EXPECT_FALSE(usecases::CreateBody(*store_, anon, MakeBody("X")));
  EXPECT_EQ(tx->ledger().LogSize().value(), 3u);
}

TEST_P(LedgerStore, CheckpointsAreSignedOncePerSizeAndVerify) {
  AppendCommitted(5);
  const SigningKey key = TestKey();
  auto a = usecases::CurrentCheckpoint(*store_, key, "2026-11-23T10:00:00Z");
  ASSERT_TRUE(a) << a.error().detail;
  auto b = usecases::CurrentCheckpoint(*store_, key, "2026-11-23T11:00:00Z");
  ASSERT_TRUE(b);
  EXPECT_EQ(a->note, b->note);  // unchanged log: the same checkpoint
  AppendCommitted(3, 5);
  auto c = usecases::CurrentCheckpoint(*store_, key, "2026-11-23T12:00:00Z");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->size, 8u);
  auto opened = OpenCheckpoint(c->note, TestVerifier());
  ASSERT_TRUE(opened) << opened.error().detail;
  auto proof = usecases::ProveLogConsistency(*store_, 5, 8);
  ASSERT_TRUE(proof);
  EXPECT_TRUE(VerifyConsistency(5, 8, OpenCheckpoint(a->note, TestVerifier())->root, opened->root, *proof));
  auto entry = usecases::ProveEntry(*store_, 6, 8);
  ASSERT_TRUE(entry);
  EXPECT_TRUE(VerifyInclusion(6, 8, LeafHash(entry->entry), entry->proof, opened->root));
  EXPECT_FALSE(usecases::ProveEntry(*store_, 8, 8));
  EXPECT_FALSE(usecases::ProveEntry(*store_, 1, 9));
  auto report = usecases::VerifyStoredLog(*store_, TestVerifier());
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->entries, 8u);
  EXPECT_EQ(report->checkpoints, 2u);
}

TEST_P(LedgerStore, ConcurrentAppendsFormOneConsistentLog) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = store_->Begin(TxMode::kWrite);
        if (!tx || !(*tx)->ledger().Append(MakeDecision(t * 1000 + i)) || !(*tx)->Commit()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto report = usecases::VerifyStoredLog(*store_, TestVerifier());
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->entries, static_cast<std::uint64_t>(kThreads * kPerThread));
  // Every decision is there exactly once.
  auto tx = Read();
  std::set<std::string> ids;
  const auto all = tx->ledger().ListLogEntries(0, 1000).value();
  for (const auto& e : all) ids.insert(e.decision.object_id);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_P(LedgerStore, FlippingAnyStoredByteFailsVerification) {
  AppendCommitted(4);
  ASSERT_TRUE(usecases::CurrentCheckpoint(*store_, TestKey(), "2026-11-23T10:00:00Z"));
  ASSERT_TRUE(usecases::VerifyStoredLog(*store_, TestVerifier()));
  auto raw = Raw();
  ASSERT_TRUE(raw);
  struct Cell {
    std::string table, column, where;
    std::string value;
  };
  std::vector<Cell> cells;
  {
    auto tx = Read();
    const auto bytes = tx->ledger().ListLogEntryBytes(0, 4).value();
    for (const auto& b : bytes)
      cells.push_back({"ledger_entries", "entry", "idx = " + std::to_string(cells.size()), b});
    for (int level = 0; level <= 2; ++level) {
      const auto nodes = tx->ledger().ListLogNodes(level, 0, 10).value();
      for (const auto& [idx, h] : nodes)
        cells.push_back({"ledger_nodes", "hash",
                         "level = " + std::to_string(level) + " AND idx = " + std::to_string(idx), ToHex(h)});
    }
    cells.push_back(
        {"ledger_checkpoints", "note", "size = 4", tx->ledger().LatestCheckpoint().value()->note});
  }
  int checked = 0;
  // Every byte on SQLite; on PostgreSQL (same core check, slower round trips) every 5th.
  const std::size_t stride = IsPostgres() ? 5 : 1;
  for (const auto& cell : cells) {
    for (std::size_t pos = 0; pos < cell.value.size(); pos += stride) {
      std::string changed = cell.value;
      changed[pos] = static_cast<char>(changed[pos] ^ 0x01);
      auto set = [&](const std::string& v) {
        auto st =
            (*raw->Prepare("UPDATE " + cell.table + " SET " + cell.column + " = ? WHERE " + cell.where));
        store::sql::Query q(st);
        q.Bind(v);
        return q.Run();
      };
      ASSERT_TRUE(set(changed));
      auto r = usecases::VerifyStoredLog(*store_, TestVerifier());
      ASSERT_FALSE(r) << cell.table << " " << cell.where << " byte " << pos;
      EXPECT_EQ(r.error().message_key, "error.ledger.corrupt");
      ASSERT_TRUE(set(cell.value));
      ++checked;
    }
  }
  EXPECT_GT(checked, IsPostgres() ? 200 : 1000);
  EXPECT_TRUE(usecases::VerifyStoredLog(*store_, TestVerifier()));
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerStore, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& p) { return p.param; });

}  // namespace
}  // namespace jospar::testing
