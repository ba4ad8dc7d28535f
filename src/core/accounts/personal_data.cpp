#include "core/accounts/personal_data.hpp"

#include <algorithm>
#include <utility>

#include "core/accounts/registration.hpp"
#include "core/accounts/repository.hpp"
#include "core/base/clock.hpp"

#define JOSPAR_PD_TRY(expr)                                                                          \
  do {                                                                                               \
    if (auto jospar_pd_ = (expr); !jospar_pd_) return ::jospar::Fail(std::move(jospar_pd_).error()); \
  } while (0)

namespace jospar::accounts {
namespace {

std::vector<Purpose>& PurposeTable() {
  static std::vector<Purpose> table = {
      // The account itself: sign-in, the person's applications and appeals, one person one account. Kept
      // while the account is (erased on request, 7 days after a registration never confirmed, 3 years
      // after the last sign-in).
      {kAccountPurpose, true, kInactiveRetentionSeconds},
      // Email notifications about the person's applications, comments and appeals.
      {kNotificationsEmailPurpose, false, 0},
  };
  return table;
}

std::vector<DataExporter>& Exporters() {
  static std::vector<DataExporter> v;
  return v;
}
std::vector<DataEraser>& Erasers() {
  static std::vector<DataEraser> v;
  return v;
}

Status RequirePerson(const Principal& p) {
  if (!p.IsSignedIn()) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated");
  if (p.role != Role::kPerson) return Fail(ErrorCode::kForbidden, "error.person_only");
  return {};
}

audit::Actor SelfActor(const Me& me) {
  return {me.principal.name, std::string(ToString(me.principal.role)), me.now};
}

std::optional<const Consent*> InForce(const std::vector<Consent>& consents, std::string_view purpose) {
  for (const Consent& c : consents)
    if (c.purpose == purpose && c.withdrawn_at.empty()) return &c;
  return std::nullopt;
}

}  // namespace

const std::vector<Purpose>& Purposes() { return PurposeTable(); }

void RegisterPurpose(Purpose p) {
  auto& t = PurposeTable();
  for (Purpose& known : t)
    if (known.key == p.key) {
      known = std::move(p);
      return;
    }
  t.push_back(std::move(p));
}

const Purpose* FindPurpose(std::string_view key) {
  for (const Purpose& p : PurposeTable())
    if (p.key == key) return &p;
  return nullptr;
}

void RegisterDataExporter(DataExporter exporter) { Exporters().push_back(std::move(exporter)); }
void RegisterDataEraser(DataEraser eraser) { Erasers().push_back(std::move(eraser)); }

Result<bool> MayProcess(Tx& tx, Id user_id, std::string_view purpose) {
  if (FindPurpose(purpose) == nullptr) return false;
  auto u = tx.accounts().GetUser(user_id);
  if (!u) return u.error().code == ErrorCode::kNotFound ? Result<bool>(false) : Fail(u.error());
  if (u->role != Role::kPerson) return !u->disabled;
  if (u->disabled) return false;
  auto consents = tx.persons().ListConsents(user_id);
  if (!consents) return Fail(consents.error());
  return InForce(*consents, purpose).has_value();
}

Result<bool> EnqueueNotificationMail(Tx& tx, Id user_id, MailMessage mail, std::int64_t now) {
  auto may = MayProcess(tx, user_id, kNotificationsEmailPurpose);
  if (!may) return Fail(may.error());
  if (!*may) return false;
  auto u = tx.accounts().GetUser(user_id);
  if (!u) return Fail(u.error());
  if (u->email.empty() || u->email_confirmed_at.empty()) return false;
  mail.to = u->email;
  auto id = tx.outbox().Enqueue(mail, now);
  if (!id) return Fail(id.error());
  return true;
}

Status GiveConsent(Store& store, const Me& me, std::string_view purpose, std::string text, Lang lang) {
  JOSPAR_PD_TRY(RequirePerson(me.principal));
  const Purpose* p = FindPurpose(purpose);
  if (p == nullptr)
    return Fail(ErrorCode::kInvalidInput, "error.field.unknown", std::string(purpose),
                {{"purpose", "error.field.unknown", std::string(purpose)}});
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto consents = tx.persons().ListConsents(me.principal.user_id);
    if (!consents) return Fail(consents.error());
    if (InForce(*consents, purpose)) return Fail(ErrorCode::kConflict, "error.consent_in_force");
    auto id = tx.persons().InsertConsent(
        {0, me.principal.user_id, p->key, std::move(text), std::string(LangCode(lang)), me.now, {}});
    if (!id) return Fail(id.error());
    return audit::RecordHistory(tx, SelfActor(me), {ObjectKind::kUser, me.principal.user_id}, "consent:give",
                                {{"consent", "", p->key}});
  });
}

Status WithdrawConsent(Store& store, const Me& me, std::string_view purpose) {
  JOSPAR_PD_TRY(RequirePerson(me.principal));
  const Purpose* p = FindPurpose(purpose);
  if (p == nullptr)
    return Fail(ErrorCode::kInvalidInput, "error.field.unknown", std::string(purpose),
                {{"purpose", "error.field.unknown", std::string(purpose)}});
  if (p->required) return Fail(ErrorCode::kConflict, "error.consent_required_purpose");
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto st = tx.persons().WithdrawConsent(me.principal.user_id, p->key, me.now);
    if (!st) {
      if (st.error().code == ErrorCode::kNotFound)
        return Fail(ErrorCode::kNotFound, "error.consent_not_in_force");
      return st;
    }
    return audit::RecordHistory(tx, SelfActor(me), {ObjectKind::kUser, me.principal.user_id},
                                "consent:withdraw", {{"consent", p->key, ""}});
  });
}

Status RecordDataAccess(Tx& tx, const DataAccess& access) {
  auto id = tx.persons().InsertDataAccess(access);
  if (!id) return Fail(id.error());
  return {};
}

Result<StaffPersonView> ReadPersonAsStaff(Store& store, const Principal& viewer, Id person_user_id,
                                          bool reveal_iin, std::string_view reason, const PersonVault& vault,
                                          const std::string& now) {
  JOSPAR_PD_TRY(RequireAdmin(viewer));
  const std::string why(Trim(reason));
  if (reveal_iin) {
    if (why.empty())
      return Fail(ErrorCode::kInvalidInput, "error.reason_required", {},
                  {{"reason", "error.reason_required", {}}});
    if (why.size() > kMaxReasonLength || !IsValidUtf8(why))
      return Fail(ErrorCode::kInvalidInput, "error.field.too_long", std::to_string(kMaxReasonLength),
                  {{"reason", "error.field.too_long", std::to_string(kMaxReasonLength)}});
  }
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<StaffPersonView> {
    auto u = tx.accounts().GetUser(person_user_id);
    if (!u || u->role != Role::kPerson) {
      if (!u && u.error().code != ErrorCode::kNotFound) return Fail(u.error());
      return Fail(ErrorCode::kNotFound, "error.not_found", "person");
    }
    auto p = tx.persons().GetPerson(person_user_id);
    if (!p) return Fail(p.error());
    StaffPersonView out{*u, *p, std::nullopt};
    out.user.password_hash.clear();
    if (reveal_iin) {
      auto iin = vault.open ? vault.open(p->iin_sealed, p->iin_key_id) : std::nullopt;
      if (!iin)
        return Fail(ErrorCode::kInternal, "error.iin_key_missing", "user " + std::to_string(person_user_id));
      out.iin = std::move(iin);
    }
    JOSPAR_PD_TRY(RecordDataAccess(tx, {0, person_user_id, viewer.user_id, std::string(ToString(viewer.role)),
                                        reveal_iin ? "person,iin" : "person", "account_support",
                                        reveal_iin ? why : std::string(), now}));
    return out;
  });
}

Result<MyData> ExportMyData(Tx& tx, const Principal& me, const PersonVault& vault) {
  if (!me.IsSignedIn()) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated");
  MyData d;
  auto u = tx.accounts().GetUser(me.user_id);
  if (!u) return Fail(u.error());
  d.user = *u;
  d.user.password_hash.clear();
  auto p = tx.persons().GetPerson(me.user_id);
  if (p) {
    d.person = *p;
    if (vault.open) d.iin = vault.open(p->iin_sealed, p->iin_key_id);
  } else if (p.error().code != ErrorCode::kNotFound) {
    return Fail(p.error());
  }
  auto consents = tx.persons().ListConsents(me.user_id);
  if (!consents) return Fail(consents.error());
  d.consents = std::move(*consents);
  auto history = tx.audit().ListHistory({ObjectKind::kUser, me.user_id}, 1000);
  if (!history) return Fail(history.error());
  d.history = std::move(*history);
  auto sessions = tx.persons().ListSessions(me.user_id);
  if (!sessions) return Fail(sessions.error());
  for (Session& s : *sessions) {
    s.id_hash.clear();
    s.csrf_token.clear();
  }
  d.sessions = std::move(*sessions);
  auto f = tx.accounts().GetSecondFactor(me.user_id);
  if (f) {
    d.second_factor = !f->enabled_at.empty();
  } else if (f.error().code != ErrorCode::kNotFound) {
    return Fail(f.error());
  }
  auto codes = tx.accounts().CountUnusedRecoveryCodes(me.user_id);
  if (!codes) return Fail(codes.error());
  d.recovery_codes_left = *codes;
  if (!u->email.empty()) {
    auto mail = tx.persons().ListMailTo(u->email);
    if (!mail) return Fail(mail.error());
    d.mail = std::move(*mail);
  }
  auto access = tx.persons().ListDataAccess(me.user_id, 1000);
  if (!access) return Fail(access.error());
  d.access_log = std::move(*access);
  for (const DataExporter& e : Exporters()) {
    auto section = e(tx, *u);
    if (!section) return Fail(section.error());
    d.modules.push_back(std::move(*section));
  }
  return d;
}

Result<std::vector<DataAccess>> MyAccessLog(Tx& tx, const Principal& me) {
  if (!me.IsSignedIn()) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated");
  return tx.persons().ListDataAccess(me.user_id, 1000);
}

Status ErasePerson(Tx& tx, Id user_id, const std::string& anonymous_name, std::string_view why,
                   const audit::Actor& actor) {
  auto u = tx.accounts().GetUser(user_id);
  if (!u) return Fail(u.error());
  if (u->role != Role::kPerson) return Fail(ErrorCode::kNotFound, "error.not_found", "person");
  for (const DataEraser& e : Erasers()) JOSPAR_PD_TRY(e(tx, *u));
  JOSPAR_PD_TRY(tx.persons().EraseAccount(user_id, anonymous_name, actor.time));
  return audit::RecordHistory(tx, actor, {ObjectKind::kUser, user_id}, "erase",
                              {{"erased", "", std::string(why)}});
}

Status EraseMe(Store& store, const Me& me, std::string_view password, const PasswordVerifier& verify,
               const std::string& anonymous_name) {
  JOSPAR_PD_TRY(RequirePerson(me.principal));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto u = tx.accounts().GetUser(me.principal.user_id);
    if (!u) return Fail(u.error());
    if (password.empty() || !verify(u->password_hash, password))
      return Fail(ErrorCode::kInvalidInput, "error.password_wrong", {},
                  {{"password", "error.password_wrong", {}}});
    return ErasePerson(tx, u->id, anonymous_name, "request", SelfActor(me));
  });
}

Result<RetentionReport> ApplyRetention(Store& store, std::int64_t now_unix,
                                       const std::function<std::string()>& anonymous_name) {
  RetentionReport report;
  const std::string now = IsoTime(now_unix);
  const std::string unconfirmed_before = IsoTime(now_unix - kUnconfirmedRetentionSeconds);
  const std::string inactive_before = IsoTime(now_unix - kInactiveRetentionSeconds);
  const audit::Actor actor{"retention", "system", now};
  constexpr int kBatch = 100;
  while (true) {
    std::vector<RetentionCandidate> due;
    {
      auto tx = store.Begin(TxMode::kRead);
      if (!tx) return Fail(tx.error());
      auto list = (*tx)->persons().PersonsDueForErasure(unconfirmed_before, inactive_before, kBatch);
      if (!list) return Fail(list.error());
      due = std::move(*list);
    }
    for (const RetentionCandidate& c : due) {
      auto st = audit::InWriteTx(store, [&](Tx& tx) -> Status {
        return ErasePerson(tx, c.user_id, anonymous_name(),
                           c.unconfirmed ? "retention:unconfirmed" : "retention:inactive", actor);
      });
      if (!st) {
        if (st.error().code == ErrorCode::kNotFound) continue;  // erased meanwhile
        return Fail(st.error());
      }
      ++(c.unconfirmed ? report.unconfirmed : report.inactive);
    }
    if (static_cast<int>(due.size()) < kBatch) return report;
  }
}

}  // namespace jospar::accounts
