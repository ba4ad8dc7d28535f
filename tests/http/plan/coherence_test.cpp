// Plan coherence over HTTP: the JSON findings (planners and admins only, filters, paging, bad filters), the
// public summary, the findings following an edit made through the API (no full re-run), and the portal
// pages (grouped findings linked to their objects, filters, CSV, public summary) in kk/ru/en.
#include <set>

#include "http/http_fixture.hpp"
#include "http/pages_fixture.hpp"

namespace jospar::testing {
namespace {

class CoherenceApiTest : public HttpTest {
 protected:
  json Findings(const std::string& query = "") {
    auto r = Api("GET", "/api/v1/plan/coherence" + query, "", seed_.planner_token);
    EXPECT_EQ(r.status, 200) << r.body;
    return Body(r);
  }
  std::int64_t CountOf(const json& body, const std::string& rule) {
    for (const auto& r : body["counts"]["by_rule"])
      if (r["rule"] == rule) return r["count"].get<std::int64_t>();
    ADD_FAILURE() << "no rule " << rule;
    return -1;
  }
};

TEST_F(CoherenceApiTest, FindingsAreForPlannersAndAdminsOnly) {
  EXPECT_EQ(Api("GET", "/api/v1/plan/coherence", "", "").status, 401);
  EXPECT_EQ(Api("GET", "/api/v1/plan/coherence", "", seed_.exec_a_token).status, 403);
  EXPECT_EQ(Api("GET", "/api/v1/plan/coherence", "", seed_.admin_token).status, 200);
  auto body = Findings();
  ASSERT_TRUE(body["items"].is_array());
  EXPECT_EQ(body["counts"]["by_rule"].size(), 17u);
  EXPECT_EQ(body["total"].get<std::int64_t>(), body["counts"]["total"].get<std::int64_t>());
  for (const auto& item : body["items"]) {
    EXPECT_FALSE(item["rule"].get<std::string>().empty());
    EXPECT_FALSE(item["title"].get<std::string>().empty());
    EXPECT_FALSE(item["hint"].get<std::string>().empty());
    EXPECT_TRUE(item["subject"].contains("id"));
  }
}

TEST_F(CoherenceApiTest, FiltersPagingAndBadFilters) {
  auto all = Findings();
  ASSERT_GT(all["total"].get<std::int64_t>(), 1) << all.dump();
  auto errors = Findings("?severity=error");
  for (const auto& item : errors["items"]) EXPECT_EQ(item["severity"], "error");
  auto first = Findings("?limit=1");
  ASSERT_EQ(first["items"].size(), 1u);
  ASSERT_TRUE(first["next_cursor"].is_string());
  auto second = Findings("?limit=1&cursor=" + first["next_cursor"].get<std::string>());
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_NE(first["items"][0], second["items"][0]);
  auto bad = Api("GET", "/api/v1/plan/coherence?rule=nope&limit=0&color=red", "", seed_.planner_token);
  EXPECT_EQ(bad.status, 400);
  std::set<std::string> fields;
  const json bad_body = Body(bad);
  for (const auto& f : bad_body["error"]["fields"]) fields.insert(f["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"rule", "limit", "color"}));
}

TEST_F(CoherenceApiTest, SummaryIsPublic) {
  auto r = Api("GET", "/api/v1/plan/coherence/summary", "", "", {{"Accept-Language", "kk"}});
  ASSERT_EQ(r.status, 200);
  auto j = Body(r);
  EXPECT_EQ(j["by_rule"].size(), 17u);
  EXPECT_GT(j["objects"].get<std::int64_t>(), 0);
  EXPECT_EQ(j["by_rule"][0]["title"], "Жоғарғы деңгейден төмен құжаттың жоғары тұрған құжаты жоқ");
}

TEST_F(CoherenceApiTest, AnEditThroughTheApiUpdatesTheFindings) {
  EXPECT_EQ(CountOf(Findings(), "link.cycle"), 0);
  // goal -> task and task -> goal: a cycle.
  auto a = Api(
      "POST", "/api/v1/links",
      json{{"from", {{"kind", "goal"}, {"id", seed_.goal}}}, {"to", {{"kind", "goal"}, {"id", seed_.task}}}}
          .dump(),
      seed_.planner_token);
  ASSERT_EQ(a.status, 201) << a.body;
  auto b = Api(
      "POST", "/api/v1/links",
      json{{"from", {{"kind", "goal"}, {"id", seed_.task}}}, {"to", {{"kind", "goal"}, {"id", seed_.goal}}}}
          .dump(),
      seed_.planner_token);
  ASSERT_EQ(b.status, 201) << b.body;
  auto cycles = Findings("?rule=link.cycle");
  ASSERT_EQ(cycles["total"], 1);
  EXPECT_NE(cycles["items"][0]["detail"].get<std::string>().find(" → "), std::string::npos);
  // Deleting one of the two links removes the finding.
  auto del =
      Api("DELETE", "/api/v1/links/" + std::to_string(Body(b)["id"].get<Id>()), "", seed_.planner_token);
  ASSERT_LT(del.status, 300) << del.body;
  EXPECT_EQ(Findings("?rule=link.cycle")["total"], 0);
}

class CoherencePagesTest : public PortalTest {};

TEST_F(CoherencePagesTest, PlannerSeesFindingsGroupedByRuleAndLinkedToObjects) {
  for (const char* lang : {"kk", "ru", "en"}) {
    auto r = Get(std::string("/") + lang + "/plan/coherence", Planner());
    ASSERT_EQ(r.status, 200) << lang;
    EXPECT_EQ(Count(r.body, "<h1"), 1) << lang;
    EXPECT_EQ(r.body.find("[coherence."), std::string::npos) << "untranslated key in " << lang;
    EXPECT_NE(r.body.find("<select id=\"h-rule\" name=\"rule\">"), std::string::npos);
    EXPECT_NE(r.body.find("/plan/coherence.csv"), std::string::npos);
  }
  auto r = Get("/en/plan/coherence", Planner());
  EXPECT_NE(r.body.find("class=\"coherence-group\""), std::string::npos) << "the seeded plan has findings";
  EXPECT_NE(r.body.find("href=\"/en/documents/"), std::string::npos);
}

TEST_F(CoherencePagesTest, FiltersWorkWithoutJavaScript) {
  auto errors = Get("/en/plan/coherence?severity=info", Planner());
  ASSERT_EQ(errors.status, 200);
  EXPECT_NE(errors.body.find("<option value=\"info\" selected>"), std::string::npos);
  EXPECT_EQ(errors.body.find("class=\"coherence-group\""), std::string::npos) << "no rule has severity info";
  EXPECT_NE(errors.body.find("No findings for the chosen filters."), std::string::npos);
}

TEST_F(CoherencePagesTest, CsvDownload) {
  auto r = Get("/en/plan/coherence.csv?severity=warning", Planner());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.GetHeader("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(r.body.find("rule,severity,title,subject_kind"), std::string::npos);
  EXPECT_EQ(r.body.find(",error,"), std::string::npos);
}

TEST_F(CoherencePagesTest, OnlyStaffWhoPlanSeeFindingsButEveryoneSeesTheSummary) {
  EXPECT_NE(Get("/en/plan/coherence").status, 200);
  EXPECT_EQ(Get("/en/plan/coherence", Executor(seed_.ministry)).status, 403);
  EXPECT_NE(Get("/en/plan/coherence.csv").status, 200);
  for (const char* lang : {"kk", "ru", "en"}) {
    auto s = Get(std::string("/") + lang + "/plan/coherence/summary");
    ASSERT_EQ(s.status, 200) << lang;
    EXPECT_EQ(s.body.find("[coherence."), std::string::npos) << lang;
    EXPECT_NE(s.body.find("<caption"), std::string::npos);
  }
}

}  // namespace
}  // namespace jospar::testing
