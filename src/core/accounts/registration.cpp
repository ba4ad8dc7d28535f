#include "core/accounts/registration.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <utility>

#include "core/accounts/iin.hpp"
#include "core/accounts/repository.hpp"
#include "core/audit/audit.hpp"
#include "core/ledger/hash.hpp"

// Returns the error of a Status-valued expression from the enclosing function (Status or Result<T>).
#define JOSPAR_STATUS(expr)                                     \
  do {                                                          \
    if (auto jospar_status_ = (expr); !jospar_status_)          \
      return ::jospar::Fail(std::move(jospar_status_).error()); \
  } while (0)

namespace jospar::accounts {
namespace {

Status Invalid(std::vector<FieldError> errors) {
  if (errors.empty()) return {};
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {}, std::move(errors));
}

Status LinkError(const char* key) { return Fail(ErrorCode::kInvalidInput, key, {}, {{"token", key, {}}}); }

// The full name's field errors: required, at most kMaxFullNameLength bytes, well-formed UTF-8 without
// control characters.
void CheckFullName(std::string_view name, std::vector<FieldError>& errors) {
  if (name.empty()) {
    errors.push_back({"full_name", "error.field.required", {}});
    return;
  }
  if (name.size() > kMaxFullNameLength) {
    errors.push_back({"full_name", "error.field.too_long", std::to_string(kMaxFullNameLength)});
    return;
  }
  const bool control =
      std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
  if (control || !IsValidUtf8(name)) errors.push_back({"full_name", "error.field.invalid", {}});
}

std::string Date(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

// A person acting on their own account: the history names the account's internal name, never the person.
audit::Actor SelfActor(const User& u, const std::string& now) {
  return {u.name, std::string(ToString(u.role)), now};
}

// Issues a new link of `purpose` for `user` (earlier unused ones of that purpose are deleted) and enqueues
// its mail.
Status IssueLink(Tx& tx, const User& user, AccountTokenPurpose purpose, std::int64_t valid_seconds,
                 const std::string& token, const MailMessage& mail, const Clocked& at) {
  JOSPAR_STATUS(tx.persons().DeleteAccountTokens(user.id, purpose));
  JOSPAR_STATUS(
      tx.persons().InsertAccountToken({TokenHash(token), user.id, purpose, at.now_unix + valid_seconds, {}}));
  auto queued = tx.outbox().Enqueue(mail, at.now_unix);
  if (!queued) return Fail(queued.error());
  return {};
}

// The token of a link of `purpose`, checked: known, of that purpose, unused and not expired.
Result<AccountToken> CheckLink(Tx& tx, std::string_view token, AccountTokenPurpose purpose,
                               const Clocked& at) {
  auto t = tx.persons().GetAccountToken(TokenHash(token));
  if (!t) {
    if (t.error().code == ErrorCode::kNotFound) return Fail(LinkError("error.link_invalid").error());
    return Fail(t.error());
  }
  if (t->purpose != purpose) return Fail(LinkError("error.link_invalid").error());
  if (!t->used_at.empty()) return Fail(LinkError("error.link_used").error());
  if (t->expires_at <= at.now_unix) return Fail(LinkError("error.link_expired").error());
  return t;
}

// Marks the link used; a concurrent use of the same link makes this fail ("error.link_used").
Status UseLink(Tx& tx, std::string_view token, const Clocked& at) {
  auto used = tx.persons().UseAccountToken(TokenHash(token), at.now);
  if (!used && used.error().code == ErrorCode::kNotFound) return LinkError("error.link_used");
  return used;
}

}  // namespace

std::string TokenHash(std::string_view token) { return ledger::Sha256Hex(token); }

std::string NormalizeEmail(std::string_view email) {
  const std::string e = AsciiLower(Trim(email));
  if (e.empty() || e.size() > kMailMaxAddress) return {};
  const auto at = e.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= e.size() || e.find('@', at + 1) != std::string::npos)
    return {};
  const std::string_view domain = std::string_view(e).substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos)
    return {};
  for (unsigned char c : e)
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' || c == ',' ||
        c == ';' || c == ':' || c == '\\' || c == '[' || c == ']')
      return {};
  if (!IsValidUtf8(e)) return {};
  return e;
}

std::vector<FieldError> CheckNewPerson(const NewPerson& person, const BreachedPasswords& breached) {
  std::vector<FieldError> errors;
  CheckFullName(Trim(person.full_name), errors);
  if (NormalizeEmail(person.email).empty()) errors.push_back({"email", "error.field.email", {}});
  auto iin = ParseIin(Trim(person.iin));
  if (!iin) errors.push_back({"iin", iin.error().message_key, iin.error().detail});
  CheckNewPassword(person.password, breached, errors);
  if (!person.consent) errors.push_back({"consent", "error.field.consent_required", {}});
  return errors;
}

Result<User> RegisterPerson(Store& store, const NewPerson& person, const RegistrationKit& kit,
                            const Fresh& fresh, const Clocked& at) {
  static const BreachedPasswords kNone;
  JOSPAR_STATUS(Invalid(CheckNewPerson(person, kit.breached ? *kit.breached : kNone)));
  const std::string full_name(Trim(person.full_name));
  const std::string email = NormalizeEmail(person.email);
  auto iin = ParseIin(Trim(person.iin));

  auto hash = kit.hash_password(person.password);
  if (!hash) return Fail(hash.error());
  const std::string iin_hash = kit.vault.hash(iin->digits);
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<User> {
    auto taken = tx.persons().FindPersonByIinHash(iin_hash);
    if (taken) return Fail(ErrorCode::kConflict, "error.iin_taken", {}, {{"iin", "error.iin_taken", {}}});
    if (taken.error().code != ErrorCode::kNotFound) return Fail(taken.error());
    auto same_email = tx.persons().GetUserByEmail(email);
    if (same_email)
      return Fail(ErrorCode::kConflict, "error.email_taken", {}, {{"email", "error.email_taken", {}}});
    if (same_email.error().code != ErrorCode::kNotFound) return Fail(same_email.error());

    User u;
    u.name = fresh.user_name;
    u.role = Role::kPerson;
    u.password_hash = *hash;
    u.email = email;
    u.created_at = at.now;
    auto id = tx.accounts().InsertUser(u);
    if (!id) return Fail(id.error());
    u.id = *id;
    Person p{u.id,
             full_name,
             iin_hash,
             kit.vault.seal(iin->digits),
             kit.vault.current_key_id,
             Date(iin->birth_date),
             iin->sex == Sex::kFemale ? "female" : "male",
             at.now};
    JOSPAR_STATUS(tx.persons().InsertPerson(p));
    auto consent = tx.persons().InsertConsent(
        {0, u.id, kAccountPurpose, person.consent_text, std::string(LangCode(person.lang)), at.now, {}});
    if (!consent) return Fail(consent.error());
    JOSPAR_STATUS(IssueLink(tx, u, AccountTokenPurpose::kConfirmEmail, kConfirmLinkSeconds, fresh.token,
                            kit.confirm_mail(u, person.lang, fresh.token), at));
    JOSPAR_STATUS(audit::RecordHistory(tx, SelfActor(u, at.now), {ObjectKind::kUser, u.id}, "register",
                                       {{"role", "", "person"}, {"consent", "", kAccountPurpose}}));
    return u;
  });
}

Result<User> ConfirmEmail(Store& store, std::string_view token, const Clocked& at) {
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<User> {
    auto t = CheckLink(tx, token, AccountTokenPurpose::kConfirmEmail, at);
    if (!t) return Fail(t.error());
    JOSPAR_STATUS(UseLink(tx, token, at));
    JOSPAR_STATUS(tx.persons().ConfirmEmail(t->user_id, at.now));
    auto u = tx.accounts().GetUser(t->user_id);
    if (!u) return Fail(u.error());
    JOSPAR_STATUS(audit::RecordHistory(tx, SelfActor(*u, at.now), {ObjectKind::kUser, u->id}, "confirm_email",
                                       {{"email_confirmed", "", "true"}}));
    return u;
  });
}

namespace {

// Mails a link of `purpose` to the account with address `email` when `wanted(account)`; does nothing, and
// answers the same, when there is no such account (the answer does not tell whether an address has one).
Status MailLinkTo(Store& store, std::string_view email, AccountTokenPurpose purpose,
                  std::int64_t valid_seconds, bool (*wanted)(const User&), Lang lang, const LinkMail& mail,
                  const std::string& token, const Clocked& at) {
  const std::string e = NormalizeEmail(email);
  if (e.empty()) return Invalid({{"email", "error.field.email", {}}});
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto u = tx.persons().GetUserByEmail(e);
    if (!u) return u.error().code == ErrorCode::kNotFound ? Status{} : Fail(u.error());
    if (u->disabled || !wanted(*u)) return {};
    return IssueLink(tx, *u, purpose, valid_seconds, token, mail(*u, lang, token), at);
  });
}

}  // namespace

Status ResendConfirmation(Store& store, std::string_view email, Lang lang, const LinkMail& mail,
                          const std::string& token, const Clocked& at) {
  return MailLinkTo(
      store, email, AccountTokenPurpose::kConfirmEmail, kConfirmLinkSeconds,
      [](const User& u) { return u.email_confirmed_at.empty(); }, lang, mail, token, at);
}

Status RequestPasswordReset(Store& store, std::string_view email, Lang lang, const LinkMail& mail,
                            const std::string& token, const Clocked& at) {
  return MailLinkTo(
      store, email, AccountTokenPurpose::kResetPassword, kResetLinkSeconds, [](const User&) { return true; },
      lang, mail, token, at);
}

Result<User> CompletePasswordReset(Store& store, std::string_view token, std::string_view new_password,
                                   const PasswordHasher& hash_password, const BreachedPasswords& breached,
                                   const Clocked& at) {
  std::vector<FieldError> errors;
  CheckNewPassword(new_password, breached, errors);
  JOSPAR_STATUS(Invalid(std::move(errors)));
  auto hash = hash_password(new_password);
  if (!hash) return Fail(hash.error());
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<User> {
    auto t = CheckLink(tx, token, AccountTokenPurpose::kResetPassword, at);
    if (!t) return Fail(t.error());
    JOSPAR_STATUS(UseLink(tx, token, at));
    auto u = tx.accounts().GetUser(t->user_id);
    if (!u) return Fail(u.error());
    if (u->disabled) return Fail(LinkError("error.link_invalid").error());
    User next = *u;
    next.password_hash = *hash;
    JOSPAR_STATUS(tx.accounts().UpdateUser(next));
    JOSPAR_STATUS(tx.accounts().DeleteSessionsOfUser(u->id));
    if (u->email_confirmed_at.empty()) JOSPAR_STATUS(tx.persons().ConfirmEmail(u->id, at.now));
    JOSPAR_STATUS(audit::RecordHistory(tx, SelfActor(*u, at.now), {ObjectKind::kUser, u->id},
                                       "reset_password", {{"password", "", "changed"}}));
    auto after = tx.accounts().GetUser(u->id);
    if (!after) return Fail(after.error());
    return after;
  });
}

Result<std::int64_t> ResealIins(Store& store, const PersonVault& vault, int batch) {
  std::int64_t done = 0;
  while (true) {
    auto n = audit::InWriteTx(store, [&](Tx& tx) -> Result<std::int64_t> {
      auto persons = tx.persons().PersonsNotSealedWith(vault.current_key_id, batch);
      if (!persons) return Fail(persons.error());
      for (const Person& p : *persons) {
        auto iin = vault.open(p.iin_sealed, p.iin_key_id);
        if (!iin)
          return Fail(ErrorCode::kInternal, "error.iin_key_missing", "user " + std::to_string(p.user_id));
        JOSPAR_STATUS(tx.persons().ResealIin(p.user_id, vault.seal(*iin), vault.current_key_id));
      }
      return static_cast<std::int64_t>(persons->size());
    });
    if (!n) return Fail(n.error());
    done += *n;
    if (*n < batch) return done;
  }
}

}  // namespace jospar::accounts
