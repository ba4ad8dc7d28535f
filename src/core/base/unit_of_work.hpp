// The unit of work: one database transaction that hands out each module's repository. Core's use cases
// read and write persistent state only through it. Implemented by src/store (SQLite and PostgreSQL); one
// contract test suite per module (tests/store) runs against every backend.
//
// Contract shared by every method of the repositories that a unit of work hands out (Tx::plan(), ...):
// - kNotFound when the object does not exist; kConflict on a duplicate unique key, a stale version or a
//   foreign key that does not resolve; kUnavailable when the database cannot be reached (the caller answers
//   503 and may retry); never throws for these.
// - Update*: the given object's `version` must equal the stored one; on success the stored version is
//   incremented (the object passed in is not modified). A stale version gives kConflict
//   ("error.version_conflict").
// - Writes are visible to later reads of the same Tx, and to others only after Commit().
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/base/error.hpp"

namespace jospar {

class PlanRepository;
class AccountsRepository;
class LedgerRepository;
class AuditRepository;
class OutboxRepository;
class PersonsRepository;

// A unit of work: one database transaction. Not thread-safe. Destroying it without Commit() rolls back.
// The repositories it hands out live as long as the Tx and act inside its transaction; a module's
// repository is declared in that module's repository.hpp (include it to call its methods).
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Status Commit() = 0;

  virtual PlanRepository& plan() = 0;
  virtual AccountsRepository& accounts() = 0;
  virtual LedgerRepository& ledger() = 0;
  virtual AuditRepository& audit() = 0;
  // The mail outbox (core/accounts/outbox.hpp).
  virtual OutboxRepository& outbox() = 0;
  // Person accounts: persons, email links, consents (core/accounts/persons.hpp).
  virtual PersonsRepository& persons() = 0;
};

enum class TxMode { kRead, kWrite };

struct PoolStats {
  int size = 0;               // connections open
  int in_use = 0;             // connections lent out
  std::int64_t waits = 0;     // times a caller waited for a free connection
  std::int64_t failures = 0;  // failed connection attempts
};

// Thread-safe. Begin() lends a pooled connection to the returned Tx until it is destroyed.
class Store {
 public:
  virtual ~Store() = default;
  // kUnavailable when no connection can be had now (the database is down or the pool is exhausted
  // past its wait time).
  virtual Result<std::unique_ptr<Tx>> Begin(TxMode mode) = 0;
  // True when the database answers a trivial query now.
  virtual bool Ping() = 0;
  virtual PoolStats Stats() const = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;
};

}  // namespace jospar
