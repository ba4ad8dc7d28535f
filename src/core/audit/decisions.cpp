#include "core/audit/decisions.hpp"

#include "core/audit/audit.hpp"

#include <algorithm>

#include "core/ledger/repository.hpp"

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

ledger::Decision ObjectDecision(std::string action, ObjectRef object, const std::vector<FieldChange>& fields,
                                std::string role, std::string time) {
  ledger::Decision d;
  d.action = std::move(action);
  d.object_kind = std::string(ToString(object.kind));
  d.object_id = std::to_string(object.id);
  d.content_hash = ContentHash(d.object_kind, d.object_id, fields);
  d.actor_role = std::move(role);
  d.time = std::move(time);
  return d;
}

Result<ledger::LogEntry> RecordDecision(Store& store, const ledger::Decision& d) {
  if (auto ok = ledger::ValidateDecision(d); !ok) return Fail(ok.error());
  return audit::InWriteTx(store, [&](Tx& tx) { return tx.ledger().Append(d); });
}

Result<std::vector<ledger::LogEntry>> RecordPublishedFiles(Store& store,
                                                           const std::vector<PublishedFile>& files,
                                                           const std::string& time) {
  std::vector<ledger::Decision> decisions;
  for (const auto& f : files) {
    auto hash = ledger::HashFromHex(f.sha256_hex);
    if (!hash)
      return Fail(ErrorCode::kInvalidInput, "error.ledger.entry",
                  f.name + ": not a SHA-256: " + f.sha256_hex);
    ledger::Decision d{"publish", "dataset", f.name, *hash, "system", time};
    if (auto ok = ledger::ValidateDecision(d); !ok) return Fail(ok.error());
    decisions.push_back(std::move(d));
  }
  std::vector<ledger::LogEntry> appended;
  if (decisions.empty()) return appended;
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<std::vector<ledger::LogEntry>> {
    for (const auto& d : decisions) {
      auto latest = tx.ledger().ListLogEntriesFor(d.object_kind, d.object_id, 1);
      if (!latest) return Fail(latest.error());
      if (!latest->empty() && latest->front().decision.content_hash == d.content_hash) continue;
      auto entry = tx.ledger().Append(d);
      if (!entry) return Fail(entry.error());
      appended.push_back(std::move(*entry));
    }
    return appended;
  });
}

}  // namespace jospar::usecases
