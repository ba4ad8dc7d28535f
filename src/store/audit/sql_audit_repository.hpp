// The audit repository over sql::Connection, shared by every backend (AuditRepository of
// core/audit/history.hpp).
#pragma once

#include "core/audit/history.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

// Acts on the connection of the Tx that owns it; `c` is that Tx's connection slot (it changes on commit).
class SqlAuditRepository final : public AuditRepository {
 public:
  explicit SqlAuditRepository(Connection*& c) : c_(c) {}
  // History of changes, newest first.
  Status AppendHistory(const HistoryEntry& e) override;
  Result<std::vector<HistoryEntry>> ListHistory(ObjectRef object, int limit) override;
  // History entries with an id greater than `after`, oldest first, at most `limit` (field changes not
  // loaded); `LastHistoryId` is the greatest id in the history, 0 when it is empty.
  Result<std::vector<HistoryEntry>> ListHistorySince(Id after, int limit) override;
  Result<Id> LastHistoryId() override;

 private:
  Connection*& c_;
};

}  // namespace jospar::store::sql
