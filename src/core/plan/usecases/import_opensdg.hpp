// Importing an Open SDG dataset into the store: the SDG framework (goals, targets), the national
// indicators, the code lists and every observation, in ONE write transaction (all or nothing).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/plan/opensdg.hpp"

namespace jospar::usecases {

struct ImportCounts {
  std::int64_t inserted = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::int64_t Changed() const { return inserted + updated; }
  friend bool operator==(const ImportCounts&, const ImportCounts&) = default;
};

struct ImportReport {
  ImportCounts goals, targets, indicators, code_names, observations;
  std::int64_t history_entries = 0;  // appended by this import
  std::int64_t warnings = 0;         // dataset.warnings.size()
  std::int64_t Changes() const {
    return goals.Changed() + targets.Changed() + indicators.Changed() + code_names.Changed() +
           observations.Changed();
  }
};

// Called after each step with the number of steps done and the total (one step per goal, target,
// indicator with its observations, and code name); `done == total` at the end.
using ImportProgress = std::function<void(std::int64_t done, std::int64_t total)>;

// Upserts the dataset. SDG nodes are matched by code, indicators by code (an existing indicator is
// updated, version-checked, only when its title, unit, source or SDG target differ), code names by
// (dimension, code), observations by (indicator, series, unit, period, disaggregation). History (actor
// "import", time `now`): "create" for every created goal, target and indicator; "update" with before/after
// for every changed field; per indicator one "import" entry listing the observations added (count) and
// every changed value (before/after). Nothing is recorded for what did not change, so a second import of
// the same data changes nothing and reports Changes() == 0.
//
// Errors: kInvalidInput "error.import.no_indicator" when the dataset holds no indicator at all (detail
// "no indicator found: expected data/indicator_G-T-I.csv with meta/G-T-I.yml ..."); kInvalidInput (field
// errors, detail naming the indicator) when an indicator fails ValidateIndicator or an observation fails
// ValidateObservation; kConflict when a concurrent writer changed an indicator; kUnavailable from the
// store. Nothing is written when an error is returned.
Result<ImportReport> ImportOpenSdg(Store& store, const OpenSdgDataset& dataset, std::string_view now,
                                   const ImportProgress& progress = {});

}  // namespace jospar::usecases
