// Reading a plan seed (data/demo/plan.yml; the format is described at the top of that file) into the
// core value PlanSeed.
#pragma once

#include <string>
#include <string_view>

#include "core/base/error.hpp"
#include "core/plan/demo_plan.hpp"

namespace jospar::formats {

// Parses the YAML text of a plan seed. Errors are kInvalidInput ("error.import.malformed") with detail
// "FILE:LINE:COLUMN: what was expected": malformed YAML, an unknown or missing field, a bad enum value,
// number, year or link target, a duplicate code, and a reference (parent, owner, responsible body,
// merged_into) to a code not defined earlier in the file (merged_into: anywhere in the file).
Result<PlanSeed> ParsePlanSeed(std::string_view text, std::string_view file_name);

// Reads and parses the file at `path` (errors name the file by `path`).
Result<PlanSeed> ReadPlanSeed(const std::string& path);

}  // namespace jospar::formats
