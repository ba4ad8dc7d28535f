// Optimistic concurrency: every versioned object carries the version it was read at; a write names the
// version it expects and fails with kConflict when someone else wrote in between.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/error.hpp"

namespace jospar {

// Success when `expected` is the stored version; else kConflict ("error.version_conflict") with the stored
// version in the detail and in the field "version", so that the client can reload and retry.
inline Status CheckVersion(std::int64_t stored, std::int64_t expected) {
  if (stored == expected) return {};
  return Fail(ErrorCode::kConflict, "error.version_conflict",
              "stored " + std::to_string(stored) + ", given " + std::to_string(expected),
              {{"version", "error.version_conflict", std::to_string(stored)}});
}

}  // namespace jospar
