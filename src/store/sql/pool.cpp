#include "store/sql/pool.hpp"

#include <utility>

namespace jospar::store::sql {

Lease& Lease::operator=(Lease&& o) noexcept {
  if (this != &o) {
    Release();
    pool_ = std::exchange(o.pool_, nullptr);
    conn_ = std::move(o.conn_);
    reused_ = o.reused_;
  }
  return *this;
}

Lease::~Lease() { Release(); }

void Lease::Release() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Return(std::move(conn_));
  pool_ = nullptr;
  conn_.reset();
}

void Lease::Discard() {
  if (conn_ != nullptr && pool_ != nullptr) {
    conn_.reset();
    pool_->Return(nullptr);
  }
  pool_ = nullptr;
}

Pool::Pool(Factory factory, int max_size, std::chrono::milliseconds wait)
    : factory_(std::move(factory)), max_size_(max_size < 1 ? 1 : max_size), wait_(wait) {}

Result<Lease> Pool::Acquire() {
  std::unique_lock lock(mu_);
  auto available = [this] { return !idle_.empty() || open_ < max_size_; };
  if (!available()) {
    ++waits_;
    if (!cv_.wait_for(lock, wait_, available)) {
      return Fail(ErrorCode::kUnavailable, "error.unavailable", "all database connections are busy");
    }
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    ++in_use_;
    return Lease(this, std::move(conn), true);
  }
  ++open_;
  ++in_use_;
  lock.unlock();
  auto conn = factory_();  // connecting happens outside the lock
  lock.lock();
  if (!conn) {
    --open_;
    --in_use_;
    ++failures_;
    cv_.notify_one();
    return Fail(conn.error());
  }
  return Lease(this, std::move(*conn), false);
}

void Pool::Return(std::unique_ptr<Connection> conn) {
  std::unique_ptr<Connection> dropped;
  {
    std::lock_guard lock(mu_);
    --in_use_;
    if (conn != nullptr && conn->Healthy()) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;
      dropped = std::move(conn);
    }
  }
  cv_.notify_one();
}

void Pool::DropIdle() {
  std::vector<std::unique_ptr<Connection>> dropped;
  {
    std::lock_guard lock(mu_);
    open_ -= static_cast<int>(idle_.size());
    dropped.swap(idle_);
  }
  cv_.notify_all();
}

PoolStats Pool::Stats() const {
  std::lock_guard lock(mu_);
  return PoolStats{open_, in_use_, waits_, failures_};
}

}  // namespace jospar::store::sql
