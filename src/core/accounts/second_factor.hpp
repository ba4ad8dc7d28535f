// The second factor of sign-in (TOTP, core/accounts/totp.hpp) as use cases: enrol, confirm, check at
// sign-in, switch off, and an admin's reset after a lost device. Each runs in one write transaction and
// changes nothing when it fails. The secret is sealed and opened by the caller (`SecretBox`, libsodium
// in web/), randomness comes from the caller too: core does no I/O and draws no random numbers.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/accounts.hpp"
#include "core/accounts/usecases.hpp"
#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"

namespace jospar::accounts {

struct SecretBox {
  std::function<std::string(std::string_view secret)> seal;
  // nullopt when the sealed text was not made under this key (or was changed).
  std::function<std::optional<std::string>(std::string_view sealed)> open;
};

// The user's second factor is switched on (enrolled and confirmed). kNotFound when the user does not
// exist is not checked here: a missing second factor is `false`.
Result<bool> SecondFactorEnabled(Tx& tx, Id user_id);

// Starts an enrolment for the signed-in `caller` with `secret` (kTotpSecretBytes random bytes): stored
// sealed, not yet switched on (replaces an earlier pending enrolment). kConflict "error.totp_already_on"
// when the second factor is already on; kUnauthenticated for the anonymous caller.
Status StartEnrolment(Store& store, const Principal& caller, std::string_view secret, const SecretBox& box);

// Confirms the pending enrolment with a code of the app at `now` and switches the second factor on, with
// these recovery codes (their hex SHA-256 are stored; the caller shows the codes once). kNotFound
// "error.totp_not_pending" without a pending enrolment; kInvalidInput naming "code"
// (error.totp_wrong) for a wrong code. Recorded in the history ("second_factor_on").
Status ConfirmEnrolment(Store& store, const AccountCaller& caller, std::string_view code,
                        const std::vector<std::string>& recovery_codes, const SecretBox& box,
                        std::int64_t now);

// Checks the answer of a sign-in's second step: a 6-digit code (its step is stored so it cannot be used
// again) or a recovery code (marked used). kUnauthenticated "error.totp_wrong" or "error.totp_replayed";
// nothing is written then. kNotFound when the user has no second factor switched on.
Status CheckSecondStep(Store& store, Id user_id, std::string_view answer, const SecretBox& box,
                       std::int64_t now);

// Switches the caller's own second factor off, with a current code (kInvalidInput "code" error.totp_wrong
// or error.totp_replayed). kForbidden "error.totp_required" when the caller's role requires one.
Status DisableSecondFactor(Store& store, const AccountCaller& caller, std::string_view code,
                           const SecretBox& box, std::int64_t now);

// A lost device: an admin removes user `id`'s second factor and recovery codes and ends their sessions;
// they enrol again at their next sign-in when their role requires it. Admins only (RequireAdmin);
// kNotFound for an unknown user. Recorded in the history ("reset_second_factor") even when the user had
// none.
Status ResetSecondFactor(Store& store, const AccountCaller& caller, Id id);

}  // namespace jospar::accounts
