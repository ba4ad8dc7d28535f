// A whole Open SDG dataset (the SDG framework, a country's national indicators with their metadata and
// time series, and the code lists of the disaggregations) as plain values, ready to be imported.
// formats/opensdg.hpp reads it from the files; core/usecases/import_opensdg.hpp writes it to the store.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/text.hpp"
#include "core/plan/plan.hpp"

namespace jospar {

// Dimension under which the names of the dimensions themselves are kept as code names:
// CodeName{kDimensionNames, "SEX", {"Жынысы", "Пол", "Sex"}}.
inline constexpr const char* kDimensionNames = "DIMENSION";

struct SdgGoalEntry {
  std::string code;  // "1" .. "17"
  Text title;
  Text short_title;
};

struct SdgTargetEntry {
  std::string code;       // "1.1", "1.a"
  std::string goal_code;  // "1"
  Text title;
};

// One source of an indicator's data as published in its metadata (source_*_N fields).
struct IndicatorSource {
  Text organisation;    // source_compilation_N: who compiles the data
  Text data;            // source_data_N: the survey or register
  Text implementation;  // source_implementation_N: the body responsible for the indicator
};

struct NationalIndicator {
  std::string code;         // "1.1.1", "16.3.3.1"
  std::string target_code;  // "1.1": the first two parts of the code
  Text title;               // the national formulation where one exists, else the global one
  Text unit;                // the computation unit, resolved
  Text source;              // the sources joined into one text per language
  std::vector<IndicatorSource> sources;
  std::string reporting_status;     // "complete", "notstarted", "notapplicable" or empty
  std::vector<std::string> series;  // SERIES codes present in the data, sorted
  std::string data_file;            // relative path of its data file, empty when it has none
  // indicator_id is 0; keys (series, unit, period, disaggregation) are unique within one indicator.
  std::vector<Observation> observations;
};

struct OpenSdgDataset {
  std::vector<SdgGoalEntry> goals;            // sorted by number
  std::vector<SdgTargetEntry> targets;        // in natural order of codes
  std::vector<NationalIndicator> indicators;  // in natural order of codes
  std::vector<CodeName> code_names;           // sorted by (dimension, code)
  // Files skipped and data quirks tolerated while reading, each naming the file (and line where known).
  std::vector<std::string> warnings;

  size_t ObservationCount() const;
};

// Compares codes like "1.2" < "1.10" < "1.a" (numbers numerically, numbers before letters).
bool NaturalCodeLess(const std::string& a, const std::string& b);

// Canonical disaggregation key: pairs sorted by dimension, "DIM=CODE" joined by '|'; pairs with an empty
// code are left out; the empty string stands for the total.
std::string CanonicalDisaggregation(std::vector<std::pair<std::string, std::string>> pairs);

// The store's Indicator for a national indicator (code, title, unit, source, SDG target), without ids.
Indicator ToIndicator(const NationalIndicator& n, std::optional<Id> sdg_target_id);

}  // namespace jospar
