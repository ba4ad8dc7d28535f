// Accounts and access on the web: password hashing (argon2id), server-side sessions, API tokens, the
// pre-session CSRF token of the login form, and login throttling. Thread-safe. Everything that must hold
// across several processes on one database (sessions, failed sign-ins, pending second steps) is in the
// store; the CSRF secret and the seal key come from key files of the data directory (web/wiring.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/accounts.hpp"
#include "core/accounts/second_factor.hpp"
#include "core/base/unit_of_work.hpp"
#include "web/context.hpp"
#include "web/http.hpp"

namespace jospar::web {

inline constexpr const char* kSessionCookie = "jospar_session";
inline constexpr const char* kPreSessionCookie = "jospar_pre";

// Random bytes as lowercase hex (2 characters a byte).
std::string RandomHex(std::size_t bytes);
// Equal strings, in time that depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

class Auth {
 public:
  // `secret` keys the pre-session CSRF tokens (32 bytes or more; random when empty). `seal_key` (64 hex
  // digits: data_dir/totp.key) seals the TOTP secrets at rest (libsodium secretbox); random when empty,
  // so that secrets sealed by another process cannot be opened.
  Auth(const WebConfig& config, std::string secret, std::string seal_key = {});

  // Seals and opens TOTP secrets with the seal key (XSalsa20-Poly1305, a random nonce; hex text).
  accounts::SecretBox Box() const;
  // A fresh random TOTP secret (accounts::kTotpSecretBytes raw bytes).
  static std::string NewTotpSecret();
  // accounts::kRecoveryCodeCount fresh recovery codes "xxxxx-xxxxx" (~50 bits each).
  static std::vector<std::string> NewRecoveryCodes();

  // argon2id (crypto_pwhash_str) with the configured cost.
  Result<std::string> HashPassword(std::string_view password) const;
  bool VerifyPassword(const std::string& hash, std::string_view password) const;
  // A strong random password: 20 characters from an unambiguous alphabet (~115 bits).
  static std::string GeneratePassword();

  // Creates an API token for the user; returns its id and the token in clear (shown once; stored as
  // SHA-256). kNotFound when the user does not exist.
  struct NewToken {
    Id id = 0;
    std::string token;
  };
  Result<NewToken> CreateToken(Store& store, Id user_id, const std::string& name, std::int64_t now) const;

  struct LoginResult {
    std::string cookie_value;  // the session id in clear, for the Set-Cookie header only
    Session session;
    User user;
    // The password was right and the user has a second factor: no session yet. `pending_token` names
    // the second step (CompleteSecondStep) for kSecondStepSeconds.
    bool second_step = false;
    std::string pending_token;
  };
  static constexpr std::int64_t kSecondStepSeconds = 300;
  // Checks the password, enforces throttling (kRateLimited with the seconds to wait as detail), and
  // starts a new session (a fresh id; `previous_session_hash`, if any, is deleted) — or, when the user
  // has a second factor switched on, a pending second step bound to `binding` (the pre-session cookie of
  // the form; empty for the JSON API) and no session. A wrong name or password gives kUnauthenticated
  // "error.login_failed" in about the same time either way.
  Result<LoginResult> Login(Store& store, std::string_view name, std::string_view password,
                            const std::string& client, std::int64_t now,
                            std::optional<std::string> previous_session_hash,
                            const std::string& binding = {});
  // The second step: `answer` is a TOTP code or a recovery code. On success the pending step ends and a
  // session starts as in Login. kUnauthenticated "error.totp_wrong" / "error.totp_replayed" (counted as
  // a failed sign-in for throttling; the step stays open), "error.second_step_expired" when the token is
  // unknown, expired or bound to another pre-session; kRateLimited as Login. Nothing is written on an error.
  Result<LoginResult> CompleteSecondStep(Store& store, const std::string& pending_token,
                                         const std::string& binding, std::string_view answer,
                                         const std::string& client, std::int64_t now,
                                         std::optional<std::string> previous_session_hash);
  // Starts a session for `user`, whose identity another sign-in provider has verified and mapped to the
  // account (web/identity.hpp; accounts::LinkedAccount checked the disabled flag and the second factor).
  Result<LoginResult> StartSessionFor(Store& store, const User& user, std::int64_t now,
                                      const std::optional<std::string>& previous_session_hash);
  // Forgets a pending second step (the JSON API checks the code in the same request). Best effort: a
  // step that cannot be deleted now expires by itself.
  void DropSecondStep(Store& store, const std::string& pending_token);
  Status Logout(Store& store, const std::string& session_hash) const;

  // Authenticates the request from `Authorization: Bearer` or the session cookie and fills
  // req.principal, req.session, req.csrf_token and req.must_enrol. A bad bearer token is kUnauthenticated; a
  // missing, unknown or expired session leaves the request anonymous and sets `session_expired` when a
  // session cookie was presented but is no longer valid. kUnavailable when the store is down.
  Status Authenticate(Store& store, Request& req, std::int64_t now, bool& session_expired) const;

  // The CSRF token of the login form for a pre-session cookie value (HMAC-SHA-256 with the secret).
  std::string PreSessionToken(std::string_view pre_cookie) const;

  // Set-Cookie values.
  std::string SessionCookie(const std::string& value, bool secure) const;
  static std::string ClearSessionCookie(bool secure);
  static std::string PreSessionCookie(const std::string& value, bool secure);

  const WebConfig& config() const { return config_; }

 private:
  // Seconds to wait before another login for this account or client, or 0 (keys: AccountKey/AddressKey).
  Result<std::int64_t> BlockedFor(Store& store, const std::string& account_key, const std::string& client,
                                  std::int64_t now) const;
  Status RecordFailure(Store& store, const std::string& account_key, const std::string& client,
                       std::int64_t now) const;
  // Starts the session and, in the same transaction, forgets the account's failed sign-ins and ends the
  // second step `step_hash` when given (kUnauthenticated "error.second_step_expired" when another request
  // ended it first: nothing is written).
  Result<LoginResult> StartSession(Store& store, const User& user, std::int64_t now,
                                   const std::optional<std::string>& previous_session_hash,
                                   const std::string& account_key, const std::string* step_hash = nullptr);
  // Sets req.must_enrol when the session's user's role requires a second factor that is not switched on.
  Status CheckEnrolment(Tx& tx, Request& req) const;

  WebConfig config_;
  std::string secret_;
  std::string dummy_hash_;  // verified against when the account does not exist
  std::string seal_key_;    // 32 raw bytes
};

Principal PrincipalOf(const User& user);

}  // namespace jospar::web
