#include "core/base/ids.hpp"

#include <array>
#include <utility>

namespace jospar {
namespace {

constexpr std::array<std::pair<ObjectKind, std::string_view>, 9> kObjectKinds{{
    {ObjectKind::kBody, "body"},
    {ObjectKind::kDocument, "document"},
    {ObjectKind::kGoal, "goal"},
    {ObjectKind::kIndicator, "indicator"},
    {ObjectKind::kMeasure, "measure"},
    {ObjectKind::kSdgGoal, "sdg_goal"},
    {ObjectKind::kSdgTarget, "sdg_target"},
    {ObjectKind::kLink, "link"},
    {ObjectKind::kUser, "user"},
}};

}  // namespace

std::string_view ToString(ObjectKind v) {
  for (const auto& [value, name] : kObjectKinds)
    if (value == v) return name;
  return "";
}

std::optional<ObjectKind> ParseObjectKind(std::string_view s) {
  for (const auto& [value, name] : kObjectKinds)
    if (name == s) return value;
  return std::nullopt;
}

}  // namespace jospar
