// The ledger repository over sql::Connection, shared by every backend (LedgerRepository of
// core/ledger/repository.hpp).
#pragma once

#include "core/ledger/node_cache.hpp"
#include "core/ledger/repository.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

// Acts on the connection of the Tx that owns it; `c` is that Tx's connection slot (it changes on commit).
class SqlLedgerRepository final : public LedgerRepository {
 public:
  // `node_cache`, when set (read transactions only: it must be filled from committed data), serves
  // ReadLogNodes.
  SqlLedgerRepository(Connection*& c, ledger::NodeCache* node_cache) : c_(c), node_cache_(node_cache) {}
  Result<ledger::LogEntry> Append(const ledger::Decision& d) override;
  // Append is inherited from ledger::DecisionLog.
  Result<std::uint64_t> LogSize() override;
  // Entries [begin, end) (clipped to the size), in index order.
  Result<std::vector<ledger::LogEntry>> ListLogEntries(std::uint64_t begin, std::uint64_t end) override;
  // The canonical encoded entries [begin, end) as stored (for verification that must see the bytes).
  Result<std::vector<std::string>> ListLogEntryBytes(std::uint64_t begin, std::uint64_t end) override;
  // The newest entries about one object, newest first.
  Result<std::vector<ledger::LogEntry>> ListLogEntriesFor(std::string_view object_kind,
                                                          std::string_view object_id, int limit) override;
  // Stored complete-subtree hashes in the order asked (a ledger::NodeReader); kNotFound if one is missing.
  Result<std::vector<ledger::Hash>> ReadLogNodes(const std::vector<ledger::NodeId>& ids) override;
  // Stored nodes of one level with index >= begin, up to `limit`, in index order (for `ledger verify`).
  Result<std::vector<std::pair<std::uint64_t, ledger::Hash>>> ListLogNodes(int level, std::uint64_t begin,
                                                                           int limit) override;
  // Keeps a signed checkpoint; one per size (kConflict when a different note exists for the size).
  Status SaveCheckpoint(const StoredCheckpoint& c) override;
  // The checkpoint of the largest size, or nullopt when none was signed yet.
  Result<std::optional<StoredCheckpoint>> LatestCheckpoint() override;
  // Every checkpoint, by size.
  Result<std::vector<StoredCheckpoint>> ListCheckpoints() override;

 private:
  Connection*& c_;
  ledger::NodeCache* node_cache_;
};

}  // namespace jospar::store::sql
