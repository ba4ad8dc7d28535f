// JSON API of person accounts: registration, email confirmation, password reset, and the signed-in
// person's own account. The anonymous routes have no session and so no session CSRF token: a JSON body
// cannot be sent cross-site without CORS (as for POST /api/v1/session).
#include "core/accounts/persons.hpp"
#include "core/accounts/registration.hpp"
#include "core/accounts/repository.hpp"
#include "web/accounts/person_links.hpp"
#include "web/accounts/person_vault.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"
#include "web/i18n.hpp"

namespace jospar::web::api {

namespace {

RouteOptions Opt(const std::string& summary, const std::string& response, const std::string& request = "") {
  RouteOptions o{.api = true, .csrf_exempt = true, .summary = summary, .tag = "persons"};
  o.response_schema = response;
  o.request_schema = request;
  return o;
}

Lang LangOf(const Request& req, const std::string& lang) { return ParseLang(lang).value_or(req.lang); }

// The IIN is never sent whole, not even to its owner: the last four digits tell which one it is.
json PersonAccountJson(const User& u, const Result<Person>& p, const std::optional<std::string>& iin) {
  json out{{"id", u.id},
           {"role", std::string(ToString(u.role))},
           {"email", u.email},
           {"email_confirmed", !u.email_confirmed_at.empty()}};
  if (p) {
    out["person"] = {{"full_name", p->full_name},
                     {"birth_date", p->birth_date},
                     {"sex", p->sex},
                     {"iin_last4", iin && iin->size() == 12 ? iin->substr(8) : std::string()}};
  } else {
    out["person"] = nullptr;
  }
  return out;
}

Response Accepted() {
  Response r = JsonResponse(202, {{"status", "accepted"}});
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace

void RegisterPersonsApi(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/persons/consent-text",
      [&ctx](Request& req) {
        const Lang lang = LangOf(req, req.Query("lang").value_or(""));
        const std::string text = ctx.locales ? ctx.locales->Get(lang, "consent.account.text") : "";
        return JsonResponse(
            200,
            {{"purpose", accounts::kAccountPurpose}, {"lang", std::string(LangCode(lang))}, {"text", text}});
      },
      Opt("The consent text a registration agrees to, in a language", "ConsentText"));

  router.Add(
      "POST", "/api/v1/persons",
      [&ctx](Request& req) {
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        accounts::NewPerson p;
        std::string lang;
        Reader r(*body);
        r.Str("full_name", p.full_name, true);
        r.Str("email", p.email, true);
        r.Str("iin", p.iin, true);
        r.Str("password", p.password, true);
        r.Bool("consent", p.consent);
        r.Str("lang", lang, false);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        p.lang = LangOf(req, lang);
        p.consent_text = ctx.locales ? ctx.locales->Get(p.lang, "consent.account.text") : "";
        auto u =
            accounts::RegisterPerson(ctx.store, p, RegistrationKitOf(ctx), FreshValues(), ClockedNow(ctx));
        if (!u) return ErrorOf(ctx, req, u.error());
        Response resp =
            JsonResponse(201, PersonAccountJson(*u, Fail(ErrorCode::kNotFound, ""), std::nullopt));
        resp.SetHeader("Cache-Control", "no-store");
        return resp;
      },
      Opt("Register a person account (a confirmation link is mailed)", "PersonAccount", "Registration"));

  router.Add(
      "POST", "/api/v1/persons/confirm",
      [&ctx](Request& req) {
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        std::string token;
        Reader r(*body);
        r.Str("token", token, true);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto u = accounts::ConfirmEmail(ctx.store, token, ClockedNow(ctx));
        if (!u) return ErrorOf(ctx, req, u.error());
        return JsonResponse(200, PersonAccountJson(*u, Fail(ErrorCode::kNotFound, ""), std::nullopt));
      },
      Opt("Confirm an email address with the token of its link", "PersonAccount", "LinkToken"));

  const auto email_route = [&ctx](bool reset) {
    return [&ctx, reset](Request& req) {
      auto body = ParseObject(req.body);
      if (!body) return ErrorOf(ctx, req, body.error());
      std::string email, lang;
      Reader r(*body);
      r.Str("email", email, true);
      r.Str("lang", lang, false);
      if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
      const Lang l = LangOf(req, lang);
      auto st = reset ? accounts::RequestPasswordReset(ctx.store, email, l, ResetMail(ctx), FreshToken(),
                                                       ClockedNow(ctx))
                      : accounts::ResendConfirmation(ctx.store, email, l, ConfirmMail(ctx), FreshToken(),
                                                     ClockedNow(ctx));
      if (!st) return ErrorOf(ctx, req, st.error());
      return Accepted();
    };
  };
  router.Add(
      "POST", "/api/v1/persons/confirm/resend", email_route(false),
      Opt("Send a new confirmation link (202 whether or not the address has an account)", "", "EmailOnly"));
  router.Add(
      "POST", "/api/v1/password-reset", email_route(true),
      Opt("Send a password-reset link (202 whether or not the address has an account)", "", "EmailOnly"));

  router.Add(
      "POST", "/api/v1/password-reset/complete",
      [&ctx](Request& req) {
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        std::string token, password;
        Reader r(*body);
        r.Str("token", token, true);
        r.Str("password", password, true);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        static const accounts::BreachedPasswords kNone;
        auto u = accounts::CompletePasswordReset(
            ctx.store, token, password, RegistrationKitOf(ctx).hash_password,
            ctx.breached_passwords ? *ctx.breached_passwords : kNone, ClockedNow(ctx));
        if (!u) return ErrorOf(ctx, req, u.error());
        return JsonResponse(200, PersonAccountJson(*u, Fail(ErrorCode::kNotFound, ""), std::nullopt));
      },
      Opt("Set a new password with the token of a reset link (ends every session)", "PersonAccount",
          "PasswordResetInput"));

  RouteOptions me = Opt("The signed-in account, with the person's own data", "PersonAccount");
  me.csrf_exempt = false;
  router.Add(
      "GET", "/api/v1/me",
      [&ctx](Request& req) {
        if (!req.principal.IsSignedIn())
          return ErrorOf(ctx, req, Error{ErrorCode::kUnauthenticated, "error.unauthenticated", {}, {}});
        const auto vault = ctx.person_keys ? ctx.person_keys->Vault() : PersonVault{};
        auto out = WithRead(ctx, [&](Tx& tx) -> Result<json> {
          auto u = tx.accounts().GetUser(req.principal.user_id);
          if (!u) return Fail(u.error());
          auto p = tx.persons().GetPerson(u->id);
          if (!p && p.error().code != ErrorCode::kNotFound) return Fail(p.error());
          std::optional<std::string> iin;
          if (p && vault.open) iin = vault.open(p->iin_sealed, p->iin_key_id);
          return PersonAccountJson(*u, p, iin);
        });
        if (!out) return ErrorOf(ctx, req, out.error());
        Response resp = JsonResponse(200, *out);
        resp.SetHeader("Cache-Control", "no-store");
        return resp;
      },
      me);
}

}  // namespace jospar::web::api
