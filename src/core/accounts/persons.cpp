#include "core/accounts/persons.hpp"

namespace jospar {

const char* ToString(AccountTokenPurpose p) {
  switch (p) {
    case AccountTokenPurpose::kConfirmEmail:
      return "confirm_email";
    case AccountTokenPurpose::kResetPassword:
      return "reset_password";
  }
  return "confirm_email";
}

}  // namespace jospar
