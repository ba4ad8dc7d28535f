// The Store is shared by threads: concurrent writers and readers, pool limits and statistics.
#include <atomic>
#include <thread>

#include "core/plan/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

TEST_P(StoreContract, ConcurrentWritersAndReaders) {
  Id indicator = 0;
  {
    auto tx = Write();
    indicator = SeedPlan(*tx).indicator;
    ASSERT_TRUE(tx->Commit());
  }
  constexpr int kThreads = 4;
  constexpr int kPerThread = 15;
  std::atomic<int> failures{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto tx = store_->Begin(TxMode::kWrite);
        if (!tx) {
          ++failures;
          continue;
        }
        Observation o{indicator, "", "", std::to_string(2000 + i), "T=" + std::to_string(t), 1.0 * i, false};
        StateBody b = MakeBody("T" + std::to_string(t) + "-" + std::to_string(i));
        if (!(*tx)->plan().UpsertObservation(o) || !(*tx)->plan().InsertBody(b) || !(*tx)->Commit())
          ++failures;
        // The committed Tx has already given its connection back: reading needs no second one.
        auto rd = store_->Begin(TxMode::kRead);
        if (rd && (*rd)->plan().CountObservations()) ++reads;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(reads.load(), kThreads * kPerThread);
  auto tx = Read();
  EXPECT_EQ(tx->plan().CountObservations().value(), kThreads * kPerThread);
  EXPECT_EQ(tx->plan().ListBodies({}, PageRequest{})->total, kThreads * kPerThread + 1);
  tx.reset();
  auto stats = store_->Stats();
  EXPECT_GE(stats.size, 1);
  EXPECT_LE(stats.size, 4);
  EXPECT_EQ(stats.in_use, 0);
}

TEST_P(StoreContract, ExhaustedPoolGivesUnavailableAfterTheWait) {
  store::StoreOptions options;
  options.pool_size = 2;
  options.busy_timeout_ms = 300;
  auto small = store::OpenStore(url_, options);
  ASSERT_TRUE(small) << small.error().detail;
  auto a = (*small)->Begin(TxMode::kRead);
  auto b = (*small)->Begin(TxMode::kRead);
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_EQ((*small)->Stats().in_use, 2);
  auto c = (*small)->Begin(TxMode::kRead);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::kUnavailable);
  EXPECT_GE((*small)->Stats().waits, 1);
  a->reset();
  EXPECT_TRUE((*small)->Begin(TxMode::kRead));
}

TEST(StoreOpen, MemoryDatabaseAndUrls) {
  auto mem = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(mem) << mem.error().detail;
  {
    auto tx = (*mem)->Begin(TxMode::kWrite);
    ASSERT_TRUE(tx);
    ASSERT_TRUE((*tx)->plan().InsertBody(MakeBody("MEM")));
    ASSERT_TRUE((*tx)->Commit());
  }
  auto tx = (*mem)->Begin(TxMode::kRead);
  ASSERT_TRUE(tx);
  EXPECT_TRUE((*tx)->plan().GetBodyByCode("MEM"));
  // A write and a read transaction may be open together, as with a file database.
  {
    auto w = (*mem)->Begin(TxMode::kWrite);
    ASSERT_TRUE(w);
    ASSERT_TRUE((*w)->plan().InsertBody(MakeBody("MEM2")));
    auto r = (*mem)->Begin(TxMode::kRead);
    ASSERT_TRUE(r);
    EXPECT_EQ((*r)->plan().GetBodyByCode("MEM2").error().code, ErrorCode::kNotFound);
  }
  // Another in-memory store is a different database.
  auto other = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(other);
  auto tx2 = (*other)->Begin(TxMode::kRead);
  ASSERT_TRUE(tx2);
  EXPECT_EQ((*tx2)->plan().GetBodyByCode("MEM").error().code, ErrorCode::kNotFound);

  auto bad = store::OpenStore("mysql://x");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(store::Migrate("nonsense").error().code, ErrorCode::kInvalidInput);
  auto unreachable = store::OpenStore("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(unreachable);
  EXPECT_EQ(unreachable.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace jospar::testing
