#include "web/metrics.hpp"

#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "core/accounts/throttle.hpp"
#include "core/ledger/hash.hpp"

namespace jospar::web {

Metrics::Metrics(std::size_t routes) : routes_(routes), slots_(new Slot[routes + 1]) {}

void Metrics::Observe(std::size_t route_index, int status, double seconds) {
  if (route_index > routes_) route_index = routes_;
  int cls = status / 100 - 1;
  if (cls < 0 || cls > 4) cls = 4;
  Series& s = slots_[route_index].by_class[cls];
  s.count.fetch_add(1, std::memory_order_relaxed);
  s.sum_us.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  for (std::size_t b = 0; b < kBucketCount; ++b) {
    if (seconds <= kBuckets[b]) {
      s.buckets[b].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
}

std::string Metrics::Render(const std::vector<Router::RouteInfo>& routes, Store& store) const {
  std::string out;
  auto label = [&](std::size_t i) {
    if (i >= routes.size()) return std::string("method=\"\",route=\"unmatched\"");
    return fmt::format("method=\"{}\",route=\"{}\"", routes[i].method, routes[i].pattern);
  };
  out += "# HELP jospar_http_requests_total HTTP requests by route pattern and status class.\n";
  out += "# TYPE jospar_http_requests_total counter\n";
  for (std::size_t i = 0; i <= routes_; ++i) {
    for (int c = 0; c < 5; ++c) {
      auto n = slots_[i].by_class[c].count.load(std::memory_order_relaxed);
      if (n) out += fmt::format("jospar_http_requests_total{{{},status=\"{}xx\"}} {}\n", label(i), c + 1, n);
    }
  }
  out +=
      "# HELP jospar_http_request_duration_seconds Time to answer a request, by route pattern and status "
      "class.\n";
  out += "# TYPE jospar_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i <= routes_; ++i) {
    for (int c = 0; c < 5; ++c) {
      const Series& s = slots_[i].by_class[c];
      auto n = s.count.load(std::memory_order_relaxed);
      if (!n) continue;
      const std::string l = fmt::format("{},status=\"{}xx\"", label(i), c + 1);
      std::uint64_t cumulative = 0;
      for (std::size_t b = 0; b < kBucketCount; ++b) {
        cumulative += s.buckets[b].load(std::memory_order_relaxed);
        out += fmt::format("jospar_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", l, kBuckets[b],
                           cumulative);
      }
      out += fmt::format("jospar_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", l, n);
      out += fmt::format("jospar_http_request_duration_seconds_sum{{{}}} {}\n", l,
                         static_cast<double>(s.sum_us.load(std::memory_order_relaxed)) / 1e6);
      out += fmt::format("jospar_http_request_duration_seconds_count{{{}}} {}\n", l, n);
    }
  }
  std::uint64_t errors = 0;
  for (std::size_t i = 0; i <= routes_; ++i)
    errors += slots_[i].by_class[4].count.load(std::memory_order_relaxed);
  out +=
      "# HELP jospar_http_errors_total Responses with a 5xx status.\n# TYPE jospar_http_errors_total "
      "counter\n";
  out += fmt::format("jospar_http_errors_total {}\n", errors);
  out += "# HELP jospar_http_exceptions_total Requests that ended in an unhandled exception.\n";
  out += "# TYPE jospar_http_exceptions_total counter\n";
  out += fmt::format("jospar_http_exceptions_total {}\n", exceptions_.load(std::memory_order_relaxed));
  const PoolStats p = store.Stats();
  const std::string backend(store.Backend());
  out += "# HELP jospar_store_pool_connections Connections open in the store's pool.\n";
  out += "# TYPE jospar_store_pool_connections gauge\n";
  out += fmt::format("jospar_store_pool_connections{{backend=\"{}\"}} {}\n", backend, p.size);
  out += "# HELP jospar_store_pool_in_use Connections lent out.\n# TYPE jospar_store_pool_in_use gauge\n";
  out += fmt::format("jospar_store_pool_in_use{{backend=\"{}\"}} {}\n", backend, p.in_use);
  out += "# HELP jospar_store_pool_waits_total Times a caller waited for a free connection.\n";
  out += "# TYPE jospar_store_pool_waits_total counter\n";
  out += fmt::format("jospar_store_pool_waits_total{{backend=\"{}\"}} {}\n", backend, p.waits);
  out += "# HELP jospar_store_pool_failures_total Failed connection attempts.\n";
  out += "# TYPE jospar_store_pool_failures_total counter\n";
  out += fmt::format("jospar_store_pool_failures_total{{backend=\"{}\"}} {}\n", backend, p.failures);
  return out;
}

RateLimiter::RateLimiter(int burst, int per_minute)
    : burst_(burst), per_minute_(per_minute), per_second_(per_minute / 60.0) {}

RateLimiter::RateLimiter(Store& store, int burst, int per_minute, MillisClock now_ms)
    : burst_(burst),
      per_minute_(per_minute),
      per_second_(per_minute / 60.0),
      store_(&store),
      now_ms_(std::move(now_ms)) {}

std::int64_t RateLimiter::WallClockMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool RateLimiter::AllowShared(const std::string& client, int& retry_after) {
  const std::int64_t now = now_ms_();
  const RequestRate rate{burst_, per_minute_};
  // Bounded growth: about once a minute one request of this process deletes the buckets that are full
  // again (a client without a row starts full, so nothing changes for anyone).
  std::int64_t last = last_purge_ms_.load(std::memory_order_relaxed);
  if (now - last >= kPurgeEveryMs && last_purge_ms_.compare_exchange_strong(last, now)) {
    if (auto tx = store_->Begin(TxMode::kWrite))
      if ((*tx)->throttle().PurgeRequestBuckets(now)) (void)(*tx)->Commit();
  }
  auto tx = store_->Begin(TxMode::kWrite);
  if (!tx) return true;
  // The address as a digest: the table holds no client address in clear.
  auto turn = (*tx)->throttle().TakeRequestTurn(ledger::Sha256Hex("r:" + client), now, rate);
  if (!turn || !(*tx)->Commit()) return true;
  if (turn->allowed) return true;
  retry_after = static_cast<int>(RetryAfterSeconds(turn->retry_after_ms));
  return false;
}

bool RateLimiter::Allow(const std::string& client, int& retry_after) {
  if (burst_ <= 0) return true;
  if (store_ != nullptr) return AllowShared(client, retry_after);
  const double now =
      std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  std::lock_guard lock(mu_);
  if (buckets_.size() > 100000) buckets_.clear();  // bounded memory; a flood only resets the buckets
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{static_cast<double>(burst_), now});
  Bucket& b = it->second;
  b.tokens = std::min<double>(burst_, b.tokens + (now - b.last) * per_second_);
  b.last = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  retry_after = per_second_ > 0 ? static_cast<int>(std::ceil((1 - b.tokens) / per_second_)) : 60;
  return false;
}

}  // namespace jospar::web
