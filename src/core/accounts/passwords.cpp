#include "core/accounts/passwords.hpp"

#include "core/accounts/usecases.hpp"
#include "core/base/text.hpp"

namespace jospar::accounts {

BreachedPasswords BreachedPasswords::Parse(std::string_view text) {
  BreachedPasswords out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') out.set_.insert(AsciiLower(line));
    start = end + 1;
  }
  return out;
}

bool BreachedPasswords::Contains(std::string_view password) const {
  return set_.count(AsciiLower(password)) > 0;
}

void CheckNewPassword(std::string_view password, const BreachedPasswords& breached,
                      std::vector<FieldError>& errors) {
  if (password.size() < kMinPasswordLength)
    errors.push_back({"password", "error.field.password_too_short", std::to_string(kMinPasswordLength)});
  else if (password.size() > kMaxPasswordLength)
    errors.push_back({"password", "error.field.password_too_long", std::to_string(kMaxPasswordLength)});
  else if (breached.Contains(password))
    errors.push_back({"password", "error.field.password_breached", {}});
}

}  // namespace jospar::accounts
