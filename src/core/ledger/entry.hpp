// The transparency log's entries and the port through which every module records its decisions.
//
// An entry says what was decided (action), on what (object kind and id), the SHA-256 of the object's
// canonical public content after the decision (for a deletion: the content that was removed), the ROLE
// of who decided and when. It never holds a name or other personal data, so that personal data can be
// erased without breaking the log. Entries are encoded canonically (EncodeEntry) and the Merkle leaf is
// SHA-256(0x00 || that encoding).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/error.hpp"
#include "core/ledger/hash.hpp"

namespace jospar::ledger {

struct Decision {
  std::string action;       // "create", "update", "delete", "status:approved", "amend", "report", "export"
  std::string object_kind;  // "document", "indicator", ..., "dataset": any module's kind
  std::string object_id;    // "42", "indicators.csv"
  Hash content_hash{};      // SHA-256 of the object's canonical public content
  std::string actor_role;   // "admin", "planner", "executor", "system" — never a name
  std::string time;         // UTC "yyyy-mm-ddThh:mm:ssZ"
  friend bool operator==(const Decision&, const Decision&) = default;
};

struct LogEntry {
  std::uint64_t index = 0;  // position in the log, from 0
  Decision decision;
};

// kInvalidInput ("error.ledger.entry") naming the field when a token is empty, longer than 200 bytes or
// holds a character outside [A-Za-z0-9._:/@=+-], or the time is not "yyyy-mm-ddThh:mm:ssZ".
Status ValidateDecision(const Decision& d);

// The canonical bytes of a decision (the Merkle leaf data):
//   "jospar-ledger/v1\naction A\nobject KIND ID\ncontent sha256:HEX\nrole ROLE\ntime TIME\n"
std::string EncodeEntry(const Decision& d);
// The exact inverse: kInvalidInput ("error.ledger.entry") with "line N: what was expected" for anything
// that EncodeEntry would not have produced.
Result<Decision> ParseEntry(std::string_view bytes);

// The port: a unit of work that can record decisions. Append validates the decision, gives it the next
// index and makes it part of the same transaction as the change it records: it becomes visible and
// durable with that transaction's commit, or not at all. Implemented by core's Tx (core/store.hpp).
class DecisionLog {
 public:
  virtual ~DecisionLog() = default;
  virtual Result<LogEntry> Append(const Decision& d) = 0;
};

}  // namespace jospar::ledger
