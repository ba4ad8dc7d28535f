// Password rules of ASVS level 2 (V2.1): at least kMinPasswordLength bytes (usecases.hpp), at most
// kMaxPasswordLength, and not one of a list of breached passwords (data/passwords/common-passwords.txt,
// loaded by app/ and handed to the use cases). No composition rules, as ASVS asks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/base/error.hpp"

namespace jospar::accounts {

inline constexpr std::size_t kMaxPasswordLength = 128;

// A set of breached passwords, compared without regard to ASCII case (a list entry "password1" refuses
// "Password1" too). Thread-safe to read.
class BreachedPasswords {
 public:
  BreachedPasswords() = default;
  // One password a line (LF or CRLF); empty lines and lines starting with '#' are skipped. Never fails:
  // every line is a password.
  static BreachedPasswords Parse(std::string_view text);
  bool Contains(std::string_view password) const;
  std::size_t size() const { return set_.size(); }

 private:
  std::unordered_set<std::string> set_;
};

// The field errors of a new password: "password" error.field.password_too_short / password_too_long /
// password_breached.
void CheckNewPassword(std::string_view password, const BreachedPasswords& breached,
                      std::vector<FieldError>& errors);

}  // namespace jospar::accounts
