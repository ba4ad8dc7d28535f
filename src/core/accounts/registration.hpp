// Person accounts as use cases: a citizen or candidate registers (name, email, IIN, password, consent),
// confirms the email address with a link, and resets a forgotten password with a link. Each runs in one
// write transaction and changes nothing when it fails; mail goes into the durable outbox in the same
// transaction. Randomness (tokens, account names), hashing and the texts of the mail come from the caller:
// core does no I/O and draws no random numbers.
//
// Personal data: the history records that a person registered, confirmed or reset, never the name, the
// email or the IIN; nothing of it goes into the transparency log.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/accounts.hpp"
#include "core/accounts/outbox.hpp"
#include "core/accounts/passwords.hpp"
#include "core/accounts/persons.hpp"
#include "core/accounts/usecases.hpp"
#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/base/unit_of_work.hpp"

namespace jospar::accounts {

inline constexpr std::size_t kMaxFullNameLength = 200;  // bytes of UTF-8
inline constexpr std::int64_t kConfirmLinkSeconds = 48 * 3600;
inline constexpr std::int64_t kResetLinkSeconds = 3600;
inline constexpr const char* kAccountPurpose = "account";  // the consent every registration gives

// `email` lowercased and trimmed, when it is one plain address "local@domain.tld" (no spaces, quotes,
// angle brackets or control characters, one '@', a dot in the domain, at most 254 bytes); else empty.
std::string NormalizeEmail(std::string_view email);

// Builds the mail of a link: `token` is the secret of the link (the caller puts it into a URL of its own).
using LinkMail = std::function<MailMessage(const User& to, Lang lang, const std::string& token)>;

// What a registration needs from outside core: hashing, the IIN's keys, the breached-password list, and
// fresh random values for the account's internal name (not personal, shown in staff history) and the link.
struct RegistrationKit {
  PasswordHasher hash_password;
  PersonVault vault;
  const BreachedPasswords* breached = nullptr;
  LinkMail confirm_mail;
};

struct NewPerson {
  std::string full_name;
  std::string email;
  std::string iin;  // as typed; white space around it is ignored
  std::string password;
  bool consent = false;      // the person ticked the consent to the "account" purpose
  std::string consent_text;  // the text they saw, in `lang`
  Lang lang = Lang::kKk;
};

// Fresh random values from the caller.
struct Fresh {
  std::string user_name;  // the account's internal name, e.g. "p-3f9a0c1b2d4e" (ValidUserName)
  std::string token;      // the secret of the confirmation link
};

struct Clocked {
  std::string now;            // UTC ISO 8601
  std::int64_t now_unix = 0;  // the same instant
};

// The field errors of a registration, before any store is asked (the rules RegisterPerson applies first):
// "full_name", "email", "iin", "password" and "consent" as below, in that order; empty when all are valid.
std::vector<FieldError> CheckNewPerson(const NewPerson& person, const BreachedPasswords& breached);

// Registers a person: a User of role kPerson with the email (not yet confirmed), the Person row with the
// IIN's hash and seal, the consent, a confirmation link valid kConfirmLinkSeconds and its mail. Errors:
// kInvalidInput with a FieldError per bad field — "full_name" (error.field.required / too_long / invalid),
// "email" (error.field.email), "iin" (ParseIin's key, e.g. error.iin.check_digit, with its located detail),
// "password" (CheckNewPassword), "consent" (error.field.consent_required); kConflict "error.iin_taken"
// (field "iin") when a person with this IIN has an account, "error.email_taken" (field "email") when the
// address is in use. Returns the new account.
Result<User> RegisterPerson(Store& store, const NewPerson& person, const RegistrationKit& kit,
                            const Fresh& fresh, const Clocked& at);

// Why a link is refused: kInvalidInput with "error.link_invalid" (unknown, or of another purpose),
// "error.link_expired" or "error.link_used". Nothing is written then.

// Confirms the address of the link's account; the link is used up. Returns the account.
Result<User> ConfirmEmail(Store& store, std::string_view token, const Clocked& at);

// Sends a new confirmation link to `email` when an account with that address is waiting for confirmation
// (earlier links stop working); does nothing otherwise, and answers the same either way, so that the
// answer does not tell whether an address has an account. kInvalidInput "email" only for a malformed one.
Status ResendConfirmation(Store& store, std::string_view email, Lang lang, const LinkMail& mail,
                          const std::string& token, const Clocked& at);

// Sends a password-reset link valid kResetLinkSeconds to `email` when an enabled account has that address
// (earlier reset links stop working); answers the same when there is none. kInvalidInput "email" only for a
// malformed address.
Status RequestPasswordReset(Store& store, std::string_view email, Lang lang, const LinkMail& mail,
                            const std::string& token, const Clocked& at);

// Sets a new password with a reset link: the link is used up, the user's sessions end, the address counts
// as confirmed (the link reached it). kInvalidInput "password" as CheckNewPassword, or a link error above.
Result<User> CompletePasswordReset(Store& store, std::string_view token, std::string_view new_password,
                                   const PasswordHasher& hash_password, const BreachedPasswords& breached,
                                   const Clocked& at);

// Key rotation: re-seals every IIN not sealed under `vault.current_key_id`, `batch` persons per
// transaction, and returns how many were re-sealed. kInternal "error.iin_key_missing" (detail: the user
// id) when a seal cannot be opened because its key is no longer kept; the batches before it stay done.
Result<std::int64_t> ResealIins(Store& store, const PersonVault& vault, int batch = 500);

// The hex SHA-256 under which a link's token is stored.
std::string TokenHash(std::string_view token);

}  // namespace jospar::accounts
