// The state file of `jospar ledger check --state FILE`: what a checker keeps after a successful check so
// that the next check resumes from there (usecases::TrustedLogState). Bytes in, values out; no I/O.
//
//   jospar-ledger-check-state/v1
//   key NAME+KEYID+BASE64
//   size N
//   subtree BASE64          one line per complete subtree of leaves [0, N), left to right
//   checkpoint
//   <the signed checkpoint note of size N, verbatim, to the end of the file>
//
// Nothing in it needs to be kept secret; it is trusted because the note is signed by the key and the
// subtrees must give the note's root (checked by usecases::OpenLogState).
#pragma once

#include <string>
#include <string_view>

#include "core/base/error.hpp"
#include "core/ledger/resume.hpp"

namespace jospar::formats {

inline constexpr const char* kLedgerCheckStateFormat = "jospar-ledger-check-state/v1";

std::string WriteLedgerCheckState(const usecases::TrustedLogState& state);
// The exact inverse; kInvalidInput ("error.ledger.state") "line N: what was expected".
Result<usecases::TrustedLogState> ParseLedgerCheckState(std::string_view bytes);

}  // namespace jospar::formats
