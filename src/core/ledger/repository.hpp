// The transparency log's part of the store (handed out by Tx::ledger()). It is the log's DecisionLog:
// Append (core/ledger/entry.hpp) records a decision in the same transaction as the rest of the unit of
// work. Appends of concurrent transactions are serialised (the log has one order): a write transaction
// that appended holds the log until it commits or rolls back. The contract shared by every repository is
// in core/base/unit_of_work.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/error.hpp"
#include "core/ledger/entry.hpp"
#include "core/ledger/merkle.hpp"

namespace jospar {

// A signed checkpoint of the transparency log as stored: its tree size and the whole signed note
// (core/ledger/checkpoint.hpp).
struct StoredCheckpoint {
  std::uint64_t size = 0;
  std::string note;
};

class LedgerRepository : public ledger::DecisionLog {
 public:
  // Append is inherited from ledger::DecisionLog.
  virtual Result<std::uint64_t> LogSize() = 0;
  // Entries [begin, end) (clipped to the size), in index order.
  virtual Result<std::vector<ledger::LogEntry>> ListLogEntries(std::uint64_t begin, std::uint64_t end) = 0;
  // The canonical encoded entries [begin, end) as stored (for verification that must see the bytes).
  virtual Result<std::vector<std::string>> ListLogEntryBytes(std::uint64_t begin, std::uint64_t end) = 0;
  // The newest entries about one object, newest first.
  virtual Result<std::vector<ledger::LogEntry>> ListLogEntriesFor(std::string_view object_kind,
                                                                  std::string_view object_id, int limit) = 0;
  // Stored complete-subtree hashes in the order asked (a ledger::NodeReader); kNotFound if one is missing.
  virtual Result<std::vector<ledger::Hash>> ReadLogNodes(const std::vector<ledger::NodeId>& ids) = 0;
  // Stored nodes of one level with index >= begin, up to `limit`, in index order (for `ledger verify`).
  virtual Result<std::vector<std::pair<std::uint64_t, ledger::Hash>>> ListLogNodes(int level,
                                                                                   std::uint64_t begin,
                                                                                   int limit) = 0;
  // Keeps a signed checkpoint; one per size (kConflict when a different note exists for the size).
  virtual Status SaveCheckpoint(const StoredCheckpoint& c) = 0;
  // The checkpoint of the largest size, or nullopt when none was signed yet.
  virtual Result<std::optional<StoredCheckpoint>> LatestCheckpoint() = 0;
  // Every checkpoint, by size.
  virtual Result<std::vector<StoredCheckpoint>> ListCheckpoints() = 0;
};

}  // namespace jospar
