// The mail outbox: enqueue validates, claims lease items, failures back off, sent and dead items are not
// claimed again, two transactions claiming at once get disjoint items (PostgreSQL: FOR UPDATE SKIP LOCKED).
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "core/accounts/outbox.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

MailMessage Mail(std::string to, std::string subject = "Тіркеуді растаңыз") {
  return MailMessage{std::move(to), std::move(subject), "Сәлеметсіз бе!\nКод: 123456\n", "account.confirm"};
}

TEST_P(StoreContract, OutboxEnqueueRoundTripAndRefusesHeaderInjection) {
  auto tx = Write();
  const Id id = tx->outbox().Enqueue(Mail("aigerim@example.kz"), 1000).value();
  auto got = tx->outbox().Get(id).value();
  EXPECT_EQ(got.message.to, "aigerim@example.kz");
  EXPECT_EQ(got.message.subject, "Тіркеуді растаңыз");
  EXPECT_EQ(got.message.text, "Сәлеметсіз бе!\nКод: 123456\n");
  EXPECT_EQ(got.message.purpose, "account.confirm");
  EXPECT_EQ(got.created_at, 1000);
  EXPECT_EQ(got.next_attempt_at, 1000);
  EXPECT_EQ(got.attempts, 0);
  EXPECT_EQ(got.state, OutboxState::kPending);
  EXPECT_FALSE(got.sent_at);

  auto bad = tx->outbox().Enqueue(Mail("a@example.kz\r\nBcc: victim@example.com"), 1000);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "to");
  auto bad_subject = tx->outbox().Enqueue(Mail("a@example.kz", "Hi\nBcc: victim@example.com"), 1000);
  ASSERT_FALSE(bad_subject);
  EXPECT_EQ(bad_subject.error().fields[0].field, "subject");
  EXPECT_EQ(tx->outbox().List(std::nullopt, 10).value().size(), 1u);
  EXPECT_EQ(tx->outbox().Get(id + 100).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->Commit());
}

TEST_P(StoreContract, OutboxClaimLeasesAndBacksOff) {
  Id a = 0, b = 0, later = 0;
  {
    auto tx = Write();
    a = tx->outbox().Enqueue(Mail("a@example.kz"), 100).value();
    b = tx->outbox().Enqueue(Mail("b@example.kz"), 100).value();
    later = tx->outbox().Enqueue(Mail("c@example.kz"), 500).value();
    ASSERT_TRUE(tx->Commit());
  }
  {
    auto tx = Write();
    auto claimed = tx->outbox().ClaimDue(200, 10, 300).value();
    ASSERT_EQ(claimed.size(), 2u);  // `later` is not due yet
    EXPECT_EQ(claimed[0].id, a);
    EXPECT_EQ(claimed[1].id, b);
    EXPECT_EQ(claimed[0].attempts, 1);
    EXPECT_EQ(claimed[0].next_attempt_at, 500);
    // Leased: not claimed again before the lease runs out.
    EXPECT_TRUE(tx->outbox().ClaimDue(499, 10, 300).value().empty());
    ASSERT_TRUE(tx->Commit());
  }
  {
    auto tx = Write();
    ASSERT_TRUE(tx->outbox().MarkSent(a, 210));
    ASSERT_TRUE(tx->outbox().MarkFailed(b, 210, "421 try later", 210 + *MailRetryDelay(1)));
    ASSERT_TRUE(tx->Commit());
  }
  {
    auto tx = Write();
    auto sent = tx->outbox().Get(a).value();
    EXPECT_EQ(sent.state, OutboxState::kSent);
    EXPECT_EQ(sent.sent_at, 210);
    auto failed = tx->outbox().Get(b).value();
    EXPECT_EQ(failed.state, OutboxState::kPending);
    EXPECT_EQ(failed.last_error, "421 try later");
    EXPECT_EQ(failed.next_attempt_at, 270);
    // At 500 `later` is due; `b` (due at 270) first.
    auto claimed = tx->outbox().ClaimDue(500, 10, 300).value();
    ASSERT_EQ(claimed.size(), 2u);
    EXPECT_EQ(claimed[0].id, b);
    EXPECT_EQ(claimed[0].attempts, 2);
    EXPECT_EQ(claimed[1].id, later);
    ASSERT_TRUE(tx->outbox().MarkDead(b, 510, "550 no such user"));
    // A sent or dead item is not failed again.
    EXPECT_EQ(tx->outbox().MarkFailed(a, 510, "x", 600).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx->outbox().MarkSent(9999, 510).error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(tx->Commit());
  }
  {
    auto tx = Read();
    EXPECT_EQ(tx->outbox().Get(b).value().state, OutboxState::kDead);
    auto dead = tx->outbox().List(OutboxState::kDead, 10).value();
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].id, b);
    auto all = tx->outbox().List(std::nullopt, 10).value();
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].id, later);  // newest first
    EXPECT_EQ(tx->outbox().List(std::nullopt, 1).value().size(), 1u);
  }
  {
    auto tx = Write();
    // Nothing is claimable far in the future except `later` once its lease is over; sent and dead never.
    auto claimed = tx->outbox().ClaimDue(1'000'000, 10, 300).value();
    ASSERT_EQ(claimed.size(), 1u);
    EXPECT_EQ(claimed[0].id, later);
  }
}

TEST_P(StoreContract, OutboxConcurrentClaimsAreDisjointOnPostgres) {
  if (!IsPostgres()) GTEST_SKIP() << "SQLite write transactions take turns (the app tests race threads)";
  {
    auto tx = Write();
    for (int i = 0; i < 4; ++i) ASSERT_TRUE(tx->outbox().Enqueue(Mail("p@example.kz"), 100));
    ASSERT_TRUE(tx->Commit());
  }
  auto first = Write();
  auto one = first->outbox().ClaimDue(100, 2, 300).value();
  auto second = Write();  // while `first` still holds its rows
  auto two = second->outbox().ClaimDue(100, 10, 300).value();
  ASSERT_EQ(one.size(), 2u);
  ASSERT_EQ(two.size(), 2u);
  std::set<Id> ids;
  for (const auto& it : one) ids.insert(it.id);
  for (const auto& it : two) ids.insert(it.id);
  EXPECT_EQ(ids.size(), 4u);
  ASSERT_TRUE(second->Commit());
  ASSERT_TRUE(first->Commit());
}

TEST_P(StoreContract, OutboxTwoWorkersClaimEveryItemExactlyOnce) {
  constexpr int kItems = 30;
  {
    auto tx = Write();
    for (int i = 0; i < kItems; ++i) ASSERT_TRUE(tx->outbox().Enqueue(Mail("w@example.kz"), 100));
    ASSERT_TRUE(tx->Commit());
  }
  std::mutex mu;
  std::vector<Id> claimed;
  std::atomic<int> errors{0};
  auto worker = [&] {
    for (;;) {
      auto tx = store_->Begin(TxMode::kWrite);
      if (!tx) {
        ++errors;
        return;
      }
      auto got = (*tx)->outbox().ClaimDue(100, 3, 300);
      if (!got || !(*tx)->Commit()) {
        ++errors;
        return;
      }
      if (got->empty()) return;
      std::lock_guard lock(mu);
      for (const auto& it : *got) claimed.push_back(it.id);
    }
  };
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  EXPECT_EQ(errors.load(), 0);
  std::set<Id> unique(claimed.begin(), claimed.end());
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kItems));
  EXPECT_EQ(unique.size(), static_cast<std::size_t>(kItems));
}

}  // namespace
}  // namespace jospar::testing
