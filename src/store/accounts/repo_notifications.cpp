// Notifications (keyset paging, newest first), read marks, the unread count, notification choices, and
// the identity links.
#include <nlohmann/json.hpp>

#include "store/accounts/sql_notification_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {
namespace {

constexpr std::string_view kColumns = "id, user_id, module, kind, params, link, created_at, read_at";

// The parameters as a JSON array of [name, value] pairs (order kept).
std::string ParamsJson(const NotificationParams& params) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& [name, value] : params) j.push_back({name, value});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

NotificationParams ParamsFrom(std::string_view text) {
  NotificationParams out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& p : j)
    if (p.is_array() && p.size() == 2 && p[0].is_string() && p[1].is_string())
      out.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
  return out;
}

Notification ReadNotification(const Query& q, int c) {
  Notification n;
  n.id = q.Int(c);
  n.user_id = q.Int(c + 1);
  n.module = q.Text(c + 2);
  n.kind = q.Text(c + 3);
  n.params = ParamsFrom(q.TextView(c + 4));
  n.link = q.Text(c + 5);
  n.created_at = q.Int(c + 6);
  n.read_at = q.OptInt(c + 7);
  return n;
}

IdentityLink ReadLink(const Query& q, int c) {
  return {q.Text(c), q.Text(c + 1), q.Int(c + 2), q.Text(c + 3)};
}

}  // namespace

Result<Id> SqlNotificationRepository::Insert(const Notification& n) {
  STORE_QUERY(q, *c_,
              "INSERT INTO notifications (user_id, module, kind, params, link, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  q.Bind(n.user_id).Bind(n.module).Bind(n.kind).Bind(ParamsJson(n.params)).Bind(n.link).Bind(n.created_at);
  return q.OneInt();
}

Result<Page<Notification>> SqlNotificationRepository::List(Id user_id, const PageRequest& p) {
  Filter w;
  w.Add("user_id = ?", user_id);
  ListSpec spec{"notifications", std::string(kColumns), {{"id", "id", true}}};
  PageRequest newest = p;
  newest.sort = "id";
  newest.descending = true;
  return ListPage<Notification>(*c_, spec, w, newest, ReadNotification);
}

Result<Notification> SqlNotificationRepository::Get(Id user_id, Id id) {
  STORE_QUERY(q, *c_, "SELECT " + std::string(kColumns) + " FROM notifications WHERE id = ? AND user_id = ?");
  q.Bind(id).Bind(user_id);
  auto row = q.Next();
  if (!row) return Fail(row.error());
  if (!*row) return NotFound("notification");
  return ReadNotification(q, 0);
}

Status SqlNotificationRepository::MarkRead(Id user_id, Id id, std::int64_t now) {
  STORE_QUERY(q, *c_, "UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?");
  q.Bind(now).Bind(id).Bind(user_id);
  STORE_TRY(q.Run());
  if (q.Changes() == 0) return NotFound("notification");
  return {};
}

Result<std::int64_t> SqlNotificationRepository::MarkAllRead(Id user_id, std::int64_t now) {
  STORE_QUERY(q, *c_, "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL");
  q.Bind(now).Bind(user_id);
  STORE_TRY(q.Run());
  return q.Changes();
}

Result<std::int64_t> SqlNotificationRepository::CountUnread(Id user_id) {
  STORE_QUERY(q, *c_, "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL");
  q.Bind(user_id);
  return q.OneInt();
}

Result<std::vector<NotificationSetting>> SqlNotificationRepository::Settings(Id user_id) {
  STORE_QUERY(q, *c_,
              "SELECT kind, in_app, email FROM notification_settings WHERE user_id = ? ORDER BY kind");
  q.Bind(user_id);
  std::vector<NotificationSetting> out;
  for (;;) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back({q.Text(0), q.Int(1) != 0, q.Int(2) != 0});
  }
  return out;
}

Status SqlNotificationRepository::PutSetting(Id user_id, const NotificationSetting& s) {
  STORE_QUERY(q, *c_,
              "INSERT INTO notification_settings (user_id, kind, in_app, email) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (user_id, kind) DO UPDATE SET in_app = excluded.in_app, email = excluded.email");
  q.Bind(user_id).Bind(s.kind).Bind(s.in_app).Bind(s.email);
  return q.Run();
}

Result<IdentityLink> SqlIdentityLinkRepository::Find(std::string_view provider, std::string_view subject) {
  STORE_QUERY(q, *c_,
              "SELECT provider, subject, user_id, created_at FROM identity_links WHERE provider = ? AND "
              "subject = ?");
  q.Bind(provider).Bind(subject);
  auto row = q.Next();
  if (!row) return Fail(row.error());
  if (!*row) return NotFound("identity link");
  return ReadLink(q, 0);
}

Status SqlIdentityLinkRepository::Insert(const IdentityLink& link) {
  STORE_QUERY(q, *c_,
              "INSERT INTO identity_links (provider, subject, user_id, created_at) VALUES (?, ?, ?, ?)");
  q.Bind(link.provider).Bind(link.subject).Bind(link.user_id).Bind(link.created_at);
  return q.Run();
}

Status SqlIdentityLinkRepository::Delete(std::string_view provider, std::string_view subject) {
  STORE_QUERY(q, *c_, "DELETE FROM identity_links WHERE provider = ? AND subject = ?");
  q.Bind(provider).Bind(subject);
  STORE_TRY(q.Run());
  if (q.Changes() == 0) return NotFound("identity link");
  return {};
}

Result<std::vector<IdentityLink>> SqlIdentityLinkRepository::ListOf(Id user_id) {
  STORE_QUERY(q, *c_,
              "SELECT provider, subject, user_id, created_at FROM identity_links WHERE user_id = ? "
              "ORDER BY provider, subject");
  q.Bind(user_id);
  std::vector<IdentityLink> out;
  for (;;) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(ReadLink(q, 0));
  }
  return out;
}

}  // namespace jospar::store::sql
