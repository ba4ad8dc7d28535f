// Repositories of users, sessions and API tokens.
#include "store/accounts/sql_accounts_repository.hpp"
#include "store/accounts/sql_persons_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {
namespace {

constexpr std::string_view kUserColumns =
    "id, name, role, body_id, password_hash, disabled, created_at, version, email, email_confirmed_at";

// NULL for an empty email, so that the unique index allows many accounts without one.
std::optional<std::string_view> OptEmail(const std::string& email) {
  if (email.empty()) return std::nullopt;
  return std::string_view(email);
}

User ReadUser(const Query& q, int c) {
  User u;
  u.id = q.Int(c);
  u.name = q.Text(c + 1);
  u.role = ParseRole(q.Text(c + 2)).value_or(Role::kAnonymous);
  u.body_id = q.OptInt(c + 3);
  u.password_hash = q.Text(c + 4);
  u.disabled = q.Int(c + 5) != 0;
  u.created_at = q.Text(c + 6);
  u.version = q.Int(c + 7);
  u.email = q.IsNull(c + 8) ? std::string() : q.Text(c + 8);
  u.email_confirmed_at = q.Text(c + 9);
  return u;
}

Session ReadSession(const Query& q, int c) {
  return Session{q.Text(c), q.Int(c + 1), q.Text(c + 2), q.Int(c + 3), q.Int(c + 4)};
}

ApiToken ReadToken(const Query& q, int c) {
  return ApiToken{q.Int(c), q.Int(c + 1), q.Text(c + 2), q.Text(c + 3), q.Text(c + 4)};
}

SecondFactor ReadSecondFactor(const Query& q, int c) {
  return SecondFactor{q.Int(c), q.Text(c + 1), q.Text(c + 2), q.Int(c + 3)};
}

// Runs a write keyed by something other than an id; kNotFound when it touched no row.
Status ExpectRow(Query& q, std::string_view what) {
  STORE_TRY(q.Run());
  if (q.Changes() == 0) return NotFound(what);
  return {};
}

}  // namespace

Result<User> SqlAccountsRepository::GetUser(Id id) {
  return GetOne<User>(*c_, "SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?", id, ReadUser,
                      "user");
}

Result<User> SqlAccountsRepository::GetUserByName(std::string_view name) {
  return GetOne<User>(*c_, "SELECT " + std::string(kUserColumns) + " FROM users WHERE name = ?", name,
                      ReadUser, "user");
}

Result<Id> SqlAccountsRepository::InsertUser(const User& u) {
  STORE_QUERY(q, *c_,
              "INSERT INTO users (name, role, body_id, password_hash, disabled, created_at, email, "
              "email_confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  q.Bind(u.name)
      .Bind(ToString(u.role))
      .Bind(u.body_id)
      .Bind(u.password_hash)
      .Bind(u.disabled)
      .Bind(u.created_at)
      .Bind(OptEmail(u.email))
      .Bind(u.email_confirmed_at);
  return q.OneInt();
}

Status SqlAccountsRepository::UpdateUser(const User& u) {
  STORE_QUERY(q, *c_,
              "UPDATE users SET name = ?, role = ?, body_id = ?, password_hash = ?, disabled = ?, email = ?, "
              "email_confirmed_at = ?, version = version + 1 "
              "WHERE id = ? AND version = ?");
  q.Bind(u.name).Bind(ToString(u.role)).Bind(u.body_id).Bind(u.password_hash).Bind(u.disabled);
  q.Bind(OptEmail(u.email)).Bind(u.email_confirmed_at).Bind(u.id);
  q.Bind(u.version);
  return CheckedWrite(*c_, q, "users", u.id, true, "user");
}

Result<bool> SqlAccountsRepository::BodyExists(Id body_id) {
  STORE_QUERY(q, *c_, "SELECT COUNT(*) FROM bodies WHERE id = ?");
  q.Bind(body_id);
  auto n = q.OneInt();
  if (!n) return Fail(n.error());
  return *n > 0;
}

Status SqlAccountsRepository::DeleteSessionsOfUser(Id user_id) {
  STORE_QUERY(q, *c_, "DELETE FROM sessions WHERE user_id = ?");
  q.Bind(user_id);
  return q.Run();
}

Result<std::vector<User>> SqlAccountsRepository::ListUsers() {
  STORE_QUERY(q, *c_, "SELECT " + std::string(kUserColumns) + " FROM users ORDER BY name");
  std::vector<User> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(ReadUser(q, 0));
  }
  return out;
}

Status SqlAccountsRepository::InsertSession(const Session& s) {
  STORE_QUERY(
      q, *c_,
      "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)");
  q.Bind(s.id_hash).Bind(s.user_id).Bind(s.csrf_token).Bind(s.created_at).Bind(s.last_seen_at);
  return q.Run();
}

Result<Session> SqlAccountsRepository::GetSession(std::string_view id_hash) {
  return GetOne<Session>(*c_,
                         "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions "
                         "WHERE id_hash = ?",
                         id_hash, ReadSession, "session");
}

Status SqlAccountsRepository::TouchSession(std::string_view id_hash, std::int64_t last_seen_at) {
  STORE_QUERY(q, *c_, "UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?");
  q.Bind(last_seen_at).Bind(id_hash);
  return ExpectRow(q, "session");
}

Status SqlAccountsRepository::DeleteSession(std::string_view id_hash) {
  STORE_QUERY(q, *c_, "DELETE FROM sessions WHERE id_hash = ?");
  q.Bind(id_hash);
  return ExpectRow(q, "session");
}

Status SqlAccountsRepository::DeleteSessionsOlderThan(std::int64_t created_before, std::int64_t seen_before) {
  STORE_QUERY(q, *c_, "DELETE FROM sessions WHERE created_at < ? OR last_seen_at < ?");
  q.Bind(created_before).Bind(seen_before);
  return q.Run();
}

Result<Id> SqlAccountsRepository::InsertApiToken(const ApiToken& t) {
  STORE_QUERY(
      q, *c_,
      "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id");
  q.Bind(t.user_id).Bind(t.name).Bind(t.token_hash).Bind(t.created_at);
  return q.OneInt();
}

Result<ApiToken> SqlAccountsRepository::GetApiTokenByHash(std::string_view token_hash) {
  return GetOne<ApiToken>(
      *c_, "SELECT id, user_id, name, token_hash, created_at FROM api_tokens WHERE token_hash = ?",
      token_hash, ReadToken, "API token");
}

Status SqlAccountsRepository::DeleteApiToken(Id id) {
  STORE_QUERY(q, *c_, "DELETE FROM api_tokens WHERE id = ?");
  q.Bind(id);
  return ExpectRow(q, "API token");
}

Result<SecondFactor> SqlAccountsRepository::GetSecondFactor(Id user_id) {
  return GetOne<SecondFactor>(
      *c_, "SELECT user_id, secret_sealed, enabled_at, last_step FROM user_second_factor WHERE user_id = ?",
      user_id, ReadSecondFactor, "second factor");
}

Status SqlAccountsRepository::PutSecondFactor(const SecondFactor& f) {
  STORE_QUERY(
      q, *c_,
      "INSERT INTO user_second_factor (user_id, secret_sealed, enabled_at, last_step) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (user_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, "
      "enabled_at = excluded.enabled_at, last_step = excluded.last_step");
  q.Bind(f.user_id).Bind(f.secret_sealed).Bind(f.enabled_at).Bind(f.last_step);
  return q.Run();
}

Status SqlAccountsRepository::AdvanceSecondFactorStep(Id user_id, std::int64_t step) {
  STORE_QUERY(q, *c_, "UPDATE user_second_factor SET last_step = ? WHERE user_id = ? AND last_step < ?");
  q.Bind(step).Bind(user_id).Bind(step);
  STORE_TRY(q.Run());
  if (q.Changes() > 0) return {};
  auto f = GetSecondFactor(user_id);
  if (!f) return Fail(f.error());
  return Fail(ErrorCode::kConflict, "error.totp_replayed", "code of a step already used");
}

Status SqlAccountsRepository::DeleteSecondFactor(Id user_id) {
  {
    STORE_QUERY(q, *c_, "DELETE FROM recovery_codes WHERE user_id = ?");
    q.Bind(user_id);
    STORE_TRY(q.Run());
  }
  STORE_QUERY(q, *c_, "DELETE FROM user_second_factor WHERE user_id = ?");
  q.Bind(user_id);
  return q.Run();
}

Status SqlAccountsRepository::ReplaceRecoveryCodes(Id user_id, const std::vector<std::string>& code_hashes) {
  {
    STORE_QUERY(q, *c_, "DELETE FROM recovery_codes WHERE user_id = ?");
    q.Bind(user_id);
    STORE_TRY(q.Run());
  }
  for (const std::string& h : code_hashes) {
    STORE_QUERY(q, *c_, "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)");
    q.Bind(user_id).Bind(h);
    STORE_TRY(q.Run());
  }
  return {};
}

Status SqlAccountsRepository::UseRecoveryCode(Id user_id, std::string_view code_hash,
                                              std::string_view used_at) {
  STORE_QUERY(q, *c_,
              "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at = ''");
  q.Bind(used_at).Bind(user_id).Bind(code_hash);
  return ExpectRow(q, "recovery code");
}

Result<std::int64_t> SqlAccountsRepository::CountUnusedRecoveryCodes(Id user_id) {
  STORE_QUERY(q, *c_, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at = ''");
  q.Bind(user_id);
  return q.OneInt();
}

// The two methods of the persons repository that read users live here, beside the users' columns.
Result<User> SqlPersonsRepository::GetUserByEmail(std::string_view email) {
  return GetOne<User>(*c_, "SELECT " + std::string(kUserColumns) + " FROM users WHERE email = ?", email,
                      ReadUser, "user");
}

Status SqlPersonsRepository::ConfirmEmail(Id user_id, std::string_view at) {
  STORE_QUERY(q, *c_, "UPDATE users SET email_confirmed_at = ?, version = version + 1 WHERE id = ?");
  q.Bind(at).Bind(user_id);
  return ExpectRow(q, "user");
}

Result<std::vector<Session>> SqlPersonsRepository::ListSessions(Id user_id) {
  STORE_QUERY(q, *c_,
              "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE user_id = ? "
              "ORDER BY created_at, id_hash");
  q.Bind(user_id);
  std::vector<Session> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(ReadSession(q, 0));
  }
  return out;
}

}  // namespace jospar::store::sql
