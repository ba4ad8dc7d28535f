// `jospar ledger export` and `jospar ledger check`: the transparency log's public data written to a folder
// (formats/ledger_public.hpp gives the layout), and read back, from such a folder or from a running
// server's public API over HTTP(S), and checked with nothing but that public data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/ledger/checkpoint.hpp"
#include "core/ledger/resume.hpp"
#include "core/ledger/usecases.hpp"
#include "formats/ledger_public.hpp"

namespace jospar::app {

struct LedgerExportReport {
  std::uint64_t entries = 0;
  std::uint64_t checkpoints = 0;
};

// Signs the current checkpoint with `key` when the log has grown (as the server does), then writes the
// entries covered by the latest checkpoint, every checkpoint and the verifier key into `out_dir` (created
// when missing; checkpoint files of earlier exports that are no longer stored are removed). Each file is
// replaced atomically.
Result<LedgerExportReport> ExportLedger(Store& store, const ledger::SigningKey& key, const std::string& now,
                                        const std::string& out_dir);

// Reads an export folder strictly: every file must be exactly as ExportLedger writes it and no other file
// may be present. kInvalidInput ("error.ledger.export") naming the file and line; kNotFound when the
// folder does not exist.
Result<formats::PublicLog> ReadLedgerExport(const std::string& dir);

// GET over HTTP(S) (libcurl). The body on status 200; kUnavailable naming the URL and the status or the
// transport error otherwise.
Result<std::string> HttpGet(const std::string& url);

struct LedgerCheckOptions {
  std::string from;  // an export folder, or a server's base URL (http:// or https://)
  // When not empty, the verifier key the log must have (as published elsewhere): NAME+KEYID+BASE64.
  std::string expected_key;
  // Signed checkpoint notes obtained elsewhere (an earlier run, another reader): must be consistent
  // with the log, else the log showed a split view.
  std::vector<std::string> extra_checkpoints;
  // From a server: how many of its inclusion proofs (spread over the log) and consistency proofs (from
  // older checkpoints to the latest) to fetch and verify; all when larger than the log.
  std::uint64_t proofs = 16;
  // When not empty, a state file (formats/ledger_state.hpp): the check resumes from the checkpoint it
  // holds (verified in an earlier run) and checks only the consistency proof from it to the log's newest
  // checkpoint and the entries appended since; on success the file is replaced by the newest checkpoint.
  // A missing file means a check from entry 0 that then writes the file.
  std::string state_file;
};

struct LedgerCheckReport {
  usecases::PublicLogReport log;
  std::string origin;
  std::uint64_t inclusion_proofs = 0;    // server proofs verified
  std::uint64_t consistency_proofs = 0;  // server proofs verified
  bool resumed = false;                  // checked from a state file (then `resume` is filled)
  usecases::ResumeReport resume;
};

// Verifies the log's signed checkpoints, that the entries give their roots (so every entry is included),
// that all checkpoints are consistent (else "error.ledger.split_view"), and from a server also its
// inclusion and consistency proofs. kInvalidInput with a located detail for any failure or malformed
// input; kUnavailable / kNotFound when the source cannot be read. With `state_file`: see there; from a
// server only the new entries and one consistency proof are fetched (no sample of inclusion proofs);
// `extra_checkpoints` cannot be given with it (kInvalidInput).
Result<LedgerCheckReport> CheckLedger(const LedgerCheckOptions& o);

}  // namespace jospar::app
