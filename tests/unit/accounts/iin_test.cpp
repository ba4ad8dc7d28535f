// The IIN parser: real-format numbers checked by hand, every error with its position, the check-digit
// property over many prefixes, and the age rule used for eligibility.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "core/accounts/iin.hpp"

namespace jospar::accounts {
namespace {

using namespace std::chrono;

// Published examples: 791028302728 from the README of tlgtaa/py-kz-validators and 061211600012 from the
// README of ZhymabekRoman/kz-iin-validator. By hand, 791028302728: 7*1 + 9*2 + 1*3 + 0*4 + 2*5 + 8*6 +
// 3*7 + 0*8 + 2*9 + 7*10 + 2*11 = 217 = 19*11 + 8, check digit 8.
TEST(Iin, ParsesPublishedExamplesWithBirthDateAndSex) {
  auto a = ParseIin("791028302728");
  ASSERT_TRUE(a) << a.error().detail;
  EXPECT_EQ(a->digits, "791028302728");
  EXPECT_EQ(a->birth_date, 1979y / October / 28d);
  EXPECT_EQ(a->sex, Sex::kMale);

  auto b = ParseIin("061211600012");
  ASSERT_TRUE(b) << b.error().detail;
  EXPECT_EQ(b->birth_date, 2006y / December / 11d);
  EXPECT_EQ(b->sex, Sex::kFemale);
}

// 90010130081 (born 1 January 1990, male): weights 1..11 give 131 = 11*11 + 10, so the second weighting
// 3,4,...,11,1,2 is used: 9*3 + 1*6 + 1*8 + 3*9 + 8*1 + 1*2 = 78 = 7*11 + 1, check digit 1.
TEST(Iin, UsesTheSecondWeightingWhenTheFirstGivesTen) {
  EXPECT_EQ(IinCheckDigit("90010130081"), 1);
  EXPECT_TRUE(ParseIin("900101300811"));
  EXPECT_FALSE(ParseIin("900101300810"));
}

// A property of the published algorithm, not of this code: digit 11 has weight 11 = 0 (mod 11) in the first
// weighting, so a mistyped digit 11 goes unnoticed whenever the first weighting decides.
TEST(Iin, TheCheckDigitDoesNotSeeDigit11UnderTheFirstWeighting) {
  EXPECT_TRUE(ParseIin("791028302718"));
  EXPECT_TRUE(ParseIin("791028302728"));
}

TEST(Iin, EveryCenturyAndSexDigit) {
  // Construct a valid number for each digit 1-6 and check what it says.
  const struct {
    char digit;
    int year;
    Sex sex;
  } cases[] = {{'1', 1899, Sex::kMale},   {'2', 1899, Sex::kFemale}, {'3', 1999, Sex::kMale},
               {'4', 1999, Sex::kFemale}, {'5', 2099, Sex::kMale},   {'6', 2099, Sex::kFemale}};
  for (const auto& c : cases) {
    std::string first11 = std::string("991231") + c.digit + "0042";
    auto check = IinCheckDigit(first11);
    ASSERT_TRUE(check) << first11;
    auto iin = ParseIin(first11 + std::to_string(*check));
    ASSERT_TRUE(iin) << iin.error().detail;
    EXPECT_EQ(iin->birth_date, year{c.year} / December / 31d);
    EXPECT_EQ(iin->sex, c.sex);
  }
}

TEST(Iin, LeapDaysExistOnlyInLeapYears) {
  // 29 February: 2000 (divisible by 400) and 1988 are leap years; 1900 (by 100, not 400) and 1989 are not.
  for (std::string first11 : {"00022950001", "88022930001"}) {
    auto check = IinCheckDigit(first11);
    ASSERT_TRUE(check);
    EXPECT_TRUE(ParseIin(first11 + std::to_string(*check))) << first11;
  }
  for (std::string first11 : {"00022930001", "89022930001"}) {
    auto check = IinCheckDigit(first11);
    ASSERT_TRUE(check);
    auto r = ParseIin(first11 + std::to_string(*check));
    ASSERT_FALSE(r) << first11;
    EXPECT_EQ(r.error().message_key, "error.iin.birth_date");
    EXPECT_NE(r.error().detail.find("positions 5-6: day 29"), std::string::npos) << r.error().detail;
  }
}

struct BadCase {
  const char* text;
  const char* key;
  const char* detail;  // a substring of the detail
};

TEST(Iin, EveryErrorSaysWhatAndWhere) {
  const BadCase cases[] = {
      {"", "error.iin.length", "expected 12 digits, got 0 characters"},
      {"79102830272", "error.iin.length", "got 11 characters"},
      {"7910283027280", "error.iin.length", "got 13 characters"},
      {" 79102830272", "error.iin.not_digit", "position 1: expected a digit, got ' '"},
      {"7910283O2728", "error.iin.not_digit", "position 8: expected a digit, got 'O'"},
      {"79102830272\xD0", "error.iin.not_digit", "position 12: expected a digit, got byte 0xD0"},
      {"791028-02728", "error.iin.not_digit", "position 7"},
      {"791028002728", "error.iin.century", "position 7: 0"},
      {"791028702728", "error.iin.century", "position 7: expected 1-6 (century of birth and sex), got 7"},
      {"791028902728", "error.iin.century", "got 9"},
      {"791328302728", "error.iin.birth_date", "positions 3-4: month 13 does not exist"},
      {"790028302728", "error.iin.birth_date", "month 00"},
      {"791000302728", "error.iin.birth_date", "positions 5-6: day 00 does not exist in 1979-10"},
      {"790431302728", "error.iin.birth_date", "day 31 does not exist in 1979-04 (it has 30 days)"},
      {"900101300800", "error.iin.not_issued", "positions 1-11"},
      {"791028302727", "error.iin.check_digit", "position 12: check digit is 7, but digits 1-11 give 8"},
      {"791028312728", "error.iin.check_digit", "position 12: check digit is 8, but digits 1-11 give 5"},
  };
  for (const auto& c : cases) {
    auto r = ParseIin(c.text);
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << c.text;
    EXPECT_EQ(r.error().message_key, c.key) << c.text;
    EXPECT_NE(r.error().detail.find(c.detail), std::string::npos) << c.text << " -> " << r.error().detail;
  }
}

// Property: for every 11-digit prefix with a valid century digit and birth date, either exactly one of the
// ten possible last digits gives a valid IIN (the one IinCheckDigit names), or none does and the error is
// "not issued". Checked on 20,000 random prefixes and on all 10,000 serial numbers of one birth date.
TEST(Iin, EachValidPrefixHasExactlyOneCheckDigitOrNone) {
  auto check_prefix = [](const std::string& first11) {
    const auto expected = IinCheckDigit(first11);
    int valid = 0;
    for (char last = '0'; last <= '9'; ++last) {
      auto r = ParseIin(first11 + last);
      if (r) {
        ++valid;
        EXPECT_EQ(expected, last - '0') << first11;
      } else {
        EXPECT_EQ(r.error().message_key, expected ? "error.iin.check_digit" : "error.iin.not_issued")
            << first11;
      }
    }
    EXPECT_EQ(valid, expected ? 1 : 0) << first11;
    return expected.has_value();
  };

  std::mt19937_64 rng(20261203);
  int none = 0, tried = 0;
  while (tried < 20000) {
    const auto birth =
        sys_days{1900y / January / 1d} + days{std::uniform_int_distribution<int>(0, 73000)(rng)};
    const year_month_day ymd{birth};
    const int y = static_cast<int>(ymd.year());
    if (y >= 2100) continue;
    const int century_base = y < 2000 ? 3 : 5;
    const int sex = static_cast<int>(rng() % 2);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d%02u%02u%d%04d", y % 100, static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), century_base + sex, static_cast<int>(rng() % 10000));
    if (!check_prefix(buf)) ++none;
    ++tried;
  }
  // About one prefix in 121 has no check digit (both weighted sums are 10 modulo 11).
  EXPECT_GT(none, 20000 / 121 / 2);
  EXPECT_LT(none, 20000 / 121 * 2);

  for (int serial = 0; serial < 10000; ++serial) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "8403214%04d", serial);
    check_prefix(buf);
  }
}

TEST(IinAge, CompletedYearsAndTheLeapDayBirthday) {
  EXPECT_EQ(AgeOn(2006y / December / 11d, 2024y / December / 10d), 17);
  EXPECT_EQ(AgeOn(2006y / December / 11d, 2024y / December / 11d), 18);
  EXPECT_EQ(AgeOn(2006y / December / 11d, 2006y / December / 11d), 0);
  EXPECT_EQ(AgeOn(2006y / December / 11d, 2000y / January / 1d), 0);
  // Born on 29 February 2000: 18 on 28 February 2018, a common year; in a leap year on the 29th.
  EXPECT_EQ(AgeOn(2000y / February / 29d, 2018y / February / 27d), 17);
  EXPECT_EQ(AgeOn(2000y / February / 29d, 2018y / February / 28d), 18);
  EXPECT_EQ(AgeOn(2000y / February / 29d, 2016y / February / 28d), 15);
  EXPECT_EQ(AgeOn(2000y / February / 29d, 2016y / February / 29d), 16);

  auto iin = ParseIin("061211600012");
  ASSERT_TRUE(iin);
  EXPECT_FALSE(IsAtLeastAge(*iin, 18, 2024y / December / 10d));
  EXPECT_TRUE(IsAtLeastAge(*iin, 18, 2024y / December / 11d));
}

}  // namespace
}  // namespace jospar::accounts
