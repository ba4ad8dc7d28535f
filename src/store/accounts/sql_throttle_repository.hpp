// Sign-in failures, pending second steps and request buckets over sql::Connection, shared by every
// backend (ThrottleRepository of core/accounts/throttle.hpp).
#pragma once

#include "core/accounts/throttle.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

// Acts on the connection of the Tx that owns it; `c` is that Tx's connection slot (it changes on commit).
class SqlThrottleRepository final : public ThrottleRepository {
 public:
  explicit SqlThrottleRepository(Connection*& c) : c_(c) {}
  Status RecordSignInFailure(std::string_view key, std::int64_t at) override;
  Result<std::int64_t> NthLatestSignInFailure(std::string_view key, std::int64_t after, int nth) override;
  Status ClearSignInFailures(std::string_view key) override;
  Result<std::int64_t> PurgeSignInFailures(std::int64_t at) override;
  Status InsertSecondStep(const SecondStep& s) override;
  Result<SecondStep> GetSecondStep(std::string_view token_hash) override;
  Status DeleteSecondStep(std::string_view token_hash) override;
  Result<std::int64_t> PurgeSecondSteps(std::int64_t now) override;
  Result<RequestTurn> TakeRequestTurn(std::string_view client, std::int64_t now_ms,
                                      const RequestRate& rate) override;
  Result<std::int64_t> PurgeRequestBuckets(std::int64_t now_ms) override;

 private:
  Connection*& c_;
};

}  // namespace jospar::store::sql
