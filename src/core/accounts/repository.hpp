// Accounts' part of the store (handed out by Tx::accounts()): users, sessions, API tokens. The contract
// shared by every repository is in core/base/unit_of_work.hpp.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/accounts/accounts.hpp"
#include "core/base/error.hpp"

namespace jospar {

class AccountsRepository {
 public:
  virtual ~AccountsRepository() = default;
  virtual Result<User> GetUser(Id id) = 0;
  virtual Result<User> GetUserByName(std::string_view name) = 0;
  virtual Result<Id> InsertUser(const User& u) = 0;
  // Versioned like every Update* (kConflict when `u.version` is stale).
  virtual Status UpdateUser(const User& u) = 0;
  // Whether a state body (the plan registry's) with this id exists: an executor is bound to one.
  virtual Result<bool> BodyExists(Id body_id) = 0;
  // Ends every session of the user (after a change of password, role or disabled flag).
  virtual Status DeleteSessionsOfUser(Id user_id) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Status InsertSession(const Session& s) = 0;
  virtual Result<Session> GetSession(std::string_view id_hash) = 0;
  virtual Status TouchSession(std::string_view id_hash, std::int64_t last_seen_at) = 0;
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  virtual Status DeleteSessionsOlderThan(std::int64_t created_before, std::int64_t seen_before) = 0;
  virtual Result<Id> InsertApiToken(const ApiToken& t) = 0;
  virtual Result<ApiToken> GetApiTokenByHash(std::string_view token_hash) = 0;
  virtual Status DeleteApiToken(Id id) = 0;

  // Second factor. kNotFound when the user has none (not even a pending enrolment).
  virtual Result<SecondFactor> GetSecondFactor(Id user_id) = 0;
  // Inserts or replaces the user's second factor (a new enrolment replaces a pending or old one).
  virtual Status PutSecondFactor(const SecondFactor& f) = 0;
  // Records that a code of `step` was accepted: kConflict when the stored last step is already >= `step`
  // (a replay, also when two requests race with the same code); kNotFound without a second factor.
  virtual Status AdvanceSecondFactorStep(Id user_id, std::int64_t step) = 0;
  // Removes the user's second factor and all their recovery codes (switching it off, or an admin's reset).
  virtual Status DeleteSecondFactor(Id user_id) = 0;
  // Replaces the user's recovery codes with these (hex SHA-256 of each normalised code).
  virtual Status ReplaceRecoveryCodes(Id user_id, const std::vector<std::string>& code_hashes) = 0;
  // Marks an unused recovery code used at `used_at`; kNotFound when the user has no unused code with
  // this hash (wrong, or already used).
  virtual Status UseRecoveryCode(Id user_id, std::string_view code_hash, std::string_view used_at) = 0;
  virtual Result<std::int64_t> CountUnusedRecoveryCodes(Id user_id) = 0;
};

}  // namespace jospar
