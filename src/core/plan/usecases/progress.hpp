// Use cases of progress and reporting burden: read the whole plan in one read transaction and apply the
// pure rules of core/progress.hpp and core/burden.hpp.
//
// Who may read what (deny by default):
// - progress is public (anyone, also anonymous);
// - the reporting burden of every body and the simplification report: planners and admins;
// - what one body must report ("What is due"): planners and admins for any body, an executor only for its
//   own body. Anonymous: kUnauthenticated; others: kForbidden.
#pragma once

#include <optional>
#include <vector>

#include "core/accounts/access.hpp"
#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/plan/burden.hpp"
#include "core/plan/duplicates.hpp"
#include "core/plan/progress.hpp"
#include "core/plan/repository.hpp"

namespace jospar::usecases {

// The roll-up input made from an outline: annual totals per indicator (AnnualTotals), documents' tiers,
// goals, SDG nodes and links.
ProgressPlan ToProgressPlan(const PlanOutline& outline);

struct ProgressView {
  PlanOutline outline;  // for names and codes
  ProgressPlan plan;    // parallel to outline.indicators
  ProgressRollup rollup;
};

// Progress of the whole plan under `filter`. kUnavailable when the store cannot be reached.
Result<ProgressView> LoadProgress(Store& store, const ProgressFilter& filter);

struct BurdenView {
  PlanOutline outline;
  std::vector<BodyBurden> bodies;                   // BurdenOverview: every body; WhatIsDue: the one body
  std::vector<SimplificationCandidate> candidates;  // Simplifications only
};

// Planners and admins. With a `finder`, the open near-duplicate indicator pairs it finds (those not dismissed
// and not merged, as the Duplicates page lists them) are added to options.duplicate_pairs, so that they count
// as repeated reporting and as "merge" candidates.
Result<BurdenView> BurdenOverview(Store& store, const Principal& who, const BurdenOptions& options,
                                  const PairFinder* finder = nullptr);
// Planners and admins; `finder` as above.
Result<BurdenView> Simplifications(Store& store, const Principal& who, const BurdenOptions& options,
                                   const PairFinder* finder = nullptr);
// What `body_id` must report in options.year. Planners and admins for any body; an executor for its own
// (kForbidden for another). kNotFound when the body does not exist.
Result<BurdenView> WhatIsDue(Store& store, const Principal& who, Id body_id, const BurdenOptions& options);

// True when `who` may see the burden of `body_id` (see above).
bool CanSeeBodyBurden(const Principal& who, Id body_id);

}  // namespace jospar::usecases
