#include "app/store_supervisor.hpp"

namespace jospar::app {

SupervisedStore::SupervisedStore(std::string url, store::StoreOptions options,
                                 std::chrono::milliseconds retry)
    : url_(std::move(url)), options_(options), retry_(retry) {}

Status SupervisedStore::TryOpen() {
  std::lock_guard lock(mu_);
  if (inner_) return {};
  last_attempt_ = std::chrono::steady_clock::now();
  auto s = store::OpenStore(url_, options_);
  if (!s) {
    failures_.fetch_add(1);
    return Fail(s.error());
  }
  inner_ = std::move(*s);
  ready_.store(inner_.get());
  return {};
}

Store* SupervisedStore::Current() {
  if (Store* s = ready_.load()) return s;
  {
    std::lock_guard lock(mu_);
    if (std::chrono::steady_clock::now() - last_attempt_ < retry_) return nullptr;
  }
  (void)TryOpen();
  return ready_.load();
}

Result<std::unique_ptr<Tx>> SupervisedStore::Begin(TxMode mode) {
  Store* s = Current();
  if (!s)
    return Fail(ErrorCode::kUnavailable, "error.unavailable", "the database has not been reachable yet");
  return s->Begin(mode);
}

bool SupervisedStore::Ping() {
  Store* s = Current();
  return s && s->Ping();
}

PoolStats SupervisedStore::Stats() const {
  if (Store* s = ready_.load()) return s->Stats();
  PoolStats p;
  p.failures = failures_.load();
  return p;
}

std::string_view SupervisedStore::Backend() const {
  if (Store* s = ready_.load()) return s->Backend();
  return url_.rfind("postgres", 0) == 0 ? "postgresql" : "sqlite";
}

}  // namespace jospar::app
