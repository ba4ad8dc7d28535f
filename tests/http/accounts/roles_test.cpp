// Every role (anonymous, executor of the right body, executor of another body, planner, admin) against
// EVERY write route of the router: the table below must name each one, so a new write route without a
// case here fails WriteRoutesAreAllCovered. A rejected request must change nothing.
#include <functional>
#include <set>

#include "core/accounts/notifications.hpp"
#include "http/http_fixture.hpp"
#include "web/auth.hpp"

namespace jospar::testing {
namespace {

enum class Who { kAnonymous, kExecutorRight, kExecutorOther, kPlanner, kAdmin };
const char* Name(Who w) {
  switch (w) {
    case Who::kAnonymous:
      return "anonymous";
    case Who::kExecutorRight:
      return "executor of the right body";
    case Who::kExecutorOther:
      return "executor of another body";
    case Who::kPlanner:
      return "planner";
    case Who::kAdmin:
      return "admin";
  }
  return "?";
}
constexpr Who kEveryone[] = {Who::kAnonymous, Who::kExecutorRight, Who::kExecutorOther, Who::kPlanner,
                             Who::kAdmin};

struct Request {
  std::string target;
  std::string body;
  web::Headers headers;
  std::string content_type = "application/json";
};

struct Case {
  std::function<Request(const HttpSeed&, web::AppContext&)> make;
  std::set<Who> allowed;
  // The request cannot succeed as written (it needs a fresh TOTP code or a pending sign-in step), so for the
  // allowed roles this only checks that access was granted: no 403, no 401 for a signed-in caller, no
  // redirect to the sign-in page. The outcome is tested in tests/http/accounts/second_factor_test.cpp.
  bool access_only = false;
};

const std::set<Who> kAdmins = {Who::kAdmin};
const std::set<Who> kPlanners = {Who::kPlanner, Who::kAdmin};
const std::set<Who> kReporters = {Who::kExecutorRight, Who::kPlanner, Who::kAdmin};
const std::set<Who> kSignedIn = {Who::kExecutorRight, Who::kExecutorOther, Who::kPlanner, Who::kAdmin};
// Roles that may switch their second factor off (an admin must keep one).
const std::set<Who> kOptionalSecondFactor = {Who::kExecutorRight, Who::kExecutorOther, Who::kPlanner};
// A person's own rights (consents, erasure): no staff role may; persons succeed in
// tests/http/accounts/personal_data_test.cpp (this table has no person caller).
const std::set<Who> kPersonsOnly = {};
const std::set<Who> kAll = {Who::kAnonymous, Who::kExecutorRight, Who::kExecutorOther, Who::kPlanner,
                            Who::kAdmin};

std::string S(Id id) { return std::to_string(id); }

// A notification of exec_a (the executor of the right body), as a module's use case would make it.
Id NotifyExecA(const HttpSeed& s, web::AppContext& ctx) {
  auto tx = ctx.store.Begin(TxMode::kWrite);
  if (!tx) return 0;
  auto told = accounts::Notify(**tx, {s.exec_a, "accounts.second_factor_reset", {{"admin", "admin"}}, "", 1});
  if (!told || !told->notification || !(*tx)->Commit()) return 0;
  return *told->notification;
}

// A form-encoded POST to a portal page (Bearer-authenticated here, so no CSRF token is needed).
Request Form(std::string target, const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields)
    body += (body.empty() ? "" : "&") + web::UrlEncode(k) + "=" + web::UrlEncode(v);
  Request r{std::move(target), std::move(body), {}};
  r.content_type = "application/x-www-form-urlencoded";
  return r;
}
// A form of a page that anonymous visitors fill in: the pre-session cookie and its CSRF token.
Request PreSessionForm(web::AppContext& ctx, std::string target, const std::string& fields) {
  const std::string pre(64, 'a');
  Request r{std::move(target),
            fields + "&csrf_token=" + ctx.auth->PreSessionToken(pre),
            {{"Cookie", std::string(web::kPreSessionCookie) + "=" + pre}}};
  r.content_type = "application/x-www-form-urlencoded";
  return r;
}
web::Headers IfMatch(std::int64_t v) { return {{"If-Match", "W/\"" + std::to_string(v) + "\""}}; }
// A multipart upload of one legacy template file that creates a document (src/web/*/legacy*).
Request LegacyUpload(std::string target, bool form) {
  const std::string boundary = "roles-boundary";
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"documents.csv\"\r\n\r\n"
                     "code,tier,type,title_en\nLEG-ROLE,3,concept,Legacy concept\n\r\n";
  if (form) body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nimport\r\n";
  body += "--" + boundary + "--\r\n";
  Request r{std::move(target), std::move(body), {}};
  r.content_type = "multipart/form-data; boundary=" + boundary;
  return r;
}

// "METHOD pattern" -> how to call it and who may.
const std::map<std::string, Case>& Table() {
  static const std::map<std::string, Case> table = {
      {"POST /api/v1/bodies",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{
              "/api/v1/bodies", R"({"code":"NEW","kind":"agency","title":{"en":"New agency"}})", {}};
        },
        kAdmins}},
      {"PUT /api/v1/bodies/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/bodies/" + S(s.body_a),
                         R"({"code":"BODY-A","kind":"ministry","title":{"en":"Renamed"}})", IfMatch(1)};
        },
        kAdmins}},
      {"PATCH /api/v1/bodies/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/bodies/" + S(s.body_a), R"({"title":{"ru":"Министерство"}})", IfMatch(1)};
        },
        kAdmins}},
      {"DELETE /api/v1/bodies/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/bodies/" + S(s.body_c), "", {}};
        },
        kAdmins}},
      {"POST /api/v1/documents",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/documents",
                         R"({"code":"NEW-DOC","tier":3,"type":"concept","title":{"en":"New concept"}})",
                         {}};
        },
        kPlanners}},
      {"PUT /api/v1/documents/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{
              "/api/v1/documents/" + S(s.draft),
              R"({"code":"DRAFT-1","tier":4,"type":"state_programme","title":{"en":"Renamed programme"}})",
              IfMatch(1)};
        },
        kPlanners}},
      {"PATCH /api/v1/documents/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/documents/" + S(s.draft), R"({"summary":{"en":"A summary"}})", IfMatch(1)};
        },
        kPlanners}},
      {"DELETE /api/v1/documents/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/documents/" + S(s.empty_draft), "", {}};
        },
        kPlanners}},
      {"POST /api/v1/documents/{id}/transition",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{
              "/api/v1/documents/" + S(s.draft) + "/transition", R"({"status":"approved","version":1})", {}};
        },
        kPlanners}},
      {"POST /api/v1/documents/{id}/amendments",
       {[](const HttpSeed& s, web::AppContext&) {
          json b{{"act", {{"kind", "decree"}, {"number", "12"}, {"date", "2026-01-15"}}},
                 {"changes", {{"summary", {{"en", "Amended summary"}}}}},
                 {"version", s.approved_version}};
          return Request{"/api/v1/documents/" + S(s.approved) + "/amendments", b.dump(), {}};
        },
        kPlanners}},
      {"POST /api/v1/goals",
       {[](const HttpSeed& s, web::AppContext&) {
          json b{{"document_id", s.draft}, {"code", "9"}, {"title", {{"en", "New goal"}}}};
          return Request{"/api/v1/goals", b.dump(), {}};
        },
        kPlanners}},
      {"PUT /api/v1/goals/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          json b{{"document_id", s.draft}, {"code", "1"}, {"title", {{"en", "Goal renamed"}}}};
          return Request{"/api/v1/goals/" + S(s.goal), b.dump(), IfMatch(1)};
        },
        kPlanners}},
      {"PATCH /api/v1/goals/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/goals/" + S(s.goal), R"({"title":{"kk":"Бірінші мақсат"}})", IfMatch(1)};
        },
        kPlanners}},
      {"DELETE /api/v1/goals/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/goals/" + S(s.empty_goal), "", {}};
        },
        kPlanners}},
      {"POST /api/v1/indicators",
       {[](const HttpSeed& s, web::AppContext&) {
          json b{{"code", "IND-9"},
                 {"goal_id", s.goal},
                 {"title", {{"en", "New indicator"}}},
                 {"planned", {{{"year", 2026}, {"value", 1.5}}}}};
          return Request{"/api/v1/indicators", b.dump(), {}};
        },
        kPlanners}},
      {"PUT /api/v1/indicators/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          json b{{"code", "IND-1"},
                 {"goal_id", s.goal},
                 {"title", {{"en", "Indicator renamed"}}},
                 {"responsible_body_id", s.body_a}};
          return Request{"/api/v1/indicators/" + S(s.indicator), b.dump(), IfMatch(1)};
        },
        kPlanners}},
      {"PATCH /api/v1/indicators/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/indicators/" + S(s.indicator), R"({"target_value":42,"target_year":2030})",
                         IfMatch(1)};
        },
        kPlanners}},
      {"DELETE /api/v1/indicators/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/indicators/" + S(s.spare_indicator), "", {}};
        },
        kPlanners}},
      {"POST /api/v1/indicators/{id}/observations",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/indicators/" + S(s.indicator) + "/observations",
                         R"({"period":"2025","value":12.5})",
                         {}};
        },
        kReporters}},
      {"POST /api/v1/measures",
       {[](const HttpSeed& s, web::AppContext&) {
          json b{{"goal_id", s.goal}, {"title", {{"en", "New measure"}}}, {"deadline", "2027-06-30"}};
          return Request{"/api/v1/measures", b.dump(), {}};
        },
        kPlanners}},
      {"PUT /api/v1/measures/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          json b{{"goal_id", s.goal}, {"title", {{"en", "Measure renamed"}}}};
          return Request{"/api/v1/measures/" + S(s.measure), b.dump(), IfMatch(1)};
        },
        kPlanners}},
      {"PATCH /api/v1/measures/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/measures/" + S(s.measure), R"({"budget_programme":"001"})", IfMatch(1)};
        },
        kPlanners}},
      {"DELETE /api/v1/measures/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/measures/" + S(s.measure), "", {}};
        },
        kPlanners}},
      {"POST /api/v1/links",
       {[](const HttpSeed& s, web::AppContext&) {
          json b{{"from", {{"kind", "indicator"}, {"id", s.indicator}}},
                 {"to", {{"kind", "sdg_goal"}, {"id", s.sdg_goal}}}};
          return Request{"/api/v1/links", b.dump(), {}};
        },
        kPlanners}},
      {"DELETE /api/v1/links/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/links/" + S(s.link), "", {}};
        },
        kPlanners}},
      {"POST /api/v1/users",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/users",
                         R"({"name":"newcomer","role":"planner","password":"a long enough password"})",
                         {}};
        },
        kAdmins}},
      {"PATCH /api/v1/users/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{
              "/api/v1/users/" + S(s.exec_b), R"({"version":1,"body_id":)" + S(s.body_c) + "}", {}};
        },
        kAdmins}},
      {"POST /api/v1/tokens",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/tokens", R"({"user_id":)" + S(s.planner) + R"(,"name":"ci"})", {}};
        },
        kAdmins}},
      {"DELETE /api/v1/tokens/{id}",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/tokens/" + S(s.spare_token), "", {}};
        },
        kAdmins}},
      // Near-duplicate review (src/web/plan/routes_duplicates.cpp, src/web/plan/duplicate_pages.cpp).
      {"POST /api/v1/duplicates/dismiss",
       {[](const HttpSeed& s, web::AppContext&) {
          json b{{"kind", "indicator"}, {"a_id", s.indicator}, {"b_id", s.spare_indicator}};
          return Request{"/api/v1/duplicates/dismiss", b.dump(), {}};
        },
        kPlanners}},
      {"POST /api/v1/duplicates/merge",
       {[](const HttpSeed& s, web::AppContext&) {
          json b{{"kind", "indicator"}, {"keep_id", s.indicator}, {"merged_id", s.spare_indicator}};
          return Request{"/api/v1/duplicates/merge", b.dump(), {}};
        },
        kPlanners}},
      {"POST /{lang}/staff/duplicates/dismiss",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/staff/duplicates/dismiss",
                      {{"kind", "indicator"}, {"a", S(s.indicator)}, {"b", S(s.spare_indicator)}});
        },
        kPlanners}},
      {"POST /{lang}/staff/duplicates/merge",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/staff/duplicates/merge",
                      {{"kind", "indicator"}, {"keep", S(s.indicator)}, {"merged", S(s.spare_indicator)}});
        },
        kPlanners}},
      {"POST /api/v1/legacy/import",
       {[](const HttpSeed&, web::AppContext&) { return LegacyUpload("/api/v1/legacy/import", false); },
        kPlanners}},
      {"POST /{lang}/staff/import",
       {[](const HttpSeed&, web::AppContext&) { return LegacyUpload("/en/staff/import", true); }, kPlanners}},
      // Portal forms (src/web/plan/staff_pages.cpp), registered once per language.
      {"POST /{lang}/staff/documents/new",
       {[](const HttpSeed&, web::AppContext&) {
          return Form("/en/staff/documents/new",
                      {{"code", "NEW-DOC"}, {"tier", "3"}, {"type", "concept"}, {"title_en", "New concept"}});
        },
        kPlanners}},
      {"POST /{lang}/staff/documents/{id}/edit",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/staff/documents/" + S(s.draft) + "/edit", {{"code", "DRAFT-1"},
                                                                      {"tier", "4"},
                                                                      {"type", "state_programme"},
                                                                      {"title_en", "Renamed"},
                                                                      {"owner_body", S(s.body_a)},
                                                                      {"version", "1"}});
        },
        kPlanners}},
      {"POST /{lang}/staff/documents/{id}/amend",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/staff/documents/" + S(s.approved) + "/amend", {{"code", "APPROVED-1"},
                                                                          {"tier", "4"},
                                                                          {"type", "state_programme"},
                                                                          {"title_en", "Approved programme"},
                                                                          {"summary_en", "Amended"},
                                                                          {"owner_body", S(s.body_a)},
                                                                          {"version", S(s.approved_version)},
                                                                          {"amend_kind", "decree"},
                                                                          {"amend_number", "12"},
                                                                          {"amend_date", "2026-01-15"}});
        },
        kPlanners}},
      {"POST /{lang}/staff/documents/{id}/status",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/staff/documents/" + S(s.draft) + "/status",
                      {{"status", "approved"}, {"version", "1"}});
        },
        kPlanners}},
      {"POST /{lang}/staff/documents/{id}/goals/new",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/staff/documents/" + S(s.draft) + "/goals/new",
                      {{"code", "9"}, {"title_en", "New goal"}});
        },
        kPlanners}},
      {"POST /{lang}/staff/goals/{id}/edit",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/staff/goals/" + S(s.goal) + "/edit",
                      {{"code", "1"}, {"title_en", "Goal renamed"}, {"version", "1"}});
        },
        kPlanners}},
      {"POST /{lang}/staff/goals/{id}/indicators/new",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/staff/goals/" + S(s.goal) + "/indicators/new", {{"code", "IND-9"},
                                                                           {"kind", "target"},
                                                                           {"direction", "increase"},
                                                                           {"title_en", "New indicator"}});
        },
        kPlanners}},
      {"POST /{lang}/staff/indicators/{id}/edit",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/staff/indicators/" + S(s.indicator) + "/edit", {{"code", "IND-1"},
                                                                           {"kind", "target"},
                                                                           {"direction", "increase"},
                                                                           {"title_en", "Renamed"},
                                                                           {"responsible_body", S(s.body_a)},
                                                                           {"version", "1"}});
        },
        kPlanners}},
      {"POST /{lang}/staff/links/new",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/staff/links/new",
                      {{"from", "indicator:" + S(s.indicator)}, {"to_kind", "sdg_goal"}, {"to_code", "1"}});
        },
        kPlanners}},
      {"POST /{lang}/indicators/{id}/report",
       {[](const HttpSeed& s, web::AppContext&) {
          return Form("/en/indicators/" + S(s.indicator) + "/report",
                      {{"period", "2025"}, {"value", "12.5"}});
        },
        kReporters}},
      // Two-factor sign-in (src/web/accounts/routes_second_factor.cpp, src/web/auth_routes.cpp).
      {"POST /api/v1/session/second-factor",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/session/second-factor", "", {}};
        },
        kSignedIn, true}},
      {"POST /api/v1/session/second-factor/confirm",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/session/second-factor/confirm", R"({"code":"000000"})", {}};
        },
        kSignedIn, true}},
      {"DELETE /api/v1/session/second-factor",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/session/second-factor", R"({"code":"000000"})", {}};
        },
        kOptionalSecondFactor, true}},
      {"POST /api/v1/users/{id}/second-factor/reset",
       {[](const HttpSeed& s, web::AppContext&) {
          return Request{"/api/v1/users/" + S(s.exec_b) + "/second-factor/reset", "", {}};
        },
        kAdmins}},
      {"POST /{lang}/account/second-factor/start",
       {[](const HttpSeed&, web::AppContext&) { return Form("/en/account/second-factor/start", {}); },
        kSignedIn, true}},
      {"POST /{lang}/account/second-factor/confirm",
       {[](const HttpSeed&, web::AppContext&) {
          return Form("/en/account/second-factor/confirm", {{"code", "000000"}});
        },
        kSignedIn, true}},
      {"POST /{lang}/account/second-factor/off",
       {[](const HttpSeed&, web::AppContext&) {
          return Form("/en/account/second-factor/off", {{"code", "000000"}});
        },
        kOptionalSecondFactor, true}},
      // Notifications (src/web/accounts/routes_notifications.cpp, notification_pages.cpp): any signed-in
      // user, on their own only; another user's id is 404 (tested in notifications_test.cpp), so the
      // per-object route is an access-only case here with a notification of exec_a.
      {"POST /api/v1/notifications/{id}/read",
       {[](const HttpSeed& s, web::AppContext& ctx) {
          return Request{"/api/v1/notifications/" + S(NotifyExecA(s, ctx)) + "/read", "", {}};
        },
        kSignedIn, true}},
      {"POST /api/v1/notifications/read-all",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/notifications/read-all", "", {}};
        },
        kSignedIn}},
      {"PUT /api/v1/notifications/settings",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{
              "/api/v1/notifications/settings",
              R"({"settings":[{"kind":"accounts.second_factor_reset","in_app":true,"email":false}]})",
              {}};
        },
        kSignedIn}},
      {"POST /{lang}/notifications/{id}/read",
       {[](const HttpSeed& s, web::AppContext& ctx) {
          return Form("/en/notifications/" + S(NotifyExecA(s, ctx)) + "/read", {});
        },
        kSignedIn, true}},
      {"POST /{lang}/notifications/read-all",
       {[](const HttpSeed&, web::AppContext&) { return Form("/en/notifications/read-all", {}); }, kSignedIn}},
      {"POST /{lang}/notifications/settings",
       {[](const HttpSeed&, web::AppContext&) {
          return Form("/en/notifications/settings", {{"accounts.second_factor_reset.in_app", "1"}});
        },
        kSignedIn}},
      // Sign-in through the provider registry (src/web/identity.cpp): open to everyone, as /api/v1/session.
      {"POST /api/v1/session/identity/{provider}",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/session/identity/local",
                         json{{"name", "planner"}, {"password", kPassword}}.dump(),
                         {}};
        },
        kAll}},
      {"POST /{lang}/login/second-step",
       {[](const HttpSeed&, web::AppContext& ctx) {
          const std::string pre(64, 'a');
          Request r{"/en/login/second-step",
                    "pending=unknown&code=000000&csrf_token=" + ctx.auth->PreSessionToken(pre),
                    {{"Cookie", std::string(web::kPreSessionCookie) + "=" + pre}}};
          r.content_type = "application/x-www-form-urlencoded";
          return r;
        },
        kAll, true}},
      // Person accounts: registration and the links by email are open to everyone by nature (a signed-in
      // visitor of the registration form is sent home). A link with an unknown token is refused with 400,
      // whoever asks: these check access only; the outcomes are in tests/http/accounts/persons_test.cpp.
      {"POST /api/v1/persons",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/persons",
                         json{{"full_name", "Roles Case"},
                              {"email", "roles@example.kz"},
                              {"iin", "900101300811"},
                              {"password", kPassword},
                              {"consent", true}}
                             .dump(),
                         {}};
        },
        kAll}},
      {"POST /api/v1/persons/confirm",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/persons/confirm", R"({"token":"unknown"})", {}};
        },
        kAll, true}},
      {"POST /api/v1/persons/confirm/resend",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/persons/confirm/resend", R"({"email":"roles@example.kz"})", {}};
        },
        kAll}},
      {"POST /api/v1/password-reset",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/password-reset", R"({"email":"roles@example.kz"})", {}};
        },
        kAll}},
      {"POST /api/v1/password-reset/complete",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/password-reset/complete", R"({"token":"unknown","password":"x"})", {}};
        },
        kAll, true}},
      {"POST /{lang}/register",
       {[](const HttpSeed&, web::AppContext& ctx) {
          return PreSessionForm(ctx, "/en/register",
                                "full_name=Roles+Case&email=roles%40example.kz&iin=900101300811&password=" +
                                    web::UrlEncode(kPassword) + "&consent=yes");
        },
        kAll}},
      {"POST /{lang}/confirm-email",
       {[](const HttpSeed&, web::AppContext& ctx) {
          return PreSessionForm(ctx, "/en/confirm-email", "token=unknown");
        },
        kAll, true}},
      {"POST /{lang}/confirm-email/resend",
       {[](const HttpSeed&, web::AppContext& ctx) {
          return PreSessionForm(ctx, "/en/confirm-email/resend", "email=roles%40example.kz");
        },
        kAll}},
      {"POST /{lang}/password-reset",
       {[](const HttpSeed&, web::AppContext& ctx) {
          return PreSessionForm(ctx, "/en/password-reset", "email=roles%40example.kz");
        },
        kAll}},
      {"POST /{lang}/password-reset/new",
       {[](const HttpSeed&, web::AppContext& ctx) {
          return PreSessionForm(ctx, "/en/password-reset/new", "token=unknown&password=x");
        },
        kAll, true}},
      // Personal-data rights (src/web/accounts/routes_personal_data.cpp, account_pages.cpp).
      {"POST /api/v1/me/consents/{purpose}",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/me/consents/notifications_email", "{}", {}};
        },
        kPersonsOnly}},
      {"DELETE /api/v1/me/consents/{purpose}",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/me/consents/notifications_email", "", {}};
        },
        kPersonsOnly}},
      {"POST /api/v1/me/erase",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/me/erase", json{{"password", kPassword}}.dump(), {}};
        },
        kPersonsOnly}},
      {"POST /{lang}/account/consents/{purpose}/withdraw",
       {[](const HttpSeed&, web::AppContext&) {
          return Form("/en/account/consents/notifications_email/withdraw", {});
        },
        kPersonsOnly}},
      {"POST /{lang}/account/consents/{purpose}/give",
       {[](const HttpSeed&, web::AppContext&) {
          return Form("/en/account/consents/notifications_email/give", {});
        },
        kPersonsOnly}},
      {"POST /{lang}/account/erase",
       {[](const HttpSeed&, web::AppContext&) {
          return Form("/en/account/erase", {{"password", kPassword}});
        },
        kPersonsOnly}},
      // Signing in and out is open to everyone by nature.
      {"POST /api/v1/session",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/session", json{{"name", "planner"}, {"password", kPassword}}.dump(), {}};
        },
        kAll}},
      {"DELETE /api/v1/session",
       {[](const HttpSeed&, web::AppContext&) {
          return Request{"/api/v1/session", "", {}};
        },
        kAll}},
      {"POST /{lang}/login",
       {[](const HttpSeed&, web::AppContext& ctx) {
          const std::string pre(64, 'a');
          Request r{"/en/login",
                    "name=planner&password=correct+horse+battery+staple&csrf_token=" +
                        ctx.auth->PreSessionToken(pre),
                    {{"Cookie", std::string(web::kPreSessionCookie) + "=" + pre}}};
          r.content_type = "application/x-www-form-urlencoded";
          return r;
        },
        kAll}},
      {"POST /{lang}/logout",
       {[](const HttpSeed&, web::AppContext&) {
          Request r{"/en/logout", "", {}};
          r.content_type = "application/x-www-form-urlencoded";
          return r;
        },
        kAll}},
  };
  return table;
}

class RolesTest : public HttpTest {
 protected:
  std::string TokenOf(Who w) const {
    switch (w) {
      case Who::kAnonymous:
        return "";
      case Who::kExecutorRight:
        return seed_.exec_a_token;
      case Who::kExecutorOther:
        return seed_.exec_b_token;
      case Who::kPlanner:
        return seed_.planner_token;
      case Who::kAdmin:
        return seed_.admin_token;
    }
    return "";
  }
};

bool IsWrite(const std::string& method) { return method != "GET" && method != "HEAD"; }

// Portal routes are registered once per language ("/kk/...", "/ru/...", "/en/..."): one case covers all.
std::string Normalize(const std::string& pattern) {
  for (const char* l : {"/kk", "/ru", "/en"}) {
    const std::string p(l);
    if (pattern == p) return "/{lang}";
    if (pattern.rfind(p + "/", 0) == 0) return "/{lang}" + pattern.substr(p.size());
  }
  return pattern;
}

TEST_F(RolesTest, WriteRoutesAreAllCovered) {
  std::set<std::string> registered;
  for (const auto& r : router_->Routes()) {
    if (!IsWrite(r.method)) continue;
    const std::string key = r.method + " " + Normalize(r.pattern);
    registered.insert(key);
    EXPECT_TRUE(Table().count(key))
        << "write route without a role case in tests/http/accounts/roles_test.cpp: " << key;
  }
  for (const auto& [key, c] : Table())
    EXPECT_TRUE(registered.count(key)) << "role case for a route that does not exist: " << key;
}

// One fresh database per (route, role): the seed is rebuilt by SetUp, so each case runs in its own test.
class RoleCase : public RolesTest, public ::testing::WithParamInterface<std::tuple<std::string, Who>> {};

TEST_P(RoleCase, AllowedRolesSucceedOthersAreRejectedWithoutChanges) {
  const auto& [key, who] = GetParam();
  const Case& c = Table().at(key);
  const Request r = c.make(seed_, *ctx_);
  const std::string method = key.substr(0, key.find(' '));
  web::Headers h = r.headers;
  if (!r.body.empty()) h.emplace_back("Content-Type", r.content_type);
  if (const std::string t = TokenOf(who); !t.empty()) h.emplace_back("Authorization", "Bearer " + t);
  const std::string before = Fingerprint();
  auto resp = Do({method, r.target, r.body, h});
  const bool api = r.target.rfind("/api/", 0) == 0;
  const bool to_login =
      resp.status == 303 && resp.GetHeader("Location").find("/login") != std::string_view::npos;
  if (c.allowed.count(who) && c.access_only) {
    // A sign-in step answers 401 to a failed sign-in, whoever asks: that is its outcome, not a refusal.
    const bool sign_in = key.find("/login") != std::string::npos;
    EXPECT_TRUE(resp.status != 403 && (sign_in || who == Who::kAnonymous || resp.status != 401) &&
                (!to_login || key.find("/login") != std::string::npos))
        << key << " as " << Name(who) << " should pass the access check, got " << resp.status << " "
        << resp.GetHeader("Location") << " " << resp.body.substr(0, 2000);
  } else if (c.allowed.count(who)) {
    EXPECT_TRUE(resp.status >= 200 && resp.status < 400 &&
                (!to_login || key.find("/login") != std::string::npos))
        << key << " as " << Name(who) << " should succeed, got " << resp.status << " "
        << resp.GetHeader("Location") << " " << resp.body.substr(0, 2000);
  } else {
    if (who == Who::kAnonymous && !api) {
      // Portal pages send the anonymous to the sign-in page.
      EXPECT_TRUE(to_login || resp.status == 401)
          << key << ": " << resp.status << " " << resp.GetHeader("Location");
    } else {
      const int expected = who == Who::kAnonymous ? 401 : 403;
      EXPECT_EQ(resp.status, expected) << key << " as " << Name(who) << ": " << resp.body.substr(0, 2000);
      if (api) {
        EXPECT_EQ(Body(resp)["error"]["code"], expected == 401 ? "unauthenticated" : "forbidden");
      }
    }
    EXPECT_EQ(Fingerprint(), before) << key << " as " << Name(who) << " was rejected but changed data";
  }
}

std::vector<std::tuple<std::string, Who>> AllCases() {
  std::vector<std::tuple<std::string, Who>> out;
  for (const auto& [key, c] : Table())
    for (Who w : kEveryone) out.emplace_back(key, w);
  return out;
}

std::string CaseName(const ::testing::TestParamInfo<std::tuple<std::string, Who>>& info) {
  std::string n = std::get<0>(info.param) + "_" + Name(std::get<1>(info.param));
  for (auto& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(EveryWriteRoute, RoleCase, ::testing::ValuesIn(AllCases()), CaseName);

}  // namespace
}  // namespace jospar::testing
