// Every role (anonymous, executor of the right body, executor of another body, planner, admin) against
// EVERY write route of the router: the table below must name each one, so a new write route without a
// case here fails WriteRoutesAreAllCovered. A rejected request must change nothing.
#include <functional>
#include <set>

#include "http_fixture.hpp"
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
};

const std::set<Who> kAdmins = {Who::kAdmin};
const std::set<Who> kPlanners = {Who::kPlanner, Who::kAdmin};
const std::set<Who> kReporters = {Who::kExecutorRight, Who::kPlanner, Who::kAdmin};
const std::set<Who> kAll = {Who::kAnonymous, Who::kExecutorRight, Who::kExecutorOther, Who::kPlanner,
                            Who::kAdmin};

std::string S(Id id) { return std::to_string(id); }
web::Headers IfMatch(std::int64_t v) { return {{"If-Match", "W/\"" + std::to_string(v) + "\""}}; }

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
          return Request{"/api/v1/users/" + S(s.exec_b), R"({"body_id":)" + S(s.body_c) + "}", {}};
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

TEST_F(RolesTest, WriteRoutesAreAllCovered) {
  std::set<std::string> registered;
  for (const auto& r : router_->Routes()) {
    if (!IsWrite(r.method)) continue;
    const std::string key = r.method + " " + r.pattern;
    registered.insert(key);
    EXPECT_TRUE(Table().count(key)) << "write route without a role case in tests/http/roles_test.cpp: "
                                    << key;
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
  if (c.allowed.count(who)) {
    EXPECT_TRUE(resp.status >= 200 && resp.status < 400)
        << key << " as " << Name(who) << " should succeed, got " << resp.status << " " << resp.body;
  } else {
    const int expected = who == Who::kAnonymous ? 401 : 403;
    EXPECT_EQ(resp.status, expected) << key << " as " << Name(who) << ": " << resp.body;
    EXPECT_EQ(Fingerprint(), before) << key << " as " << Name(who) << " was rejected but changed data";
    auto j = Body(resp);
    EXPECT_EQ(j["error"]["code"], expected == 401 ? "unauthenticated" : "forbidden");
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
