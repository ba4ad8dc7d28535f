// Prometheus metrics of the web layer: requests and latency per route pattern and status class,
// unhandled errors, and the store's connection pool. Lock-free on the request path.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/base/unit_of_work.hpp"
#include "web/http.hpp"

namespace jospar::web {

class Metrics {
 public:
  // One slot per route (by Router::Match::index) plus one for requests that matched no route.
  explicit Metrics(std::size_t routes);

  void Observe(std::size_t route_index, int status, double seconds);
  void CountException() { exceptions_.fetch_add(1, std::memory_order_relaxed); }

  // The text exposition format (version 0.0.4).
  std::string Render(const std::vector<Router::RouteInfo>& routes, Store& store) const;

  static constexpr double kBuckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                        0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  static constexpr std::size_t kBucketCount = sizeof(kBuckets) / sizeof(kBuckets[0]);

 private:
  struct Series {
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_us{0};
    std::atomic<std::uint64_t> buckets[kBucketCount] = {};
  };
  struct Slot {
    Series by_class[5];  // 1xx .. 5xx
  };
  std::size_t routes_;
  std::unique_ptr<Slot[]> slots_;
  std::atomic<std::uint64_t> exceptions_{0};
};

// Token buckets per client address for unsafe requests. Thread-safe. Two kinds:
// - in memory (the first constructor): per process; what `jospar serve` uses on SQLite, where one process
//   serves a database;
// - in the store (the second): one row per client address in the database (core/accounts/throttle.hpp),
//   so that every process on one PostgreSQL counts the same bucket. Each turn is one UPSERT in a short
//   transaction of its own; the clock is wall-clock milliseconds, so the hosts' clocks must agree (NTP).
//   When the store cannot be reached the request is let through (it will meet the same outage).
class RateLimiter {
 public:
  RateLimiter(int burst, int per_minute);
  using MillisClock = std::function<std::int64_t()>;
  RateLimiter(Store& store, int burst, int per_minute, MillisClock now_ms = WallClockMillis);
  // True when the client may proceed; else `retry_after` is set to the seconds to wait.
  bool Allow(const std::string& client, int& retry_after);
  bool shared() const { return store_ != nullptr; }

  static std::int64_t WallClockMillis();
  // How often (ms of its clock) a store-backed limiter deletes the buckets that are full again.
  static constexpr std::int64_t kPurgeEveryMs = 60'000;

 private:
  bool AllowShared(const std::string& client, int& retry_after);

  struct Bucket {
    double tokens = 0;
    double last = 0;  // seconds, steady clock
  };
  int burst_;
  int per_minute_;
  double per_second_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  Store* store_ = nullptr;
  MillisClock now_ms_;
  std::atomic<std::int64_t> last_purge_ms_{0};
};

}  // namespace jospar::web
