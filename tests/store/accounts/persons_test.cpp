// Person accounts on every backend: the person row with its IIN hash unique, users found by email, the
// single-use links, consents, and the re-sealing of IINs under a new key.
#include "core/accounts/persons.hpp"
#include "core/accounts/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

Id AddPersonUser(Tx& tx, const std::string& name, const std::string& email) {
  User u;
  u.name = name;
  u.role = Role::kPerson;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = "2026-12-01T09:00:00Z";
  u.email = email;
  return tx.accounts().InsertUser(u).value();
}

Person MakePerson(Id user_id, const std::string& iin_hash, const std::string& key = "k0001") {
  return Person{user_id, "Айгүл Сәрсенова", iin_hash, "sealed-" + iin_hash,
                key,     "1990-05-17",      "female", "2026-12-01T09:00:00Z"};
}

TEST_P(StoreContract, APersonIsFoundByUserAndIinHashAndTheIinHashIsUnique) {
  auto tx = Write();
  const Id a = AddPersonUser(*tx, "p-a", "aigul@example.kz");
  const Id b = AddPersonUser(*tx, "p-b", "bolat@example.kz");
  ASSERT_TRUE(tx->persons().InsertPerson(MakePerson(a, "h-a")));
  ASSERT_TRUE(tx->Commit());
  // A failed statement spoils its transaction (PostgreSQL aborts it): the conflict is tried in its own.
  EXPECT_EQ(Write()->persons().InsertPerson(MakePerson(b, "h-a")).error().code, ErrorCode::kConflict);

  auto rd = Read();
  auto p = rd->persons().GetPerson(a).value();
  EXPECT_EQ(p.full_name, "Айгүл Сәрсенова");
  EXPECT_EQ(p.iin_sealed, "sealed-h-a");
  EXPECT_EQ(p.birth_date, "1990-05-17");
  EXPECT_EQ(p.sex, "female");
  EXPECT_EQ(rd->persons().FindPersonByIinHash("h-a").value(), a);
  EXPECT_EQ(rd->persons().FindPersonByIinHash("h-b").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(rd->persons().GetPerson(b).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, UsersAreFoundByEmailWhichIsUniqueAndOptional) {
  auto tx = Write();
  const Id a = AddPersonUser(*tx, "p-a", "aigul@example.kz");
  // Staff accounts without an email do not collide with each other.
  AddPersonUser(*tx, "staff-1", "");
  AddPersonUser(*tx, "staff-2", "");
  ASSERT_TRUE(tx->Commit());
  User dup;
  dup.name = "p-dup";
  dup.role = Role::kPerson;
  dup.email = "aigul@example.kz";
  EXPECT_EQ(Write()->accounts().InsertUser(dup).error().code, ErrorCode::kConflict);

  auto w = Write();
  auto u = w->persons().GetUserByEmail("aigul@example.kz").value();
  EXPECT_EQ(u.id, a);
  EXPECT_EQ(u.email_confirmed_at, "");
  EXPECT_EQ(w->accounts().GetUser(a).value().email, "aigul@example.kz");
  EXPECT_EQ(w->accounts().GetUserByName("staff-1").value().email, "");
  EXPECT_EQ(w->persons().GetUserByEmail("nobody@example.kz").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(w->persons().ConfirmEmail(a, "2026-12-01T09:05:00Z"));
  EXPECT_EQ(w->persons().ConfirmEmail(a + 1000, "2026-12-01T09:05:00Z").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(w->Commit());
  auto after = Read()->accounts().GetUser(a).value();
  EXPECT_EQ(after.email_confirmed_at, "2026-12-01T09:05:00Z");
  EXPECT_EQ(after.version, u.version + 1);
}

TEST_P(StoreContract, ALinkIsUsedOnceAndANewOneReplacesTheUnusedOnes) {
  auto tx = Write();
  const Id a = AddPersonUser(*tx, "p-a", "aigul@example.kz");
  ASSERT_TRUE(tx->persons().InsertAccountToken({"t1", a, AccountTokenPurpose::kConfirmEmail, 1000, ""}));
  ASSERT_TRUE(tx->persons().InsertAccountToken({"t2", a, AccountTokenPurpose::kResetPassword, 2000, ""}));
  auto t1 = tx->persons().GetAccountToken("t1").value();
  EXPECT_EQ(t1.user_id, a);
  EXPECT_EQ(t1.purpose, AccountTokenPurpose::kConfirmEmail);
  EXPECT_EQ(t1.expires_at, 1000);
  EXPECT_EQ(tx->persons().GetAccountToken("t2").value().purpose, AccountTokenPurpose::kResetPassword);
  ASSERT_TRUE(tx->persons().UseAccountToken("t1", "2026-12-01T09:05:00Z"));
  EXPECT_EQ(tx->persons().UseAccountToken("t1", "2026-12-01T09:06:00Z").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->persons().GetAccountToken("t1").value().used_at, "2026-12-01T09:05:00Z");
  EXPECT_EQ(tx->persons().GetAccountToken("nope").error().code, ErrorCode::kNotFound);
  // Deleting the unused reset links leaves the used confirmation link.
  ASSERT_TRUE(tx->persons().DeleteAccountTokens(a, AccountTokenPurpose::kResetPassword));
  EXPECT_EQ(tx->persons().GetAccountToken("t2").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->persons().DeleteAccountTokens(a, AccountTokenPurpose::kConfirmEmail));
  EXPECT_TRUE(tx->persons().GetAccountToken("t1").has_value());
  ASSERT_TRUE(tx->Commit());
}

TEST_P(StoreContract, ConsentsAreKeptWithTheirTextAndWithdrawnOnce) {
  auto tx = Write();
  const Id a = AddPersonUser(*tx, "p-a", "aigul@example.kz");
  auto c1 = tx->persons().InsertConsent({0, a, "account", "Мен келісемін", "kk", "2026-12-01T09:00:00Z", ""});
  ASSERT_TRUE(c1);
  ASSERT_TRUE(tx->persons().InsertConsent(
      {0, a, "notifications_email", "I agree", "en", "2026-12-01T09:01:00Z", ""}));
  ASSERT_TRUE(tx->persons().WithdrawConsent(a, "notifications_email", "2026-12-02T10:00:00Z"));
  EXPECT_EQ(tx->persons().WithdrawConsent(a, "notifications_email", "2026-12-02T10:01:00Z").error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(tx->Commit());
  auto list = Read()->persons().ListConsents(a).value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, *c1);
  EXPECT_EQ(list[0].text, "Мен келісемін");
  EXPECT_EQ(list[0].lang, "kk");
  EXPECT_EQ(list[0].withdrawn_at, "");
  EXPECT_EQ(list[1].purpose, "notifications_email");
  EXPECT_EQ(list[1].withdrawn_at, "2026-12-02T10:00:00Z");
}

TEST_P(StoreContract, ResealingMovesAPersonToTheNewKeyAndErasureRemovesThePerson) {
  auto tx = Write();
  const Id a = AddPersonUser(*tx, "p-a", "a@example.kz");
  const Id b = AddPersonUser(*tx, "p-b", "b@example.kz");
  ASSERT_TRUE(tx->persons().InsertPerson(MakePerson(a, "h-a", "k0001")));
  ASSERT_TRUE(tx->persons().InsertPerson(MakePerson(b, "h-b", "k0002")));
  auto old = tx->persons().PersonsNotSealedWith("k0002", 10).value();
  ASSERT_EQ(old.size(), 1u);
  EXPECT_EQ(old[0].user_id, a);
  ASSERT_TRUE(tx->persons().ResealIin(a, "resealed", "k0002"));
  EXPECT_TRUE(tx->persons().PersonsNotSealedWith("k0002", 10).value().empty());
  EXPECT_EQ(tx->persons().GetPerson(a).value().iin_sealed, "resealed");
  EXPECT_EQ(tx->persons().ResealIin(a + 1000, "x", "k0002").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->persons().DeletePerson(b));
  EXPECT_EQ(tx->persons().DeletePerson(b).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->persons().FindPersonByIinHash("h-b").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->Commit());
}

}  // namespace
}  // namespace jospar::testing
