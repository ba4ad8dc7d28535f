#include "core/base/clock.hpp"

#include <ctime>

namespace jospar {
namespace {

std::tm UtcTm(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

}  // namespace

std::int64_t SystemClock() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::string IsoTime(std::int64_t unix_seconds) {
  const std::tm tm = UtcTm(unix_seconds);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int UtcYear(std::int64_t unix_seconds) { return UtcTm(unix_seconds).tm_year + 1900; }

}  // namespace jospar
