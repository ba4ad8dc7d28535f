// Personal-data rights of a person (the law of Kazakhstan "On personal data and their protection", with the
// GDPR as the reference): consent per purpose, a download of everything held about the person, erasure on
// request, the record of every staff read ("who viewed my data") and retention with automatic erasure.
// No I/O here: the texts of the consents come from the caller (web/, from locales `consent.<purpose>.text`),
// so do the vault of the IIN, the fresh anonymous name and the clock.
//
// What the history records: that a consent was given or withdrawn, that an account was erased (and why:
// "request" or a retention rule) — never a name, an email or an IIN. Nothing of it goes into the
// transparency log, so erasing a person leaves every public decision and the log's size untouched.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/accounts.hpp"
#include "core/accounts/outbox.hpp"
#include "core/accounts/persons.hpp"
#include "core/accounts/usecases.hpp"
#include "core/audit/audit.hpp"
#include "core/audit/history.hpp"
#include "core/base/error.hpp"
#include "core/base/text.hpp"
#include "core/base/unit_of_work.hpp"

namespace jospar::accounts {

inline constexpr const char* kNotificationsEmailPurpose = "notifications_email";
inline constexpr std::int64_t kDaySeconds = 24 * 3600;
inline constexpr std::int64_t kUnconfirmedRetentionSeconds = 7 * kDaySeconds;
inline constexpr std::int64_t kInactiveRetentionSeconds = 3 * 365 * kDaySeconds + kDaySeconds;  // 3 years

// One purpose of processing. Its texts are in the locales: `consent.<key>.text` (what the person agrees to)
// and `purpose.<key>.allows` (what it allows, one line), `purpose.<key>.retention` (how long, one line).
struct Purpose {
  std::string key;  // "account", "notifications_email", "people.applications", ...
  // Required for the account: given at registration, and withdrawn only by erasing the account.
  bool required = false;
  // What the data of this purpose is kept for at most, in seconds after its start rule (0: as long as the
  // account). Shown to the person; the account-wide rules are ApplyRetention's.
  std::int64_t retention_seconds = 0;
};

// The purposes known, in the order shown: "account" (required) and "notifications_email" (optional), then
// those the modules registered. Thread-safety: register at start-up, before any request is served.
const std::vector<Purpose>& Purposes();
// Adds a purpose (people/voice at start-up: "people.applications", "voice.appeals"); a key already known is
// replaced.
void RegisterPurpose(Purpose p);
const Purpose* FindPurpose(std::string_view key);

// True when the user has a consent in force for `purpose` (persons), or when the account is not a person's
// (staff accounts are processed under their employment, not under consent). False for an erased or
// disabled person, and for an unknown purpose. Every processing that rests on a consent asks this first.
Result<bool> MayProcess(Tx& tx, Id user_id, std::string_view purpose);

// Email notifications: enqueues `mail` to the user's address only when MayProcess(notifications_email);
// returns whether it was enqueued (false: withdrawn, no address, or not confirmed). The notifications
// module sends every notification mail through this.
Result<bool> EnqueueNotificationMail(Tx& tx, Id user_id, MailMessage mail, std::int64_t now);

// True when `password` matches the stored `hash` (web/auth's argon2id check).
using PasswordVerifier = std::function<bool(const std::string& hash, std::string_view password)>;

// A signed-in person acting on their own data.
struct Me {
  Principal principal;
  std::string now;  // UTC ISO 8601
  std::int64_t now_unix = 0;
};

// Gives the consent to an optional `purpose` with the text shown, in `lang`. kForbidden unless the caller
// is a person; kInvalidInput "purpose" error.field.unknown for an unknown purpose; kConflict
// "error.consent_in_force" when one is already in force.
Status GiveConsent(Store& store, const Me& me, std::string_view purpose, std::string text, Lang lang);
// Withdraws the consent to `purpose`: the processing it allowed stops (MayProcess is false from now).
// kConflict "error.consent_required_purpose" for a required purpose ("account": withdrawn only by erasing
// the account, EraseMe); kNotFound "error.consent_not_in_force" when none is in force.
Status WithdrawConsent(Store& store, const Me& me, std::string_view purpose);

// ---- Who viewed my data ------------------------------------------------------------------------------

// Records one staff read in `tx` (the same transaction as the read). people/voice call this for every
// read of a person's data they show to staff.
Status RecordDataAccess(Tx& tx, const DataAccess& access);

inline constexpr std::size_t kMaxReasonLength = 500;

// What an admin sees of a person (GET /api/v1/persons/{id}).
struct StaffPersonView {
  User user;
  Person person;
  std::optional<std::string> iin;  // only when revealed
};

// An admin reads a person: full name, email, birth date, sex; the full IIN only with `reveal_iin` and a
// `reason` (kInvalidInput "reason" error.field.required / too_long otherwise). The read is recorded in the
// same transaction. kUnauthenticated / kForbidden unless the caller is an admin; kNotFound for an id that
// is not a person's (or an erased one); kInternal "error.iin_key_missing" when the seal cannot be opened.
Result<StaffPersonView> ReadPersonAsStaff(Store& store, const Principal& viewer, Id person_user_id,
                                          bool reveal_iin, std::string_view reason, const PersonVault& vault,
                                          const std::string& now);

// ---- Download everything held about me ---------------------------------------------------------------

// Records of another module, as field/value pairs (people's applications, voice's appeals, notifications).
struct DataRecord {
  std::vector<std::pair<std::string, std::string>> fields;
};
struct DataSection {
  std::string name;  // "people.applications", ...
  std::vector<DataRecord> records;
};
// A module's part of the download: reads what it holds about `user` in `tx`.
using DataExporter = std::function<Result<DataSection>(Tx& tx, const User& user)>;
// A module's part of an erasure: removes or anonymises what it holds about `user` in `tx` (the same
// transaction as the rest of the erasure; an error rolls the whole erasure back).
using DataEraser = std::function<Status(Tx& tx, const User& user)>;
// Registered at start-up (like RegisterPurpose); each runs on every download / erasure, in order.
void RegisterDataExporter(DataExporter exporter);
void RegisterDataEraser(DataEraser eraser);

struct MyData {
  User user;  // password hash cleared
  std::optional<Person> person;
  std::optional<std::string> iin;  // opened from the seal: it is the person's own
  std::vector<Consent> consents;
  std::vector<HistoryEntry> history;  // about the account
  std::vector<Session> sessions;      // secrets cleared
  bool second_factor = false;
  std::int64_t recovery_codes_left = 0;
  std::vector<OutboxItem> mail;  // to the account's address
  std::vector<DataAccess> access_log;
  std::vector<DataSection> modules;  // from the registered exporters
};

// Everything held about the signed-in user (any role). kUnauthenticated when not signed in.
Result<MyData> ExportMyData(Tx& tx, const Principal& me, const PersonVault& vault);
// The access log of the signed-in user, newest first.
Result<std::vector<DataAccess>> MyAccessLog(Tx& tx, const Principal& me);

// ---- Erasure -------------------------------------------------------------------------------------------

// Erases a person's data everywhere in one transaction (PersonsRepository::EraseAccount, then the
// registered erasers): the persons row (so the same IIN can register again), email, password (unusable),
// sessions, API tokens, second factor and recovery codes, link tokens, every mail to the address, the
// consents' texts (each consent row stays with purpose, language and dates, withdrawn at the erasure: a
// record that consent existed, nothing personal), the reasons of the access log; the account is disabled
// and renamed to `anonymous_name` ("erased-" and random hex). The history gets an "erase" row with `why`.
// kNotFound when the user is not a person or is already erased.
Status ErasePerson(Tx& tx, Id user_id, const std::string& anonymous_name, std::string_view why,
                   const audit::Actor& actor);

// A person erases their own account: `password` must be the current one (kInvalidInput "password"
// error.password_wrong otherwise; nothing is changed). kForbidden unless the caller is a person.
Status EraseMe(Store& store, const Me& me, std::string_view password, const PasswordVerifier& verify,
               const std::string& anonymous_name);

// ---- Retention -----------------------------------------------------------------------------------------

struct RetentionReport {
  std::int64_t unconfirmed = 0;  // accounts never confirmed, erased kUnconfirmedRetentionSeconds after
  std::int64_t inactive = 0;     // accounts not signed in for kInactiveRetentionSeconds
};

// Erases every person account that is due at `now_unix`: never confirmed and registered more than
// kUnconfirmedRetentionSeconds ago; or not signed in (or, never signed in, registered) more than
// kInactiveRetentionSeconds ago. One transaction per account; `anonymous_name()` gives each a fresh name.
// Safe to run concurrently (an account erased by another run is skipped).
Result<RetentionReport> ApplyRetention(Store& store, std::int64_t now_unix,
                                       const std::function<std::string()>& anonymous_name);

}  // namespace jospar::accounts
