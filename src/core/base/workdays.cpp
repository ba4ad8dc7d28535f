#include "core/base/workdays.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "core/base/text.hpp"

namespace jospar {
namespace {

namespace chr = std::chrono;

tl::unexpected<Error> Malformed(std::string_view source, int line, std::string_view what) {
  std::string detail(source);
  if (line > 0) detail += " line " + std::to_string(line);
  detail += ": ";
  detail += what;
  return Fail(ErrorCode::kInvalidInput, "error.calendar.malformed", std::move(detail));
}

bool IsWeekend(chr::sys_days d) {
  const chr::weekday w{d};
  return w == chr::Saturday || w == chr::Sunday;
}

std::string_view KindName(SpecialDayKind k) {
  switch (k) {
    case SpecialDayKind::kHoliday:
      return "holiday";
    case SpecialDayKind::kReligiousHoliday:
      return "religious_holiday";
    case SpecialDayKind::kTransferDayOff:
      return "transfer_day_off";
    case SpecialDayKind::kTransferWorkingDay:
      return "transfer_working_day";
  }
  return "holiday";
}

bool ParseKind(std::string_view s, SpecialDayKind& kind) {
  for (auto k : {SpecialDayKind::kHoliday, SpecialDayKind::kReligiousHoliday, SpecialDayKind::kTransferDayOff,
                 SpecialDayKind::kTransferWorkingDay})
    if (s == KindName(k)) {
      kind = k;
      return true;
    }
  return false;
}

// Strict "YYYY-MM-DD" with a year 1900-2999; nullopt unless the date exists.
std::optional<Date> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i)
    for (std::size_t j = starts[i]; j < starts[i] + lens[i]; ++j) {
      if (s[j] < '0' || s[j] > '9') return std::nullopt;
      v[i] = v[i] * 10 + (s[j] - '0');
    }
  if (v[0] < 1900 || v[0] > 2999) return std::nullopt;
  const Date d{chr::year{v[0]}, chr::month{static_cast<unsigned>(v[1])},
               chr::day{static_cast<unsigned>(v[2])}};
  if (!d.ok()) return std::nullopt;
  return d;
}

}  // namespace

std::string FormatDate(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

Result<WorkCalendar> WorkCalendar::Build(std::vector<SpecialDay> days, std::string_view source) {
  if (days.empty()) return Malformed(source, 0, "no rows: the calendar must list at least one year");
  std::stable_sort(days.begin(), days.end(), [](const SpecialDay& a, const SpecialDay& b) {
    return chr::sys_days{a.date} < chr::sys_days{b.date};
  });
  for (std::size_t i = 1; i < days.size(); ++i)
    if (days[i].date == days[i - 1].date)
      return Malformed(source, days[i].line,
                       FormatDate(days[i].date) + " is listed twice (also on line " +
                           std::to_string(days[i - 1].line) + ")");

  WorkCalendar cal;
  cal.first_year_ = static_cast<int>(days.front().date.year());
  cal.last_year_ = static_cast<int>(days.back().date.year());
  for (int y = cal.first_year_, i = 0; y <= cal.last_year_; ++y) {
    while (static_cast<int>(days[i].date.year()) < y) ++i;
    if (static_cast<int>(days[i].date.year()) != y)
      return Malformed(source, days[i].line,
                       "no rows for the year " + std::to_string(y) + ": every year from " +
                           std::to_string(cal.first_year_) + " to " + std::to_string(cal.last_year_) +
                           " must be listed");
  }
  cal.first_day_ = chr::sys_days{chr::year{cal.first_year_} / chr::January / 1};
  const chr::sys_days end{chr::year{cal.last_year_ + 1} / chr::January / 1};
  const auto count = static_cast<std::size_t>((end - cal.first_day_).count());

  // Step 1: weekends, holidays, religious holidays and decreed days off are off.
  enum : std::uint8_t { kWork = 0, kWeekend = 1, kFixedOff = 2, kMoved = 3 };
  std::vector<std::uint8_t> state(count);
  for (std::size_t i = 0; i < count; ++i)
    state[i] = IsWeekend(cal.first_day_ + chr::days{i}) ? kWeekend : kWork;
  for (const auto& d : days)
    if (d.kind != SpecialDayKind::kTransferWorkingDay) {
      const std::size_t i = cal.Index(d.date);
      if (d.kind == SpecialDayKind::kTransferDayOff && state[i] != kWork)
        return Malformed(source, d.line,
                         "transfer_day_off on " + FormatDate(d.date) + ", which is already a day off");
      state[i] = kFixedOff;
    }
  // Step 2: a holiday on a Saturday or Sunday moves its day off to the next free Monday-Friday.
  for (const auto& d : days) {
    if (d.kind != SpecialDayKind::kHoliday || !IsWeekend(chr::sys_days{d.date})) continue;
    std::size_t i = cal.Index(d.date) + 1;
    while (i < count && state[i] != kWork) ++i;
    if (i == count)
      return Malformed(source, d.line,
                       "the day off of " + FormatDate(d.date) + " moves past the last covered year " +
                           std::to_string(cal.last_year_) + "; list the next year too");
    state[i] = kMoved;
    cal.moved_.push_back({d.date, Date{cal.first_day_ + chr::days{i}}});
  }
  // Step 3: decreed working days.
  for (const auto& d : days)
    if (d.kind == SpecialDayKind::kTransferWorkingDay) {
      const std::size_t i = cal.Index(d.date);
      if (state[i] == kWork)
        return Malformed(source, d.line,
                         "transfer_working_day on " + FormatDate(d.date) + ", which is a working day anyway");
      state[i] = kWork;
    }
  cal.working_.resize(count);
  for (std::size_t i = 0; i < count; ++i) cal.working_[i] = state[i] == kWork;
  cal.days_ = std::move(days);
  return cal;
}

std::size_t WorkCalendar::Index(Date d) const {
  return static_cast<std::size_t>((chr::sys_days{d} - first_day_).count());
}

bool WorkCalendar::Covers(Date d) const {
  const int y = static_cast<int>(d.year());
  return d.ok() && y >= first_year_ && y <= last_year_;
}

tl::unexpected<Error> WorkCalendar::OutOfRange(Date d) const {
  return Fail(ErrorCode::kInvalidInput, "error.calendar.out_of_range",
              (d.ok() ? FormatDate(d) : std::string("an invalid date")) +
                  " is outside the working-day calendar, which covers " + std::to_string(first_year_) + "-" +
                  std::to_string(last_year_));
}

Result<bool> WorkCalendar::IsWorkingDay(Date d) const {
  if (!Covers(d)) return OutOfRange(d);
  return working_[Index(d)] != 0;
}

Result<Date> WorkCalendar::NextWorkingDay(Date d) const { return AddWorkingDays(d, 1); }

Result<Date> WorkCalendar::AddWorkingDays(Date start, int n) const {
  if (n < 0)
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input",
                "a number of working days must not be negative, got " + std::to_string(n));
  if (!Covers(start)) return OutOfRange(start);
  std::size_t i = Index(start);
  for (int left = n; left > 0;) {
    if (++i == working_.size()) return OutOfRange(Date{first_day_ + chr::days{i}});
    if (working_[i]) --left;
  }
  return Date{first_day_ + chr::days{i}};
}

Result<int> WorkCalendar::WorkingDaysBetween(Date from, Date to) const {
  if (!Covers(from)) return OutOfRange(from);
  if (!Covers(to)) return OutOfRange(to);
  std::size_t a = Index(from), b = Index(to);
  const int sign = a <= b ? 1 : -1;
  if (a > b) std::swap(a, b);
  int n = 0;
  for (std::size_t i = a + 1; i <= b; ++i) n += working_[i];
  return sign * n;
}

Result<int> WorkCalendar::WorkingDaysInYear(int year) const {
  if (year < first_year_ || year > last_year_) return OutOfRange(chr::year{year} / chr::January / 1);
  const chr::year y{year};
  auto n = WorkingDaysBetween(y / chr::January / 1, y / chr::December / 31);
  if (!n) return n;
  return *n + (working_[Index(y / chr::January / 1)] ? 1 : 0);
}

Result<WorkCalendar> ParseWorkCalendar(std::string_view text, std::string_view source) {
  std::vector<SpecialDay> days;
  bool header = false;
  int line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!IsValidUtf8(line)) return Malformed(source, line_no, "not valid UTF-8");
    if (Trim(line).empty() || line.front() == '#') continue;
    if (!header) {
      if (line != "date,kind,note")
        return Malformed(source, line_no, "expected the header \"date,kind,note\"");
      header = true;
      continue;
    }
    const std::size_t c1 = line.find(',');
    const std::size_t c2 = c1 == std::string_view::npos ? c1 : line.find(',', c1 + 1);
    if (c2 == std::string_view::npos)
      return Malformed(source, line_no, "expected three fields: date,kind,note");
    const std::string_view date_text = line.substr(0, c1), kind_text = line.substr(c1 + 1, c2 - c1 - 1);
    const auto date = ParseDate(date_text);
    if (!date)
      return Malformed(source, line_no,
                       "\"" + std::string(date_text) + "\" is not a date (expected YYYY-MM-DD, a real day)");
    SpecialDay day{*date, SpecialDayKind::kHoliday, std::string(Trim(line.substr(c2 + 1))), line_no};
    if (!ParseKind(kind_text, day.kind))
      return Malformed(
          source, line_no,
          "unknown kind \"" + std::string(kind_text) +
              "\" (expected holiday, religious_holiday, transfer_day_off or transfer_working_day)");
    days.push_back(std::move(day));
  }
  if (!header) return Malformed(source, line_no, "no header \"date,kind,note\" and no rows");
  return WorkCalendar::Build(std::move(days), source);
}

}  // namespace jospar
