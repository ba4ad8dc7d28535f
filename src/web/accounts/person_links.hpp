// What the person-account routes (API and pages) share: the kit a registration needs from the context,
// the mail of a confirmation or reset link in the person's language, and fresh random values.
#pragma once

#include <string>

#include "core/accounts/registration.hpp"
#include "web/context.hpp"

namespace jospar::web {

// The confirmation link's mail ("mail.confirm.*" strings) or the reset link's ("mail.reset.*"), with the
// link <public_url>/<lang>/confirm-email?token=... or .../password-reset/new?token=...
accounts::LinkMail ConfirmMail(const AppContext& ctx);
accounts::LinkMail ResetMail(const AppContext& ctx);

accounts::RegistrationKit RegistrationKitOf(const AppContext& ctx);
accounts::Clocked ClockedNow(const AppContext& ctx);
// A fresh internal account name ("p-" and 12 hex digits) and link token (32 random bytes as hex).
accounts::Fresh FreshValues();
std::string FreshToken();

}  // namespace jospar::web
