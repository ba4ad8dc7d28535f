// Person accounts: citizens and candidates who register themselves (core/accounts/registration.hpp).
// A person is a User of role kPerson (sign-in, sessions and second factor as for staff) plus the personal
// data kept here: the full name and the IIN. The IIN is never stored in clear: `iin_hash` is a keyed hash
// (the same IIN always gives the same hash under the same key, so the store can keep it unique: one
// person, one account) and `iin_sealed` is the IIN encrypted under the key named by `iin_key_id`, opened
// only for the few roles that must see it. Neither ever goes into a log, a URL or the transparency log.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/accounts.hpp"
#include "core/accounts/outbox.hpp"
#include "core/base/error.hpp"
#include "core/base/ids.hpp"

namespace jospar {

struct Person {
  Id user_id = 0;
  std::string full_name;
  std::string iin_hash;    // hex keyed hash of the 12 digits (PersonVault::hash)
  std::string iin_sealed;  // the 12 digits sealed under the key `iin_key_id` (PersonVault::seal)
  std::string iin_key_id;
  std::string birth_date;  // YYYY-MM-DD, from the IIN (age bands of the fairness statistics)
  std::string sex;         // "male" / "female", from the IIN
  std::string created_at;  // UTC ISO 8601
};

// Single-use links sent by email: confirming an address, resetting a password. Stored by the hex SHA-256
// of the random token; the token itself is only in the mail.
enum class AccountTokenPurpose { kConfirmEmail, kResetPassword };
const char* ToString(AccountTokenPurpose p);  // "confirm_email", "reset_password"

struct AccountToken {
  std::string token_hash;
  Id user_id = 0;
  AccountTokenPurpose purpose = AccountTokenPurpose::kConfirmEmail;
  std::int64_t expires_at = 0;  // unix seconds
  std::string used_at;          // UTC ISO 8601; empty while unused
};

// Consent given for one purpose of processing, with the text the person saw (in their language) and when.
// Withdrawing it sets `withdrawn_at`; a later consent for the same purpose is a new row.
struct Consent {
  Id id = 0;
  Id user_id = 0;
  std::string purpose;  // a key of the purposes table (core/accounts/personal_data.hpp), e.g. "account"
  std::string text;     // the consent text as shown
  std::string lang;     // "kk", "ru", "en"
  std::string given_at;
  std::string withdrawn_at;  // empty while in force
};

// One read of a person's data by staff ("who viewed my data", core/accounts/personal_data.hpp).
struct DataAccess {
  Id id = 0;
  Id person_user_id = 0;
  Id viewer_user_id = 0;
  std::string viewer_role;  // "admin", ...
  std::string what;         // "person", "iin", ... (comma-separated when several)
  std::string purpose;      // why this kind of read exists, e.g. "account_support"
  std::string reason;       // what the viewer typed; cleared at erasure
  std::string at;           // UTC ISO 8601
};

// A person account that a retention rule makes due for erasure.
struct RetentionCandidate {
  Id user_id = 0;
  bool unconfirmed = false;  // never confirmed (else: not signed in for too long)
};

// The keys of the IIN: `hash` is keyed by a key that does not change (uniqueness), `seal`/`open` encrypt
// under the current key and open under any key still kept (so the sealing key can be rotated: new seals
// use the newest key, `jospar persons rotate-key` re-seals old rows). Built by web/ from key files; core
// only calls it.
struct PersonVault {
  std::function<std::string(std::string_view iin)> hash;
  std::function<std::string(std::string_view iin)> seal;  // sealed under `current_key_id`
  // nullopt when the key `key_id` is not kept or the sealed text was changed.
  std::function<std::optional<std::string>(std::string_view sealed, std::string_view key_id)> open;
  std::string current_key_id;
};

// Persons' part of the store (Tx::persons()). The contract shared by every repository is in
// core/base/unit_of_work.hpp.
class PersonsRepository {
 public:
  virtual ~PersonsRepository() = default;
  // kConflict when the user already has a person row or another person has this `iin_hash`.
  virtual Status InsertPerson(const Person& p) = 0;
  virtual Result<Person> GetPerson(Id user_id) = 0;
  // The user id of the person with this IIN hash; kNotFound when there is none.
  virtual Result<Id> FindPersonByIinHash(std::string_view iin_hash) = 0;
  // Replaces the sealed IIN and its key id (key rotation); kNotFound when there is no such person.
  virtual Status ResealIin(Id user_id, std::string_view iin_sealed, std::string_view key_id) = 0;
  // Persons whose IIN is sealed under a key other than `key_id`, at most `limit`, by user id.
  virtual Result<std::vector<Person>> PersonsNotSealedWith(std::string_view key_id, int limit) = 0;
  // Removes the person row (erasure); kNotFound when there is none.
  virtual Status DeletePerson(Id user_id) = 0;

  // kNotFound when no user has this (lowercased) email.
  virtual Result<User> GetUserByEmail(std::string_view email) = 0;
  // Sets the user's email as confirmed at `at` (kNotFound for an unknown user).
  virtual Status ConfirmEmail(Id user_id, std::string_view at) = 0;

  virtual Status InsertAccountToken(const AccountToken& t) = 0;
  // kNotFound when there is no token with this hash.
  virtual Result<AccountToken> GetAccountToken(std::string_view token_hash) = 0;
  // Marks the token used at `used_at`; kNotFound when it does not exist or is already used (so two
  // requests racing with one link cannot both succeed).
  virtual Status UseAccountToken(std::string_view token_hash, std::string_view used_at) = 0;
  // Deletes the user's unused tokens of this purpose (a new link replaces the old ones).
  virtual Status DeleteAccountTokens(Id user_id, AccountTokenPurpose purpose) = 0;

  virtual Result<Id> InsertConsent(const Consent& c) = 0;
  // The user's consents, oldest first, withdrawn ones included.
  virtual Result<std::vector<Consent>> ListConsents(Id user_id) = 0;
  // Withdraws the consent in force for `purpose` at `at`; kNotFound when none is in force.
  virtual Status WithdrawConsent(Id user_id, std::string_view purpose, std::string_view at) = 0;

  // ---- Personal-data rights (core/accounts/personal_data.hpp) ----
  // Sets users.last_sign_in_at (UTC ISO 8601); kNotFound for an unknown user.
  virtual Status RecordSignIn(Id user_id, std::string_view at) = 0;
  // The user's last sign-in time; empty when never (kNotFound for an unknown user).
  virtual Result<std::string> LastSignIn(Id user_id) = 0;
  // The user's sessions, oldest first.
  virtual Result<std::vector<Session>> ListSessions(Id user_id) = 0;
  // Mail in the outbox to `address`, in any state, oldest first.
  virtual Result<std::vector<OutboxItem>> ListMailTo(std::string_view address) = 0;
  virtual Result<Id> InsertDataAccess(const DataAccess& a) = 0;
  // The reads of this person's data, newest first, at most `limit`.
  virtual Result<std::vector<DataAccess>> ListDataAccess(Id person_user_id, int limit) = 0;
  // Person accounts (with a persons row: not yet erased) registered before `unconfirmed_before` and never
  // confirmed, or whose last sign-in (their registration when they never signed in) is before
  // `inactive_before`; by user id, at most `limit`. Times are UTC ISO 8601.
  virtual Result<std::vector<RetentionCandidate>> PersonsDueForErasure(std::string_view unconfirmed_before,
                                                                       std::string_view inactive_before,
                                                                       int limit) = 0;
  // Erases the account's personal data in the store (the caller's transaction): deletes the persons row,
  // sessions, API tokens, second factor, recovery codes, link tokens and every outbox mail to the address;
  // empties the consents' texts and withdraws those in force at `at`; clears the reasons of the access log
  // about the user; sets the user's email to NULL, email_confirmed_at and last_sign_in_at to '', the
  // password hash to "!erased" (never a valid argon2id string), disabled, and the name to
  // `anonymous_name` (version + 1). kNotFound when the user has no persons row (not a person, or erased).
  virtual Status EraseAccount(Id user_id, std::string_view anonymous_name, std::string_view at) = 0;
};

}  // namespace jospar
