// Accounts, sessions and API tokens as stored. Secrets are never held in clear: sessions and tokens are
// stored by the SHA-256 hash of their random value, passwords as argon2id strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/accounts/access.hpp"
#include "core/base/ids.hpp"

namespace jospar {

struct User {
  Id id = 0;
  std::string name;
  Role role = Role::kAnonymous;
  std::optional<Id> body_id;  // executors only
  std::string password_hash;  // argon2id encoded string (libsodium crypto_pwhash_str)
  bool disabled = false;
  std::string created_at;
  std::int64_t version = 1;  // optimistic concurrency, as for every object
  // The account's email address, lowercased (empty: none; unique when set). Persons sign in with it and
  // receive their confirmation, password-reset and notification mail there; staff may have one.
  std::string email;
  std::string email_confirmed_at;  // UTC ISO 8601; empty while the address is not confirmed
};

struct Session {
  std::string id_hash;  // hex SHA-256 of the cookie value
  Id user_id = 0;
  std::string csrf_token;         // random, sent in forms and the X-CSRF-Token header
  std::int64_t created_at = 0;    // unix seconds
  std::int64_t last_seen_at = 0;  // unix seconds
};

// A user's TOTP second factor. `secret_sealed` is the secret as the store keeps it (sealed by the caller;
// the repository never sees it in clear). `enabled_at` is empty while the enrolment waits for its first
// code; `last_step` is the time step of the last accepted code (0: none), so that no code is used twice.
struct SecondFactor {
  Id user_id = 0;
  std::string secret_sealed;
  std::string enabled_at;  // UTC ISO 8601, empty while pending
  std::int64_t last_step = 0;
};

struct ApiToken {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  std::string token_hash;  // hex SHA-256 of the token
  std::string created_at;
};

}  // namespace jospar
