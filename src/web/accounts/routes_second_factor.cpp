// Two-factor sign-in (TOTP): a signed-in user enrols (a fresh secret shown once, confirmed with a first
// code, then recovery codes shown once), switches it off with a current code when the role allows, and an
// admin resets another user's second factor after a lost device. JSON API and the account page.
#include "core/accounts/second_factor.hpp"
#include "core/accounts/totp.hpp"
#include "core/accounts/usecases.hpp"
#include "core/base/clock.hpp"
#include "web/api/handlers.hpp"
#include "web/api/json_io.hpp"
#include "web/auth.hpp"
#include "web/auth_routes.hpp"
#include "web/error_mapping.hpp"
#include "web/html.hpp"
#include "web/i18n.hpp"

namespace jospar::web {

namespace {

using api::ErrorOf;
using api::JsonResponse;
using nlohmann::json;

std::string T(const AppContext& ctx, Lang lang, const char* key) {
  return ctx.locales ? ctx.locales->Get(lang, key) : std::string(key);
}

accounts::AccountCaller CallerOf(const AppContext& ctx, const Request& req) {
  return {req.principal, IsoTime(ctx.clock())};
}

// Starts an enrolment and returns the secret in base32 (shown once).
Result<std::string> Start(AppContext& ctx, const Request& req) {
  const std::string secret = Auth::NewTotpSecret();
  if (auto st = accounts::StartEnrolment(ctx.store, req.principal, secret, ctx.auth->Box()); !st)
    return Fail(st.error());
  return accounts::Base32Encode(secret);
}

Result<std::vector<std::string>> Confirm(AppContext& ctx, const Request& req, const std::string& code) {
  auto codes = Auth::NewRecoveryCodes();
  if (auto st = accounts::ConfirmEnrolment(ctx.store, CallerOf(ctx, req), code, codes, ctx.auth->Box(),
                                           ctx.clock());
      !st)
    return Fail(st.error());
  return codes;
}

std::string FormValue(Request& req, const char* name) {
  for (auto& [k, v] : req.Form())
    if (k == name) return v;
  return {};
}

// The account page's second-factor section as one HTML document. `body` is the inner HTML.
Response Page(AppContext& ctx, const Request& req, int status, const std::string& message,
              const std::string& body) {
  const std::string lang(LangCode(req.lang));
  const std::string title = T(ctx, req.lang, "account.second_factor.title");
  std::string html = "<!doctype html>\n<html lang=\"" + lang +
                     "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
                     "initial-scale=1\"><title>" +
                     HtmlEscape(title) +
                     " - Jospar</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main "
                     "id=\"main\"><h1>" +
                     HtmlEscape(title) + "</h1>";
  if (!message.empty()) html += "<p role=\"alert\" class=\"error\">" + HtmlEscape(message) + "</p>";
  html += body + "<form method=\"post\" action=\"/" + lang +
          "/logout\"><input type=\"hidden\" name=\"csrf_token\" value=\"" + req.csrf_token +
          "\"><button type=\"submit\">" + HtmlEscape(T(ctx, req.lang, "account.second_factor.logout")) +
          "</button></form></main></body></html>\n";
  Response resp = Response::Html(status, std::move(html));
  resp.SetHeader("Cache-Control", "no-store");
  return resp;
}

std::string Form(const AppContext& ctx, const Request& req, const std::string& action, const char* submit,
                 bool with_code) {
  const std::string lang(LangCode(req.lang));
  std::string f = "<form method=\"post\" action=\"/" + lang + "/account/second-factor/" + action +
                  "\"><input type=\"hidden\" name=\"csrf_token\" value=\"" + req.csrf_token + "\">";
  if (with_code)
    f += "<p><label for=\"code\">" + HtmlEscape(T(ctx, req.lang, "auth.second_step.code")) +
         "</label><br><input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
         "required></p>";
  return f + "<p><button type=\"submit\">" + HtmlEscape(T(ctx, req.lang, submit)) + "</button></p></form>";
}

// The confirm step: the secret as text and as an otpauth URI, and the form for the first code.
std::string EnrolBody(const AppContext& ctx, const Request& req, const std::string& secret) {
  const std::string uri = accounts::OtpAuthUri(req.principal.name, secret);
  return "<p>" + HtmlEscape(T(ctx, req.lang, "account.second_factor.scan")) +
         "</p><p><code id=\"totp-secret\">" + HtmlEscape(secret) + "</code></p><p><a href=\"" +
         HtmlEscape(uri) + "\"><code id=\"totp-uri\">" + HtmlEscape(uri) + "</code></a></p>" +
         Form(ctx, req, "confirm", "account.second_factor.confirm", true);
}

Response StatusPage(AppContext& ctx, Request& req, int status, const std::string& message) {
  if (!req.principal.IsSignedIn())
    return Response::Redirect("/" + std::string(LangCode(req.lang)) + "/login?next=/" +
                              std::string(LangCode(req.lang)) + "/account/second-factor");
  auto on =
      api::WithRead(ctx, [&](Tx& tx) { return accounts::SecondFactorEnabled(tx, req.principal.user_id); });
  if (!on) return ErrorOf(ctx, req, on.error());
  std::string body;
  if (*on) {
    body = "<p>" + HtmlEscape(T(ctx, req.lang, "account.second_factor.on")) + "</p>";
    if (!accounts::RequiresSecondFactor(req.principal.role))
      body += Form(ctx, req, "off", "account.second_factor.turn_off", true);
  } else {
    body = "<p>" +
           HtmlEscape(T(ctx, req.lang,
                        req.must_enrol ? "account.second_factor.required" : "account.second_factor.off")) +
           "</p>" + Form(ctx, req, "start", "account.second_factor.turn_on", false);
  }
  return Page(ctx, req, status, message, body);
}

}  // namespace

void RegisterSecondFactorRoutes(Router& router, AppContext& ctx) {
  RouteOptions o{.api = true, .tag = "session", .enrolment_ok = true};
  o.summary = "Start enrolling a TOTP second factor: returns the secret (base32) and its otpauth URI once";
  router.Add(
      "POST", "/api/v1/session/second-factor",
      [&ctx](Request& req) {
        auto secret = Start(ctx, req);
        if (!secret) return ErrorOf(ctx, req, secret.error());
        Response resp = JsonResponse(
            201, {{"secret", *secret}, {"otpauth_uri", accounts::OtpAuthUri(req.principal.name, *secret)}});
        resp.SetHeader("Cache-Control", "no-store");
        return resp;
      },
      o);

  o.summary =
      "Confirm the enrolment with a first code: switches the second factor on and returns 10 "
      "single-use recovery codes once";
  router.Add(
      "POST", "/api/v1/session/second-factor/confirm",
      [&ctx](Request& req) {
        auto body = api::ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        std::string code;
        api::Reader r(*body);
        r.Str("code", code, true);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto codes = Confirm(ctx, req, code);
        if (!codes) return ErrorOf(ctx, req, codes.error());
        Response resp = JsonResponse(200, {{"recovery_codes", *codes}});
        resp.SetHeader("Cache-Control", "no-store");
        return resp;
      },
      o);

  o.summary = "Switch the second factor off with a current code (roles that do not require one)";
  router.Add(
      "DELETE", "/api/v1/session/second-factor",
      [&ctx](Request& req) {
        auto body = api::ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        std::string code;
        api::Reader r(*body);
        r.Str("code", code, true);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        if (auto st = accounts::DisableSecondFactor(ctx.store, CallerOf(ctx, req), code, ctx.auth->Box(),
                                                    ctx.clock());
            !st)
          return ErrorOf(ctx, req, st.error());
        Response resp;
        resp.status = 204;
        return resp;
      },
      o);

  o = RouteOptions{.api = true, .tag = "accounts"};
  o.summary =
      "Reset a user's second factor after a lost device (admins): ends their sessions; they enrol "
      "again";
  router.Add(
      "POST", "/api/v1/users/{id}/second-factor/reset",
      [&ctx](Request& req) {
        auto id = api::PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        if (auto st = accounts::ResetSecondFactor(ctx.store, CallerOf(ctx, req), *id); !st)
          return ErrorOf(ctx, req, st.error());
        Response resp;
        resp.status = 204;
        return resp;
      },
      o);

  const RouteOptions page{.summary = "", .tag = "portal", .enrolment_ok = true};
  RouteOptions p = page;
  p.summary = "Two-factor sign-in of the signed-in user (account page)";
  router.Add(
      "GET", "/{lang}/account/second-factor", [&ctx](Request& req) { return StatusPage(ctx, req, 200, ""); },
      p);
  p.summary = "Start enrolling a second factor (form)";
  router.Add(
      "POST", "/{lang}/account/second-factor/start",
      [&ctx](Request& req) {
        if (!req.principal.IsSignedIn()) return StatusPage(ctx, req, 401, "");
        auto secret = Start(ctx, req);
        if (!secret)
          return StatusPage(ctx, req, HttpStatus(secret.error().code),
                            ErrorMessage(ctx, req.lang, secret.error()));
        return Page(ctx, req, 200, "", EnrolBody(ctx, req, *secret));
      },
      p);
  p.summary = "Confirm the enrolment with a first code (form); shows the recovery codes once";
  router.Add(
      "POST", "/{lang}/account/second-factor/confirm",
      [&ctx](Request& req) {
        if (!req.principal.IsSignedIn()) return StatusPage(ctx, req, 401, "");
        auto codes = Confirm(ctx, req, FormValue(req, "code"));
        if (!codes) {
          const Error& e = codes.error();
          const std::string key = e.fields.empty() ? e.message_key : e.fields.front().message_key;
          return StatusPage(ctx, req, HttpStatus(e.code), T(ctx, req.lang, key.c_str()));
        }
        std::string body = "<p>" + HtmlEscape(T(ctx, req.lang, "account.second_factor.recovery")) +
                           "</p><ul id=\"recovery-codes\">";
        for (const auto& c : *codes) body += "<li><code>" + c + "</code></li>";
        body += "</ul><p><a href=\"/" + std::string(LangCode(req.lang)) + "/\">" +
                HtmlEscape(T(ctx, req.lang, "account.second_factor.done")) + "</a></p>";
        return Page(ctx, req, 200, "", body);
      },
      p);
  p.summary = "Switch the second factor off with a current code (form)";
  router.Add(
      "POST", "/{lang}/account/second-factor/off",
      [&ctx](Request& req) {
        if (!req.principal.IsSignedIn()) return StatusPage(ctx, req, 401, "");
        auto st = accounts::DisableSecondFactor(ctx.store, CallerOf(ctx, req), FormValue(req, "code"),
                                                ctx.auth->Box(), ctx.clock());
        if (!st) {
          const Error& e = st.error();
          const std::string key = e.fields.empty() ? e.message_key : e.fields.front().message_key;
          return StatusPage(ctx, req, HttpStatus(e.code), T(ctx, req.lang, key.c_str()));
        }
        return StatusPage(ctx, req, 200, "");
      },
      p);
}

}  // namespace jospar::web
