// The JSON API: create/get/update/delete with versions, lifecycle and amendments, reported values,
// history, lists with filters and paging, and a located 4xx for every kind of bad input.
#include <gmock/gmock.h>

#include "core/plan/repository.hpp"
#include "http/http_fixture.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;

class ApiTest : public HttpTest {
 protected:
  std::set<std::string> Fields(const web::Response& r) {
    std::set<std::string> out;
    const json j = Body(r);
    for (const auto& f : j["error"]["fields"]) out.insert(f["field"].get<std::string>());
    return out;
  }
  web::Response Planner(const std::string& method, const std::string& target, const std::string& body = "",
                        web::Headers extra = {}) {
    return Api(method, target, body, seed_.planner_token, std::move(extra));
  }
};

TEST_F(ApiTest, CreateGetUpdateDeleteADocumentWithVersions) {
  auto c = Planner(
      "POST", "/api/v1/documents",
      R"({"code":"NDP-2029","tier":2,"type":"national_plan","title":{"kk":"Ұлттық даму жоспары","en":"National development plan"},"start_year":2025,"end_year":2029})");
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string location(c.GetHeader("Location"));
  EXPECT_EQ(location, "/api/v1/documents/" + Body(c)["id"].dump());
  EXPECT_EQ(Body(c)["status"], "draft");
  auto g = Get(location);
  EXPECT_EQ(g.status, 200);
  EXPECT_EQ(g.GetHeader("ETag"), "W/\"1\"");
  EXPECT_EQ(Get(location, {{"If-None-Match", "W/\"1\""}}).status, 304);
  EXPECT_EQ(Body(g)["title"]["kk"], "Ұлттық даму жоспары");

  // No version: 428. Stale version: 409. Right version: 200 and version 2.
  auto missing = Planner("PATCH", location, R"({"end_year":2030})");
  EXPECT_EQ(missing.status, 428);
  EXPECT_EQ(Body(missing)["error"]["code"], "precondition_required");
  auto ok = Planner("PATCH", location, R"({"end_year":2030})", {{"If-Match", "W/\"1\""}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["end_year"], 2030);
  EXPECT_EQ(ok.GetHeader("ETag"), "W/\"2\"");
  const std::string before = Fingerprint();
  auto stale = Planner("PATCH", location, R"({"end_year":2031,"version":1})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Body(stale)["error"]["code"], "conflict");
  EXPECT_EQ(Fingerprint(), before);
  // PUT replaces: fields left out become empty.
  auto put =
      Planner("PUT", location,
              R"({"code":"NDP-2029","tier":2,"type":"national_plan","title":{"en":"NDP"},"version":2})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Body(put)["start_year"], nullptr);
  EXPECT_EQ(Body(put)["title"]["kk"], "");
  // A read-only field may not change.
  EXPECT_EQ(Fields(Planner("PATCH", location, R"({"status":"approved","version":3})")),
            std::set<std::string>{"status"});
  // Delete a draft: 204, then 404.
  EXPECT_EQ(Planner("DELETE", location).status, 204);
  EXPECT_EQ(Get(location).status, 404);
}

TEST_F(ApiTest, LifecycleAmendmentsAndEditions) {
  const std::string doc = "/api/v1/documents/" + std::to_string(seed_.draft);
  auto approve = Planner("POST", doc + "/transition", R"({"status":"approved","version":1})");
  ASSERT_EQ(approve.status, 200) << approve.body;
  EXPECT_EQ(Body(approve)["status"], "approved");
  const auto v = Body(approve)["version"].get<int>();
  // Content of an approved document changes only through an amendment.
  auto edit = Planner("PATCH", doc, R"({"summary":{"en":"x"}})", {{"If-Match", std::to_string(v)}});
  EXPECT_EQ(edit.status, 409);
  EXPECT_EQ(Planner("DELETE", doc).status, 409);
  auto bad_step = Planner("POST", doc + "/transition", json{{"status", "expired"}, {"version", v}}.dump());
  EXPECT_EQ(bad_step.status, 409);
  auto no_act =
      Planner("POST", doc + "/amendments",
              json{{"act", {{"kind", "decree"}}}, {"changes", json::object()}, {"version", v}}.dump());
  EXPECT_EQ(no_act.status, 400);
  EXPECT_TRUE(Fields(no_act).count("act.number"));
  auto amend = Planner("POST", doc + "/amendments",
                       json{{"act", {{"kind", "decree"}, {"number", "15"}, {"date", "2026-03-01"}}},
                            {"changes", {{"summary", {{"ru", "Изменённая редакция"}}}}},
                            {"version", v}}
                           .dump());
  ASSERT_EQ(amend.status, 200) << amend.body;
  EXPECT_EQ(Body(amend)["edition"], 2);
  EXPECT_EQ(Body(amend)["summary"]["ru"], "Изменённая редакция");
  auto editions = Get(doc + "/editions");
  ASSERT_EQ(editions.status, 200);
  ASSERT_EQ(Body(editions)["items"].size(), 1u);
  EXPECT_EQ(Body(editions)["items"][0]["edition"], 1);
  EXPECT_EQ(Body(editions)["items"][0]["summary"]["ru"], "");
  auto history = Get("/api/v1/history?kind=document&id=" + std::to_string(seed_.draft));
  ASSERT_EQ(history.status, 200);
  const auto items = Body(history)["items"];
  ASSERT_GE(items.size(), 2u);
  EXPECT_EQ(items[0]["action"], "amend");
  EXPECT_EQ(items[0]["actor"], "planner");
  EXPECT_EQ(items[1]["action"], "status:approved");
  bool saw_summary = false;
  for (const auto& ch : items[0]["changes"])
    if (ch["field"] == "summary.ru" && ch["after"] == "Изменённая редакция" && ch["before"] == "")
      saw_summary = true;
  EXPECT_TRUE(saw_summary) << items[0].dump();
}

TEST_F(ApiTest, ExecutorsReportValuesOnceAndTheHistoryKeepsBeforeAndAfter) {
  const std::string obs = "/api/v1/indicators/" + std::to_string(seed_.indicator) + "/observations";
  auto first = Api("POST", obs, R"({"period":"2025","value":10})", seed_.exec_a_token);
  EXPECT_EQ(first.status, 201);
  EXPECT_EQ(Body(first)["outcome"], "inserted");
  auto same = Api("POST", obs, R"({"period":"2025","value":10})", seed_.exec_a_token);
  EXPECT_EQ(same.status, 200);
  EXPECT_EQ(Body(same)["outcome"], "unchanged");
  auto fix = Api("POST", obs, R"({"period":"2025","value":11.5})", seed_.exec_a_token);
  EXPECT_EQ(Body(fix)["outcome"], "updated");
  EXPECT_EQ(Body(fix)["previous_value"], 10);
  auto list = Get(obs);
  ASSERT_EQ(Body(list)["items"].size(), 1u);
  EXPECT_EQ(Body(list)["items"][0]["value"], 11.5);
  auto bad = Api("POST", obs, R"({"period":"2025-13","value":"x"})", seed_.exec_a_token);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Fields(bad), (std::set<std::string>{"value"}));
  auto bad_period = Api("POST", obs, R"({"period":"2025-13","value":1})", seed_.exec_a_token);
  EXPECT_EQ(Fields(bad_period), (std::set<std::string>{"period"}));
  auto h = Body(Get("/api/v1/history?kind=indicator&id=" + std::to_string(seed_.indicator)))["items"];
  ASSERT_EQ(h.size(), 2u);  // inserted and corrected; the repeat wrote nothing
  EXPECT_EQ(h[0]["changes"][0]["before"], "10");
  EXPECT_EQ(h[0]["changes"][0]["after"], "11.5");
  EXPECT_EQ(h[0]["actor"], "exec_a");
}

TEST_F(ApiTest, UnknownDocumentTypeOrLegalActKindIsA400NamingTheField) {
  const std::string before = Fingerprint();
  auto type = Planner("POST", "/api/v1/documents",
                      R"({"code":"X-1","tier":2,"type":"horoscope","title":{"en":"X"}})");
  EXPECT_EQ(type.status, 400) << type.body;
  EXPECT_EQ(Fields(type), std::set<std::string>{"type"});
  auto act = Planner("POST", "/api/v1/documents",
                     R"({"code":"X-2","tier":2,"type":"strategy","title":{"en":"X"},)"
                     R"("act":{"kind":"tweet","number":"1","date":"2024-01-01"}})");
  EXPECT_EQ(act.status, 400) << act.body;
  EXPECT_EQ(Fields(act), std::set<std::string>{"act.kind"});
  EXPECT_EQ(Fingerprint(), before);
  // Every value of the vocabularies is accepted.
  auto ok = Planner("POST", "/api/v1/documents",
                    R"({"code":"X-3","tier":2,"type":"regional_plan","title":{"en":"X"},)"
                    R"("act":{"kind":"resolution","number":"1","date":"2024-01-01"}})");
  EXPECT_EQ(ok.status, 201) << ok.body;
}

TEST_F(ApiTest, EveryKindOfBadJsonIsA400NamingTheField) {
  const std::string before = Fingerprint();
  auto malformed = Planner("POST", "/api/v1/goals", R"({"document_id": 1, "code": )");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(Fields(malformed), std::set<std::string>{"body"});
  EXPECT_EQ(Body(malformed)["error"]["fields"][0]["code"], "error.field.malformed_json");
  EXPECT_EQ(Planner("POST", "/api/v1/goals", "[1,2]").status, 400);
  auto unknown = Planner("POST", "/api/v1/goals",
                         json{{"document_id", seed_.draft},
                              {"code", "7"},
                              {"title", {{"en", "x"}, {"de", "y"}}},
                              {"colour", "red"}}
                             .dump());
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Fields(unknown), (std::set<std::string>{"colour", "title.de"}));
  auto missing = Planner("POST", "/api/v1/goals", R"({"code":"7"})");
  EXPECT_EQ(Fields(missing), (std::set<std::string>{"document_id", "title"}));
  auto types = Planner("POST", "/api/v1/indicators",
                       json{{"code", 5},
                            {"title", "plain"},
                            {"target_value", "high"},
                            {"planned", {{{"year", "2020"}, {"value", 1}}}},
                            {"kind", "sometimes"}}
                           .dump());
  EXPECT_EQ(types.status, 400);
  EXPECT_EQ(Fields(types),
            (std::set<std::string>{"code", "title", "target_value", "planned[0].year", "kind"}));
  auto refs = Planner("POST", "/api/v1/goals",
                      json{{"document_id", 999999}, {"code", "7"}, {"title", {{"en", "x"}}}}.dump());
  EXPECT_EQ(refs.status, 400);
  EXPECT_EQ(Fields(refs), std::set<std::string>{"document_id"});
  auto self = Planner(
      "POST", "/api/v1/links",
      json{{"from", {{"kind", "goal"}, {"id", seed_.goal}}}, {"to", {{"kind", "goal"}, {"id", seed_.goal}}}}
          .dump());
  EXPECT_EQ(self.status, 400);
  auto dangling = Planner(
      "POST", "/api/v1/links",
      json{{"from", {{"kind", "goal"}, {"id", seed_.goal}}}, {"to", {{"kind", "indicator"}, {"id", 999999}}}}
          .dump());
  EXPECT_EQ(Fields(dangling), std::set<std::string>{"to"});
  EXPECT_EQ(Fingerprint(), before);
}

TEST_F(ApiTest, MessagesOfFieldsAreInTheRequestLanguage) {
  auto r = Api("POST", "/api/v1/goals", R"({"code":"7"})", seed_.planner_token, {{"Accept-Language", "ru"}});
  auto j = Body(r);
  EXPECT_EQ(j["error"]["message"], "Некоторые поля заполнены неверно.");
  EXPECT_EQ(j["error"]["fields"][0]["message"], "Обязательное поле.");
}

TEST_F(ApiTest, ListsFilterSortAndPage) {
  auto all = Body(Get("/api/v1/goals?document_id=" + std::to_string(seed_.draft)));
  EXPECT_EQ(all["total"], 3);
  auto top = Body(Get("/api/v1/goals?document_id=" + std::to_string(seed_.draft) + "&top=true"));
  EXPECT_EQ(top["total"], 2);
  auto tasks = Body(Get("/api/v1/goals?parent_id=" + std::to_string(seed_.goal)));
  ASSERT_EQ(tasks["items"].size(), 1u);
  EXPECT_EQ(tasks["items"][0]["id"], seed_.task);
  auto page1 = Body(Get("/api/v1/documents?limit=2&sort=code&order=desc"));
  ASSERT_EQ(page1["items"].size(), 2u);
  EXPECT_EQ(page1["items"][0]["code"], "EMPTY-1");
  ASSERT_TRUE(page1["next_cursor"].is_string());
  auto page2 = Body(Get("/api/v1/documents?limit=2&sort=code&order=desc&cursor=" +
                        web::UrlEncode(page1["next_cursor"].get<std::string>())));
  ASSERT_EQ(page2["items"].size(), 1u);
  EXPECT_EQ(page2["items"][0]["code"], "APPROVED-1");
  EXPECT_TRUE(page2["next_cursor"].is_null());
  auto search = Body(Get("/api/v1/indicators?q=two"));
  ASSERT_EQ(search["items"].size(), 1u);
  EXPECT_EQ(search["items"][0]["code"], "IND-2");
  auto by_body = Body(Get("/api/v1/indicators?responsible_body_id=" + std::to_string(seed_.body_b)));
  EXPECT_EQ(by_body["total"], 0);
  auto bad = Get("/api/v1/documents?tier=9&colour=red&limit=0&order=up&sort=nonsense");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Fields(bad), (std::set<std::string>{"colour", "tier", "limit", "order"}));
  EXPECT_EQ(Fields(Get("/api/v1/documents?limit=0&order=up")), (std::set<std::string>{"limit", "order"}));
  EXPECT_EQ(Fields(Get("/api/v1/documents?sort=nonsense")), std::set<std::string>{"sort"});
  EXPECT_EQ(Get("/api/v1/documents/abc").status, 404);
}

TEST_F(ApiTest, ReadOnlyFrameworksAndLinks) {
  auto goals = Body(Get("/api/v1/sdg/goals"));
  ASSERT_EQ(goals["items"].size(), 1u);
  auto targets = Body(Get("/api/v1/sdg/goals/" + std::to_string(seed_.sdg_goal) + "/targets"));
  ASSERT_EQ(targets["items"].size(), 1u);
  EXPECT_EQ(targets["items"][0]["code"], "1.1");
  EXPECT_EQ(Get("/api/v1/sdg/targets/" + std::to_string(seed_.sdg_goal)).status, 404);
  EXPECT_EQ(Get("/api/v1/codes").status, 200);
  auto links = Body(Get("/api/v1/links?from_kind=goal&from_id=" + std::to_string(seed_.goal)));
  ASSERT_EQ(links["items"].size(), 1u);
  EXPECT_EQ(links["items"][0]["to"]["kind"], "sdg_target");
  EXPECT_EQ(Get("/api/v1/links").status, 400);
  auto dup = Planner("POST", "/api/v1/links",
                     json{{"from", {{"kind", "goal"}, {"id", seed_.goal}}},
                          {"to", {{"kind", "sdg_target"}, {"id", seed_.sdg_target}}}}
                         .dump());
  EXPECT_EQ(dup.status, 409);
}

TEST_F(ApiTest, DeletingWhatIsNotADraftIs409) {
  // An approved document's goals stay.
  auto tx = Write();
  Goal g;
  g.document_id = seed_.approved;
  g.code = "1";
  g.title.en = "Approved goal";
  auto id = tx->plan().InsertGoal(g);
  ASSERT_TRUE(id);
  ASSERT_TRUE(tx->Commit());
  tx.reset();
  auto r = Planner("DELETE", "/api/v1/goals/" + std::to_string(*id));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(Planner("DELETE", "/api/v1/documents/" + std::to_string(seed_.approved)).status, 409);
  EXPECT_EQ(Planner("DELETE", "/api/v1/goals/" + std::to_string(*id), "", {{"If-Match", "W/\"7\""}}).status,
            409);
}

}  // namespace
}  // namespace jospar::testing
