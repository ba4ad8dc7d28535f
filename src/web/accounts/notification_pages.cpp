// The portal's notification pages for any signed-in user: the list (newest first, cursor paging, unread
// marked, mark-read forms) and the settings (one fieldset per kind: in the portal / by email). Forms POST
// with the session's CSRF token and work without JavaScript; the anonymous are sent to sign in.
#include "core/accounts/notifications.hpp"
#include "core/base/clock.hpp"
#include "web/accounts/notification_texts.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

std::optional<Response> RequireSignedIn(const View& v, const Request& req) {
  if (req.principal.IsSignedIn()) return std::nullopt;
  return Response::Redirect(v.Href("/login") + "?next=" +
                            UrlEncode(req.path + (req.query_string.empty() ? "" : "?" + req.query_string)));
}

Response Back(const View& v, const std::string& path, const char* flash) {
  Response r = Response::Redirect(v.Href(path));
  SetFlash(r, flash);
  return r;
}

Response ListPage(View& v, Request& req) {
  if (auto r = RequireSignedIn(v, req)) return std::move(*r);
  PageRequest p;
  p.limit = 20;
  p.cursor = req.Query("cursor").value_or("");
  auto page = accounts::ListNotifications(v.store(), req.principal, p);
  if (!page) return v.ErrorPage(page.error());
  const Locales& loc = *v.shared().locales;
  TemplateData rows{TemplateData::type::list};
  bool any_unread = false;
  for (const auto& n : page->items) {
    TemplateData row{TemplateData::type::object};
    row.set("id", std::to_string(n.id));
    row.set("title", NotificationTitle(loc, v.lang(), n));
    row.set("body", NotificationBody(loc, v.lang(), n));
    row.set("at", IsoTime(n.created_at));
    row.set("unread", !n.read_at.has_value());
    if (!n.link.empty()) row.set("href", v.Href(n.link));
    row.set("read_action", v.Href("/notifications/" + std::to_string(n.id) + "/read"));
    any_unread = any_unread || !n.read_at;
    rows.push_back(row);
  }
  TemplateData d{TemplateData::type::object};
  d.set("rows", rows);
  d.set("has_rows", !page->items.empty());
  d.set("csrf", req.csrf_token);
  d.set("total", std::to_string(page->total));
  d.set("read_all_action", v.Href("/notifications/read-all"));
  d.set("settings_href", v.Href("/notifications/settings"));
  d.set("any_unread", any_unread);
  if (!page->next_cursor.empty())
    d.set("next_href", v.Href("/notifications") + "?cursor=" + UrlEncode(page->next_cursor));
  if (!p.cursor.empty()) d.set("first_href", v.Href("/notifications"));
  Response r = v.Page(200, "notifications", std::move(d), v.T("notify.title"),
                      {{v.T("nav.home"), v.Href("/")}, {v.T("notify.title"), ""}});
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response SettingsPage(View& v, Request& req) {
  if (auto r = RequireSignedIn(v, req)) return std::move(*r);
  auto settings = accounts::NotificationSettingsOf(v.store(), req.principal);
  if (!settings) return v.ErrorPage(settings.error());
  const Locales& loc = *v.shared().locales;
  TemplateData kinds{TemplateData::type::list};
  for (const auto& s : *settings) {
    const NotificationKind* k = FindNotificationKind(s.kind);
    std::string id = s.kind;
    for (char& c : id)
      if (c == '.') c = '-';
    TemplateData row{TemplateData::type::object};
    row.set("kind", s.kind);
    row.set("id", id);
    row.set("label", NotificationKindLabel(loc, v.lang(), s.kind));
    row.set("important", k != nullptr && k->important);
    row.set("in_app", s.in_app);
    row.set("email", s.email);
    kinds.push_back(row);
  }
  TemplateData d{TemplateData::type::object};
  d.set("kinds", kinds);
  d.set("csrf", req.csrf_token);
  d.set("action", v.Href("/notifications/settings"));
  d.set("list_href", v.Href("/notifications"));
  Response r = v.Page(200, "notification_settings", std::move(d), v.T("notify.settings.title"),
                      {{v.T("nav.home"), v.Href("/")},
                       {v.T("notify.title"), v.Href("/notifications")},
                       {v.T("notify.settings.title"), ""}});
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace

void RegisterNotificationPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  RouteOptions o{.tag = "portal"};
  o.summary = "The signed-in user's notifications (page)";
  AddPage(router, shared, "GET", "/notifications", ListPage, o);
  o.summary = "Mark a notification read (form)";
  AddPage(
      router, shared, "POST", "/notifications/{id}/read",
      [](View& v, Request& req) {
        if (auto r = RequireSignedIn(v, req)) return std::move(*r);
        auto id = ParseId(req.params["id"]);
        if (!id) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", {}, {}});
        auto st = accounts::MarkNotificationRead(v.store(), req.principal, *id, v.shared().ctx.clock());
        if (!st) return v.ErrorPage(st.error());
        return Back(v, "/notifications", "flash.notify_marked");
      },
      o);
  o.summary = "Mark every notification read (form)";
  AddPage(
      router, shared, "POST", "/notifications/read-all",
      [](View& v, Request& req) {
        if (auto r = RequireSignedIn(v, req)) return std::move(*r);
        auto n = accounts::MarkAllNotificationsRead(v.store(), req.principal, v.shared().ctx.clock());
        if (!n) return v.ErrorPage(n.error());
        return Back(v, "/notifications", "flash.notify_all_marked");
      },
      o);
  o.summary = "Notification settings of the signed-in user (page)";
  AddPage(router, shared, "GET", "/notifications/settings", SettingsPage, o);
  o.summary = "Change notification settings (form: <kind>.in_app / <kind>.email checkboxes)";
  AddPage(
      router, shared, "POST", "/notifications/settings",
      [](View& v, Request& req) {
        if (auto r = RequireSignedIn(v, req)) return std::move(*r);
        const auto form = req.Form();
        auto checked = [&](const std::string& name) {
          for (const auto& [k, val] : form)
            if (k == name && val == "1") return true;
          return false;
        };
        // An unchecked box is not sent: every kind is set from the form, absent meaning off.
        std::vector<NotificationSetting> settings;
        for (const auto& k : NotificationKinds()) {
          const std::string kind(k.key);
          settings.push_back({kind, checked(kind + ".in_app"), checked(kind + ".email")});
        }
        auto st = accounts::ChangeNotificationSettings(v.store(), req.principal, settings);
        if (!st) return v.ErrorPage(st.error());
        return Back(v, "/notifications/settings", "flash.notify_saved");
      },
      o);
}

}  // namespace jospar::web
