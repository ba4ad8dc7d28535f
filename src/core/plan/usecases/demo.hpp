// Loading a plan seed (the demo plan) into the store, idempotently, in ONE write transaction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/plan/demo_plan.hpp"
#include "core/plan/usecases/import_opensdg.hpp"

namespace jospar::usecases {

struct PlanSeedReport {
  ImportCounts bodies, documents, goals, indicators, measures, links;
  std::int64_t history_entries = 0;
  // Links whose target is not in the database (e.g. the SDG framework was not imported), skipped.
  std::vector<std::string> warnings;
  std::int64_t Changes() const {
    return bodies.Changed() + documents.Changed() + goals.Changed() + indicators.Changed() +
           measures.Changed() + links.Changed();
  }
};

// Matches bodies, documents and indicators by code, goals and tasks by (document, code), measures by
// (goal, title) and links by (from, to); inserts what is missing, updates what differs (the fields the
// seed gives; version-checked), and leaves the rest alone, so that loading the same seed again changes
// nothing (Changes() == 0). It imports nothing else: links to SDG goals, targets or indicators that are
// not in the database are reported in `warnings` and skipped. History: actor "demo", time `now`, "create"
// or "update" with the field changes.
//
// Errors (nothing written): kInvalidInput when a seed object fails core validation (detail names it) or
// the merged_into references form a cycle; kConflict on a concurrent change; kUnavailable.
Result<PlanSeedReport> LoadPlanSeed(Store& store, const PlanSeed& seed, std::string_view now);

}  // namespace jospar::usecases
