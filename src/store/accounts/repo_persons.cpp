// Repository of persons, their email links and their consents (GetUserByEmail and ConfirmEmail, which read
// the users' columns, are in repo_accounts.cpp).
#include "store/accounts/sql_persons_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {
namespace {

constexpr std::string_view kPersonColumns =
    "user_id, full_name, iin_hash, iin_sealed, iin_key_id, birth_date, sex, created_at";

Person ReadPerson(const Query& q, int c) {
  return Person{q.Int(c),      q.Text(c + 1), q.Text(c + 2), q.Text(c + 3),
                q.Text(c + 4), q.Text(c + 5), q.Text(c + 6), q.Text(c + 7)};
}

AccountTokenPurpose ParsePurpose(std::string_view s) {
  return s == "reset_password" ? AccountTokenPurpose::kResetPassword : AccountTokenPurpose::kConfirmEmail;
}

AccountToken ReadToken(const Query& q, int c) {
  return AccountToken{q.Text(c), q.Int(c + 1), ParsePurpose(q.TextView(c + 2)), q.Int(c + 3), q.Text(c + 4)};
}

Consent ReadConsent(const Query& q, int c) {
  return Consent{q.Int(c),      q.Int(c + 1),  q.Text(c + 2), q.Text(c + 3),
                 q.Text(c + 4), q.Text(c + 5), q.Text(c + 6)};
}

Status ExpectRow(Query& q, std::string_view what) {
  STORE_TRY(q.Run());
  if (q.Changes() == 0) return NotFound(what);
  return {};
}

}  // namespace

Status SqlPersonsRepository::InsertPerson(const Person& p) {
  STORE_QUERY(q, *c_,
              "INSERT INTO persons (user_id, full_name, iin_hash, iin_sealed, iin_key_id, birth_date, sex, "
              "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(p.user_id).Bind(p.full_name).Bind(p.iin_hash).Bind(p.iin_sealed).Bind(p.iin_key_id);
  q.Bind(p.birth_date).Bind(p.sex).Bind(p.created_at);
  return q.Run();
}

Result<Person> SqlPersonsRepository::GetPerson(Id user_id) {
  return GetOne<Person>(*c_, "SELECT " + std::string(kPersonColumns) + " FROM persons WHERE user_id = ?",
                        user_id, ReadPerson, "person");
}

Result<Id> SqlPersonsRepository::FindPersonByIinHash(std::string_view iin_hash) {
  STORE_QUERY(q, *c_, "SELECT user_id FROM persons WHERE iin_hash = ?");
  q.Bind(iin_hash);
  auto id = q.OneInt();
  if (!id && id.error().code == ErrorCode::kNotFound) return NotFound("person");
  return id;
}

Status SqlPersonsRepository::ResealIin(Id user_id, std::string_view iin_sealed, std::string_view key_id) {
  STORE_QUERY(q, *c_, "UPDATE persons SET iin_sealed = ?, iin_key_id = ? WHERE user_id = ?");
  q.Bind(iin_sealed).Bind(key_id).Bind(user_id);
  return ExpectRow(q, "person");
}

Result<std::vector<Person>> SqlPersonsRepository::PersonsNotSealedWith(std::string_view key_id, int limit) {
  STORE_QUERY(q, *c_,
              "SELECT " + std::string(kPersonColumns) +
                  " FROM persons WHERE iin_key_id <> ? ORDER BY user_id LIMIT ?");
  q.Bind(key_id).Bind(limit);
  std::vector<Person> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(ReadPerson(q, 0));
  }
  return out;
}

Status SqlPersonsRepository::DeletePerson(Id user_id) {
  STORE_QUERY(q, *c_, "DELETE FROM persons WHERE user_id = ?");
  q.Bind(user_id);
  return ExpectRow(q, "person");
}

Status SqlPersonsRepository::InsertAccountToken(const AccountToken& t) {
  STORE_QUERY(q, *c_,
              "INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at, used_at) VALUES (?, ?, "
              "?, ?, ?)");
  q.Bind(t.token_hash).Bind(t.user_id).Bind(ToString(t.purpose)).Bind(t.expires_at).Bind(t.used_at);
  return q.Run();
}

Result<AccountToken> SqlPersonsRepository::GetAccountToken(std::string_view token_hash) {
  return GetOne<AccountToken>(
      *c_,
      "SELECT token_hash, user_id, purpose, expires_at, used_at FROM account_tokens WHERE token_hash = ?",
      token_hash, ReadToken, "link");
}

Status SqlPersonsRepository::UseAccountToken(std::string_view token_hash, std::string_view used_at) {
  STORE_QUERY(q, *c_, "UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND used_at = ''");
  q.Bind(used_at).Bind(token_hash);
  return ExpectRow(q, "link");
}

Status SqlPersonsRepository::DeleteAccountTokens(Id user_id, AccountTokenPurpose purpose) {
  STORE_QUERY(q, *c_, "DELETE FROM account_tokens WHERE user_id = ? AND purpose = ? AND used_at = ''");
  q.Bind(user_id).Bind(ToString(purpose));
  return q.Run();
}

Result<Id> SqlPersonsRepository::InsertConsent(const Consent& c) {
  STORE_QUERY(q, *c_,
              "INSERT INTO consents (user_id, purpose, text, lang, given_at, withdrawn_at) "
              "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  q.Bind(c.user_id).Bind(c.purpose).Bind(c.text).Bind(c.lang).Bind(c.given_at).Bind(c.withdrawn_at);
  return q.OneInt();
}

Result<std::vector<Consent>> SqlPersonsRepository::ListConsents(Id user_id) {
  STORE_QUERY(
      q, *c_,
      "SELECT id, user_id, purpose, text, lang, given_at, withdrawn_at FROM consents WHERE user_id = ? "
      "ORDER BY id");
  q.Bind(user_id);
  std::vector<Consent> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(ReadConsent(q, 0));
  }
  return out;
}

Status SqlPersonsRepository::WithdrawConsent(Id user_id, std::string_view purpose, std::string_view at) {
  STORE_QUERY(q, *c_,
              "UPDATE consents SET withdrawn_at = ? WHERE user_id = ? AND purpose = ? AND withdrawn_at = ''");
  q.Bind(at).Bind(user_id).Bind(purpose);
  return ExpectRow(q, "consent");
}

// ---- Personal-data rights ----------------------------------------------------------------------------

Status SqlPersonsRepository::RecordSignIn(Id user_id, std::string_view at) {
  STORE_QUERY(q, *c_, "UPDATE users SET last_sign_in_at = ? WHERE id = ?");
  q.Bind(at).Bind(user_id);
  return ExpectRow(q, "user");
}

Result<std::string> SqlPersonsRepository::LastSignIn(Id user_id) {
  STORE_QUERY(q, *c_, "SELECT last_sign_in_at FROM users WHERE id = ?");
  q.Bind(user_id);
  auto row = q.Next();
  if (!row) return Fail(row.error());
  if (!*row) return NotFound("user");
  return q.Text(0);
}

Result<Id> SqlPersonsRepository::InsertDataAccess(const DataAccess& a) {
  STORE_QUERY(q, *c_,
              "INSERT INTO personal_data_access (person_user_id, viewer_user_id, viewer_role, what, purpose, "
              "reason, at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  q.Bind(a.person_user_id).Bind(a.viewer_user_id).Bind(a.viewer_role).Bind(a.what).Bind(a.purpose);
  q.Bind(a.reason).Bind(a.at);
  return q.OneInt();
}

Result<std::vector<DataAccess>> SqlPersonsRepository::ListDataAccess(Id person_user_id, int limit) {
  STORE_QUERY(q, *c_,
              "SELECT id, person_user_id, viewer_user_id, viewer_role, what, purpose, reason, at "
              "FROM personal_data_access WHERE person_user_id = ? ORDER BY id DESC LIMIT ?");
  q.Bind(person_user_id).Bind(limit);
  std::vector<DataAccess> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(
        DataAccess{q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7)});
  }
  return out;
}

Result<std::vector<RetentionCandidate>> SqlPersonsRepository::PersonsDueForErasure(
    std::string_view unconfirmed_before, std::string_view inactive_before, int limit) {
  STORE_QUERY(q, *c_,
              "SELECT u.id, CASE WHEN u.email_confirmed_at = '' AND u.created_at < ? THEN 1 ELSE 0 END "
              "FROM users u JOIN persons p ON p.user_id = u.id "
              "WHERE (u.email_confirmed_at = '' AND u.created_at < ?) OR "
              "(CASE WHEN u.last_sign_in_at = '' THEN u.created_at ELSE u.last_sign_in_at END) < ? "
              "ORDER BY u.id LIMIT ?");
  q.Bind(unconfirmed_before).Bind(unconfirmed_before).Bind(inactive_before).Bind(limit);
  std::vector<RetentionCandidate> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(RetentionCandidate{q.Int(0), q.Int(1) != 0});
  }
  return out;
}

Status SqlPersonsRepository::EraseAccount(Id user_id, std::string_view anonymous_name, std::string_view at) {
  std::string email;
  {
    STORE_QUERY(q, *c_, "SELECT u.email FROM users u JOIN persons p ON p.user_id = u.id WHERE u.id = ?");
    q.Bind(user_id);
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) return NotFound("person");
    email = q.IsNull(0) ? std::string() : q.Text(0);
  }
  if (!email.empty()) {
    STORE_QUERY(q, *c_, "DELETE FROM mail_outbox WHERE recipient = ?");
    q.Bind(email);
    STORE_TRY(q.Run());
  }
  for (const char* sql :
       {"DELETE FROM persons WHERE user_id = ?", "DELETE FROM sessions WHERE user_id = ?",
        "DELETE FROM api_tokens WHERE user_id = ?", "DELETE FROM user_second_factor WHERE user_id = ?",
        "DELETE FROM recovery_codes WHERE user_id = ?", "DELETE FROM account_tokens WHERE user_id = ?",
        "UPDATE personal_data_access SET reason = '' WHERE person_user_id = ?"}) {
    STORE_QUERY(q, *c_, sql);
    q.Bind(user_id);
    STORE_TRY(q.Run());
  }
  {
    STORE_QUERY(q, *c_, "UPDATE consents SET withdrawn_at = ? WHERE user_id = ? AND withdrawn_at = ''");
    q.Bind(at).Bind(user_id);
    STORE_TRY(q.Run());
  }
  {
    STORE_QUERY(q, *c_, "UPDATE consents SET text = '' WHERE user_id = ?");
    q.Bind(user_id);
    STORE_TRY(q.Run());
  }
  STORE_QUERY(q, *c_,
              "UPDATE users SET name = ?, email = NULL, email_confirmed_at = '', last_sign_in_at = '', "
              "password_hash = '!erased', disabled = ?, version = version + 1 WHERE id = ?");
  q.Bind(anonymous_name).Bind(true).Bind(user_id);
  STORE_TRY(ExpectRow(q, "user"));
  scrub_after_commit_ = true;
  return {};
}

}  // namespace jospar::store::sql
