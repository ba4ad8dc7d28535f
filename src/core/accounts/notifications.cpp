#include "core/accounts/notifications.hpp"

#include <memory>
#include <mutex>

#include "core/accounts/repository.hpp"
#include "core/audit/audit.hpp"

namespace jospar {
namespace {

std::mutex renderer_mu;
std::shared_ptr<const NotificationMailRenderer> renderer;  // guarded by renderer_mu

std::shared_ptr<const NotificationMailRenderer> CurrentRenderer() {
  std::lock_guard lock(renderer_mu);
  return renderer;
}

// Without a renderer (core's own tests, tools): the kind, the parameters and the link, untranslated.
RenderedMail PlainMail(const Notification& n) {
  RenderedMail m{"Jospar: " + n.kind, n.kind + "\n"};
  for (const auto& [name, value] : n.params) m.text += name + ": " + value + "\n";
  if (!n.link.empty()) m.text += n.link + "\n";
  return m;
}

Status RequireSignedIn(const Principal& p) {
  if (p.user_id == 0 || !p.IsSignedIn()) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated");
  return {};
}

}  // namespace

const std::vector<NotificationKind>& NotificationKinds() {
  static const std::vector<NotificationKind> kKinds = {
      {"accounts.second_factor_reset", true},
  };
  return kKinds;
}

const NotificationKind* FindNotificationKind(std::string_view key) {
  for (const auto& k : NotificationKinds())
    if (k.key == key) return &k;
  return nullptr;
}

NotificationSetting DefaultSetting(const NotificationKind& kind) {
  return {std::string(kind.key), true, kind.important};
}

NotificationSetting EffectiveSetting(const NotificationKind& kind,
                                     const std::vector<NotificationSetting>& stored) {
  for (const auto& s : stored)
    if (s.kind == kind.key) return s;
  return DefaultSetting(kind);
}

std::optional<std::string> ConfirmedEmailOf(const User& user) {
  if (user.email.empty() || user.email_confirmed_at.empty()) return std::nullopt;
  return user.email;
}

std::optional<Lang> PreferredLangOf(const User& /*user*/) { return std::nullopt; }

bool ValidNotificationLink(std::string_view link) {
  if (link.empty()) return true;
  if (link.size() > 2000 || link[0] != '/' || (link.size() > 1 && link[1] == '/')) return false;
  for (char ch : link) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c == '\\') return false;
  }
  return IsValidUtf8(link);
}

void SetNotificationMailRenderer(NotificationMailRenderer r) {
  auto next = std::make_shared<const NotificationMailRenderer>(std::move(r));
  std::lock_guard lock(renderer_mu);
  renderer = std::move(next);
}

namespace accounts {

Result<Notified> Notify(Tx& tx, const NewNotification& n) {
  const NotificationKind* kind = FindNotificationKind(n.kind);
  if (kind == nullptr)
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "unknown notification kind",
                {{"kind", "error.notification_kind", n.kind}});
  if (!ValidNotificationLink(n.link))
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "not a same-site path",
                {{"link", "error.notification_link", {}}});
  auto user = tx.accounts().GetUser(n.user_id);
  if (!user) return Fail(user.error());
  Notified out;
  if (user->disabled) return out;
  auto stored = tx.notifications().Settings(n.user_id);
  if (!stored) return Fail(stored.error());
  const NotificationSetting setting = EffectiveSetting(*kind, *stored);

  Notification note;
  note.user_id = n.user_id;
  note.kind = n.kind;
  note.module = n.kind.substr(0, n.kind.find('.'));
  note.params = n.params;
  note.link = n.link;
  note.created_at = n.now;
  if (setting.in_app) {
    auto id = tx.notifications().Insert(note);
    if (!id) return Fail(id.error());
    out.notification = *id;
    note.id = *id;
  }
  if (setting.email) {
    if (auto to = ConfirmedEmailOf(*user)) {
      auto r = CurrentRenderer();
      RenderedMail mail = r ? (*r)(note, PreferredLangOf(*user)) : PlainMail(note);
      // One line, whatever the parameters hold (ValidateMail refuses control characters in a subject).
      for (char& c : mail.subject)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
      if (mail.subject.size() > kMailMaxSubject)
        mail.subject = ValidUtf8(mail.subject.substr(0, kMailMaxSubject - 3)) + "...";
      auto id = tx.outbox().Enqueue({*to, std::move(mail.subject), std::move(mail.text), "notify." + n.kind},
                                    n.now);
      if (!id) return Fail(id.error());
      out.mail = *id;
    }
  }
  return out;
}

Result<Page<Notification>> ListNotifications(Store& store, const Principal& caller, const PageRequest& p) {
  if (auto ok = RequireSignedIn(caller); !ok) return Fail(ok.error());
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  return (*tx)->notifications().List(caller.user_id, p);
}

Status MarkNotificationRead(Store& store, const Principal& caller, Id id, std::int64_t now) {
  if (auto ok = RequireSignedIn(caller); !ok) return ok;
  return audit::InWriteTx(store,
                          [&](Tx& tx) { return tx.notifications().MarkRead(caller.user_id, id, now); });
}

Result<std::int64_t> MarkAllNotificationsRead(Store& store, const Principal& caller, std::int64_t now) {
  if (auto ok = RequireSignedIn(caller); !ok) return Fail(ok.error());
  return audit::InWriteTx(store, [&](Tx& tx) { return tx.notifications().MarkAllRead(caller.user_id, now); });
}

Result<std::int64_t> UnreadNotifications(Tx& tx, Id user_id) {
  return tx.notifications().CountUnread(user_id);
}

Result<std::vector<NotificationSetting>> NotificationSettingsOf(Store& store, const Principal& caller) {
  if (auto ok = RequireSignedIn(caller); !ok) return Fail(ok.error());
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  auto stored = (*tx)->notifications().Settings(caller.user_id);
  if (!stored) return Fail(stored.error());
  std::vector<NotificationSetting> out;
  for (const auto& k : NotificationKinds()) out.push_back(EffectiveSetting(k, *stored));
  return out;
}

Status ChangeNotificationSettings(Store& store, const Principal& caller,
                                  const std::vector<NotificationSetting>& settings) {
  if (auto ok = RequireSignedIn(caller); !ok) return ok;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < settings.size(); ++i)
    if (FindNotificationKind(settings[i].kind) == nullptr)
      errors.push_back(
          {"settings[" + std::to_string(i) + "].kind", "error.notification_kind", settings[i].kind});
  if (!errors.empty())
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "unknown notification kind",
                std::move(errors));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    for (const auto& s : settings)
      if (auto st = tx.notifications().PutSetting(caller.user_id, s); !st) return st;
    return {};
  });
}

}  // namespace accounts
}  // namespace jospar
