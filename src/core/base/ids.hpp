// Identifiers shared by every module: database ids and references to objects of any kind (the history,
// the transparency log and links name objects this way).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace jospar {

using Id = std::int64_t;

// Every kind of object that has a history. A new module adds its kinds here (their names are stable: they
// appear in the API, in URLs, in the store and in the transparency log).
enum class ObjectKind { kBody, kDocument, kGoal, kIndicator, kMeasure, kSdgGoal, kSdgTarget, kLink, kUser };

struct ObjectRef {
  ObjectKind kind = ObjectKind::kGoal;
  Id id = 0;
  friend bool operator==(const ObjectRef&, const ObjectRef&) = default;
};

// "body", "document", "goal", "indicator", "measure", "sdg_goal", "sdg_target", "link", "user".
std::string_view ToString(ObjectKind v);
std::optional<ObjectKind> ParseObjectKind(std::string_view s);

}  // namespace jospar
