// Notifications of every module (plan, people, voice, accounts, ...) in one mechanism: in the portal (a
// list and an unread count) and by email through the mail outbox (core/accounts/outbox.hpp), as each
// recipient chooses per kind. A module's use case calls Notify() inside its own write transaction, so the
// notification (and its mail) is stored exactly when the change that causes it commits.
//
// Texts are not stored as text: a notification keeps its kind and parameters, and its title and body are
// the locale strings "notify.<kind>.title" / "notify.<kind>.body" with "{name}" placeholders, rendered in
// the reader's language when shown (so a notification reads correctly in kk, ru and en, also after the
// reader switches language). Parameters are plain text; the renderer escapes them for its context.
//
// Core does no I/O: mails are rendered by a NotificationMailRenderer that the web layer installs once at
// start (over its locales); without one a mail carries the kind and the parameters.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/accounts/access.hpp"
#include "core/accounts/accounts.hpp"
#include "core/accounts/outbox.hpp"
#include "core/base/error.hpp"
#include "core/base/paging.hpp"
#include "core/base/text.hpp"
#include "core/base/unit_of_work.hpp"

namespace jospar {

using NotificationParams = std::vector<std::pair<std::string, std::string>>;

struct Notification {
  Id id = 0;
  Id user_id = 0;      // the recipient
  std::string module;  // "accounts", "plan", "people", "voice": the part of `kind` before the first '.'
  std::string kind;    // a stable key from NotificationKinds(), e.g. "accounts.second_factor_reset"
  NotificationParams params;  // values of the "{name}" placeholders of the kind's texts
  std::string link;  // a same-site path without the language prefix ("/account/second-factor"), or ""
  std::int64_t created_at = 0;          // unix seconds
  std::optional<std::int64_t> read_at;  // unix seconds; nullopt while unread
};

// A kind of notification. `important` kinds are mailed by default; the others only shown in the portal.
struct NotificationKind {
  std::string_view key;
  bool important = false;
};

// Every kind, in a fixed order (the settings page lists them so). A module adds its kinds here and their
// texts to locales/{kk,ru,en}/ as notify.<kind>.title / .body / .setting (the locale test checks them).
const std::vector<NotificationKind>& NotificationKinds();
// The kind named `key`, or nullptr.
const NotificationKind* FindNotificationKind(std::string_view key);

// A recipient's choice for one kind.
struct NotificationSetting {
  std::string kind;
  bool in_app = true;
  bool email = false;
  friend bool operator==(const NotificationSetting&, const NotificationSetting&) = default;
};

// The default choice: in the portal on; by email on for important kinds, off otherwise.
NotificationSetting DefaultSetting(const NotificationKind& kind);
// The choice in force for `kind`: the stored one when there is one, else the default.
NotificationSetting EffectiveSetting(const NotificationKind& kind,
                                     const std::vector<NotificationSetting>& stored);

// The address a notification mail may go to: the user's confirmed email address, or nullopt.
std::optional<std::string> ConfirmedEmailOf(const User& user);
// The language the user reads mail in, or nullopt when unknown (the mail then carries kk, ru and en).
std::optional<Lang> PreferredLangOf(const User& user);

// A same-site path: empty, or starting with one '/' (not "//"), without '\', control characters or
// white space. Anything else is refused (an open redirect or a script URL in a notification).
bool ValidNotificationLink(std::string_view link);

// Renders the mail of a notification for a recipient reading `lang` (nullopt: every language). Returns
// the subject and the text; the caller sets the address and the purpose. Thread-safe.
struct RenderedMail {
  std::string subject;
  std::string text;
};
using NotificationMailRenderer = std::function<RenderedMail(const Notification&, std::optional<Lang>)>;
// Installs the renderer every later Notify() uses (the web layer, at start; replaces an earlier one).
void SetNotificationMailRenderer(NotificationMailRenderer renderer);

// The notifications' part of the store (Tx::notifications()). The contract shared by every repository is
// in core/base/unit_of_work.hpp. Every method acts on one recipient's rows only: another user's
// notification is kNotFound, exactly as a missing one.
class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  // Stores `n` (its id is ignored) and returns the new id; kConflict when the user does not exist.
  virtual Result<Id> Insert(const Notification& n) = 0;
  // The user's notifications, newest first (by id); `p.cursor` and `p.limit` page it (p.sort is ignored).
  virtual Result<Page<Notification>> List(Id user_id, const PageRequest& p) = 0;
  virtual Result<Notification> Get(Id user_id, Id id) = 0;
  // Marks one read at `now` (a notification already read keeps its first read_at); kNotFound when the
  // user has no notification with this id.
  virtual Status MarkRead(Id user_id, Id id, std::int64_t now) = 0;
  // Marks every unread notification of the user read; returns how many were unread.
  virtual Result<std::int64_t> MarkAllRead(Id user_id, std::int64_t now) = 0;
  // One COUNT query.
  virtual Result<std::int64_t> CountUnread(Id user_id) = 0;
  // The choices the user stored (kinds they never changed are absent).
  virtual Result<std::vector<NotificationSetting>> Settings(Id user_id) = 0;
  // Inserts or replaces the user's choice for `s.kind`.
  virtual Status PutSetting(Id user_id, const NotificationSetting& s) = 0;
};

namespace accounts {

// What a module's use case asks to be told to a user.
struct NewNotification {
  Id user_id = 0;
  std::string kind;           // one of NotificationKinds()
  NotificationParams params;  // the kind's placeholders
  std::string link;           // ValidNotificationLink
  std::int64_t now = 0;       // unix seconds
};

// What Notify did: the in-app notification's id (nullopt when the recipient switched the portal off for
// this kind) and the outbox item's id (nullopt when no mail was enqueued: email off for this kind, or the
// recipient has no confirmed address).
struct Notified {
  std::optional<Id> notification;
  std::optional<Id> mail;
};

// Notifies `n.user_id` inside the caller's transaction `tx` (call it from a write transaction; it commits
// or rolls back with the caller's change). kInvalidInput "error.notification_kind" naming "kind" for an
// unknown kind, "error.notification_link" naming "link" for a link that is not a same-site path;
// kNotFound when the user does not exist. A disabled user is not notified (nothing stored).
Result<Notified> Notify(Tx& tx, const NewNotification& n);

// The use cases of the notifications pages and API: the signed-in caller's own notifications only
// (kUnauthenticated for the anonymous caller; another user's id is kNotFound).
Result<Page<Notification>> ListNotifications(Store& store, const Principal& caller, const PageRequest& p);
Status MarkNotificationRead(Store& store, const Principal& caller, Id id, std::int64_t now);
Result<std::int64_t> MarkAllNotificationsRead(Store& store, const Principal& caller, std::int64_t now);
// The caller's unread count inside an open transaction (the portal header: one COUNT query).
Result<std::int64_t> UnreadNotifications(Tx& tx, Id user_id);
// The choice in force for every kind, in NotificationKinds() order.
Result<std::vector<NotificationSetting>> NotificationSettingsOf(Store& store, const Principal& caller);
// Stores the caller's choices for the kinds given (others unchanged). kInvalidInput naming
// "settings[i].kind" (error.notification_kind) when a kind is unknown; nothing is stored then.
Status ChangeNotificationSettings(Store& store, const Principal& caller,
                                  const std::vector<NotificationSetting>& settings);

}  // namespace accounts
}  // namespace jospar
