// The history of changes (AuditRepository): one row per decision, with its field changes as JSON.
#include <algorithm>

#include "store/audit/sql_audit_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {

Status SqlAuditRepository::AppendHistory(const HistoryEntry& e) {
  STORE_QUERY(q, *c_,
              "INSERT INTO history (object_kind, object_id, actor, at, action, changes, ledger_idx) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.Bind(ToString(e.object.kind)).Bind(e.object.id).Bind(e.actor).Bind(e.at).Bind(e.action);
  q.Bind(ChangesToJson(e.changes));
  if (e.ledger_index)
    q.Bind(static_cast<std::int64_t>(*e.ledger_index));
  else
    q.Bind(std::nullopt);
  return q.Run();
}

Result<std::vector<HistoryEntry>> SqlAuditRepository::ListHistory(ObjectRef object, int limit) {
  STORE_QUERY(q, *c_,
              "SELECT id, actor, at, action, changes, ledger_idx FROM history "
              "WHERE object_kind = ? AND object_id = ? ORDER BY id DESC LIMIT ?");
  q.Bind(ToString(object.kind)).Bind(object.id).Bind(std::clamp(limit, 1, 10000));
  std::vector<HistoryEntry> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    HistoryEntry e{q.Int(0), object, q.Text(1), q.Text(2), q.Text(3), ChangesFromJson(q.Text(4))};
    if (!q.IsNull(5)) e.ledger_index = static_cast<std::uint64_t>(q.Int(5));
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<HistoryEntry>> SqlAuditRepository::ListHistorySince(Id after, int limit) {
  STORE_QUERY(
      q, *c_,
      "SELECT id, object_kind, object_id, actor, at, action FROM history WHERE id > ? ORDER BY id LIMIT ?");
  q.Bind(after).Bind(static_cast<std::int64_t>(std::max(1, limit)));
  std::vector<HistoryEntry> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    HistoryEntry e;
    e.id = q.Int(0);
    e.object = {ParseObjectKind(q.Text(1)).value_or(ObjectKind::kUser), q.Int(2)};
    e.actor = q.Text(3);
    e.at = q.Text(4);
    e.action = q.Text(5);
    out.push_back(std::move(e));
  }
  return out;
}

Result<Id> SqlAuditRepository::LastHistoryId() {
  STORE_QUERY(q, *c_, "SELECT COALESCE(MAX(id), 0) FROM history");
  return q.OneInt();
}

}  // namespace jospar::store::sql
