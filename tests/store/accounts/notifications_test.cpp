// Notifications, notification settings and identity links on every backend: newest-first cursor paging,
// one user's rows only (another user's id is kNotFound), read marks, the unread count, settings that
// replace each other, Notify() inside the caller's transaction, identity links unique per provider+subject.
#include <set>

#include "core/accounts/identity.hpp"
#include "core/accounts/notifications.hpp"
#include "core/accounts/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

Id NewUser(Tx& tx, const std::string& name, Role role = Role::kPlanner) {
  User u;
  u.name = name;
  u.role = role;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = "2025-03-01T09:00:00Z";
  return tx.accounts().InsertUser(u).value();
}

Notification Note(Id user, std::int64_t at, std::string admin = "admin") {
  Notification n;
  n.user_id = user;
  n.module = "accounts";
  n.kind = "accounts.second_factor_reset";
  n.params = {{"admin", std::move(admin)}, {"quote", "\"<b>\" & ёқ"}};
  n.link = "/account/second-factor";
  n.created_at = at;
  return n;
}

TEST_P(StoreContract, NotificationsPageNewestFirstForTheirRecipientOnly) {
  Id alice = 0, bob = 0;
  std::vector<Id> ids;
  {
    auto tx = Write();
    alice = NewUser(*tx, "alice");
    bob = NewUser(*tx, "bob");
    for (int i = 0; i < 5; ++i) ids.push_back(tx->notifications().Insert(Note(alice, 1000 + i)).value());
    tx->notifications().Insert(Note(bob, 2000)).value();
    ASSERT_TRUE(tx->Commit());
  }
  {
    auto tx = Write();  // a failed statement leaves the transaction able only to roll back
    EXPECT_EQ(tx->notifications().Insert(Note(alice + 1000, 1)).error().code, ErrorCode::kConflict);
  }
  auto tx = Read();
  PageRequest p;
  p.limit = 2;
  p.sort = "title";  // ignored: always newest first
  std::vector<Id> seen;
  for (int guard = 0; guard < 10; ++guard) {
    auto page = tx->notifications().List(alice, p).value();
    EXPECT_EQ(page.total, 5);
    EXPECT_LE(page.items.size(), 2u);
    for (const auto& n : page.items) {
      EXPECT_EQ(n.user_id, alice);
      seen.push_back(n.id);
    }
    if (page.next_cursor.empty()) break;
    p.cursor = page.next_cursor;
  }
  EXPECT_EQ(seen, (std::vector<Id>{ids[4], ids[3], ids[2], ids[1], ids[0]}));
  auto one = tx->notifications().Get(alice, ids[0]).value();
  EXPECT_EQ(one.kind, "accounts.second_factor_reset");
  EXPECT_EQ(one.module, "accounts");
  EXPECT_EQ(one.params, (NotificationParams{{"admin", "admin"}, {"quote", "\"<b>\" & ёқ"}}));
  EXPECT_EQ(one.link, "/account/second-factor");
  EXPECT_EQ(one.created_at, 1000);
  EXPECT_EQ(one.read_at, std::nullopt);
  EXPECT_EQ(tx->notifications().Get(bob, ids[0]).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->notifications().List(bob, {}).value().total, 1);
}

TEST_P(StoreContract, NotificationReadMarksAndTheUnreadCount) {
  auto tx = Write();
  const Id alice = NewUser(*tx, "alice");
  const Id bob = NewUser(*tx, "bob");
  const Id a1 = tx->notifications().Insert(Note(alice, 10)).value();
  tx->notifications().Insert(Note(alice, 11)).value();
  tx->notifications().Insert(Note(alice, 12)).value();
  const Id b1 = tx->notifications().Insert(Note(bob, 13)).value();
  EXPECT_EQ(tx->notifications().CountUnread(alice).value(), 3);

  ASSERT_TRUE(tx->notifications().MarkRead(alice, a1, 100));
  ASSERT_TRUE(tx->notifications().MarkRead(alice, a1, 200));  // read twice: keeps the first time
  EXPECT_EQ(tx->notifications().Get(alice, a1).value().read_at, 100);
  EXPECT_EQ(tx->notifications().CountUnread(alice).value(), 2);
  // Another user's notification is not found, and stays unread.
  EXPECT_EQ(tx->notifications().MarkRead(alice, b1, 100).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->notifications().MarkRead(alice, b1 + 100, 100).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->notifications().CountUnread(bob).value(), 1);

  EXPECT_EQ(tx->notifications().MarkAllRead(alice, 300).value(), 2);
  EXPECT_EQ(tx->notifications().MarkAllRead(alice, 400).value(), 0);
  EXPECT_EQ(tx->notifications().CountUnread(alice).value(), 0);
  EXPECT_EQ(tx->notifications().Get(alice, a1).value().read_at, 100);
  EXPECT_EQ(tx->notifications().CountUnread(bob).value(), 1);
  ASSERT_TRUE(tx->Commit());
}

TEST_P(StoreContract, NotificationSettingsReplaceEachOtherPerKind) {
  auto tx = Write();
  const Id alice = NewUser(*tx, "alice");
  const Id bob = NewUser(*tx, "bob");
  EXPECT_TRUE(tx->notifications().Settings(alice).value().empty());
  ASSERT_TRUE(tx->notifications().PutSetting(alice, {"accounts.second_factor_reset", true, false}));
  ASSERT_TRUE(tx->notifications().PutSetting(alice, {"accounts.second_factor_reset", false, true}));
  ASSERT_TRUE(tx->notifications().PutSetting(alice, {"plan.report_due", true, true}));
  EXPECT_EQ(tx->notifications().Settings(alice).value(),
            (std::vector<NotificationSetting>{{"accounts.second_factor_reset", false, true},
                                              {"plan.report_due", true, true}}));
  EXPECT_TRUE(tx->notifications().Settings(bob).value().empty());
  ASSERT_TRUE(tx->Commit());
}

TEST_P(StoreContract, NotifyStoresInTheCallersTransactionAsTheRecipientChose) {
  Id alice = 0;
  {
    auto tx = Write();
    alice = NewUser(*tx, "alice");
    auto told = accounts::Notify(
        *tx, {alice, "accounts.second_factor_reset", {{"admin", "root"}}, "/account/second-factor", 50});
    ASSERT_TRUE(told) << told.error().detail;
    ASSERT_TRUE(told->notification);
    EXPECT_EQ(told->mail, std::nullopt);  // no confirmed address yet
    // Unknown kind and foreign link: refused, nothing stored.
    auto unknown = accounts::Notify(*tx, {alice, "accounts.nope", {}, "", 50});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(unknown.error().fields.at(0).field, "kind");
    auto link =
        accounts::Notify(*tx, {alice, "accounts.second_factor_reset", {}, "https://evil.example/", 50});
    ASSERT_FALSE(link);
    EXPECT_EQ(link.error().fields.at(0).field, "link");
    EXPECT_EQ(accounts::Notify(*tx, {alice + 99, "accounts.second_factor_reset", {}, "", 50}).error().code,
              ErrorCode::kNotFound);
    // The portal switched off for the kind: nothing shown.
    ASSERT_TRUE(tx->notifications().PutSetting(alice, {"accounts.second_factor_reset", false, false}));
    auto quiet = accounts::Notify(*tx, {alice, "accounts.second_factor_reset", {}, "", 51});
    ASSERT_TRUE(quiet);
    EXPECT_EQ(quiet->notification, std::nullopt);
    ASSERT_TRUE(tx->Commit());
  }
  {
    auto tx = Write();
    ASSERT_TRUE(accounts::Notify(*tx, {alice, "accounts.second_factor_reset", {}, "", 52}));
    ASSERT_TRUE(tx->notifications().PutSetting(alice, {"accounts.second_factor_reset", true, true}));
    ASSERT_TRUE(accounts::Notify(*tx, {alice, "accounts.second_factor_reset", {}, "", 53}));
    // Rolled back with the caller's transaction.
  }
  auto tx = Read();
  auto page = tx->notifications().List(alice, {}).value();
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].params, (NotificationParams{{"admin", "root"}}));
  EXPECT_EQ(tx->outbox().List(std::nullopt, 10).value().size(), 0u);
}

TEST_P(StoreContract, NotifyMailsAConfirmedAddressInTheSameTransaction) {
  auto tx = Write();
  User u;
  u.name = "aigerim";
  u.role = Role::kPerson;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.email = "aigerim@example.kz";
  u.email_confirmed_at = "2026-01-01T00:00:00Z";
  const Id id = tx->accounts().InsertUser(u).value();
  auto told = accounts::Notify(
      *tx, {id, "accounts.second_factor_reset", {{"admin", "root"}}, "/account/second-factor", 70});
  ASSERT_TRUE(told) << told.error().detail;
  ASSERT_TRUE(told->notification);
  ASSERT_TRUE(told->mail);
  auto mail = tx->outbox().Get(*told->mail).value();
  EXPECT_EQ(mail.message.to, "aigerim@example.kz");
  EXPECT_EQ(mail.message.purpose, "notify.accounts.second_factor_reset");
  EXPECT_EQ(mail.created_at, 70);
  EXPECT_EQ(mail.state, OutboxState::kPending);
  // Email switched off for the kind: the notification only.
  ASSERT_TRUE(tx->notifications().PutSetting(id, {"accounts.second_factor_reset", true, false}));
  auto quiet = accounts::Notify(*tx, {id, "accounts.second_factor_reset", {}, "", 71});
  ASSERT_TRUE(quiet);
  EXPECT_TRUE(quiet->notification);
  EXPECT_EQ(quiet->mail, std::nullopt);
  EXPECT_EQ(tx->outbox().List(std::nullopt, 10).value().size(), 1u);
  ASSERT_TRUE(tx->Commit());
}

TEST_P(StoreContract, IdentityLinksAreUniquePerProviderAndSubject) {
  auto tx = Write();
  const Id alice = NewUser(*tx, "alice");
  const Id bob = NewUser(*tx, "bob");
  EXPECT_EQ(tx->identity_links().Find("egov", "S-1").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->identity_links().Insert({"egov", "S-1", alice, "2026-01-01T00:00:00Z"}));
  ASSERT_TRUE(tx->identity_links().Insert({"other", "S-1", bob, "2026-01-01T00:00:00Z"}));
  auto found = tx->identity_links().Find("egov", "S-1").value();
  EXPECT_EQ(found.user_id, alice);
  EXPECT_EQ(found.created_at, "2026-01-01T00:00:00Z");
  EXPECT_EQ(tx->identity_links().Find("egov", "s-1").error().code, ErrorCode::kNotFound);  // exact subject
  EXPECT_EQ(tx->identity_links().ListOf(alice).value().size(), 1u);
  ASSERT_TRUE(tx->identity_links().Delete("other", "S-1"));
  EXPECT_EQ(tx->identity_links().Delete("other", "S-1").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->Commit());
  auto tx2 = Write();
  // The same identity cannot sign in to two accounts; a link to no account is refused.
  EXPECT_EQ(tx2->identity_links().Insert({"egov", "S-1", bob, "2026-01-02T00:00:00Z"}).error().code,
            ErrorCode::kConflict);
}

TEST_P(StoreContract, IdentityLinkToAMissingUserIsAConflict) {
  auto tx = Write();
  EXPECT_EQ(tx->identity_links().Insert({"egov", "S-9", 424242, "2026-01-01T00:00:00Z"}).error().code,
            ErrorCode::kConflict);
}

}  // namespace
}  // namespace jospar::testing
