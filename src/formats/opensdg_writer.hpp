// Writing an Open SDG dataset (core/opensdg.hpp) as the files of an Open SDG data repository that
// ReadOpenSdg (formats/opensdg.hpp) reads back to the same dataset as far as the store keeps it:
//   data/indicator_G-T-I.csv        Year, the disaggregation dimensions (sorted), SERIES, UNIT_MEASURE, Value
//   meta/G-T-I.yml                  indicator_number, indicator_name, computation_units,
//   source_compilation_1,
//                                   each a translation key "indicators.G-T-I-title|unit|source"
//   translations/{kk,ru,en}/        global_goals.yml (N-title), global_targets.yml (N-M-title),
//                                   indicators.yml, and one UPPER_CASE file per disaggregation dimension
//                                   (its codes, and the dimension's own name under its own key)
// Deterministic: the same dataset gives the same bytes (keys and rows sorted, LF line ends, YAML scalars
// always double-quoted). What the format cannot carry is left out and listed in warnings: observations
// whose period is not a year, code lists of dimensions whose names are not UPPER_CASE, indicators whose
// file name would repeat another's.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/opensdg.hpp"

namespace jospar::formats {

struct OpenSdgFiles {
  std::map<std::string, std::string> files;  // relative path ('/'-separated) -> bytes, sorted by path
  std::vector<std::string> warnings;
};

OpenSdgFiles WriteOpenSdg(const OpenSdgDataset& dataset);

// A YAML double-quoted scalar that yaml-cpp reads back to exactly `s`.
std::string YamlQuoted(std::string_view s);

}  // namespace jospar::formats
