// The working-day calendar: the shipped data (data/calendar/kz-workdays.csv) against published calendars,
// the rule that moves a weekend holiday's day off, deadlines in working days, and located parse errors.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

#include "app/work_calendar.hpp"
#include "core/base/workdays.hpp"

namespace jospar {
namespace {

using namespace std::chrono;

const WorkCalendar& Shipped() {
  static const WorkCalendar cal = [] {
    auto c = app::LoadWorkCalendar(std::string(JOSPAR_SOURCE_DIR) + "/data/calendar/kz-workdays.csv");
    if (!c) ADD_FAILURE() << c.error().detail;
    return c ? *c : *ParseWorkCalendar("date,kind,note\n2020-01-01,holiday,x\n");
  }();
  return cal;
}

bool Working(const WorkCalendar& cal, Date d) {
  auto w = cal.IsWorkingDay(d);
  EXPECT_TRUE(w) << FormatDate(d);
  return w && *w;
}

TEST(WorkCalendarLoad, ReadsTheShippedFileAndLocatesErrorsByPath) {
  auto shipped = app::LoadWorkCalendar(app::DefaultWorkCalendarPath());
  ASSERT_TRUE(shipped) << shipped.error().detail;
  auto missing = app::LoadWorkCalendar(std::string(JOSPAR_SOURCE_DIR) + "/data/calendar/absent.csv");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().detail.find("absent.csv: cannot be read"), std::string::npos);
}

TEST(WorkCalendarData, CoversTwentyTwentyToTwentyTwentySeven) {
  EXPECT_EQ(Shipped().first_year(), 2020);
  EXPECT_EQ(Shipped().last_year(), 2027);
}

// Working days of a five-day week per year. Sources (see the data file's header for the links):
// 2020: 120 days off of 366 = 246 working days (zakon.kz, Sputnik). 2021: Ministry of Labour, 120 days off
// of 365 = 245 working days. 2022: the Ministry's 245, counted before the
// autumn 2022 law, plus 1 December and 19 December that became working days, minus 24-25 October, plus
// Saturday 22 October = 246. 2024: the Ministry's balance says 248 with Kurban Ait planned on Monday
// 17 June; DUMK set it on Sunday 16 June, so 249. 2025: 246 published. 2026: 15 holiday days off on
// weekdays (alau.kz) from 261 weekdays = 246. 2023 and 2027 are what the data gives, not checked against a
// published count (2023's days off match ratel.kz's list; 2027 is provisional).
TEST(WorkCalendarData, WorkingDaysPerYearMatchPublishedCounts) {
  const std::pair<int, int> expected[] = {{2020, 246}, {2021, 245}, {2022, 246}, {2023, 246},
                                          {2024, 249}, {2025, 246}, {2026, 246}, {2027, 247}};
  for (auto [year, days] : expected) {
    auto n = Shipped().WorkingDaysInYear(year);
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, days) << year;
  }
}

TEST(WorkCalendarData, WeekendHolidaysMoveToTheNextWorkingDay) {
  const auto& cal = Shipped();
  // Nauryz 2024 is Thursday-Saturday 21-23 March: the day off of Saturday moves to Monday 25 March.
  EXPECT_FALSE(Working(cal, 2024y / March / 21d));
  EXPECT_FALSE(Working(cal, 2024y / March / 22d));
  EXPECT_FALSE(Working(cal, 2024y / March / 25d));
  EXPECT_TRUE(Working(cal, 2024y / March / 26d));
  // New Year 2023 is Sunday-Monday: the day off of Sunday moves past Monday's holiday to Tuesday 3 January.
  EXPECT_FALSE(Working(cal, 2023y / January / 2d));
  EXPECT_FALSE(Working(cal, 2023y / January / 3d));
  EXPECT_TRUE(Working(cal, 2023y / January / 4d));
  // Nauryz 2020 is Saturday-Monday: two days off move, to Tuesday 24 and Wednesday 25 March.
  EXPECT_FALSE(Working(cal, 2020y / March / 24d));
  EXPECT_FALSE(Working(cal, 2020y / March / 25d));
  EXPECT_TRUE(Working(cal, 2020y / March / 26d));
  // 7 May 2022 is a Saturday and 9 May a Monday holiday: the day off moves to Tuesday 10 May.
  EXPECT_FALSE(Working(cal, 2022y / May / 10d));
  // 2025: 8 March Saturday -> 10 March; Constitution Day Saturday 30 August -> Monday 1 September.
  EXPECT_FALSE(Working(cal, 2025y / March / 10d));
  EXPECT_FALSE(Working(cal, 2025y / September / 1d));
  // 2026 as the Ministry's calendar lists the moves: 8 Mar -> 9 Mar, 21/22 Mar -> 24/25 Mar,
  // 9 May -> 11 May, 30 Aug -> 31 Aug, 25 Oct -> 26 Oct.
  std::vector<std::pair<Date, Date>> moves2026;
  for (const auto& m : cal.moved_days_off())
    if (m.holiday.year() == 2026y) moves2026.emplace_back(m.holiday, m.day_off);
  const std::vector<std::pair<Date, Date>> published = {
      {2026y / March / 8d, 2026y / March / 9d},     {2026y / March / 21d, 2026y / March / 24d},
      {2026y / March / 22d, 2026y / March / 25d},   {2026y / May / 9d, 2026y / May / 11d},
      {2026y / August / 30d, 2026y / August / 31d}, {2026y / October / 25d, 2026y / October / 26d}};
  EXPECT_EQ(moves2026, published);
}

TEST(WorkCalendarData, ReligiousHolidaysAndAbolishedHolidaysDoNotMove) {
  const auto& cal = Shipped();
  // Kurban Ait on Sunday 16 June 2024 and Christmas on Saturday 7 January 2023: no day off moves.
  EXPECT_TRUE(Working(cal, 2024y / June / 17d));
  EXPECT_TRUE(Working(cal, 2023y / January / 9d));
  EXPECT_FALSE(Working(cal, 2025y / June / 6d));  // Kurban Ait on a Friday is a day off
  // 17 December and 1 December were holidays until 2021 only.
  EXPECT_FALSE(Working(cal, 2021y / December / 1d));
  EXPECT_FALSE(Working(cal, 2021y / December / 17d));
  EXPECT_TRUE(Working(cal, 2022y / December / 1d));
  EXPECT_TRUE(Working(cal, 2022y / December / 19d));
  EXPECT_FALSE(Working(cal, 2022y / October / 25d));
}

TEST(WorkCalendarData, GovernmentTransfersApply) {
  const auto& cal = Shipped();
  EXPECT_TRUE(Working(cal, 2025y / January / 5d));  // a working Sunday
  EXPECT_FALSE(Working(cal, 2025y / January / 3d));
  EXPECT_TRUE(Working(cal, 2024y / May / 4d));  // a working Saturday
  EXPECT_FALSE(Working(cal, 2024y / May / 8d));
  // 9 May 2020 (Saturday) would move to Monday 11 May; the decree gave Friday 8 May instead.
  EXPECT_TRUE(Working(cal, 2020y / May / 11d));
  EXPECT_FALSE(Working(cal, 2020y / May / 8d));
}

TEST(WorkCalendarDeadline, CountsWorkingDaysAfterTheStartDay) {
  const auto& cal = Shipped();
  // Across Nauryz 2024: from Friday 15 March, 15 working days are 18-20 March, 26-29 March, 1-5 April,
  // 8-10 April.
  EXPECT_EQ(cal.AddWorkingDays(2024y / March / 15d, 15), 2024y / April / 10d);
  EXPECT_EQ(cal.AddWorkingDays(2024y / March / 20d, 1), 2024y / March / 26d);
  EXPECT_EQ(cal.NextWorkingDay(2024y / March / 20d), 2024y / March / 26d);
  // A start on a day off: the start day is not counted either way.
  EXPECT_EQ(cal.AddWorkingDays(2024y / March / 23d, 1), 2024y / March / 26d);
  EXPECT_EQ(cal.AddWorkingDays(2024y / March / 23d, 0), 2024y / March / 23d);
  // Across New Year 2025: 26, 27, 30, 31 December, then Sunday 5 January (worked), Monday 6 January;
  // 7 January is Christmas.
  EXPECT_EQ(cal.AddWorkingDays(2024y / December / 25d, 5), 2025y / January / 5d);
  EXPECT_EQ(cal.AddWorkingDays(2024y / December / 25d, 6), 2025y / January / 6d);
  EXPECT_EQ(cal.AddWorkingDays(2024y / December / 25d, 7), 2025y / January / 8d);
  EXPECT_EQ(cal.WorkingDaysBetween(2024y / December / 25d, 2025y / January / 8d), 7);
  EXPECT_EQ(cal.WorkingDaysBetween(2025y / January / 8d, 2024y / December / 25d), -7);
  EXPECT_EQ(cal.WorkingDaysBetween(2025y / January / 8d, 2025y / January / 8d), 0);
}

TEST(WorkCalendarDeadline, AddAndBetweenAgreeAndLandOnWorkingDays) {
  const auto& cal = Shipped();
  std::mt19937 rng(11);
  for (int i = 0; i < 2000; ++i) {
    const Date start{sys_days{2020y / January / 1d} + days{rng() % (365 * 7)}};
    const int n = static_cast<int>(rng() % 40);
    auto end = cal.AddWorkingDays(start, n);
    ASSERT_TRUE(end) << FormatDate(start);
    EXPECT_EQ(cal.WorkingDaysBetween(start, *end), n) << FormatDate(start);
    if (n > 0) {
      EXPECT_TRUE(Working(cal, *end));
      EXPECT_EQ(cal.WorkingDaysBetween(start, Date{sys_days{*end} - days{1}}), n - 1);
    }
  }
}

TEST(WorkCalendarDeadline, OutsideTheCoveredYearsIsAnError) {
  const auto& cal = Shipped();
  auto before = cal.IsWorkingDay(2019y / December / 31d);
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().message_key, "error.calendar.out_of_range");
  EXPECT_EQ(before.error().detail, "2019-12-31 is outside the working-day calendar, which covers 2020-2027");
  auto after = cal.AddWorkingDays(2027y / December / 27d, 10);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().detail, "2028-01-01 is outside the working-day calendar, which covers 2020-2027");
  EXPECT_EQ(cal.AddWorkingDays(2024y / May / 2d, -1).error().message_key, "error.invalid_input");
  EXPECT_FALSE(cal.WorkingDaysBetween(2024y / May / 2d, 2028y / May / 2d));
}

// The moving rule on a made-up year (2033 has 1 January on a Saturday).
TEST(WorkCalendarRule, DerivesMovedDaysOffFromHolidayRows) {
  auto cal = ParseWorkCalendar(
      "date,kind,note\n"
      "2033-01-01,holiday,Sat\n"
      "2033-01-02,holiday,Sun\n"
      "2033-01-03,holiday,Mon\n"
      "2033-01-04,transfer_day_off,Tue\n"
      "2033-01-08,religious_holiday,Sat: never moves\n"
      "2033-01-15,holiday,Sat\n"
      "2033-01-17,religious_holiday,Mon\n"
      "2033-01-22,holiday,Sat\n"
      "2033-01-24,transfer_working_day,cancels the moved day\n");
  ASSERT_TRUE(cal) << cal.error().detail;
  // 1 and 2 January skip the Monday holiday and the decreed Tuesday: Wednesday 5, Thursday 6.
  ASSERT_EQ(cal->moved_days_off().size(), 4u);
  EXPECT_EQ(cal->moved_days_off()[0].day_off, 2033y / January / 5d);
  EXPECT_EQ(cal->moved_days_off()[1].day_off, 2033y / January / 6d);
  EXPECT_EQ(cal->moved_days_off()[2].day_off, 2033y / January / 18d);  // past the religious Monday
  EXPECT_EQ(cal->moved_days_off()[3].day_off, 2033y / January / 24d);
  EXPECT_TRUE(Working(*cal, 2033y / January / 7d));
  EXPECT_TRUE(Working(*cal, 2033y / January / 10d));
  EXPECT_FALSE(Working(*cal, 2033y / January / 18d));
  EXPECT_TRUE(Working(*cal, 2033y / January / 24d));
  EXPECT_EQ(cal->WorkingDaysInYear(2033), 260 - 7 + 1);
}

TEST(WorkCalendarParse, AcceptsCommentsBlankLinesCrlfAndCommasInNotes) {
  auto cal = ParseWorkCalendar(
      "# rules\r\n\r\ndate,kind,note\r\n# 2024\r\n2024-03-08,holiday,8 March, Friday\r\n"
      "2024-05-04,transfer_working_day,\n");
  ASSERT_TRUE(cal) << cal.error().detail;
  ASSERT_EQ(cal->special_days().size(), 2u);
  EXPECT_EQ(cal->special_days()[0].note, "8 March, Friday");
  EXPECT_EQ(cal->special_days()[0].line, 5);
  EXPECT_EQ(cal->special_days()[1].note, "");
}

TEST(WorkCalendarParse, ErrorsNameTheLine) {
  const struct {
    const char* text;
    const char* detail;
  } cases[] = {
      {"", "cal.csv: no header \"date,kind,note\" and no rows"},
      {"# only a comment\n", "cal.csv line 1: no header"},
      {"date,kind\n2024-01-01,holiday,x\n", "cal.csv line 1: expected the header \"date,kind,note\""},
      {"date,kind,note\n", "cal.csv: no rows"},
      {"date,kind,note\n\n2024-01-01,holiday\n", "cal.csv line 3: expected three fields: date,kind,note"},
      {"date,kind,note\n2024-02-30,holiday,x\n", "cal.csv line 2: \"2024-02-30\" is not a date"},
      {"date,kind,note\n2023-02-29,holiday,x\n", "cal.csv line 2: \"2023-02-29\" is not a date"},
      {"date,kind,note\n24-01-01,holiday,x\n", "line 2: \"24-01-01\" is not a date (expected YYYY-MM-DD"},
      {"date,kind,note\n2024-01-01,holyday,x\n", "cal.csv line 2: unknown kind \"holyday\""},
      {"date,kind,note\n2024-01-01,holiday,a\n# c\n2024-01-01,religious_holiday,b\n",
       "cal.csv line 4: 2024-01-01 is listed twice (also on line 2)"},
      {"date,kind,note\n2022-01-01,holiday,a\n2024-01-01,holiday,b\n",
       "cal.csv line 3: no rows for the year 2023: every year from 2022 to 2024 must be listed"},
      {"date,kind,note\n2024-01-01,holiday,a\n2024-01-03,transfer_working_day,b\n",
       "cal.csv line 3: transfer_working_day on 2024-01-03, which is a working day anyway"},
      {"date,kind,note\n2024-01-06,transfer_day_off,b\n",
       "cal.csv line 2: transfer_day_off on 2024-01-06, which is already a day off"},
      {"date,kind,note\n2022-12-31,holiday,a\n",
       "cal.csv line 2: the day off of 2022-12-31 moves past the last covered year 2022"},
      {"date,kind,note\n2024-01-01,holiday,\xFF\n", "cal.csv line 2: not valid UTF-8"},
  };
  for (const auto& c : cases) {
    auto r = ParseWorkCalendar(c.text, "cal.csv");
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().message_key, "error.calendar.malformed");
    EXPECT_NE(r.error().detail.find(c.detail), std::string::npos) << r.error().detail;
  }
}

}  // namespace
}  // namespace jospar
