// Use cases of near-duplicate review (planners and admins; kUnauthenticated / kForbidden otherwise):
// list the open candidate pairs, dismiss a pair, merge B into A. Nothing is written when an error is
// returned; every decision is stored (DuplicateDecision) and recorded in the history of both objects.
#pragma once

#include <cstdint>
#include <vector>

#include "core/plan/duplicates.hpp"
#include "core/plan/usecases/plan.hpp"

namespace jospar::usecases {

struct DuplicateList {
  std::vector<DuplicateCandidate> items;  // the requested page, highest score first
  std::int64_t total = 0;                 // open candidates in all
};

// The candidate pairs of `kind` that `finder` returns over every object's title, without pairs that were
// dismissed and without objects already merged into another. `offset` >= 0, `limit` clamped to 1..500.
Result<DuplicateList> ListDuplicates(Store& store, const Caller& caller, const PairFinder& finder,
                                     DuplicateKind kind, std::int64_t offset, int limit);

// Remembers that a and b (either order) are not duplicates. kNotFound when either does not exist,
// kInvalidInput when a == b, kConflict ("error.duplicate.decided") when the pair was decided before.
Status DismissDuplicate(Store& store, const Caller& caller, DuplicateKind kind, Id a, Id b);

// Merges `merged` into `keep`: every "contributes to" link from or to `merged` moves to `keep` (a link
// that would join `keep` to itself or exists already is dropped); for goals the indicators (and the tasks
// of the same document) move to `keep`; for documents the child documents move to `keep` and `merged`
// takes the status "merged" with merged_into_id = keep (lifecycle rules apply: kConflict
// "error.invalid_transition" unless it is in force). kConflict ("error.duplicate.merged") when either side is
// merged already.
Status MergeDuplicate(Store& store, const Caller& caller, DuplicateKind kind, Id keep, Id merged);

// Every decision on pairs of `kind`, oldest first.
Result<std::vector<DuplicateDecision>> ListDuplicateDecisions(Store& store, const Caller& caller,
                                                              DuplicateKind kind);

}  // namespace jospar::usecases
