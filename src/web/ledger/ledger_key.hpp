// The transparency log's signing key in the data directory: ledger.key (the signed-note private key,
// mode 0600) and ledger.pub (the verifier key, published on the portal and at /api/v1/ledger/key).
#pragma once

#include <string>

#include "core/base/error.hpp"
#include "core/ledger/checkpoint.hpp"

namespace jospar::web {

// Reads DATA_DIR/ledger.key, or on first start creates it (and ledger.pub) with a fresh Ed25519 key
// named $JOSPAR_LEDGER_ORIGIN, else "jospar.local/ledger". With an empty data_dir: an ephemeral key
// (tests). kInvalidInput ("error.ledger.key") when the file is malformed or readable by others than its
// owner; kInternal when it cannot be written.
Result<ledger::SigningKey> LoadOrCreateLedgerKey(const std::string& data_dir);

// The verifier key of DATA_DIR/ledger.key without creating anything (for `jospar ledger verify`).
Result<ledger::Verifier> LoadLedgerVerifier(const std::string& data_dir);

}  // namespace jospar::web
