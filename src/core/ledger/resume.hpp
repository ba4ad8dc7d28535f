// Resuming the offline check of public log data (`jospar ledger check --state FILE`) from a checkpoint the
// checker verified before, kept with the right edge of its tree (ledger::Frontier): only the consistency
// of the trusted checkpoint with the log's newest one and the entries appended since are checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ledger/checkpoint.hpp"
#include "core/ledger/frontier.hpp"
#include "core/ledger/usecases.hpp"

namespace jospar::usecases {

// What a checker keeps after a successful check: the log's verifier key, the newest signed checkpoint it
// verified (the note as signed) and the frontier of that checkpoint's tree.
struct TrustedLogState {
  std::string verifier_key;  // NAME+KEYID+BASE64
  std::string note;          // a signed checkpoint note
  ledger::Frontier frontier;
};

// The state a checker starts with when it trusts nothing yet: size 0 (every entry is checked).
// `note` stays empty.
TrustedLogState EmptyLogState(std::string verifier_key);

// The trusted checkpoint (size and root) of a state, after checking that the note is signed by the
// state's key and that the frontier gives its root. kInvalidInput ("error.ledger.state") otherwise.
Result<ledger::Checkpoint> OpenLogState(const TrustedLogState& state, const ledger::Verifier& verifier);

struct ResumeReport {
  std::uint64_t trusted_size = 0;  // where the check resumed
  std::uint64_t new_entries = 0;   // entries parsed and checked
  std::uint64_t checkpoints = 0;   // signed checkpoints of size >= trusted_size checked against the entries
  std::uint64_t largest_checkpoint = 0;
};

// Checks the log's public data from `state` on (no I/O; the caller fetches):
//  - every note of `checkpoint_notes` must be signed by `verifier` (the state's key); two of one size
//    with different roots, one of the trusted size with another root, or a newest one smaller than the
//    trusted size are a split view;
//  - `consistency`, when given (a server's), must be the RFC 9162 consistency proof from the trusted size
//    to the newest signed size n and verify against the trusted root and the newest root, else
//    "error.ledger.split_view" (an entry before the trusted checkpoint was changed, or the log shows
//    another history). Without it (an export, which carries no proofs; the caller compares the export's
//    earlier entries with the trusted frontier itself) consistency rests on the next point alone;
//  - `new_entries` are the entries [trusted size, n) in order: each must parse and be canonical, and
//    appended to the trusted frontier they must give the root of every signed checkpoint of size in
//    (trusted size, n], else "error.ledger.corrupt" naming the entry or checkpoint.
// Checkpoints smaller than the trusted size are only checked for their signature. On success `state`
// becomes the newest checkpoint with its frontier.
Result<ResumeReport> ResumePublicLogCheck(TrustedLogState& state, const std::vector<std::string>& new_entries,
                                          const std::vector<std::string>& checkpoint_notes,
                                          const std::optional<std::vector<ledger::Hash>>& consistency,
                                          const ledger::Verifier& verifier);

}  // namespace jospar::usecases
