// JSON API of personal-data rights (core/accounts/personal_data.hpp): the download of everything held about
// the signed-in user, the access log ("who viewed my data"), consents per purpose, erasure on request, and
// the one staff read of a person for now (admins, GET /api/v1/persons/{id}, recorded in the access log).
// Answers carry Cache-Control: no-store: they are personal.
#include "core/accounts/personal_data.hpp"

#include "core/base/clock.hpp"
#include "web/accounts/person_links.hpp"
#include "web/accounts/person_vault.hpp"
#include "web/accounts/personal_data_web.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"
#include "web/auth.hpp"
#include "web/i18n.hpp"

namespace jospar::web {

using json = nlohmann::json;

json DataAccessJson(const DataAccess& a) {
  return {{"at", a.at},
          {"viewer_user_id", a.viewer_user_id},
          {"viewer_role", a.viewer_role},
          {"what", a.what},
          {"purpose", a.purpose},
          {"reason", a.reason}};
}

json MyDataJson(const accounts::MyData& d) {
  json out;
  out["account"] = {{"id", d.user.id},
                    {"name", d.user.name},
                    {"role", std::string(ToString(d.user.role))},
                    {"email", d.user.email},
                    {"email_confirmed_at", d.user.email_confirmed_at},
                    {"created_at", d.user.created_at},
                    {"disabled", d.user.disabled}};
  if (d.person) {
    out["person"] = {{"full_name", d.person->full_name},
                     {"iin", d.iin.value_or("")},
                     {"birth_date", d.person->birth_date},
                     {"sex", d.person->sex},
                     {"created_at", d.person->created_at}};
  } else {
    out["person"] = nullptr;
  }
  json consents = json::array();
  for (const Consent& c : d.consents)
    consents.push_back({{"purpose", c.purpose},
                        {"text", c.text},
                        {"lang", c.lang},
                        {"given_at", c.given_at},
                        {"withdrawn_at", c.withdrawn_at.empty() ? json(nullptr) : json(c.withdrawn_at)}});
  out["consents"] = consents;
  json history = json::array();
  for (const HistoryEntry& h : d.history) {
    json changes = json::array();
    for (const FieldChange& c : h.changes)
      changes.push_back({{"field", c.field}, {"before", c.before}, {"after", c.after}});
    history.push_back({{"at", h.at}, {"actor", h.actor}, {"action", h.action}, {"changes", changes}});
  }
  out["history"] = history;
  json sessions = json::array();
  for (const Session& s : d.sessions)
    sessions.push_back({{"created_at", IsoTime(s.created_at)}, {"last_seen_at", IsoTime(s.last_seen_at)}});
  out["sessions"] = sessions;
  out["second_factor"] = {{"enabled", d.second_factor}, {"recovery_codes_left", d.recovery_codes_left}};
  json mail = json::array();
  for (const OutboxItem& m : d.mail)
    mail.push_back({{"to", m.message.to},
                    {"subject", m.message.subject},
                    {"text", m.message.text},
                    {"purpose", m.message.purpose},
                    {"state", ToString(m.state)},
                    {"created_at", IsoTime(m.created_at)}});
  out["mail"] = mail;
  json access = json::array();
  for (const DataAccess& a : d.access_log) access.push_back(DataAccessJson(a));
  out["access_log"] = access;
  json modules = json::object();
  for (const accounts::DataSection& s : d.modules) {
    json records = json::array();
    for (const accounts::DataRecord& r : s.records) {
      json o = json::object();
      for (const auto& [k, v] : r.fields) o[k] = v;
      records.push_back(o);
    }
    modules[s.name] = records;
  }
  out["modules"] = modules;
  return out;
}

accounts::Me MeOf(const AppContext& ctx, const Request& req) {
  const std::int64_t now = ctx.clock();
  return {req.principal, IsoTime(now), now};
}

accounts::PasswordVerifier VerifierOf(const AppContext& ctx) {
  return [&ctx](const std::string& hash, std::string_view password) {
    return ctx.auth->VerifyPassword(hash, password);
  };
}

std::string FreshAnonymousName() { return "erased-" + RandomHex(6); }

std::string ConsentText(const AppContext& ctx, Lang lang, std::string_view purpose) {
  return ctx.locales ? ctx.locales->Get(lang, "consent." + std::string(purpose) + ".text") : std::string();
}

Status EraseAndScrub(AppContext& ctx, const Request& req, std::string_view password) {
  return accounts::EraseMe(ctx.store, MeOf(ctx, req), password, VerifierOf(ctx), FreshAnonymousName());
}

namespace api {
namespace {

Response NoStore(Response r) {
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

RouteOptions Opt(const std::string& summary, const std::string& response, const std::string& request = "") {
  RouteOptions o{.api = true, .summary = summary, .tag = "personal-data"};
  o.response_schema = response;
  o.request_schema = request;
  return o;
}

}  // namespace

void RegisterPersonalDataApi(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/me/data",
      [&ctx](Request& req) {
        const auto vault = ctx.person_keys ? ctx.person_keys->Vault() : PersonVault{};
        auto d = WithRead(ctx, [&](Tx& tx) { return accounts::ExportMyData(tx, req.principal, vault); });
        if (!d) return ErrorOf(ctx, req, d.error());
        Response r = JsonResponse(200, MyDataJson(*d));
        r.SetHeader("Content-Disposition", "attachment; filename=\"jospar-my-data.json\"");
        return NoStore(std::move(r));
      },
      Opt("Everything held about the signed-in user, as a download (the IIN in full: it is their own)",
          "MyData"));

  router.Add(
      "GET", "/api/v1/me/access-log",
      [&ctx](Request& req) {
        auto log = WithRead(ctx, [&](Tx& tx) { return accounts::MyAccessLog(tx, req.principal); });
        if (!log) return ErrorOf(ctx, req, log.error());
        json items = json::array();
        for (const DataAccess& a : *log) items.push_back(DataAccessJson(a));
        return NoStore(JsonResponse(200, {{"items", items}}));
      },
      Opt("Who viewed my data: every staff read of the signed-in person's data, newest first", "AccessLog"));

  router.Add(
      "POST", "/api/v1/me/consents/{purpose}",
      [&ctx](Request& req) {
        auto body = ParseObject(req.body.empty() ? std::string("{}") : req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        std::string lang;
        Reader r(*body);
        r.Str("lang", lang, false);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        const Lang l = ParseLang(lang).value_or(req.lang);
        const std::string purpose = req.params["purpose"];
        auto st = accounts::GiveConsent(ctx.store, MeOf(ctx, req), purpose, ConsentText(ctx, l, purpose), l);
        if (!st) return ErrorOf(ctx, req, st.error());
        return NoStore(JsonResponse(201, {{"purpose", purpose}, {"in_force", true}}));
      },
      Opt("Give the consent to an optional purpose (the text shown in the person's language is kept)",
          "ConsentState", "ConsentInput"));

  router.Add(
      "DELETE", "/api/v1/me/consents/{purpose}",
      [&ctx](Request& req) {
        const std::string purpose = req.params["purpose"];
        auto st = accounts::WithdrawConsent(ctx.store, MeOf(ctx, req), purpose);
        if (!st) return ErrorOf(ctx, req, st.error());
        return NoStore(JsonResponse(200, {{"purpose", purpose}, {"in_force", false}}));
      },
      Opt("Withdraw a consent: the processing it allowed stops (\"account\" only by erasure)",
          "ConsentState"));

  router.Add(
      "POST", "/api/v1/me/erase",
      [&ctx](Request& req) {
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        std::string password;
        Reader r(*body);
        r.Str("password", password, true);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        if (auto st = EraseAndScrub(ctx, req, password); !st) return ErrorOf(ctx, req, st.error());
        Response resp = NoStore(JsonResponse(200, {{"status", "erased"}}));
        resp.AddHeader("Set-Cookie", Auth::ClearSessionCookie(ctx.config.secure_cookies || req.tls));
        return resp;
      },
      Opt("Erase the signed-in person's account and personal data (needs the current password)", "Erased",
          "EraseInput"));

  router.Add(
      "GET", "/api/v1/persons/{id}",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        const std::string reveal = req.Query("reveal").value_or("");
        if (!reveal.empty() && reveal != "iin")
          return ErrorOf(
              ctx, req,
              Error{
                  ErrorCode::kInvalidInput, "error.invalid_input", {}, {{"reveal", "error.field.enum", {}}}});
        const auto vault = ctx.person_keys ? ctx.person_keys->Vault() : PersonVault{};
        auto v = accounts::ReadPersonAsStaff(ctx.store, req.principal, *id, reveal == "iin",
                                             req.Query("reason").value_or(""), vault, IsoTime(ctx.clock()));
        if (!v) return ErrorOf(ctx, req, v.error());
        json out{{"id", v->user.id},
                 {"email", v->user.email},
                 {"email_confirmed", !v->user.email_confirmed_at.empty()},
                 {"disabled", v->user.disabled},
                 {"full_name", v->person.full_name},
                 {"birth_date", v->person.birth_date},
                 {"sex", v->person.sex}};
        if (v->iin) out["iin"] = *v->iin;
        return NoStore(JsonResponse(200, out));
      },
      Opt("A person's data for an admin (recorded in the person's access log); the IIN with "
          "?reveal=iin&reason=",
          "StaffPerson"));
}

}  // namespace api
}  // namespace jospar::web
