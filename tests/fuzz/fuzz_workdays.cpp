// Fuzzes the working-day calendar parser: no crash or sanitizer report on any text; every rejection is
// located ("fuzz.csv line N: ..." or "fuzz.csv: ..."); an accepted calendar answers consistently for every
// covered day (a deadline is a working day, and counting back gives the same number).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/base/workdays.hpp"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jospar;
  namespace chr = std::chrono;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto cal = ParseWorkCalendar(text, "fuzz.csv");
  if (!cal) {
    Check(cal.error().message_key == "error.calendar.malformed");
    Check(cal.error().detail.rfind("fuzz.csv line ", 0) == 0 ||
          cal.error().detail.rfind("fuzz.csv: ", 0) == 0);
    return 0;
  }
  Check(cal->first_year() <= cal->last_year());
  const chr::sys_days first{chr::year{cal->first_year()} / chr::January / 1};
  const chr::sys_days end{chr::year{cal->last_year() + 1} / chr::January / 1};
  Check(!cal->IsWorkingDay(Date{first - chr::days{1}}));
  Check(!cal->IsWorkingDay(Date{end}));
  for (const auto& m : cal->moved_days_off()) Check(chr::sys_days{m.day_off} > chr::sys_days{m.holiday});
  int steps = 0;
  for (auto d = first; d < end && steps < 800; d += chr::days{3}, ++steps) {
    auto w = cal->IsWorkingDay(Date{d});
    Check(static_cast<bool>(w));
    auto next = cal->AddWorkingDays(Date{d}, 3);
    if (!next) {
      Check(next.error().message_key == "error.calendar.out_of_range");
      continue;
    }
    Check(*cal->IsWorkingDay(*next));
    Check(*cal->WorkingDaysBetween(Date{d}, *next) == 3);
    Check(*cal->WorkingDaysBetween(*next, Date{d}) == -3);
  }
  return 0;
}
