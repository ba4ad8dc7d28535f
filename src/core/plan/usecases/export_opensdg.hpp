// Reading the store back into an Open SDG dataset (the inverse of import_opensdg.hpp), so that
// formats/opensdg_writer.hpp can write it as a repository that `jospar import open-sdg` reads.
#pragma once

#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/plan/opensdg.hpp"

namespace jospar::usecases {

// The SDG goals and targets (titles; the store keeps no short titles), the framework indicators (those
// not attached to a plan goal: goal_id empty) with their title, unit, source and every observation, and
// every code name. Indicators in natural code order, observations sorted by (series, unit, period,
// disaggregation), code names by (dimension, code). NationalIndicator::target_code is the SDG target the
// indicator is linked to (empty when none). Reads through one read transaction of `tx`.
Result<OpenSdgDataset> ExportOpenSdg(Tx& tx);

}  // namespace jospar::usecases
