// Fuzzes the IIN parser: no crash or sanitizer report on any bytes; what is accepted is 12 digits whose
// parts agree with the parsed value, and every rejection carries one of the documented message keys.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/accounts/iin.hpp"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jospar::accounts;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto iin = ParseIin(text);
  if (iin) {
    Check(iin->digits == text && text.size() == 12);
    Check(iin->birth_date.ok());
    Check(IinCheckDigit(text.substr(0, 11)) == text[11] - '0');
    const int c = text[6] - '0';
    Check((c % 2 == 1) == (iin->sex == Sex::kMale));
    const int y = static_cast<int>(iin->birth_date.year());
    Check(y % 100 == (text[0] - '0') * 10 + (text[1] - '0'));
    Check(y / 100 == 18 + (c - 1) / 2);
    Check(AgeOn(iin->birth_date, iin->birth_date) == 0);
  } else {
    const std::string& key = iin.error().message_key;
    Check(key == "error.iin.length" || key == "error.iin.not_digit" || key == "error.iin.century" ||
          key == "error.iin.birth_date" || key == "error.iin.not_issued" || key == "error.iin.check_digit");
    Check(!iin.error().detail.empty());
  }
  return 0;
}
