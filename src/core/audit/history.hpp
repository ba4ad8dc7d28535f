// The history of changes: one entry per decision on an object, with the field-level changes and the index
// of the transparency-log entry recorded with it. Written only through core/audit/audit.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/ids.hpp"

namespace jospar {

struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};

struct HistoryEntry {
  Id id = 0;
  ObjectRef object;
  std::string actor;   // user name, "import" or "demo"
  std::string at;      // UTC ISO 8601
  std::string action;  // "create", "update", "delete", "status:approved", "amend", "report", "import"
  std::vector<FieldChange> changes;
  // The index of the transparency log entry recorded with this decision in the same transaction; nullopt
  // for rows written without one (a generated plan) or before migration 010 when it could not be paired.
  std::optional<std::uint64_t> ledger_index{};
};

// The history's part of the store (handed out by Tx::audit()). Contract as in core/base/unit_of_work.hpp.
class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // History of changes, newest first.
  virtual Status AppendHistory(const HistoryEntry& e) = 0;
  virtual Result<std::vector<HistoryEntry>> ListHistory(ObjectRef object, int limit) = 0;
  // History entries with an id greater than `after`, oldest first, at most `limit` (field changes not
  // loaded); `LastHistoryId` is the greatest id in the history, 0 when it is empty.
  virtual Result<std::vector<HistoryEntry>> ListHistorySince(Id after, int limit) = 0;
  virtual Result<Id> LastHistoryId() = 0;
};

}  // namespace jospar
