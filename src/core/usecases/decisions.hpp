// How the plan registry's use cases describe their decisions to the transparency log
// (core/ledger/entry.hpp), and the helper other modules use to record one decision on its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/ledger/entry.hpp"
#include "core/plan.hpp"
#include "core/store.hpp"

namespace jospar::usecases {

// The canonical public content of an object (or of what a decision establishes, e.g. a reported value):
//   "jospar-content/v1\nkind KIND\nid ID\n" then one "NAME=VALUE\n" line per field, sorted by NAME
// (the API's field names, as Diff lists them), VALUE with '\\' -> "\\\\" and newline -> "\\n". Fields
// at their default value (empty, none, false) are not listed. Only `after` of each field is used.
std::string CanonicalContent(std::string_view kind, std::string_view id,
                             const std::vector<FieldChange>& fields);
ledger::Hash ContentHash(std::string_view kind, std::string_view id, const std::vector<FieldChange>& fields);

// The role that goes into the log for a caller ("admin", "planner", "executor", "anonymous"); bulk
// loads (import, demo) record "system".
std::string ActorRole(const Principal& p);

// A decision about a plan object whose content is `fields`.
ledger::Decision PlanDecision(std::string action, ObjectKind kind, Id id,
                              const std::vector<FieldChange>& fields, std::string role, std::string time);

// Records one decision in its own transaction (for decisions that change nothing else in the store, such
// as publishing an export): validates, appends, commits. Returns the entry with its index.
Result<ledger::LogEntry> RecordDecision(Store& store, const ledger::Decision& d);

}  // namespace jospar::usecases
