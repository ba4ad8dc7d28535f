// The JSON API of notifications: the signed-in user's own list (paged, newest first), read marks and
// per-kind settings. Another user's notification answers 404, as a missing one.
#include "core/accounts/notifications.hpp"
#include "core/base/clock.hpp"
#include "web/accounts/notification_texts.hpp"
#include "web/api/handlers.hpp"
#include "web/api/json_io.hpp"
#include "web/auth_routes.hpp"
#include "web/error_mapping.hpp"
#include "web/i18n.hpp"

namespace jospar::web {

namespace {

using api::ErrorOf;
using api::JsonResponse;
using nlohmann::json;

json NotificationJson(const AppContext& ctx, Lang lang, const Notification& n) {
  json params = json::object();
  for (const auto& [k, v] : n.params) params[k] = v;
  json j{{"id", n.id},
         {"module", n.module},
         {"kind", n.kind},
         {"params", params},
         {"link", n.link.empty() ? json(nullptr) : json("/" + std::string(LangCode(lang)) + n.link)},
         {"created_at", IsoTime(n.created_at)},
         {"read_at", n.read_at ? json(IsoTime(*n.read_at)) : json(nullptr)}};
  if (ctx.locales) {
    j["title"] = NotificationTitle(*ctx.locales, lang, n);
    j["body"] = NotificationBody(*ctx.locales, lang, n);
  }
  return j;
}

json SettingsJson(const AppContext& ctx, Lang lang, const std::vector<NotificationSetting>& settings) {
  json items = json::array();
  for (const auto& s : settings) {
    const NotificationKind* k = FindNotificationKind(s.kind);
    json j{{"kind", s.kind}, {"in_app", s.in_app}, {"email", s.email}, {"important", k && k->important}};
    if (ctx.locales) j["label"] = NotificationKindLabel(*ctx.locales, lang, s.kind);
    items.push_back(std::move(j));
  }
  return {{"settings", std::move(items)}};
}

Response SettingsResponse(AppContext& ctx, const Request& req) {
  auto settings = accounts::NotificationSettingsOf(ctx.store, req.principal);
  if (!settings) return ErrorOf(ctx, req, settings.error());
  Response r = JsonResponse(200, SettingsJson(ctx, req.lang, *settings));
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

// {"settings": [{"kind": .., "in_app": bool, "email": bool}, ...]}: every field of each item required.
Result<std::vector<NotificationSetting>> ReadSettings(const std::string& text) {
  auto body = api::ParseObject(text);
  if (!body) return Fail(body.error());
  std::vector<FieldError> errors;
  std::vector<NotificationSetting> out;
  for (auto it = body->begin(); it != body->end(); ++it)
    if (it.key() != "settings") errors.push_back({it.key(), "error.field.unknown", {}});
  if (!body->contains("settings") || !(*body)["settings"].is_array()) {
    errors.push_back({"settings", "error.field.required", "an array of {kind, in_app, email}"});
  } else {
    const json& list = (*body)["settings"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string prefix = "settings[" + std::to_string(i) + "].";
      if (!list[i].is_object()) {
        errors.push_back({"settings[" + std::to_string(i) + "]", "error.field.type_object", {}});
        continue;
      }
      NotificationSetting s;
      api::Reader r(list[i], prefix);
      r.Str("kind", s.kind, true);
      for (const char* f : {"in_app", "email"})
        if (!list[i].contains(f)) r.Bad(f, "error.field.required");
      r.Bool("in_app", s.in_app);
      r.Bool("email", s.email);
      if (auto st = r.Finish(); !st)
        for (auto& e : st.error().fields) errors.push_back(std::move(e));
      out.push_back(std::move(s));
    }
  }
  if (!errors.empty()) return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {}, std::move(errors));
  return out;
}

}  // namespace

void RegisterNotificationRoutes(Router& router, AppContext& ctx) {
  RouteOptions o{.api = true, .tag = "notifications"};
  o.summary = "The signed-in user's notifications, newest first (cursor paging; unread = the unread count)";
  o.response_schema = "NotificationPage";
  router.Add(
      "GET", "/api/v1/notifications",
      [&ctx](Request& req) {
        api::QueryReader q(req, {"cursor", "limit"});  // always newest first: no sort or order
        PageRequest p = q.Page("id");
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto page = accounts::ListNotifications(ctx.store, req.principal, p);
        if (!page) return ErrorOf(ctx, req, page.error());
        auto unread = api::WithRead(
            ctx, [&](Tx& tx) { return accounts::UnreadNotifications(tx, req.principal.user_id); });
        if (!unread) return ErrorOf(ctx, req, unread.error());
        json items = json::array();
        for (const auto& n : page->items) items.push_back(NotificationJson(ctx, req.lang, n));
        Response r = JsonResponse(
            200, {{"items", std::move(items)},
                  {"next_cursor", page->next_cursor.empty() ? json(nullptr) : json(page->next_cursor)},
                  {"total", page->total},
                  {"unread", *unread}});
        r.SetHeader("Cache-Control", "no-store");
        return r;
      },
      o);

  o.response_schema.clear();
  o.summary = "Mark one of the signed-in user's notifications read (404 for another user's)";
  router.Add(
      "POST", "/api/v1/notifications/{id}/read",
      [&ctx](Request& req) {
        auto id = api::PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        if (auto st = accounts::MarkNotificationRead(ctx.store, req.principal, *id, ctx.clock()); !st)
          return ErrorOf(ctx, req, st.error());
        Response r;
        r.status = 204;
        return r;
      },
      o);

  o.summary = "Mark every notification of the signed-in user read; returns how many were unread";
  o.response_schema = "NotificationsMarked";
  router.Add(
      "POST", "/api/v1/notifications/read-all",
      [&ctx](Request& req) {
        auto n = accounts::MarkAllNotificationsRead(ctx.store, req.principal, ctx.clock());
        if (!n) return ErrorOf(ctx, req, n.error());
        return JsonResponse(200, {{"marked", *n}});
      },
      o);

  o.summary = "The signed-in user's notification settings: in the portal and by email, per kind";
  o.response_schema = "NotificationSettings";
  router.Add(
      "GET", "/api/v1/notifications/settings", [&ctx](Request& req) { return SettingsResponse(ctx, req); },
      o);

  o.summary = "Change notification settings of the kinds given (others unchanged; unknown kinds refused)";
  o.request_schema = "NotificationSettings";
  router.Add(
      "PUT", "/api/v1/notifications/settings",
      [&ctx](Request& req) {
        if (!req.principal.IsSignedIn())
          return ErrorOf(ctx, req, Error{ErrorCode::kUnauthenticated, "error.unauthenticated", {}, {}});
        auto settings = ReadSettings(req.body);
        if (!settings) return ErrorOf(ctx, req, settings.error());
        if (auto st = accounts::ChangeNotificationSettings(ctx.store, req.principal, *settings); !st)
          return ErrorOf(ctx, req, st.error());
        return SettingsResponse(ctx, req);
      },
      o);
}

}  // namespace jospar::web
