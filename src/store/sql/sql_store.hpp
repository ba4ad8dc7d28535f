// The one implementation of core's Store over a connection Pool, shared by every backend.
#pragma once

#include <chrono>
#include <memory>
#include <semaphore>
#include <string>

#include "core/base/unit_of_work.hpp"
#include "core/ledger/node_cache.hpp"
#include "store/sql/pool.hpp"

namespace jospar::store::sql {

class SqlStore final : public Store {
 public:
  // `serialize_writes`: write transactions wait (up to `wait`) for each other inside the process instead
  // of polling the database's lock (SQLite, which allows one writer at a time).
  SqlStore(std::string backend, Pool::Factory factory, int pool_size, std::chrono::milliseconds wait,
           bool serialize_writes);
  Result<std::unique_ptr<Tx>> Begin(TxMode mode) override;
  bool Ping() override;
  PoolStats Stats() const override;
  std::string_view Backend() const override { return backend_; }

 private:
  std::string backend_;
  Pool pool_;
  std::chrono::milliseconds wait_;
  std::unique_ptr<std::binary_semaphore> write_gate_;
  // Upper levels of the transparency log's tree, shared by the read transactions (proofs).
  ledger::NodeCache node_cache_;
};

}  // namespace jospar::store::sql
