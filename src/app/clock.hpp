// The app's clock (core reads none: use cases get the time from here).
#pragma once

#include <string>

#include "core/base/clock.hpp"

namespace jospar::app {

// UTC now as ISO 8601, e.g. "2026-01-31T12:00:00Z".
inline std::string UtcNow() { return IsoTime(SystemClock()); }

}  // namespace jospar::app
