// Time as the whole system sees it: seconds since the Unix epoch, UTC. Core never reads the clock itself;
// the app injects a Clock (SystemClock in production, a movable one in tests) and use cases get the time
// as a value.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace jospar {

// Seconds since the Unix epoch. Injectable so that tests can move time (session timeouts, throttling,
// retention periods).
using Clock = std::function<std::int64_t()>;

// The system's clock; thread-safe.
std::int64_t SystemClock();

// "2026-01-31T12:00:00Z" for a Unix time.
std::string IsoTime(std::int64_t unix_seconds);
// The Unix time of "2026-01-31T12:00:00Z" (exactly IsoTime's form); nullopt for anything else.
std::optional<std::int64_t> ParseIsoTime(std::string_view iso);

// The UTC calendar year of a Unix time.
int UtcYear(std::int64_t unix_seconds);

}  // namespace jospar
