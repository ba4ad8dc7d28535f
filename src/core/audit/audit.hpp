// The one way a use case records a change: the history row and the transparency-log entry, in the same
// transaction as the change itself, so that either all three are committed or none.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/audit/history.hpp"
#include "core/base/error.hpp"
#include "core/base/ids.hpp"
#include "core/base/unit_of_work.hpp"

namespace jospar::audit {

// Who decided, as the history and the log record it: `name` goes into the history only (a user name,
// "import", "demo"); `role` into the log ("admin", "planner", "executor", "system"); `time` is UTC ISO 8601.
struct Actor {
  std::string name;
  std::string role;
  std::string time;
};

// Records a decision on `object`: the transparency-log entry with the hash of `content` (the object's
// public fields after the decision; for a deletion, before it) and the history entry with the field-level
// `changes`, which names that log entry. Both in `tx`; nothing is committed here. Returns the log index.
Result<std::uint64_t> Record(Tx& tx, const Actor& actor, ObjectRef object, std::string action,
                             std::vector<FieldChange> changes, const std::vector<FieldChange>& content);

// The same where the logged content is what the decision established: `changes` with their new values
// (bulk loads).
Result<std::uint64_t> Record(Tx& tx, const Actor& actor, ObjectRef object, std::string action,
                             std::vector<FieldChange> changes);

// Records a decision about personal data (an account, a person) in the history only: it is not published
// in the transparency log, whose entries anyone can read.
Status RecordHistory(Tx& tx, const Actor& actor, ObjectRef object, std::string action,
                     std::vector<FieldChange> changes);

// Runs `work(tx)` in one write transaction and commits when it succeeds; on an error nothing is written and
// the error is returned. `work` returns a Status or a Result<T>; so does InWriteTx.
template <class Work>
auto InWriteTx(Store& store, Work&& work) -> std::invoke_result_t<Work, Tx&> {
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return Fail(tx.error());
  auto result = std::forward<Work>(work)(**tx);
  if (!result) return result;
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return result;
}

}  // namespace jospar::audit
