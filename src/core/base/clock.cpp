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

std::optional<std::int64_t> ParseIsoTime(std::string_view s) {
  // yyyy-mm-ddThh:mm:ssZ
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
      s[19] != 'Z')
    return std::nullopt;
  auto num = [&](std::size_t at, std::size_t n) -> std::int64_t {
    std::int64_t v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const std::int64_t y = num(0, 4), m = num(5, 2), d = num(8, 2), hh = num(11, 2), mm = num(14, 2),
                     ss = num(17, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 ||
      ss > 60)
    return std::nullopt;
  // Days from the civil date (H. Hinnant's algorithm).
  const std::int64_t yy = y - (m <= 2 ? 1 : 0);
  const std::int64_t era = yy / 400;
  const std::int64_t yoe = yy - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = era * 146097 + doe - 719468;
  return days * 86400 + hh * 3600 + mm * 60 + ss;
}

int UtcYear(std::int64_t unix_seconds) { return UtcTm(unix_seconds).tm_year + 1900; }

}  // namespace jospar
