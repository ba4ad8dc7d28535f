// How the use cases of every module describe their decisions to the transparency log
// (core/ledger/entry.hpp), and the helper other modules use to record one decision on its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/audit/history.hpp"
#include "core/base/ids.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/ledger/entry.hpp"

namespace jospar::usecases {

// The canonical public content of an object (or of what a decision establishes, e.g. a reported value):
//   "jospar-content/v1\nkind KIND\nid ID\n" then one "NAME=VALUE\n" line per field, sorted by NAME
// (the API's field names, as Diff lists them), VALUE with '\\' -> "\\\\" and newline -> "\\n". Fields
// at their default value (empty, none, false) are not listed. Only `after` of each field is used.
std::string CanonicalContent(std::string_view kind, std::string_view id,
                             const std::vector<FieldChange>& fields);
ledger::Hash ContentHash(std::string_view kind, std::string_view id, const std::vector<FieldChange>& fields);

// A decision about an object whose content is `fields`.
ledger::Decision ObjectDecision(std::string action, ObjectRef object, const std::vector<FieldChange>& fields,
                                std::string role, std::string time);

// Records one decision in its own transaction (for decisions that change nothing else in the store, such
// as publishing an export): validates, appends, commits. Returns the entry with its index.
Result<ledger::LogEntry> RecordDecision(Store& store, const ledger::Decision& d);

// A published file (e.g. an open-data export): its name and the hex SHA-256 of its bytes.
struct PublishedFile {
  std::string name;
  std::string sha256_hex;
};

// Records "publish dataset NAME sha256:HEX" (role "system") for every file whose newest entry in the log
// does not already have that hash, all in one transaction, so that a downloaded file can be checked against
// the log; a file already recorded with the same bytes is not recorded again (e.g. after a restart).
// Returns the entries appended. kInvalidInput when a hash is not 64 hex digits or `time` is not
// "yyyy-mm-ddThh:mm:ssZ"; nothing is recorded then.
Result<std::vector<ledger::LogEntry>> RecordPublishedFiles(Store& store,
                                                           const std::vector<PublishedFile>& files,
                                                           const std::string& time);

}  // namespace jospar::usecases
