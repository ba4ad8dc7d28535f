// The state that guards sign-in and unsafe requests, kept in the store so that several `jospar serve`
// processes on one database share it (handed out by Tx::throttle()): failed sign-ins per account and per
// client address, the pending second steps of two-factor sign-in, and the per-address request rate.
// Keys are opaque to the store: callers pass digests (web/auth.cpp hashes names and addresses), so that
// the store holds no name or address in clear. The contract shared by every repository is in
// core/base/unit_of_work.hpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/error.hpp"
#include "core/base/ids.hpp"

namespace jospar {

// A password that was right for a user with a second factor: the sign-in waits for the code.
struct SecondStep {
  std::string token_hash;  // hex SHA-256 of the token given to the client
  Id user_id = 0;
  std::string account_key;   // the sign-in throttle key of the account (failures count there)
  std::string binding_hash;  // hex SHA-256 of the pre-session cookie it is bound to ("" hashed for the API)
  std::int64_t expires_at = 0;  // seconds since the epoch
};

// A rate of unsafe requests per client: a token bucket of `burst` requests refilled at `per_minute`,
// kept as its "theoretical arrival time" (GCRA), one number per client. Times in milliseconds.
struct RequestRate {
  int burst = 0;
  int per_minute = 0;
  // Milliseconds one request costs (at least 1: rates above 60,000 a minute count as 60,000).
  std::int64_t IntervalMs() const {
    return per_minute > 0 ? std::max<std::int64_t>(1, 60000 / per_minute) : 60000;
  }
  // How far ahead of now the arrival time may run: burst requests at once.
  std::int64_t ToleranceMs() const { return std::int64_t{burst} * IntervalMs(); }
};

// The outcome of one request's turn. When refused, `retry_after_ms` > 0 is how long until one is allowed.
struct RequestTurn {
  bool allowed = false;
  std::int64_t retry_after_ms = 0;
};

// Seconds to tell the client (Retry-After), rounded up, at least 1.
inline std::int64_t RetryAfterSeconds(std::int64_t retry_after_ms) {
  return retry_after_ms <= 0 ? 1 : (retry_after_ms + 999) / 1000;
}

class ThrottleRepository {
 public:
  virtual ~ThrottleRepository() = default;

  // Failed sign-ins. Records one failure of `key` at `at` (seconds).
  virtual Status RecordSignInFailure(std::string_view key, std::int64_t at) = 0;
  // The time of the `nth` most recent failure of `key` later than `after` (nth >= 1); kNotFound when
  // `key` has fewer than `nth` such failures.
  virtual Result<std::int64_t> NthLatestSignInFailure(std::string_view key, std::int64_t after, int nth) = 0;
  // Forgets every failure of `key` (a whole sign-in succeeded).
  virtual Status ClearSignInFailures(std::string_view key) = 0;
  // Deletes the failures at or before `at` (older than the window); returns how many.
  virtual Result<std::int64_t> PurgeSignInFailures(std::int64_t at) = 0;

  // Pending second steps. kConflict when the token hash exists; kConflict when the user does not.
  virtual Status InsertSecondStep(const SecondStep& s) = 0;
  // kNotFound when there is none with this hash (expired ones are returned; the caller checks).
  virtual Result<SecondStep> GetSecondStep(std::string_view token_hash) = 0;
  // Ends the step; kNotFound when it is already gone (another request, maybe in another process, ended
  // it first), so that a step completes at most once.
  virtual Status DeleteSecondStep(std::string_view token_hash) = 0;
  // Deletes the steps with expires_at <= `now`; returns how many.
  virtual Result<std::int64_t> PurgeSecondSteps(std::int64_t now) = 0;

  // One unsafe request of `client` at `now_ms` under `rate` (burst >= 1): allowed, and counted, when the
  // client's bucket has a token; else refused and nothing changes. One statement (an UPSERT of the
  // client's one row), so concurrent turns of one client are counted one after the other and those of
  // different clients do not wait for each other. Call it in a transaction of its own and commit.
  virtual Result<RequestTurn> TakeRequestTurn(std::string_view client, std::int64_t now_ms,
                                              const RequestRate& rate) = 0;
  // Deletes the clients whose bucket is full again at `now_ms` (same as having no row); returns how many.
  virtual Result<std::int64_t> PurgeRequestBuckets(std::int64_t now_ms) = 0;
};

}  // namespace jospar
