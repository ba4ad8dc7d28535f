#include "core/audit/audit.hpp"

#include "core/audit/decisions.hpp"
#include "core/ledger/repository.hpp"

namespace jospar::audit {
namespace {

HistoryEntry Entry(const Actor& actor, ObjectRef object, std::string action,
                   std::vector<FieldChange> changes) {
  HistoryEntry e;
  e.object = object;
  e.actor = actor.name;
  e.at = actor.time;
  e.action = std::move(action);
  e.changes = std::move(changes);
  return e;
}

}  // namespace

Result<std::uint64_t> Record(Tx& tx, const Actor& actor, ObjectRef object, std::string action,
                             std::vector<FieldChange> changes, const std::vector<FieldChange>& content) {
  auto logged = tx.ledger().Append(usecases::ObjectDecision(action, object, content, actor.role, actor.time));
  if (!logged) return Fail(logged.error());
  HistoryEntry e = Entry(actor, object, std::move(action), std::move(changes));
  e.ledger_index = logged->index;
  if (auto ok = tx.audit().AppendHistory(e); !ok) return Fail(ok.error());
  return logged->index;
}

Result<std::uint64_t> Record(Tx& tx, const Actor& actor, ObjectRef object, std::string action,
                             std::vector<FieldChange> changes) {
  const std::vector<FieldChange> content = changes;
  return Record(tx, actor, object, std::move(action), std::move(changes), content);
}

Status RecordHistory(Tx& tx, const Actor& actor, ObjectRef object, std::string action,
                     std::vector<FieldChange> changes) {
  return tx.audit().AppendHistory(Entry(actor, object, std::move(action), std::move(changes)));
}

}  // namespace jospar::audit
