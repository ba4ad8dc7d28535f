// Accounts of staff: the rules an account obeys and the use cases that create and change one. Every change
// is versioned (kConflict when stale), recorded in the history (not in the public transparency log: an
// account is personal data), and a change of password, role or disabled flag ends the user's sessions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/accounts.hpp"
#include "core/audit/audit.hpp"
#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"

namespace jospar::accounts {

inline constexpr std::size_t kMinPasswordLength = 12;

// 1..64 of [A-Za-z0-9._-].
bool ValidUserName(std::string_view name);

// The field errors of an account's role and body: an executor acts for exactly one state body ("body_id"
// error.field.required); other roles have none ("body_id" error.field.unexpected); a staff account has a
// staff role ("role" error.field.enum; also for "person", which only a registration gives).
void CheckRoleAndBody(Role role, const std::optional<Id>& body_id, std::vector<FieldError>& errors);
// "password" error.field.password_too_short when shorter than kMinPasswordLength bytes.
void CheckPassword(std::string_view password, std::vector<FieldError>& errors);
// An admin cannot demote or disable themself ("role" error.field.read_only): `next` is the account after a
// change made by `actor`.
void CheckSelfChange(const User& next, const Principal& actor, std::vector<FieldError>& errors);

// Success for an admin; kUnauthenticated for the anonymous caller, kForbidden for other staff. Every
// account read and change asks this first.
Status RequireAdmin(const Principal& p);

// Turns a password into its stored form (argon2id); injected so that core does no randomness itself.
using PasswordHasher = std::function<Result<std::string>(std::string_view password)>;

// Who acts: the signed-in principal (admins only may manage accounts) and the time of the decision.
struct AccountCaller {
  Principal principal;
  std::string now;  // UTC ISO 8601
};

struct NewUser {
  std::string name;
  Role role = Role::kAnonymous;
  std::optional<Id> body_id;
  std::string password;
};

// Creates an account. kForbidden/kUnauthenticated unless the caller is an admin; kInvalidInput naming
// "name", "role", "body_id" (also when the body does not exist) or "password"; kConflict naming "name"
// when the name is taken.
Result<User> CreateUser(Store& store, const AccountCaller& caller, const NewUser& user,
                        const PasswordHasher& hash_password);

// A change of an account; fields left unset stay as they are. `version` is the version it is based on.
struct UserChange {
  std::int64_t version = 0;
  std::optional<Role> role;
  bool set_body = false;  // body_id below replaces the account's (none when empty)
  std::optional<Id> body_id;
  std::optional<bool> disabled;
  std::string password;  // empty: unchanged
};

// Changes an account in one transaction: kNotFound, kConflict when `change.version` is stale, kInvalidInput
// as CreateUser and CheckSelfChange. A change of password, role, body or disabled flag ends the user's
// sessions. Returns the account after the change (its new version).
Result<User> ChangeUser(Store& store, const AccountCaller& caller, Id id, const UserChange& change,
                        const PasswordHasher& hash_password);

}  // namespace jospar::accounts
