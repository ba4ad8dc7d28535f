// Loading YAML with yaml-cpp into located errors. Internal to src/formats (yaml-cpp stays out of every
// public header of the layer).
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "core/base/error.hpp"

namespace jospar::formats {

// Parses one YAML document. kInvalidInput "error.import.malformed" with "FILE:LINE:COLUMN: what" on
// ill-formed UTF-8 or YAML. An empty text gives a null node.
Result<YAML::Node> LoadYaml(std::string_view text, std::string_view file_name);

// A located error at a node's position (line/column 1-based; 1:1 when the node has no position).
tl::unexpected<Error> YamlError(std::string_view file_name, const YAML::Node& node, std::string_view what);
tl::unexpected<Error> YamlError(std::string_view file_name, const YAML::Mark& mark, std::string_view what);

}  // namespace jospar::formats
