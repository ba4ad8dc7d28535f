// Kazakhstan's working days for a five-day week: which dates are working days, and deadlines counted in
// working days ("within 15 working days"). The calendar is data, parsed from text (the repository ships
// data/calendar/kz-workdays.csv; src/app/work_calendar.hpp reads it at run time, so a new Government
// decree needs an edit of that file and no rebuild).
//
// The text: '#' comment lines and blank lines anywhere; the first other line is the header
// "date,kind,note"; then one row per special day, "YYYY-MM-DD,kind,note" (the note is the rest of the line,
// commas allowed, may be empty). Kinds:
//   holiday               a public holiday of the Law "On holidays in the Republic of Kazakhstan"; when it
//                         falls on a Saturday or Sunday its day off moves to the next working day
//   religious_holiday     a day off that never moves (Orthodox Christmas, the first day of Kurban Ait)
//   transfer_day_off      a working day made a day off by a Government decree or Ministry order
//   transfer_working_day  a day off (a Saturday, a Sunday or a moved day off) made a working day by one
// The moved days off are NOT listed: the calendar derives them (see WorkCalendar). The rows cover whole
// years: every year from the first to the last year that has a row must have rows, and the calendar
// answers only for dates in those years.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"

namespace jospar {

using Date = std::chrono::year_month_day;

enum class SpecialDayKind { kHoliday, kReligiousHoliday, kTransferDayOff, kTransferWorkingDay };

struct SpecialDay {
  Date date;
  SpecialDayKind kind = SpecialDayKind::kHoliday;
  std::string note;
  int line = 0;  // line of the calendar text, for errors
};

// A holiday on a Saturday or Sunday and the working day its day off moved to.
struct MovedDayOff {
  Date holiday;
  Date day_off;
};

class WorkCalendar {
 public:
  // Builds the calendar of the years from the first to the last row's year. The moved days off are
  // derived in date order: a `holiday` on a Saturday or Sunday gives a day off on the first following day
  // that is a Monday to Friday and not a holiday, a religious holiday, a transfer_day_off or an earlier
  // moved day off (the Labour Code's rule as the Ministry's calendars quote it: when a holiday falls on a day
  // off, the working day following the holiday is a day off). Then the transfers
  // apply: transfer_day_off makes its day a day off, transfer_working_day makes its day a working day
  // (also when a moved day off landed there, as on 11 May 2020).
  // Fails (kInvalidInput, "error.calendar.malformed", detail "<source> line N: ...") on two rows for one
  // date, a year without rows, a transfer_working_day on a day that would be worked anyway, or a
  // transfer_day_off on a day that would be off anyway.
  static Result<WorkCalendar> Build(std::vector<SpecialDay> days, std::string_view source = "calendar");

  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  // True when `d` is in the years the calendar covers.
  bool Covers(Date d) const;

  // The queries below fail with kInvalidInput, "error.calendar.out_of_range" (detail names the date and
  // the covered years) when they need a date outside the covered years; never otherwise.

  // Monday to Friday and not a holiday, religious holiday, moved day off or transfer_day_off; or a
  // transfer_working_day.
  Result<bool> IsWorkingDay(Date d) const;
  // The first working day strictly after `d`.
  Result<Date> NextWorkingDay(Date d) const;
  // The deadline "within n working days" of `start`: the date reached by counting n working days after
  // `start` (`start` itself is not counted, working or not). Always a working day for n >= 1; `start`
  // for n == 0. n < 0 fails with "error.invalid_input".
  Result<Date> AddWorkingDays(Date start, int n) const;
  // The number of working days d with from < d <= to (so AddWorkingDays(from, n) == to gives n); the
  // negated count of (to, from] when to < from.
  Result<int> WorkingDaysBetween(Date from, Date to) const;
  // Working days in a covered year (the "балансы рабочего времени" of the Ministry of Labour count these).
  Result<int> WorkingDaysInYear(int year) const;

  const std::vector<SpecialDay>& special_days() const { return days_; }
  const std::vector<MovedDayOff>& moved_days_off() const { return moved_; }

 private:
  std::size_t Index(Date d) const;
  tl::unexpected<Error> OutOfRange(Date d) const;

  int first_year_ = 0, last_year_ = -1;
  std::chrono::sys_days first_day_{};
  std::vector<std::uint8_t> working_;  // one entry per day from 1 January of first_year_
  std::vector<SpecialDay> days_;       // sorted by date
  std::vector<MovedDayOff> moved_;
};

// Parses the calendar text described at the top of this file and builds the calendar. Errors are
// kInvalidInput, "error.calendar.malformed", with the detail "<source> line N: what is wrong".
Result<WorkCalendar> ParseWorkCalendar(std::string_view text, std::string_view source = "calendar");

// "2024-03-25".
std::string FormatDate(Date d);

}  // namespace jospar
