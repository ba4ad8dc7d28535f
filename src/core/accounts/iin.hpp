// Kazakhstan's individual identification number (IIN, ЖСН/ИИН): 12 digits that carry the birth date, the
// century of birth and the sex, a serial number and a check digit. The structure is that of the Government's
// decree No. 565 of 11 June 2003 (programme of the transition to a single identification number); the
// check-digit rule is as public validators cite it (adilet.zan.kz P070000406; valery1707/kaz-person-id,
// ZhymabekRoman/kz-iin-validator) and agrees with their published valid numbers (see iin_test.cpp):
//   digits 1-6   YYMMDD, the birth date within the century;
//   digit 7      century and sex: 1 / 2 = born 1800-1899, male / female; 3 / 4 = 1900-1999; 5 / 6 =
//   2000-2099; digits 8-11  serial number; digit 12     check digit: sum of digits 1-11 times the
//   weights 1..11, modulo 11; when that is 10, the sum
//                with the weights 3,4,5,6,7,8,9,10,11,1,2 modulo 11; when that is 10 too, no IIN is issued
//                with these first 11 digits.
// Digit 7 = 0 (said in some sources to mark foreign citizens; not in the decree's table) is rejected: the
// century of birth could not be known, and Iin always carries a full birth date and sex.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/error.hpp"

namespace jospar::accounts {

enum class Sex { kMale, kFemale };

// A well-formed IIN: its digits passed every check of ParseIin.
struct Iin {
  std::string digits;  // exactly 12 ASCII digits
  std::chrono::year_month_day birth_date;
  Sex sex = Sex::kMale;

  friend bool operator==(const Iin&, const Iin&) = default;
};

// Parses exactly 12 ASCII digits (the caller trims white space; nothing else is accepted). Errors are
// ErrorCode::kInvalidInput with one message key per kind of problem, and a detail that says where
// (1-based positions):
//   "error.iin.length"       not 12 characters          detail "expected 12 digits, got 11 characters"
//   "error.iin.not_digit"    a byte that is not 0-9     detail "position 5: expected a digit, got 'x'"
//   "error.iin.century"      digit 7 not 1-6            detail "position 7: ..."
//   "error.iin.birth_date"   YYMMDD is not a real date  detail "positions 1-6: ..." (leap years counted)
//   "error.iin.not_issued"   digits 1-11 admit no check digit (both weightings give 10)
//   "error.iin.check_digit"  digit 12 differs from the computed one  detail "position 12: ..."
// The checks run in this order and the first failing one is reported.
Result<Iin> ParseIin(std::string_view text);

// The check digit for `first11` (11 ASCII digits; anything else is a programmer error), or nullopt when
// both weightings give 10 and no IIN is issued with these digits.
std::optional<int> IinCheckDigit(std::string_view first11);

// Completed years of age on `on` of someone born on `birth`; 0 when `on` is before the first birthday
// (and when `on` is before `birth`). Someone born on 29 February completes a year on 28 February in
// common years (the civil-law rule for terms in years: a month without the day ends the term on its last
// day).
int AgeOn(std::chrono::year_month_day birth, std::chrono::year_month_day on);

// True when the holder of `iin` is at least `years` old on `on` (an eligibility rule such as "18 or
// older on the day of the vote").
bool IsAtLeastAge(const Iin& iin, int years, std::chrono::year_month_day on);

}  // namespace jospar::accounts
