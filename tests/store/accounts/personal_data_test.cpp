// The personal-data methods of the persons repository on every backend: the last sign-in, sessions and
// mail of a user, the staff access log, the retention query and the erasure of an account.
#include "core/accounts/outbox.hpp"
#include "core/accounts/persons.hpp"
#include "core/accounts/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

Id AddPerson(Tx& tx, const std::string& name, const std::string& email, const std::string& created,
             bool confirmed) {
  User u;
  u.name = name;
  u.role = Role::kPerson;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = created;
  u.email = email;
  if (confirmed) u.email_confirmed_at = created;
  const Id id = tx.accounts().InsertUser(u).value();
  EXPECT_TRUE(tx.persons().InsertPerson(
      Person{id, "Name of " + name, "hash-" + name, "sealed", "k0001", "1990-01-01", "male", created}));
  return id;
}

TEST_P(StoreContract, TheRetentionQueryFindsUnconfirmedAndUnusedPersonsOnly) {
  auto tx = Write();
  const Id fresh = AddPerson(*tx, "p-fresh", "fresh@example.kz", "2026-12-01T00:00:00Z", false);
  const Id stale = AddPerson(*tx, "p-stale", "stale@example.kz", "2026-11-01T00:00:00Z", false);
  const Id active = AddPerson(*tx, "p-active", "active@example.kz", "2020-01-01T00:00:00Z", true);
  const Id idle = AddPerson(*tx, "p-idle", "idle@example.kz", "2020-01-01T00:00:00Z", true);
  ASSERT_TRUE(tx->persons().RecordSignIn(active, "2026-06-01T00:00:00Z"));
  ASSERT_TRUE(tx->persons().RecordSignIn(idle, "2022-01-01T00:00:00Z"));
  EXPECT_EQ(tx->persons().RecordSignIn(999999, "2026-06-01T00:00:00Z").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->Commit());
  auto rd = Read();
  EXPECT_EQ(rd->persons().LastSignIn(active).value(), "2026-06-01T00:00:00Z");
  EXPECT_EQ(rd->persons().LastSignIn(fresh).value(), "");
  auto due = rd->persons().PersonsDueForErasure("2026-11-24T00:00:00Z", "2023-12-01T00:00:00Z", 10).value();
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].user_id, stale);
  EXPECT_TRUE(due[0].unconfirmed);
  EXPECT_EQ(due[1].user_id, idle);
  EXPECT_FALSE(due[1].unconfirmed);
  EXPECT_EQ(rd->persons().PersonsDueForErasure("2026-11-24T00:00:00Z", "2023-12-01T00:00:00Z", 1)->size(),
            1u);
}

TEST_P(StoreContract, TheAccessLogIsNewestFirstPerPerson) {
  auto tx = Write();
  const Id p = AddPerson(*tx, "p-a", "a@example.kz", "2026-12-01T00:00:00Z", true);
  const Id q = AddPerson(*tx, "p-b", "b@example.kz", "2026-12-01T00:00:00Z", true);
  ASSERT_TRUE(tx->persons().InsertDataAccess(
      {0, p, q, "admin", "person", "account_support", "", "2026-12-02T00:00:00Z"}));
  ASSERT_TRUE(tx->persons().InsertDataAccess(
      {0, p, q, "admin", "person,iin", "account_support", "appeal 7", "2026-12-03T00:00:00Z"}));
  ASSERT_TRUE(tx->Commit());
  auto log = Read()->persons().ListDataAccess(p, 10).value();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].what, "person,iin");
  EXPECT_EQ(log[0].reason, "appeal 7");
  EXPECT_EQ(log[0].viewer_user_id, q);
  EXPECT_EQ(log[1].at, "2026-12-02T00:00:00Z");
  EXPECT_TRUE(Read()->persons().ListDataAccess(q, 10)->empty());
}

TEST_P(StoreContract, ErasingAnAccountRemovesItsPersonalDataAndKeepsTheConsentRecord) {
  auto tx = Write();
  const Id p = AddPerson(*tx, "p-a", "a@example.kz", "2026-12-01T00:00:00Z", true);
  const Id other = AddPerson(*tx, "p-b", "b@example.kz", "2026-12-01T00:00:00Z", true);
  ASSERT_TRUE(tx->accounts().InsertSession({"sess-a", p, "csrf", 100, 200}));
  ASSERT_TRUE(tx->accounts().InsertApiToken({0, p, "t", "tok-a", "2026-12-01T00:00:00Z"}));
  ASSERT_TRUE(tx->accounts().PutSecondFactor({p, "sealed", "2026-12-01T00:00:00Z", 0}));
  ASSERT_TRUE(tx->accounts().ReplaceRecoveryCodes(p, {"c1", "c2"}));
  ASSERT_TRUE(tx->persons().InsertAccountToken({"link-a", p, AccountTokenPurpose::kResetPassword, 999, ""}));
  ASSERT_TRUE(tx->persons().InsertConsent({0, p, "account", "I agree", "kk", "2026-12-01T00:00:00Z", ""}));
  ASSERT_TRUE(tx->outbox().Enqueue({"a@example.kz", "Hi", "text", "account.confirm"}, 100));
  ASSERT_TRUE(tx->outbox().Enqueue({"b@example.kz", "Hi", "text", "account.confirm"}, 100));
  ASSERT_TRUE(tx->persons().InsertDataAccess(
      {0, p, other, "admin", "person", "account_support", "why", "2026-12-02T00:00:00Z"}));
  ASSERT_TRUE(tx->Commit());
  EXPECT_EQ(Read()->persons().ListSessions(p)->size(), 1u);
  EXPECT_EQ(Read()->persons().ListMailTo("a@example.kz")->size(), 1u);

  auto w = Write();
  ASSERT_TRUE(w->persons().EraseAccount(p, "erased-1", "2026-12-05T00:00:00Z"));
  ASSERT_TRUE(w->Commit());
  auto rd = Read();
  const User u = rd->accounts().GetUser(p).value();
  EXPECT_EQ(u.name, "erased-1");
  EXPECT_TRUE(u.email.empty());
  EXPECT_TRUE(u.disabled);
  EXPECT_EQ(u.password_hash, "!erased");
  EXPECT_EQ(rd->persons().GetPerson(p).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(rd->persons().ListSessions(p)->empty());
  EXPECT_EQ(rd->accounts().GetApiTokenByHash("tok-a").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(rd->accounts().GetSecondFactor(p).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(rd->accounts().CountUnusedRecoveryCodes(p).value(), 0);
  EXPECT_EQ(rd->persons().GetAccountToken("link-a").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(rd->persons().ListMailTo("a@example.kz")->empty());
  EXPECT_EQ(rd->persons().ListMailTo("b@example.kz")->size(), 1u);  // another person's mail stays
  auto consents = rd->persons().ListConsents(p).value();
  ASSERT_EQ(consents.size(), 1u);
  EXPECT_EQ(consents[0].text, "");
  EXPECT_EQ(consents[0].withdrawn_at, "2026-12-05T00:00:00Z");
  EXPECT_EQ(rd->persons().ListDataAccess(p, 10)->at(0).reason, "");
  EXPECT_EQ(rd->persons().FindPersonByIinHash("hash-p-a").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(rd->persons().GetPerson(other).has_value());
  rd.reset();
  EXPECT_EQ(Write()->persons().EraseAccount(p, "erased-2", "2026-12-06T00:00:00Z").error().code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace jospar::testing
