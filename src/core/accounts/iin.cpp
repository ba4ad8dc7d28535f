#include "core/accounts/iin.hpp"

#include <array>
#include <cassert>

namespace jospar::accounts {
namespace {

namespace chr = std::chrono;

constexpr std::size_t kIinLength = 12;
constexpr std::array<int, 11> kWeights1 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
constexpr std::array<int, 11> kWeights2 = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};

tl::unexpected<Error> Bad(const char* key, std::string detail) {
  return Fail(ErrorCode::kInvalidInput, key, std::move(detail));
}

int Digit(char c) { return c - '0'; }

int TwoDigits(std::string_view s, std::size_t at) { return Digit(s[at]) * 10 + Digit(s[at + 1]); }

int WeightedSum(std::string_view first11, const std::array<int, 11>& weights) {
  int sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) sum += Digit(first11[i]) * weights[i];
  return sum % 11;
}

std::string Printable(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7F) return std::string("'") + c + "'";
  static const char* kHex = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 0xF];
}

}  // namespace

std::optional<int> IinCheckDigit(std::string_view first11) {
  assert(first11.size() >= 11);
  int check = WeightedSum(first11, kWeights1);
  if (check == 10) check = WeightedSum(first11, kWeights2);
  if (check == 10) return std::nullopt;
  return check;
}

Result<Iin> ParseIin(std::string_view text) {
  if (text.size() != kIinLength)
    return Bad("error.iin.length", "expected 12 digits, got " + std::to_string(text.size()) + " characters");
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] < '0' || text[i] > '9')
      return Bad("error.iin.not_digit",
                 "position " + std::to_string(i + 1) + ": expected a digit, got " + Printable(text[i]));

  const int century_sex = Digit(text[6]);
  if (century_sex == 0)
    return Bad(
        "error.iin.century",
        "position 7: 0 (not in the IIN rules; said to be used for foreign citizens) gives no century of "
        "birth; expected 1-6");
  if (century_sex > 6)
    return Bad("error.iin.century",
               "position 7: expected 1-6 (century of birth and sex), got " + std::to_string(century_sex));
  const int century_start = 1800 + 100 * ((century_sex - 1) / 2);

  const int yy = TwoDigits(text, 0), mm = TwoDigits(text, 2), dd = TwoDigits(text, 4);
  const chr::year year{century_start + yy};
  if (mm < 1 || mm > 12)
    return Bad("error.iin.birth_date",
               "positions 3-4: month " + std::string(text.substr(2, 2)) + " does not exist (expected 01-12)");
  const chr::year_month_day birth{year, chr::month{static_cast<unsigned>(mm)},
                                  chr::day{static_cast<unsigned>(dd)}};
  if (!birth.ok()) {
    const unsigned last =
        static_cast<unsigned>((year / chr::month{static_cast<unsigned>(mm)} / chr::last).day());
    return Bad("error.iin.birth_date", "positions 5-6: day " + std::string(text.substr(4, 2)) +
                                           " does not exist in " + std::to_string(static_cast<int>(year)) +
                                           "-" + std::string(text.substr(2, 2)) + " (it has " +
                                           std::to_string(last) + " days)");
  }

  const auto check = IinCheckDigit(text.substr(0, 11));
  if (!check)
    return Bad(
        "error.iin.not_issued",
        "positions 1-11: no check digit exists for these digits (both weightings give 10), so no IIN is "
        "issued with them");
  if (Digit(text[11]) != *check)
    return Bad("error.iin.check_digit", "position 12: check digit is " + std::string(1, text[11]) +
                                            ", but digits 1-11 give " + std::to_string(*check));

  return Iin{std::string(text), birth, century_sex % 2 == 1 ? Sex::kMale : Sex::kFemale};
}

int AgeOn(chr::year_month_day birth, chr::year_month_day on) {
  if (on <= birth) return 0;
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  // The birthday in `on`'s year; 29 February becomes 28 February in a common year.
  chr::year_month_day birthday{on.year(), birth.month(), birth.day()};
  if (!birthday.ok()) birthday = on.year() / birth.month() / chr::last;
  if (on < birthday) --years;
  return years;
}

bool IsAtLeastAge(const Iin& iin, int years, chr::year_month_day on) {
  return AgeOn(iin.birth_date, on) >= years;
}

}  // namespace jospar::accounts
