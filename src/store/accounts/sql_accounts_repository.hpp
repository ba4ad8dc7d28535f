// The accounts repository over sql::Connection, shared by every backend (AccountsRepository of
// core/accounts/repository.hpp).
#pragma once

#include "core/accounts/repository.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

// Acts on the connection of the Tx that owns it; `c` is that Tx's connection slot (it changes on commit).
class SqlAccountsRepository final : public AccountsRepository {
 public:
  explicit SqlAccountsRepository(Connection*& c) : c_(c) {}
  Result<User> GetUser(Id id) override;
  Result<User> GetUserByName(std::string_view name) override;
  Result<Id> InsertUser(const User& u) override;
  Status UpdateUser(const User& u) override;
  Result<bool> BodyExists(Id body_id) override;
  Status DeleteSessionsOfUser(Id user_id) override;
  // no version check
  Result<std::vector<User>> ListUsers() override;
  Status InsertSession(const Session& s) override;
  Result<Session> GetSession(std::string_view id_hash) override;
  Status TouchSession(std::string_view id_hash, std::int64_t last_seen_at) override;
  Status DeleteSession(std::string_view id_hash) override;
  Status DeleteSessionsOlderThan(std::int64_t created_before, std::int64_t seen_before) override;
  Result<Id> InsertApiToken(const ApiToken& t) override;
  Result<ApiToken> GetApiTokenByHash(std::string_view token_hash) override;
  Status DeleteApiToken(Id id) override;
  Result<SecondFactor> GetSecondFactor(Id user_id) override;
  Status PutSecondFactor(const SecondFactor& f) override;
  Status AdvanceSecondFactorStep(Id user_id, std::int64_t step) override;
  Status DeleteSecondFactor(Id user_id) override;
  Status ReplaceRecoveryCodes(Id user_id, const std::vector<std::string>& code_hashes) override;
  Status UseRecoveryCode(Id user_id, std::string_view code_hash, std::string_view used_at) override;
  Result<std::int64_t> CountUnusedRecoveryCodes(Id user_id) override;

 private:
  Connection*& c_;
};

}  // namespace jospar::store::sql
