#include "web/auth_routes.hpp"
#include "core/ledger/hash.hpp"
#include "web/html.hpp"

#include <nlohmann/json.hpp>

#include "web/auth.hpp"
#include "web/error_mapping.hpp"
#include "web/i18n.hpp"
#include "web/templates.hpp"

namespace jospar::web {

namespace {

using nlohmann::json;

std::string T(const AppContext& ctx, Lang lang, const char* key) {
  return ctx.locales ? ctx.locales->Get(lang, key) : std::string(key);
}

std::string Escape(const std::string& s) { return HtmlEscape(s); }

// True when `path` starts with one '/' and holds no control character and no backslash. Browsers drop
// tabs and newlines from a Location and read a backslash as '/', so "/<tab>/host" and "/<backslash>host"
// both mean "//host": another site.
bool IsPlainLocalPath(std::string_view path) {
  if (path.empty() || path[0] != '/' || (path.size() > 1 && path[1] == '/')) return false;
  for (unsigned char c : path)
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  return true;
}

// A path of this site to return to after sign-in: `next` when it and every percent-decoding of it are
// plain local paths (so "/%09/host", "/%2F/host" and "/%255C/host" are refused too); anything else
// (another site, "//host", a backslash, control characters) becomes the home page.
std::string SafeNext(const std::string& next, Lang lang) {
  std::string decoded = next;
  for (int round = 0; IsPlainLocalPath(decoded); ++round) {
    std::string again = UrlDecode(decoded, false);
    if (again == decoded) return next;
    if (round == 8) break;  // more layers of escapes than any real link has
    decoded = std::move(again);
  }
  return "/" + std::string(LangCode(lang)) + "/";
}

bool Secure(const AppContext& ctx, const Request& req) { return ctx.config.secure_cookies || req.tls; }

// The sign-in form with a fresh pre-session token; `message` is shown as an alert when not empty.
Response LoginPage(AppContext& ctx, const Request& req, int status, const std::string& message,
                   const std::string& name, const std::string& next) {
  std::string pre = req.Cookie(kPreSessionCookie).value_or("");
  const bool new_pre = pre.size() != 64;
  if (new_pre) pre = RandomHex(32);
  const std::string token = ctx.auth->PreSessionToken(pre);
  const std::string lang(LangCode(req.lang));
  std::string html;
  if (ctx.templates && ctx.templates->Has("login")) {
    TemplateData d;
    d.set("lang", lang);
    d.set("csrf_token", token);
    d.set("error", message);
    d.set("name", name);
    d.set("next", next);
    d.set("title", T(ctx, req.lang, "auth.login.title"));
    d.set("label_name", T(ctx, req.lang, "auth.login.name_or_email"));
    d.set("register_label", T(ctx, req.lang, "auth.login.register"));
    d.set("forgot_label", T(ctx, req.lang, "auth.login.forgot"));
    d.set("label_password", T(ctx, req.lang, "auth.login.password"));
    d.set("submit", T(ctx, req.lang, "auth.login.submit"));
    auto r = ctx.templates->Render("login", d);
    if (r) html = std::move(*r);
  }
  if (html.empty()) {
    html = "<!doctype html>\n<html lang=\"" + lang +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\"><title>" +
           Escape(T(ctx, req.lang, "auth.login.title")) +
           " - Jospar</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main "
           "id=\"main\"><h1>" +
           Escape(T(ctx, req.lang, "auth.login.title")) + "</h1>";
    if (!message.empty()) html += "<p role=\"alert\" class=\"error\">" + Escape(message) + "</p>";
    html += "<form method=\"post\" action=\"/" + lang +
            "/login\"><input type=\"hidden\" name=\"csrf_token\" value=\"" + token +
            "\"><input type=\"hidden\" name=\"next\" value=\"" + Escape(next) + "\"><p><label for=\"name\">" +
            Escape(T(ctx, req.lang, "auth.login.name")) +
            "</label><br><input id=\"name\" name=\"name\" autocomplete=\"username\" required value=\"" +
            Escape(name) + "\"></p><p><label for=\"password\">" +
            Escape(T(ctx, req.lang, "auth.login.password")) +
            "</label><br><input id=\"password\" name=\"password\" type=\"password\" "
            "autocomplete=\"current-password\" required></p><p><button type=\"submit\">" +
            Escape(T(ctx, req.lang, "auth.login.submit")) + "</button></p></form></main></body></html>\n";
  }
  Response resp = Response::Html(status, std::move(html));
  if (new_pre) resp.AddHeader("Set-Cookie", Auth::PreSessionCookie(pre, Secure(ctx, req)));
  resp.SetHeader("Cache-Control", "no-store");
  return resp;
}

// The second step of sign-in: the 6-digit code of the authenticator app or a recovery code, with the
// pending step's token and the pre-session CSRF token in hidden fields.
Response SecondStepPage(AppContext& ctx, const Request& req, int status, const std::string& message,
                        const std::string& pending, const std::string& next) {
  const std::string pre = req.Cookie(kPreSessionCookie).value_or("");
  const std::string token = ctx.auth->PreSessionToken(pre);
  const std::string lang(LangCode(req.lang));
  const std::string title = T(ctx, req.lang, "auth.second_step.title");
  std::string html = "<!doctype html>\n<html lang=\"" + lang +
                     "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                     "initial-scale=1\"><title>" +
                     Escape(title) +
                     " - Jospar</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main "
                     "id=\"main\"><h1>" +
                     Escape(title) + "</h1>";
  if (!message.empty()) html += "<p role=\"alert\" class=\"error\">" + Escape(message) + "</p>";
  html += "<p>" + Escape(T(ctx, req.lang, "auth.second_step.help")) + "</p><form method=\"post\" action=\"/" +
          lang + "/login/second-step\"><input type=\"hidden\" name=\"csrf_token\" value=\"" + token +
          "\"><input type=\"hidden\" name=\"pending\" value=\"" + Escape(pending) +
          "\"><input type=\"hidden\" name=\"next\" value=\"" + Escape(next) + "\"><p><label for=\"code\">" +
          Escape(T(ctx, req.lang, "auth.second_step.code")) +
          "</label><br><input id=\"code\" name=\"code\" autocomplete=\"one-time-code\" required "
          "autofocus></p><p><button type=\"submit\">" +
          Escape(T(ctx, req.lang, "auth.second_step.submit")) + "</button></p></form></main></body></html>\n";
  Response resp = Response::Html(status, std::move(html));
  resp.SetHeader("Cache-Control", "no-store");
  return resp;
}

Response SignedIn(AppContext& ctx, const Request& req, const Auth::LoginResult& r, const std::string& next) {
  Response resp = Response::Redirect(SafeNext(next, req.lang));
  resp.AddHeader("Set-Cookie", ctx.auth->SessionCookie(r.cookie_value, Secure(ctx, req)));
  resp.AddHeader("Set-Cookie",
                 std::string(kPreSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  return resp;
}

json UserJson(const User& u) {
  json j;
  j["id"] = u.id;
  j["name"] = u.name;
  j["role"] = std::string(ToString(u.role));
  j["body_id"] = u.body_id ? json(*u.body_id) : json(nullptr);
  return j;
}

std::optional<std::string> PreviousSession(const Request& req) {
  auto c = req.Cookie(kSessionCookie);
  if (!c || c->empty()) return std::nullopt;
  return ledger::Sha256Hex(*c);
}

}  // namespace

void RegisterAuthRoutes(Router& router, AppContext& ctx) {
  router.Add("GET", "/{lang}/login",
             [&ctx](Request& req) {
               if (req.principal.IsSignedIn())
                 return Response::Redirect("/" + std::string(LangCode(req.lang)) + "/");
               return LoginPage(ctx, req, 200, "", "", req.Query("next").value_or(""));
             },
             {.summary = "Sign-in form", .tag = "portal", .enrolment_ok = true});

  router.Add("POST", "/{lang}/login",
             [&ctx](Request& req) {
               std::string name, password, token, next;
               for (auto& [k, v] : req.Form()) {
                 if (k == "name")
                   name = v;
                 else if (k == "password")
                   password = v;
                 else if (k == "csrf_token")
                   token = v;
                 else if (k == "next")
                   next = v;
               }
               const auto pre = req.Cookie(kPreSessionCookie);
               if (!pre || token.empty() || !ConstantTimeEquals(token, ctx.auth->PreSessionToken(*pre)))
                 return ErrorResponse(ctx, req, Error{ErrorCode::kForbidden, "error.csrf", {}, {}});
               auto r = ctx.auth->Login(ctx.store, name, password, req.remote_addr, ctx.clock(),
                                        PreviousSession(req), *pre);
               if (!r) {
                 const Error& e = r.error();
                 if (e.code == ErrorCode::kUnavailable) return ErrorResponse(ctx, req, e);
                 Response page =
                     LoginPage(ctx, req, HttpStatus(e.code), ErrorMessage(ctx, req.lang, e), name, next);
                 if (e.code == ErrorCode::kRateLimited) page.SetHeader("Retry-After", e.detail);
                 return page;
               }
               if (r->second_step) return SecondStepPage(ctx, req, 200, "", r->pending_token, next);
               return SignedIn(ctx, req, *r, next);
             },
             {.csrf_exempt = true,
              .summary = "Sign in (form, with the pre-session CSRF token)",
              .tag = "portal",
              .enrolment_ok = true});

  router.Add("POST", "/{lang}/login/second-step",
             [&ctx](Request& req) {
               std::string code, pending, token, next;
               for (auto& [k, v] : req.Form()) {
                 if (k == "code")
                   code = v;
                 else if (k == "pending")
                   pending = v;
                 else if (k == "csrf_token")
                   token = v;
                 else if (k == "next")
                   next = v;
               }
               const auto pre = req.Cookie(kPreSessionCookie);
               if (!pre || token.empty() || !ConstantTimeEquals(token, ctx.auth->PreSessionToken(*pre)))
                 return ErrorResponse(ctx, req, Error{ErrorCode::kForbidden, "error.csrf", {}, {}});
               auto r = ctx.auth->CompleteSecondStep(ctx.store, pending, *pre, code, req.remote_addr,
                                                     ctx.clock(), PreviousSession(req));
               if (!r) {
                 const Error& e = r.error();
                 if (e.code == ErrorCode::kUnavailable || e.code == ErrorCode::kInternal)
                   return ErrorResponse(ctx, req, e);
                 const std::string message = ErrorMessage(ctx, req.lang, e);
                 if (e.message_key == "error.second_step_expired")
                   return LoginPage(ctx, req, 401, message, "", next);
                 Response page = SecondStepPage(ctx, req, HttpStatus(e.code), message, pending, next);
                 if (e.code == ErrorCode::kRateLimited) page.SetHeader("Retry-After", e.detail);
                 return page;
               }
               return SignedIn(ctx, req, *r, next);
             },
             {.csrf_exempt = true,
              .summary = "Sign in, second step: the TOTP code or a recovery code (form)",
              .tag = "portal",
              .enrolment_ok = true});

  router.Add("POST", "/{lang}/logout",
             [&ctx](Request& req) {
               if (req.session) {
                 auto st = ctx.auth->Logout(ctx.store, req.session->id_hash);
                 if (!st) return ErrorResponse(ctx, req, st.error());
               }
               Response resp = Response::Redirect("/" + std::string(LangCode(req.lang)) + "/");
               resp.AddHeader("Set-Cookie", Auth::ClearSessionCookie(Secure(ctx, req)));
               return resp;
             },
             {.summary = "Sign out (form)", .tag = "portal", .enrolment_ok = true});

  const RouteOptions api{.api = true, .tag = "session", .enrolment_ok = true};
  RouteOptions o = api;
  o.csrf_exempt = true;  // no session yet; a JSON body cannot be sent cross-site without CORS
  o.summary = "Sign in: starts a session (cookie) and returns the user and the CSRF token";
  o.request_schema = "Credentials";
  o.response_schema = "SessionInfo";
  router.Add(
      "POST", "/api/v1/session",
      [&ctx](Request& req) {
        json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object())
          return ErrorResponse(ctx, req,
                               Error{ErrorCode::kInvalidInput,
                                     "error.malformed_json",
                                     {},
                                     {{"body", "error.field.malformed_json", {}}}});
        std::vector<FieldError> errors;
        for (auto it = body.begin(); it != body.end(); ++it)
          if (it.key() != "name" && it.key() != "password" && it.key() != "totp")
            errors.push_back({it.key(), "error.field.unknown", {}});
        if (body.contains("totp") && !body["totp"].is_string())
          errors.push_back({"totp", "error.field.type_string", {}});
        for (const char* f : {"name", "password"}) {
          if (!body.contains(f))
            errors.push_back({f, "error.field.required", {}});
          else if (!body[f].is_string())
            errors.push_back({f, "error.field.type_string", {}});
        }
        if (!errors.empty())
          return ErrorResponse(ctx, req,
                               Error{ErrorCode::kInvalidInput, "error.invalid_input", {}, std::move(errors)});
        auto r =
            ctx.auth->Login(ctx.store, body["name"].get<std::string>(), body["password"].get<std::string>(),
                            req.remote_addr, ctx.clock(), PreviousSession(req));
        if (!r) return ErrorResponse(ctx, req, r.error());
        if (r->second_step) {
          const std::string pending = r->pending_token;
          if (!body.contains("totp")) {
            ctx.auth->DropSecondStep(pending);
            return ErrorResponse(ctx, req,
                                 Error{ErrorCode::kUnauthenticated,
                                       "error.second_factor_required",
                                       {},
                                       {{"totp", "error.second_factor_required", {}}}});
          }
          r = ctx.auth->CompleteSecondStep(ctx.store, pending, "", body["totp"].get<std::string>(),
                                           req.remote_addr, ctx.clock(), PreviousSession(req));
          ctx.auth->DropSecondStep(pending);
          if (!r) {
            Error e = r.error();
            if (e.code == ErrorCode::kUnauthenticated) e.fields = {{"totp", e.message_key, {}}};
            return ErrorResponse(ctx, req, e);
          }
        }
        json out;
        out["user"] = UserJson(r->user);
        out["csrf_token"] = r->session.csrf_token;
        Response resp = Response::JsonBody(200, out.dump());
        resp.AddHeader("Set-Cookie", ctx.auth->SessionCookie(r->cookie_value, Secure(ctx, req)));
        resp.SetHeader("Cache-Control", "no-store");
        return resp;
      },
      o);

  o = api;
  o.summary = "The signed-in user and the session's CSRF token";
  o.response_schema = "SessionInfo";
  router.Add(
      "GET", "/api/v1/session",
      [&ctx](Request& req) {
        if (!req.principal.IsSignedIn())
          return ErrorResponse(ctx, req, Error{ErrorCode::kUnauthenticated, "error.unauthenticated", {}, {}});
        json out;
        out["user"] = {{"id", req.principal.user_id},
                       {"name", req.principal.name},
                       {"role", std::string(ToString(req.principal.role))},
                       {"body_id", req.principal.body_id ? json(*req.principal.body_id) : json(nullptr)}};
        out["csrf_token"] = req.session ? json(req.csrf_token) : json(nullptr);
        Response resp = Response::JsonBody(200, out.dump());
        resp.SetHeader("Cache-Control", "no-store");
        return resp;
      },
      o);

  o = api;
  o.summary = "Sign out: ends the session";
  router.Add(
      "DELETE", "/api/v1/session",
      [&ctx](Request& req) {
        if (req.session) {
          auto st = ctx.auth->Logout(ctx.store, req.session->id_hash);
          if (!st) return ErrorResponse(ctx, req, st.error());
        }
        Response resp;
        resp.status = 204;
        resp.AddHeader("Set-Cookie", Auth::ClearSessionCookie(Secure(ctx, req)));
        return resp;
      },
      o);
}

}  // namespace jospar::web
