// Fuzzes the registration form as the server reads it: the bytes are the body of a POST to /{lang}/register
// (urlencoded, or multipart/form-data when the first byte is odd), decoded by the real Request::Form()
// (web/http.cpp, web/multipart.cpp), its fields taken as FormFromRequest and the Register page do (first
// value of each name, the CSRF token left out, the box ticked by "yes"), then checked by the real rules,
// accounts::CheckNewPerson and NormalizeEmail. No crash or sanitizer report on any bytes; every FieldError
// names a field of the form, at most once, with a message key; the email, consent and breached-password
// errors agree with what was sent.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "core/accounts/registration.hpp"
#include "core/base/text.hpp"
#include "web/http.hpp"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

const jospar::accounts::BreachedPasswords& Breached() {
  static const auto list =
      jospar::accounts::BreachedPasswords::Parse("qwerty123456\r\npassword1234\n# note\n\n");
  return list;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jospar;
  if (size == 0) return 0;
  web::Request req;
  req.method = "POST";
  req.headers.emplace_back("Content-Type", data[0] % 2 ? "multipart/form-data; boundary=xyz"
                                                       : "application/x-www-form-urlencoded");
  req.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);

  // FormFromRequest: every field but the CSRF token; FormState::Value: the first value of a name.
  std::vector<std::pair<std::string, std::string>> values;
  for (auto& [k, v] : req.Form())
    if (k != "csrf_token") values.emplace_back(k, v);
  const auto value = [&](std::string_view name) -> std::string {
    for (const auto& [k, v] : values)
      if (k == name) return v;
    return {};
  };

  accounts::NewPerson p;
  p.full_name = value("full_name");
  p.email = value("email");
  p.iin = value("iin");
  p.password = value("password");
  p.consent = value("consent") == "yes";
  const auto errors = accounts::CheckNewPerson(p, Breached());

  static const std::set<std::string> kFields{"full_name", "email", "iin", "password", "consent"};
  std::set<std::string> seen;
  for (const auto& e : errors) {
    Check(kFields.count(e.field) == 1);
    Check(seen.insert(e.field).second);
    Check(e.message_key.rfind("error.", 0) == 0);
  }

  const std::string email = accounts::NormalizeEmail(p.email);
  Check(email.empty() == (seen.count("email") == 1));
  if (!email.empty()) {
    Check(accounts::NormalizeEmail(email) == email);
    Check(email == AsciiLower(email));
    Check(email.size() <= 254 && email.find('@') != std::string::npos);
    Check(email.find('@') == email.rfind('@'));
  }
  Check(p.consent == (seen.count("consent") == 0));
  if (p.password.size() >= 12 && p.password.size() <= 128)
    Check(Breached().Contains(p.password) == (seen.count("password") == 1));
  else
    Check(seen.count("password") == 1);
  return 0;
}
