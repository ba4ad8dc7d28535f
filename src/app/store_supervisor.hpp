// A Store that keeps the server up while the database is down: when the first open fails because the
// database cannot be reached, every call answers kUnavailable (Ping false) and the open is retried at
// most every `retry` until it succeeds; from then on calls go to the opened store (whose pool
// reconnects by itself). Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "core/base/unit_of_work.hpp"
#include "store/open.hpp"

namespace jospar::app {

class SupervisedStore final : public Store {
 public:
  SupervisedStore(std::string url, store::StoreOptions options, std::chrono::milliseconds retry);
  // Tries to open now; the error of the attempt when it failed.
  Status TryOpen();

  Result<std::unique_ptr<Tx>> Begin(TxMode mode) override;
  bool Ping() override;
  PoolStats Stats() const override;
  std::string_view Backend() const override;

 private:
  Store* Current();

  std::string url_;
  store::StoreOptions options_;
  std::chrono::milliseconds retry_;
  std::mutex mu_;
  std::unique_ptr<Store> inner_;
  std::atomic<Store*> ready_{nullptr};
  std::chrono::steady_clock::time_point last_attempt_{};
  std::atomic<std::int64_t> failures_{0};
};

}  // namespace jospar::app
