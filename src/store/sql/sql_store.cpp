#include "store/sql/sql_store.hpp"

#include "store/sql/sql_tx.hpp"

namespace jospar::store::sql {

SqlStore::SqlStore(std::string backend, Pool::Factory factory, int pool_size, std::chrono::milliseconds wait,
                   bool serialize_writes)
    : backend_(std::move(backend)), pool_(std::move(factory), pool_size, wait), wait_(wait) {
  if (serialize_writes) write_gate_ = std::make_unique<std::binary_semaphore>(1);
}

Result<std::unique_ptr<Tx>> SqlStore::Begin(TxMode mode) {
  const bool write = mode == TxMode::kWrite;
  // A writer waits for its turn before it takes a connection, so that queued writers do not hold
  // connections the readers need.
  std::binary_semaphore* gate = nullptr;
  if (write && write_gate_ != nullptr) {
    if (!write_gate_->try_acquire_for(wait_)) {
      return Fail(ErrorCode::kUnavailable, "error.unavailable", "another write transaction is running");
    }
    gate = write_gate_.get();
  }
  struct GateGuard {
    std::binary_semaphore* gate;
    ~GateGuard() {
      if (gate != nullptr) gate->release();
    }
  } guard{gate};
  // A reused connection may have died while idle (database restarted): then every idle one is suspect,
  // so they are dropped and the attempt is repeated once on a fresh connection.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto lease = pool_.Acquire();
    if (!lease) return Fail(lease.error());
    auto begun = (*lease)->Begin(write);
    if (begun) {
      guard.gate = nullptr;  // the Tx releases it
      return std::unique_ptr<Tx>(
          std::make_unique<SqlTx>(std::move(*lease), gate, write ? nullptr : &node_cache_));
    }
    if (!(*lease)->Healthy() && lease->reused() && attempt == 0) {
      lease->Discard();
      pool_.DropIdle();
      continue;
    }
    return Fail(begun.error());
  }
  return Fail(ErrorCode::kUnavailable, "error.unavailable", "database unreachable");
}

bool SqlStore::Ping() {
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto lease = pool_.Acquire();
    if (!lease) return false;
    if ((*lease)->Exec("SELECT 1")) return true;
    if (!(*lease)->Healthy() && lease->reused() && attempt == 0) {
      lease->Discard();
      pool_.DropIdle();
      continue;
    }
    return false;
  }
  return false;
}

PoolStats SqlStore::Stats() const { return pool_.Stats(); }

namespace {

// Stands in for the connection of a committed Tx: every use fails.
class EndedConnection final : public Connection {
 public:
  Result<Statement*> Prepare(std::string_view) override { return Ended(); }
  Status Exec(std::string_view) override { return Ended(); }
  Status Begin(bool) override { return Ended(); }
  bool Healthy() override { return false; }
  std::string_view Backend() const override { return "ended"; }

 private:
  static tl::unexpected<Error> Ended() {
    return Fail(ErrorCode::kInternal, "error.internal", "the transaction has been committed");
  }
};

EndedConnection& Ended() {
  static EndedConnection ended;
  return ended;
}

}  // namespace

SqlTx::SqlTx(Lease lease, std::binary_semaphore* gate, ledger::NodeCache* node_cache)
    : lease_(std::move(lease)), c_(&*lease_), gate_(gate), ledger_(c_, node_cache) {
  c_->ResetFailure();
}

SqlTx::~SqlTx() {
  if (!done_) (void)c_->Exec("ROLLBACK");
  if (gate_ != nullptr) gate_->release();
}

Status SqlTx::Commit() {
  if (done_) return Fail(ErrorCode::kInternal, "error.internal", "transaction already committed");
  if (c_->failed()) {
    return Fail(ErrorCode::kConflict, "error.tx_aborted",
                "a statement of this transaction failed earlier; nothing was written");
  }
  STORE_TRY(c_->Exec("COMMIT"));
  done_ = true;
  // After an erasure of personal data (SqlPersonsRepository::EraseAccount): SQLite keeps the old pages in
  // the write-ahead log until it is checkpointed and truncated (deleted content in the database file is
  // zeroed by secure_delete). Best effort: the erasure is committed; a reader still using the log makes
  // the truncation wait for the next erasure. PostgreSQL: autovacuum reclaims the dead rows.
  if (scrub_after_commit_ && c_->Backend() == "sqlite") (void)c_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  // The connection and the write turn go to the next caller while this Tx object may still live.
  c_ = &Ended();
  lease_ = Lease();
  if (gate_ != nullptr) {
    gate_->release();
    gate_ = nullptr;
  }
  return {};
}

}  // namespace jospar::store::sql
