#include "core/usecases/decisions.hpp"

#include <algorithm>

namespace jospar::usecases {

std::string CanonicalContent(std::string_view kind, std::string_view id,
                             const std::vector<FieldChange>& fields) {
  std::vector<std::pair<std::string, std::string>> lines;
  for (const auto& f : fields) {
    if (f.after.empty()) continue;
    std::string value;
    for (char c : f.after) {
      if (c == '\\')
        value += "\\\\";
      else if (c == '\n')
        value += "\\n";
      else
        value += c;
    }
    lines.emplace_back(f.field, std::move(value));
  }
  std::sort(lines.begin(), lines.end());
  std::string out = "jospar-content/v1\nkind ";
  out.append(kind).append("\nid ").append(id).append("\n");
  for (const auto& [name, value] : lines) out.append(name).append("=").append(value).append("\n");
  return out;
}

ledger::Hash ContentHash(std::string_view kind, std::string_view id, const std::vector<FieldChange>& fields) {
  return ledger::Sha256(CanonicalContent(kind, id, fields));
}

std::string ActorRole(const Principal& p) { return std::string(ToString(p.role)); }

ledger::Decision PlanDecision(std::string action, ObjectKind kind, Id id,
                              const std::vector<FieldChange>& fields, std::string role, std::string time) {
  ledger::Decision d;
  d.action = std::move(action);
  d.object_kind = std::string(ToString(kind));
  d.object_id = std::to_string(id);
  d.content_hash = ContentHash(d.object_kind, d.object_id, fields);
  d.actor_role = std::move(role);
  d.time = std::move(time);
  return d;
}

Result<ledger::LogEntry> RecordDecision(Store& store, const ledger::Decision& d) {
  if (auto ok = ledger::ValidateDecision(d); !ok) return Fail(ok.error());
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return Fail(tx.error());
  auto entry = (*tx)->Append(d);
  if (!entry) return entry;
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return entry;
}

}  // namespace jospar::usecases
