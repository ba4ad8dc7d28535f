#include "core/opendata/registry.hpp"

namespace jospar::opendata {

const std::vector<DatasetSpec>& Datasets() {
  static const std::vector<DatasetSpec> kAll = [] {
    std::vector<DatasetSpec> all;
    auto add = [&all](std::vector<DatasetSpec> more) {
      for (auto& d : more) all.push_back(std::move(d));
    };
    add(PlanDatasets());
    add(ProgressDatasets());
    // Other modules add their public statistics here.
    return all;
  }();
  return kAll;
}

const DatasetSpec* FindDataset(std::string_view id) {
  for (const auto& d : Datasets())
    if (d.id == id) return &d;
  return nullptr;
}

}  // namespace jospar::opendata
