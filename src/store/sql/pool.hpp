// A bounded pool of connections shared by the threads of a Store. Connections are opened lazily up to
// `max_size`; a caller that finds none free waits up to `wait` and then gets kUnavailable. A connection
// that is no longer Healthy() when returned is discarded, so the pool recovers by itself after the
// database comes back.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/base/unit_of_work.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

class Pool;

// A connection lent by the pool; returned when the lease is destroyed.
class Lease {
 public:
  Lease() = default;
  Lease(Pool* pool, std::unique_ptr<Connection> conn, bool reused)
      : pool_(pool), conn_(std::move(conn)), reused_(reused) {}
  Lease(Lease&& o) noexcept = default;
  Lease& operator=(Lease&& o) noexcept;
  ~Lease();
  Connection& operator*() const { return *conn_; }
  Connection* operator->() const { return conn_.get(); }
  // True when the connection was opened earlier and may have gone stale while idle.
  bool reused() const { return reused_; }
  // Drops the connection instead of returning it to the pool.
  void Discard();

 private:
  void Release();
  Pool* pool_ = nullptr;
  std::unique_ptr<Connection> conn_;
  bool reused_ = false;
};

class Pool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;
  Pool(Factory factory, int max_size, std::chrono::milliseconds wait);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // A free connection, a new one, or kUnavailable (cannot connect, or none free within the wait).
  Result<Lease> Acquire();
  // Closes every idle connection (used after a reused one turned out to be broken).
  void DropIdle();
  PoolStats Stats() const;

 private:
  friend class Lease;
  void Return(std::unique_ptr<Connection> conn);

  Factory factory_;
  const int max_size_;
  const std::chrono::milliseconds wait_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // idle + lent + being opened
  int in_use_ = 0;
  std::int64_t waits_ = 0;
  std::int64_t failures_ = 0;
};

}  // namespace jospar::store::sql
