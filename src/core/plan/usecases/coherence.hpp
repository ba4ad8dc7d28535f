// Checking the plan's coherence (core/coherence.hpp) against the store: a full check, and keeping a
// checked plan current after edits by re-checking only what the edits touched. Every plan use case
// records what it changed in the history (core/usecases/plan.hpp), so the history since the last check
// names exactly the objects to reload: the index is current after an edit without a full re-run.
#pragma once

#include <cstdint>
#include <memory>

#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/plan/coherence.hpp"

namespace jospar::usecases {

struct PlanCheck {
  std::unique_ptr<coherence::CoherenceIndex> index;
  Id history_watermark = 0;  // the last history entry the index reflects
};

// Loads the whole plan (one read transaction) and checks every object.
Result<PlanCheck> CheckPlan(Store& store, const coherence::CheckOptions& options);

struct RefreshReport {
  std::int64_t entries = 0;    // history entries read
  std::int64_t rechecked = 0;  // objects (and groups) re-checked
  bool rebuilt = false;        // a bulk change ("generate") or a long backlog forced a full check
};

// Brings `check` up to date with the history after its watermark: reloads the objects named there
// (absent ones count as deleted) and re-checks their neighbourhood. A "generate" entry or more than
// `max_entries` entries since the watermark rebuild the index in full instead. With a new `options`
// (another year) the caller should run CheckPlan again. On error `check` is left as it was.
Result<RefreshReport> RefreshPlanCheck(Store& store, PlanCheck& check, int max_entries = 5000);

}  // namespace jospar::usecases
