// What guards sign-in and unsafe requests across processes (core/accounts/throttle.hpp), on every backend:
// failed sign-ins counted per key in a window and purged after it, pending second steps that end at most
// once and are purged when expired, and the per-client request bucket (burst, refill, Retry-After, one
// client's turns from many threads counted exactly, other clients untouched).
#include <atomic>
#include <thread>
#include <vector>

#include "core/accounts/repository.hpp"
#include "core/accounts/throttle.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

Id AddUser(Tx& tx, const std::string& name) {
  User u;
  u.name = name;
  u.role = Role::kPlanner;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = "2025-03-01T09:00:00Z";
  return tx.accounts().InsertUser(u).value();
}

TEST_P(StoreContract, SignInFailuresCountPerKeyInTheWindowAndArePurged) {
  auto tx = Write();
  auto& t = tx->throttle();
  EXPECT_EQ(t.NthLatestSignInFailure("u:k", 0, 1).error().code, ErrorCode::kNotFound);
  for (std::int64_t at : {100, 110, 120, 130}) ASSERT_TRUE(t.RecordSignInFailure("u:k", at));
  ASSERT_TRUE(t.RecordSignInFailure("a:other", 125));
  EXPECT_EQ(t.NthLatestSignInFailure("u:k", 0, 1).value(), 130);
  EXPECT_EQ(t.NthLatestSignInFailure("u:k", 0, 3).value(), 110);
  EXPECT_EQ(t.NthLatestSignInFailure("u:k", 0, 4).value(), 100);
  EXPECT_EQ(t.NthLatestSignInFailure("u:k", 0, 5).error().code, ErrorCode::kNotFound);
  // Only failures later than `after` count.
  EXPECT_EQ(t.NthLatestSignInFailure("u:k", 110, 2).value(), 120);
  EXPECT_EQ(t.NthLatestSignInFailure("u:k", 110, 3).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(t.NthLatestSignInFailure("u:k", 0, 0).error().code, ErrorCode::kInvalidInput);
  // Purged at or before: 100 and 110 go.
  EXPECT_EQ(t.PurgeSignInFailures(110).value(), 2);
  EXPECT_EQ(t.NthLatestSignInFailure("u:k", 0, 3).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(t.ClearSignInFailures("u:k"));
  EXPECT_EQ(t.NthLatestSignInFailure("u:k", 0, 1).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(t.NthLatestSignInFailure("a:other", 0, 1).value(), 125);
  ASSERT_TRUE(tx->Commit());
  // Committed failures are seen by another transaction (another process).
  EXPECT_EQ(Read()->throttle().NthLatestSignInFailure("a:other", 0, 1).value(), 125);
}

TEST_P(StoreContract, SecondStepsEndAtMostOnceAndExpiredOnesArePurged) {
  Id user = 0;
  {
    auto tx = Write();
    user = AddUser(*tx, "planner");
    ASSERT_TRUE(tx->throttle().InsertSecondStep({"tok-1", user, "u:planner", "bind-1", 1300}));
    ASSERT_TRUE(tx->throttle().InsertSecondStep({"tok-2", user, "u:planner", "bind-2", 1000}));
    ASSERT_TRUE(tx->Commit());
  }
  {
    auto tx = Write();
    EXPECT_EQ(tx->throttle().InsertSecondStep({"tok-1", user, "u:planner", "bind-1", 1300}).error().code,
              ErrorCode::kConflict);
  }
  {
    auto tx = Write();
    EXPECT_EQ(tx->throttle().InsertSecondStep({"tok-3", user + 100, "u:x", "b", 1300}).error().code,
              ErrorCode::kConflict);  // no such user
  }
  {
    auto tx = Read();
    auto s = tx->throttle().GetSecondStep("tok-1").value();
    EXPECT_EQ(s.token_hash, "tok-1");
    EXPECT_EQ(s.user_id, user);
    EXPECT_EQ(s.account_key, "u:planner");
    EXPECT_EQ(s.binding_hash, "bind-1");
    EXPECT_EQ(s.expires_at, 1300);
    EXPECT_EQ(tx->throttle().GetSecondStep("tok-9").error().code, ErrorCode::kNotFound);
  }
  {
    auto tx = Write();
    EXPECT_EQ(tx->throttle().PurgeSecondSteps(1000).value(), 1);  // tok-2 expired at 1000
    EXPECT_EQ(tx->throttle().GetSecondStep("tok-2").error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(tx->throttle().DeleteSecondStep("tok-1"));
    EXPECT_EQ(tx->throttle().DeleteSecondStep("tok-1").error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(tx->Commit());
  }
}

// One turn in a transaction of its own, as web/metrics.cpp takes it.
RequestTurn Turn(Store& store, const std::string& client, std::int64_t now_ms, const RequestRate& rate) {
  auto tx = store.Begin(TxMode::kWrite);
  EXPECT_TRUE(tx) << tx.error().detail;
  if (!tx) return {};
  auto turn = (*tx)->throttle().TakeRequestTurn(client, now_ms, rate);
  EXPECT_TRUE(turn) << turn.error().detail;
  EXPECT_TRUE((*tx)->Commit());
  return turn ? *turn : RequestTurn{};
}

TEST_P(StoreContract, RequestBucketAllowsTheBurstThenRefillsAtTheRate) {
  const RequestRate rate{3, 60};  // 3 at once, then one a second
  const std::int64_t t0 = 1'800'000'000'000;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(Turn(*store_, "c1", t0, rate).allowed) << i;
  auto refused = Turn(*store_, "c1", t0, rate);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_ms, 1000);
  EXPECT_EQ(RetryAfterSeconds(refused.retry_after_ms), 1);
  // A refused turn costs nothing: 400 ms later the wait is 600 ms.
  EXPECT_EQ(Turn(*store_, "c1", t0 + 400, rate).retry_after_ms, 600);
  // Another client has its own bucket.
  EXPECT_TRUE(Turn(*store_, "c2", t0, rate).allowed);
  // One token back after a second, and no more than the burst after a long pause.
  EXPECT_TRUE(Turn(*store_, "c1", t0 + 1000, rate).allowed);
  EXPECT_FALSE(Turn(*store_, "c1", t0 + 1000, rate).allowed);
  int allowed = 0;
  for (int i = 0; i < 5; ++i) allowed += Turn(*store_, "c1", t0 + 3'600'000, rate).allowed ? 1 : 0;
  EXPECT_EQ(allowed, 3);
  // A clock behind the others' (another host) refills nothing.
  EXPECT_FALSE(Turn(*store_, "c1", t0, rate).allowed);
  // Slow rate: 1 a minute, the Retry-After of the old in-memory limiter (60 s).
  const RequestRate slow{3, 1};
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(Turn(*store_, "c3", t0, slow).allowed);
  EXPECT_EQ(RetryAfterSeconds(Turn(*store_, "c3", t0, slow).retry_after_ms), 60);
  // Burst 0 means no limit.
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(Turn(*store_, "c4", t0, RequestRate{0, 1}).allowed);
}

TEST_P(StoreContract, RequestBucketsFullAgainArePurged) {
  const RequestRate rate{2, 60};
  const std::int64_t t0 = 1'800'000'000'000;
  EXPECT_TRUE(Turn(*store_, "old", t0, rate).allowed);          // full again at t0 + 1000
  EXPECT_TRUE(Turn(*store_, "busy", t0 + 5000, rate).allowed);  // full again at t0 + 6000
  EXPECT_TRUE(Turn(*store_, "busy", t0 + 5000, rate).allowed);  // at t0 + 7000
  {
    auto tx = Write();
    EXPECT_EQ(tx->throttle().PurgeRequestBuckets(t0 + 6000).value(), 1);
    ASSERT_TRUE(tx->Commit());
  }
  // "busy" kept its state: its bucket is still empty.
  EXPECT_FALSE(Turn(*store_, "busy", t0 + 5000, rate).allowed);
  // "old" starts full.
  EXPECT_TRUE(Turn(*store_, "old", t0 + 6000, rate).allowed);
  EXPECT_TRUE(Turn(*store_, "old", t0 + 6000, rate).allowed);
  EXPECT_FALSE(Turn(*store_, "old", t0 + 6000, rate).allowed);
}

// Many threads (processes on PostgreSQL) taking turns of one client at one instant: exactly the burst is
// allowed, no turn is lost or counted twice, and no transaction fails.
TEST_P(StoreContract, RequestBucketCountsConcurrentTurnsOfOneClientExactly) {
  const RequestRate rate{25, 1};
  const std::int64_t t0 = 1'800'000'000'000;
  std::atomic<int> allowed{0}, refused{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 15; ++i) {
        auto tx = store_->Begin(TxMode::kWrite);
        if (!tx) {
          ++failed;
          continue;
        }
        auto turn = (*tx)->throttle().TakeRequestTurn("hot", t0, rate);
        if (!turn || !(*tx)->Commit()) {
          ++failed;
          continue;
        }
        ++(turn->allowed ? allowed : refused);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(allowed.load(), 25);
  EXPECT_EQ(refused.load(), 35);
}

}  // namespace
}  // namespace jospar::testing
