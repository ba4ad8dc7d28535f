// The registry of public datasets: every dataset the "Open data" page lists, the exports write and the
// API catalogue describes. ONE place: a module that publishes statistics adds its datasets in
// registry.cpp (a function returning its DatasetSpecs, e.g. PlanDatasets() in plan_datasets.cpp) and their
// dictionary strings in locales/<lang>/opendata.json (or a file of its own).
#pragma once

#include <string_view>
#include <vector>

#include "core/opendata/dataset.hpp"

namespace jospar::opendata {

// Every public dataset, in the order they are listed. Ids are unique (checked by a unit test).
const std::vector<DatasetSpec>& Datasets();

// The dataset with this id, or null.
const DatasetSpec* FindDataset(std::string_view id);

// The datasets of the state plan registry: bodies, documents, goals, indicators, planned values,
// observed values with disaggregations, disaggregation code lists, the SDG framework.
std::vector<DatasetSpec> PlanDatasets();

// Progress against targets: one row per indicator with its status and the numbers behind it.
std::vector<DatasetSpec> ProgressDatasets();

}  // namespace jospar::opendata
