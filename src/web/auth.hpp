// Accounts and access on the web: password hashing (argon2id), server-side sessions, API tokens, the
// pre-session CSRF token of the login form, and login throttling. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/accounts/accounts.hpp"
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
  // `secret` keys the pre-session CSRF tokens (32 bytes or more; random when empty).
  Auth(const WebConfig& config, std::string secret);

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
  };
  // Checks the password, enforces throttling (kRateLimited with the seconds to wait as detail), and
  // starts a new session (a fresh id; `previous_session_hash`, if any, is deleted). A wrong name or
  // password gives kUnauthenticated "error.login_failed" in about the same time either way.
  Result<LoginResult> Login(Store& store, std::string_view name, std::string_view password,
                            const std::string& client, std::int64_t now,
                            std::optional<std::string> previous_session_hash);
  Status Logout(Store& store, const std::string& session_hash) const;

  // Authenticates the request from `Authorization: Bearer` or the session cookie and fills
  // req.principal, req.session and req.csrf_token. A bad bearer token is kUnauthenticated; a missing,
  // unknown or expired session leaves the request anonymous and sets `session_expired` when a session
  // cookie was presented but is no longer valid. kUnavailable when the store is down.
  Status Authenticate(Store& store, Request& req, std::int64_t now, bool& session_expired) const;

  // The CSRF token of the login form for a pre-session cookie value (HMAC-SHA-256 with the secret).
  std::string PreSessionToken(std::string_view pre_cookie) const;

  // Set-Cookie values.
  std::string SessionCookie(const std::string& value, bool secure) const;
  static std::string ClearSessionCookie(bool secure);
  static std::string PreSessionCookie(const std::string& value, bool secure);

  const WebConfig& config() const { return config_; }

 private:
  // Seconds to wait before another login for this account or client, or 0.
  std::int64_t BlockedFor(const std::string& account, const std::string& client, std::int64_t now);
  void RecordFailure(const std::string& account, const std::string& client, std::int64_t now);

  WebConfig config_;
  std::string secret_;
  std::string dummy_hash_;  // verified against when the account does not exist
  std::mutex mu_;
  std::map<std::string, std::deque<std::int64_t>> failures_;  // "u:name" / "a:addr" -> failure times
};

Principal PrincipalOf(const User& user);

}  // namespace jospar::web
