#include "web/auth.hpp"
#include "core/accounts/registration.hpp"
#include "core/accounts/repository.hpp"
#include "core/accounts/throttle.hpp"
#include "core/accounts/totp.hpp"
#include "core/base/text.hpp"
#include "core/ledger/hash.hpp"
#include "web/crypto_box.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <sodium.h>

namespace jospar::web {

namespace {

const int kSodiumReady = [] { return sodium_init(); }();

}  // namespace

std::string RandomHex(std::size_t bytes) {
  (void)kSodiumReady;
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), bytes);
  return BytesToHex(raw);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Principal PrincipalOf(const User& user) {
  Principal p;
  if (user.disabled) return p;
  p.user_id = user.id;
  p.name = user.name;
  p.role = user.role;
  p.body_id = user.body_id;
  return p;
}

Auth::Auth(const WebConfig& config, std::string secret, std::string seal_key)
    : config_(config), secret_(std::move(secret)) {
  if (kSodiumReady < 0) throw std::runtime_error("libsodium failed to initialise");
  if (secret_.size() < 32) secret_ = RandomHex(32);
  auto key = HexToBytes(seal_key);
  if (!key || key->size() != crypto_secretbox_KEYBYTES)
    key = HexToBytes(RandomHex(crypto_secretbox_KEYBYTES));
  seal_key_ = *key;
  auto dummy = HashPassword(RandomHex(16));
  if (!dummy) throw std::runtime_error("cannot hash a password: " + dummy.error().detail);
  dummy_hash_ = *dummy;
}

Result<std::string> Auth::HashPassword(std::string_view password) const {
  const unsigned long long ops =
      config_.pwhash_opslimit ? config_.pwhash_opslimit : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const std::size_t mem =
      config_.pwhash_memlimit ? config_.pwhash_memlimit : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) !=
      0)
    return Fail(ErrorCode::kInternal, "error.internal", "crypto_pwhash_str failed (out of memory?)");
  return std::string(out);
}

bool Auth::VerifyPassword(const std::string& hash, std::string_view password) const {
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string Auth::GeneratePassword() {
  static const char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const std::uint32_t n = sizeof(kAlphabet) - 1;
  std::string out;
  for (int i = 0; i < 20; ++i) out.push_back(kAlphabet[randombytes_uniform(n)]);
  return out;
}

accounts::SecretBox Auth::Box() const {
  accounts::SecretBox box;
  box.seal = [this](std::string_view secret) { return SealHex(seal_key_, secret); };
  box.open = [this](std::string_view sealed) { return OpenHex(seal_key_, sealed); };
  return box;
}

std::string Auth::NewTotpSecret() {
  std::string raw(accounts::kTotpSecretBytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return raw;
}

std::vector<std::string> Auth::NewRecoveryCodes() {
  static const char kAlphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
  std::vector<std::string> out;
  for (int i = 0; i < accounts::kRecoveryCodeCount; ++i) {
    std::string c;
    for (int j = 0; j < 10; ++j) {
      if (j == 5) c.push_back('-');
      c.push_back(kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)]);
    }
    out.push_back(std::move(c));
  }
  return out;
}

Result<Auth::NewToken> Auth::CreateToken(Store& store, Id user_id, const std::string& name,
                                         std::int64_t now) const {
  if (name.empty() || name.size() > 100)
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {},
                {{"name", "error.field.required", "1-100"}});
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return Fail(tx.error());
  auto user = (*tx)->accounts().GetUser(user_id);
  if (!user) return Fail(user.error());
  const std::string token = "jsp_" + RandomHex(32);
  ApiToken t;
  t.user_id = user_id;
  t.name = name;
  t.token_hash = ledger::Sha256Hex(token);
  t.created_at = IsoTime(now);
  auto id = (*tx)->accounts().InsertApiToken(t);
  if (!id) return Fail(id.error());
  auto st = (*tx)->Commit();
  if (!st) return Fail(st.error());
  return NewToken{*id, token};
}

namespace {

// The store's throttle keys: digests, so that neither names nor client addresses are kept in clear.
std::string AccountKey(const std::string& account) { return ledger::Sha256Hex("u:" + account); }
std::string AddressKey(const std::string& client) { return ledger::Sha256Hex("a:" + client); }

}  // namespace

Result<std::int64_t> Auth::BlockedFor(Store& store, const std::string& account_key, const std::string& client,
                                      std::int64_t now) const {
  const std::int64_t window = std::int64_t{config_.login_window_minutes} * 60;
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  std::int64_t wait = 0;
  // Blocked while `max` failures lie in the window: until the max-th latest of them leaves it.
  for (const auto& [key, max] : {std::pair{account_key, config_.login_max_failures_per_account},
                                 std::pair{AddressKey(client), config_.login_max_failures_per_address}}) {
    if (max < 1) continue;
    auto at = (*tx)->throttle().NthLatestSignInFailure(key, now - window, max);
    if (!at && at.error().code == ErrorCode::kNotFound) continue;
    if (!at) return Fail(at.error());
    wait = std::max(wait, *at + window - now);
  }
  return wait;
}

Status Auth::RecordFailure(Store& store, const std::string& account_key, const std::string& client,
                           std::int64_t now) const {
  const std::int64_t window = std::int64_t{config_.login_window_minutes} * 60;
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return Fail(tx.error());
  // Bounded growth: failures that left the window no longer count and go.
  auto purged = (*tx)->throttle().PurgeSignInFailures(now - window);
  if (!purged) return Fail(purged.error());
  for (const std::string& key : {account_key, AddressKey(client)}) {
    auto st = (*tx)->throttle().RecordSignInFailure(key, now);
    if (!st) return st;
  }
  return (*tx)->Commit();
}

Result<Auth::LoginResult> Auth::StartSessionFor(Store& store, const User& user, std::int64_t now,
                                                const std::optional<std::string>& previous_session_hash) {
  return StartSession(store, user, now, previous_session_hash, AccountKey(AsciiLower(user.name)));
}

Result<Auth::LoginResult> Auth::Login(Store& store, std::string_view name, std::string_view password,
                                      const std::string& client, std::int64_t now,
                                      std::optional<std::string> previous_session_hash,
                                      const std::string& binding) {
  const std::string account = AccountKey(AsciiLower(name));
  auto blocked = BlockedFor(store, account, client, now);
  if (!blocked) return Fail(blocked.error());
  if (*blocked > 0) return Fail(ErrorCode::kRateLimited, "error.login_throttled", std::to_string(*blocked));
  Result<User> user = Fail(ErrorCode::kNotFound, "error.not_found");
  {
    auto tx = store.Begin(TxMode::kRead);
    if (!tx) return Fail(tx.error());
    // A name with '@' is the email address persons sign in with; staff sign in with their user name.
    user = name.find('@') == std::string_view::npos
               ? (*tx)->accounts().GetUserByName(name)
               : (*tx)->persons().GetUserByEmail(accounts::NormalizeEmail(name));
    if (!user && user.error().code != ErrorCode::kNotFound) return Fail(user.error());
  }
  const bool usable = user && !user->disabled;
  const bool ok = VerifyPassword(usable ? user->password_hash : dummy_hash_, password) && usable;
  if (!ok) {
    if (auto st = RecordFailure(store, account, client, now); !st) return Fail(st.error());
    return Fail(ErrorCode::kUnauthenticated, "error.login_failed");
  }
  // Told only to whoever knows the password: the address must be confirmed before a person signs in.
  if (user->role == Role::kPerson && user->email_confirmed_at.empty())
    return Fail(ErrorCode::kForbidden, "error.email_not_confirmed");
  {
    auto tx = store.Begin(TxMode::kRead);
    if (!tx) return Fail(tx.error());
    auto on = accounts::SecondFactorEnabled(**tx, user->id);
    if (!on) return Fail(on.error());
    if (*on) {
      tx->reset();
      LoginResult pending;
      pending.user = *user;
      pending.second_step = true;
      pending.pending_token = RandomHex(32);
      auto wtx = store.Begin(TxMode::kWrite);
      if (!wtx) return Fail(wtx.error());
      // Bounded growth: expired steps go whenever a new one starts.
      auto purged = (*wtx)->throttle().PurgeSecondSteps(now);
      if (!purged) return Fail(purged.error());
      auto st =
          (*wtx)->throttle().InsertSecondStep({ledger::Sha256Hex(pending.pending_token), user->id, account,
                                               ledger::Sha256Hex(binding), now + kSecondStepSeconds});
      if (!st) return Fail(st.error());
      st = (*wtx)->Commit();
      if (!st) return Fail(st.error());
      return pending;
    }
  }
  // Failed second steps keep counting until a whole sign-in succeeds (StartSession clears them).
  return StartSession(store, *user, now, previous_session_hash, account);
}

Result<Auth::LoginResult> Auth::CompleteSecondStep(Store& store, const std::string& pending_token,
                                                   const std::string& binding, std::string_view answer,
                                                   const std::string& client, std::int64_t now,
                                                   std::optional<std::string> previous_session_hash) {
  const std::string step_hash = ledger::Sha256Hex(pending_token);
  SecondStep step;
  {
    auto tx = store.Begin(TxMode::kRead);
    if (!tx) return Fail(tx.error());
    auto found = (*tx)->throttle().GetSecondStep(step_hash);
    if (!found && found.error().code != ErrorCode::kNotFound) return Fail(found.error());
    if (!found || found->expires_at <= now ||
        !ConstantTimeEquals(found->binding_hash, ledger::Sha256Hex(binding))) {
      if (found && found->expires_at <= now) {
        tx->reset();
        DropSecondStep(store, pending_token);
      }
      return Fail(ErrorCode::kUnauthenticated, "error.second_step_expired");
    }
    step = std::move(*found);
  }
  auto blocked = BlockedFor(store, step.account_key, client, now);
  if (!blocked) return Fail(blocked.error());
  if (*blocked > 0) return Fail(ErrorCode::kRateLimited, "error.login_throttled", std::to_string(*blocked));
  auto st = accounts::CheckSecondStep(store, step.user_id, answer, Box(), now);
  if (!st) {
    if (st.error().code == ErrorCode::kUnauthenticated)
      if (auto recorded = RecordFailure(store, step.account_key, client, now); !recorded)
        return Fail(recorded.error());
    return Fail(st.error());
  }
  Result<User> user = Fail(ErrorCode::kNotFound, "error.not_found");
  {
    auto tx = store.Begin(TxMode::kRead);
    if (!tx) return Fail(tx.error());
    user = (*tx)->accounts().GetUser(step.user_id);
  }
  if (!user || user->disabled) return Fail(ErrorCode::kUnauthenticated, "error.login_failed");
  return StartSession(store, *user, now, previous_session_hash, step.account_key, &step_hash);
}

void Auth::DropSecondStep(Store& store, const std::string& pending_token) {
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return;
  if ((*tx)->throttle().DeleteSecondStep(ledger::Sha256Hex(pending_token))) (void)(*tx)->Commit();
}

Result<Auth::LoginResult> Auth::StartSession(Store& store, const User& user, std::int64_t now,
                                             const std::optional<std::string>& previous_session_hash,
                                             const std::string& account_key, const std::string* step_hash) {
  LoginResult result;
  result.cookie_value = RandomHex(32);
  result.session.id_hash = ledger::Sha256Hex(result.cookie_value);
  result.session.user_id = user.id;
  result.session.csrf_token = RandomHex(32);
  result.session.created_at = now;
  result.session.last_seen_at = now;
  result.user = user;
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return Fail(tx.error());
  if (step_hash != nullptr) {
    auto ended = (*tx)->throttle().DeleteSecondStep(*step_hash);
    if (!ended && ended.error().code == ErrorCode::kNotFound)
      return Fail(ErrorCode::kUnauthenticated, "error.second_step_expired");
    if (!ended) return Fail(ended.error());
  }
  if (auto cleared = (*tx)->throttle().ClearSignInFailures(account_key); !cleared)
    return Fail(cleared.error());
  if (previous_session_hash) {
    auto st = (*tx)->accounts().DeleteSession(*previous_session_hash);
    if (!st && st.error().code != ErrorCode::kNotFound) return Fail(st.error());
  }
  const std::int64_t idle = std::int64_t{config_.session_idle_minutes} * 60;
  const std::int64_t absolute = std::int64_t{config_.session_absolute_hours} * 3600;
  auto cleaned = (*tx)->accounts().DeleteSessionsOlderThan(now - absolute, now - idle);
  if (!cleaned) return Fail(cleaned.error());
  auto st = (*tx)->accounts().InsertSession(result.session);
  if (!st) return Fail(st.error());
  st = (*tx)->persons().RecordSignIn(user.id, IsoTime(now));  // retention counts from it
  if (!st) return Fail(st.error());
  st = (*tx)->Commit();
  if (!st) return Fail(st.error());
  return result;
}

Status Auth::CheckEnrolment(Tx& tx, Request& req) const {
  req.must_enrol = false;
  if (!accounts::RequiresSecondFactor(req.principal.role)) return {};
  auto on = accounts::SecondFactorEnabled(tx, req.principal.user_id);
  if (!on) return Fail(on.error());
  req.must_enrol = !*on;
  return {};
}

Status Auth::Logout(Store& store, const std::string& session_hash) const {
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return Fail(tx.error());
  auto st = (*tx)->accounts().DeleteSession(session_hash);
  if (!st && st.error().code != ErrorCode::kNotFound) return st;
  return (*tx)->Commit();
}

Status Auth::Authenticate(Store& store, Request& req, std::int64_t now, bool& session_expired) const {
  session_expired = false;
  std::string_view authz = req.Header("Authorization");
  if (!authz.empty()) {
    if (authz.size() < 8 || AsciiLower(authz.substr(0, 7)) != "bearer ")
      return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated",
                  "Authorization: Bearer <token> expected");
    std::string_view token = authz.substr(7);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    auto tx = store.Begin(TxMode::kRead);
    if (!tx) return Fail(tx.error());
    auto t = (*tx)->accounts().GetApiTokenByHash(ledger::Sha256Hex(token));
    if (!t && t.error().code == ErrorCode::kNotFound)
      return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated", "unknown token");
    if (!t) return Fail(t.error());
    auto user = (*tx)->accounts().GetUser(t->user_id);
    if (!user) {
      if (user.error().code == ErrorCode::kNotFound)
        return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated", "unknown token");
      return Fail(user.error());
    }
    if (user->disabled) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated", "account disabled");
    // An API token is its own credential, issued by the operator (CLI) or by an admin who signed in with
    // a second factor: the enrolment rule is about signing in with a password.
    req.principal = PrincipalOf(*user);
    return {};
  }
  auto cookie = req.Cookie(kSessionCookie);
  if (!cookie || cookie->empty()) return {};
  const std::string hash = ledger::Sha256Hex(*cookie);
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  auto s = (*tx)->accounts().GetSession(hash);
  if (!s) {
    if (s.error().code != ErrorCode::kNotFound) return Fail(s.error());
    session_expired = true;
    return {};
  }
  const std::int64_t idle = std::int64_t{config_.session_idle_minutes} * 60;
  const std::int64_t absolute = std::int64_t{config_.session_absolute_hours} * 3600;
  const bool expired = now - s->last_seen_at >= idle || now - s->created_at >= absolute;
  auto user = expired ? Result<User>(Fail(ErrorCode::kNotFound, "error.not_found"))
                      : (*tx)->accounts().GetUser(s->user_id);
  if (!user && user.error().code != ErrorCode::kNotFound) return Fail(user.error());
  if (user && !user->disabled) {
    req.principal = PrincipalOf(*user);
    if (auto st = CheckEnrolment(**tx, req); !st) return st;
    req.principal = Principal{};
  }
  tx->reset();
  if (expired || !user || user->disabled) {
    session_expired = true;
    auto wtx = store.Begin(TxMode::kWrite);
    if (!wtx) return Fail(wtx.error());
    (void)(*wtx)->accounts().DeleteSession(hash);
    return (*wtx)->Commit();
  }
  if (now - s->last_seen_at >= 60) {  // at most one write a minute per session
    auto wtx = store.Begin(TxMode::kWrite);
    if (!wtx) return Fail(wtx.error());
    auto st = (*wtx)->accounts().TouchSession(hash, now);
    if (!st) return st;
    st = (*wtx)->Commit();
    if (!st) return st;
    s->last_seen_at = now;
  }
  req.principal = PrincipalOf(*user);
  req.csrf_token = s->csrf_token;
  req.session = std::move(*s);
  return {};
}

std::string Auth::PreSessionToken(std::string_view pre_cookie) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret_.data()), secret_.size());
  static const char kLabel[] = "jospar-login-csrf|";
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(kLabel), sizeof(kLabel) - 1);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(pre_cookie.data()),
                                pre_cookie.size());
  crypto_auth_hmacsha256_final(&st, mac);
  return BytesToHex(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::string Auth::SessionCookie(const std::string& value, bool secure) const {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
         std::to_string(std::int64_t{config_.session_absolute_hours} * 3600) + (secure ? "; Secure" : "");
}

std::string Auth::ClearSessionCookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
         (secure ? "; Secure" : "");
}

std::string Auth::PreSessionCookie(const std::string& value, bool secure) {
  return std::string(kPreSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600" +
         (secure ? "; Secure" : "");
}

}  // namespace jospar::web
