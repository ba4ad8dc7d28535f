// Use cases of the transparency log: signing checkpoints, proofs for the API, and `ledger verify`
// (recompute everything from the store). The log's data structures are in core/ledger/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/unit_of_work.hpp"
#include "core/ledger/checkpoint.hpp"
#include "core/ledger/entry.hpp"
#include "core/ledger/merkle.hpp"
#include "core/ledger/repository.hpp"

namespace jospar::usecases {

// The checkpoint of the log as it is now: the stored one when the log has not grown since, else a new
// one signed with `key` (time `now`, UTC "yyyy-mm-ddThh:mm:ssZ") and stored. Every checkpoint is taken
// from the one stored tree, so any two are consistent.
Result<StoredCheckpoint> CurrentCheckpoint(Store& store, const ledger::SigningKey& key,
                                           const std::string& now);

struct EntryProof {
  std::uint64_t index = 0;
  std::string entry;  // the canonical entry bytes (ledger::EncodeEntry)
  ledger::Hash leaf_hash{};
  std::uint64_t tree_size = 0;
  std::vector<ledger::Hash> proof;
};

// The inclusion proof of entry `index` in the tree of `tree_size` leaves. kNotFound ("error.not_found")
// when index >= tree_size or tree_size is above the log's size.
Result<EntryProof> ProveEntry(Store& store, std::uint64_t index, std::uint64_t tree_size);
// The consistency proof from size `first` to `second`; kInvalidInput when first > second, kNotFound when
// second is above the log's size.
Result<std::vector<ledger::Hash>> ProveLogConsistency(Store& store, std::uint64_t first,
                                                      std::uint64_t second);

struct LogVerifyReport {
  std::uint64_t entries = 0;
  std::uint64_t nodes = 0;
  std::uint64_t checkpoints = 0;
};

// Recomputes every leaf from the stored entry bytes (which must parse and be canonical), every stored
// node from the leaves, and checks that no other node or entry is stored, and that every stored
// checkpoint is signed by `verifier` and names the root of its size. kInvalidInput
// ("error.ledger.corrupt") whose detail locates the first difference ("entry 17: ...", "node 3/2: ...",
// "checkpoint of size 40: ...").
Result<LogVerifyReport> VerifyStoredLog(Store& store, const ledger::Verifier& verifier);

// Offline check of public data (an export or what the API serves): the entries in order, the signed
// checkpoints, and the log's verifier key. Rebuilds the tree from the entries, verifies every checkpoint's
// signature and root, and that every two checkpoints are consistent. Errors are kInvalidInput:
// "error.ledger.split_view" when two validly signed checkpoints cannot both be true (same size, different
// roots, or no consistency), "error.ledger.corrupt" when the entries do not give a signed root.
struct PublicLogReport {
  std::uint64_t entries = 0;
  std::uint64_t checkpoints = 0;
  std::uint64_t largest_checkpoint = 0;
};
Result<PublicLogReport> CheckPublicLog(const std::vector<std::string>& entries,
                                       const std::vector<std::string>& checkpoint_notes,
                                       const ledger::Verifier& verifier);

}  // namespace jospar::usecases
