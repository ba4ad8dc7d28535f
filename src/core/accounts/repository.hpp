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
  virtual Status UpdateUser(const User& u) = 0;  // no version check
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Status InsertSession(const Session& s) = 0;
  virtual Result<Session> GetSession(std::string_view id_hash) = 0;
  virtual Status TouchSession(std::string_view id_hash, std::int64_t last_seen_at) = 0;
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  virtual Status DeleteSessionsOlderThan(std::int64_t created_before, std::int64_t seen_before) = 0;
  virtual Result<Id> InsertApiToken(const ApiToken& t) = 0;
  virtual Result<ApiToken> GetApiTokenByHash(std::string_view token_hash) = 0;
  virtual Status DeleteApiToken(Id id) = 0;
};

}  // namespace jospar
