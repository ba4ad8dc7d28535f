// Reading every public dataset for the open-data exports in ONE read transaction, so that the files of one
// export agree with each other (the values file names only indicators the indicators file has).
#pragma once

#include <optional>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/opendata/dataset.hpp"
#include "core/plan/opensdg.hpp"

namespace jospar::usecases {

struct OpenDataSnapshot {
  std::vector<opendata::Table> tables;     // one per dataset of opendata::Datasets(), in registry order
  std::optional<OpenSdgDataset> open_sdg;  // the indicator series as an Open SDG dataset (ExportOpenSdg)
};

// Reads the tables (when `tables`) and the Open SDG dataset (when `open_sdg`). Store errors as they come
// (kUnavailable when the database cannot be reached).
Result<OpenDataSnapshot> ReadOpenData(Store& store, bool tables = true, bool open_sdg = true);

}  // namespace jospar::usecases
