// The signed-in user's account page (/{lang}/account): their data (the IIN masked but for its last four
// digits), consents per purpose with withdraw / give buttons, the download of everything held about them,
// "who viewed my data", the link to two-factor setup, and erasure behind a confirmation page that says what
// is erased and asks for the password. Forms POST with the session's CSRF token (checked by the
// middleware) and work without JavaScript.
#include "core/accounts/personal_data.hpp"
#include "core/accounts/repository.hpp"
#include "web/accounts/person_vault.hpp"
#include "web/accounts/personal_data_web.hpp"
#include "web/api/handlers.hpp"
#include "web/auth.hpp"
#include "web/error_mapping.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

AppContext& Ctx(const View& v) { return v.shared().ctx; }

Response ToLogin(const View& v) {
  return Response::Redirect(v.Href("/login") + "?next=" + v.Href("/account"));
}

Response NoStore(Response r) {
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response AccountPage(View& v, Request& req) {
  if (!req.principal.IsSignedIn()) return ToLogin(v);
  AppContext& ctx = Ctx(v);
  const auto vault = ctx.person_keys ? ctx.person_keys->Vault() : PersonVault{};
  auto d = api::WithRead(ctx, [&](Tx& tx) { return accounts::ExportMyData(tx, req.principal, vault); });
  if (!d) return v.ErrorPage(d.error());
  TemplateData data{TemplateData::type::object};
  data.set("title", v.T("account.title"));
  data.set("email", d->user.email);
  data.set("name", d->user.name);
  data.set("second_factor_href", v.Href("/account/second-factor"));
  data.set("erase_href", v.Href("/account/erase"));
  const bool person = d->user.role == Role::kPerson;
  data.set("is_person", person);
  if (d->person) {
    TemplateData p{TemplateData::type::object};
    p.set("full_name", d->person->full_name);
    const std::string last4 = d->iin && d->iin->size() == 12 ? d->iin->substr(8) : std::string("????");
    p.set("iin_masked", "••••••••" + last4);
    p.set("iin_label", v.T("account.iin_masked_label") + " " + last4);
    p.set("birth_date", d->person->birth_date);
    p.set("sex", v.T("account.sex_" + d->person->sex));
    data.set("person", p);
  }
  TemplateData consents{TemplateData::type::list};
  for (const accounts::Purpose& purpose : accounts::Purposes()) {
    const Consent* in_force = nullptr;
    for (const Consent& c : d->consents)
      if (c.purpose == purpose.key && c.withdrawn_at.empty()) in_force = &c;
    TemplateData c{TemplateData::type::object};
    c.set("label", v.T("purpose." + purpose.key + ".label"));
    c.set("allows", v.T("purpose." + purpose.key + ".allows"));
    c.set("state",
          in_force ? v.T("account.consent_given") + " " + in_force->given_at : v.T("account.consent_none"));
    c.set("csrf", req.csrf_token);
    if (purpose.required) {
      c.set("required", true);
    } else if (in_force) {
      c.set("withdraw_action", v.Href("/account/consents/" + purpose.key + "/withdraw"));
    } else {
      c.set("give_action", v.Href("/account/consents/" + purpose.key + "/give"));
      c.set("text", v.T("consent." + purpose.key + ".text"));
    }
    consents.push_back(c);
  }
  data.set("consents", consents);
  TemplateData access{TemplateData::type::list};
  for (const DataAccess& a : d->access_log) {
    TemplateData row{TemplateData::type::object};
    row.set("at", a.at);
    row.set("role", a.viewer_role);
    row.set("what", a.what);
    row.set("reason", a.reason);
    access.push_back(row);
  }
  data.set("has_access", !d->access_log.empty());
  data.set("access", access);
  return NoStore(
      v.Page(200, "account", std::move(data), v.T("account.title"), {{v.T("nav.home"), v.Href("/")}}));
}

// POST .../consents/{purpose}/withdraw and .../give.
Response ConsentAction(View& v, Request& req, bool give) {
  if (!req.principal.IsSignedIn()) return ToLogin(v);
  AppContext& ctx = Ctx(v);
  const std::string purpose = req.params["purpose"];
  auto st = give ? accounts::GiveConsent(ctx.store, MeOf(ctx, req), purpose,
                                         ConsentText(ctx, v.lang(), purpose), v.lang())
                 : accounts::WithdrawConsent(ctx.store, MeOf(ctx, req), purpose);
  if (!st) return v.ErrorPage(st.error());
  return Response::Redirect(v.Href("/account"));
}

Response ErasePage(View& v, Request& req, int status, const std::string& error) {
  TemplateData data{TemplateData::type::object};
  data.set("title", v.T("account.erase_title"));
  data.set("action", v.Href("/account/erase"));
  data.set("back", v.Href("/account"));
  data.set("csrf", req.csrf_token);
  if (!error.empty()) data.set("error", error);
  return NoStore(v.Page(status, "account_erase", std::move(data), v.T("account.erase_title"),
                        {{v.T("nav.home"), v.Href("/")}, {v.T("account.title"), v.Href("/account")}}));
}

Response Erase(View& v, Request& req) {
  if (!req.principal.IsSignedIn()) return ToLogin(v);
  if (req.principal.role != Role::kPerson)
    return v.ErrorPage(Error{ErrorCode::kForbidden, "error.person_only", {}, {}});
  if (req.method == "GET") return ErasePage(v, req, 200, "");
  std::string password;
  for (const auto& [k, val] : req.Form())
    if (k == "password") password = val;
  auto st = EraseAndScrub(Ctx(v), req, password);
  if (!st) {
    if (st.error().code == ErrorCode::kInvalidInput)
      return ErasePage(v, req, 422, v.T(st.error().message_key));
    return v.ErrorPage(st.error());
  }
  Response r = Response::Redirect(v.Href("/account/erased"));
  r.AddHeader("Set-Cookie", Auth::ClearSessionCookie(Ctx(v).config.secure_cookies || req.tls));
  return r;
}

}  // namespace

void RegisterAccountPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/account", AccountPage,
          {.summary = "The signed-in user's account: data, consents, download, erase, who viewed it",
           .tag = "portal"});
  AddPage(router, shared, "POST", "/account/consents/{purpose}/withdraw",
          [](View& v, Request& req) { return ConsentAction(v, req, false); },
          {.summary = "Withdraw a consent (form)", .tag = "portal"});
  AddPage(router, shared, "POST", "/account/consents/{purpose}/give",
          [](View& v, Request& req) { return ConsentAction(v, req, true); },
          {.summary = "Give an optional consent (form)", .tag = "portal"});
  AddPage(router, shared, "GET", "/account/erase", Erase,
          {.summary = "What erasing the account removes, and the password to confirm it", .tag = "portal"});
  AddPage(router, shared, "POST", "/account/erase", Erase,
          {.summary = "Erase the account (form)", .tag = "portal"});
  AddPage(router, shared, "GET", "/account/erased",
          [](View& v, Request&) {
            TemplateData d{TemplateData::type::object};
            d.set("title", v.T("account.erased_title"));
            d.set("text", v.T("account.erased_text"));
            d.set("links", TemplateData{TemplateData::type::list});
            return NoStore(v.Page(200, "account_message", std::move(d), v.T("account.erased_title"),
                                  {{v.T("nav.home"), v.Href("/")}}));
          },
          {.summary = "The account was erased", .tag = "portal"});
}

}  // namespace jospar::web
