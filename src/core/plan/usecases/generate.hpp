// Writing a generated synthetic plan (core/synthetic_plan.hpp) into the store in ONE write transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/plan/synthetic_plan.hpp"

namespace jospar::usecases {

struct GenerateReport {
  std::int64_t bodies = 0, documents = 0, goals = 0, indicators = 0, observations = 0, measures = 0,
               links = 0;
};

// Generates the plan of `spec` (its `ids` and `sdg_target_ids` are filled here from the store: fresh ids
// after those in use, and the SDG targets present) and bulk-inserts it, `batch_documents` documents at a
// time, then records one history entry (actor "generate", action "generate") on the first document.
// `progress`, when set, is called after every batch with the documents written so far.
//
// Errors (nothing written): kInvalidInput for a bad spec; kConflict ("error.generated_plan_exists") when
// a plan with the same code prefix is already in the store; kUnavailable.
Result<GenerateReport> GenerateSyntheticPlan(Store& store, SyntheticPlanSpec spec,
                                             const SyntheticTexts& texts, std::string_view now,
                                             std::int64_t batch_documents = 2000,
                                             const std::function<void(std::int64_t)>& progress = {});

}  // namespace jospar::usecases
