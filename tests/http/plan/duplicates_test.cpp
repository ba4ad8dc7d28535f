// Near-duplicate review over HTTP: the JSON API (list, dismiss, merge, decisions) and the planner's
// "Duplicates" page with its confirmation step, in three languages.
#include <gmock/gmock.h>

#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"
#include "http/http_fixture.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;

class DuplicatesHttpTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    auto tx = Write();
    Indicator a;
    a.code = "DUP-A";
    a.goal_id = seed_.goal;
    a.title = Text{"100 000 адамға апаттарда қаза болғандар, із-түссіз жоғалғандар саны",
                   "Число погибших и пропавших без вести в результате бедствий на 100 000 человек",
                   "Number of deaths and missing persons attributed to disasters per 100,000 population"};
    Indicator b = a;
    b.code = "DUP-B";
    b.title.kk = "100 мың адамға апаттың нәтижесінде қаза болған, іс-түзсіз жоғалғандардың саны";
    a_ = tx->plan().InsertIndicator(a).value();
    b_ = tx->plan().InsertIndicator(b).value();
    ASSERT_TRUE(tx->Commit());
  }
  web::Response Planner(const std::string& method, const std::string& target, const std::string& body = "") {
    return Api(method, target, body, seed_.planner_token);
  }
  web::Response PlannerForm(const std::string& target, const std::string& body) {
    return Do({"POST",
               target,
               body,
               {{"Content-Type", "application/x-www-form-urlencoded"},
                {"Authorization", "Bearer " + seed_.planner_token}}});
  }
  bool Listed(const json& list) {
    for (const auto& it : list["items"])
      if (it["a"]["id"] == a_ && it["b"]["id"] == b_) return true;
    return false;
  }
  Id a_ = 0, b_ = 0;
};

TEST_F(DuplicatesHttpTest, PlannersSeeRankedPairsWithSharedWords) {
  auto r = Planner("GET", "/api/v1/duplicates?kind=indicator");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = Body(r);
  ASSERT_TRUE(Listed(j)) << r.body;
  EXPECT_EQ(j["items"][0]["a"]["code"], "DUP-A");
  EXPECT_GT(j["items"][0]["score"].get<double>(), 0.9);
  EXPECT_FALSE(j["items"][0]["shared_terms"].empty());
  EXPECT_EQ(Get("/api/v1/duplicates").status, 401);
  EXPECT_EQ(Api("GET", "/api/v1/duplicates", "", seed_.exec_a_token).status, 403);
  auto bad = Planner("GET", "/api/v1/duplicates?kind=measure");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["fields"][0]["field"], "kind");
}

TEST_F(DuplicatesHttpTest, ADismissedPairIsNotShownAgain) {
  json body{{"kind", "indicator"}, {"a_id", b_}, {"b_id", a_}};
  auto d = Planner("POST", "/api/v1/duplicates/dismiss", body.dump());
  ASSERT_EQ(d.status, 201) << d.body;
  EXPECT_FALSE(Listed(Body(Planner("GET", "/api/v1/duplicates?kind=indicator"))));
  EXPECT_EQ(Planner("POST", "/api/v1/duplicates/dismiss", body.dump()).status, 409);
  auto decisions = Body(Planner("GET", "/api/v1/duplicates/decisions?kind=indicator"));
  ASSERT_EQ(decisions["items"].size(), 1u);
  EXPECT_EQ(decisions["items"][0]["verdict"], "dismissed");
  auto same = Planner("POST", "/api/v1/duplicates/dismiss",
                      json{{"kind", "indicator"}, {"a_id", a_}, {"b_id", a_}}.dump());
  EXPECT_EQ(same.status, 400);
}

// The simplification report (reporting burden) proposes merging an open pair, and stops after a dismissal.
TEST_F(DuplicatesHttpTest, TheSimplificationReportProposesOpenPairsOnly) {
  auto proposes = [&] {
    auto r = Planner("GET", "/api/v1/burden/simplification?year=2026");
    EXPECT_EQ(r.status, 200) << r.body;
    const json body = Body(r);
    for (const auto& it : body["items"])
      if (it["kind"] == "duplicate" && it["object"]["id"] == b_ && it["keep_id"] == a_) return true;
    return false;
  };
  EXPECT_TRUE(proposes());
  auto page = Planner("GET", "/en/staff/simplification?year=2026");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("DUP-B"));
  json body{{"kind", "indicator"}, {"a_id", a_}, {"b_id", b_}};
  ASSERT_EQ(Planner("POST", "/api/v1/duplicates/dismiss", body.dump()).status, 201);
  EXPECT_FALSE(proposes());
}

TEST_F(DuplicatesHttpTest, ThePageConfirmsBeforeMergingAndWorksWithoutScript) {
  for (const char* lang : {"kk", "ru", "en"}) {
    auto page = Do({"GET",
                    std::string("/") + lang + "/staff/duplicates?kind=indicator",
                    "",
                    {{"Authorization", "Bearer " + seed_.planner_token}}});
    ASSERT_EQ(page.status, 200) << lang;
    EXPECT_THAT(page.body, HasSubstr("DUP-B"));
    EXPECT_THAT(page.body,
                HasSubstr("/staff/duplicates/confirm?kind=indicator&amp;keep=" + std::to_string(a_)));
  }
  auto confirm = Do({"GET",
                     "/en/staff/duplicates/confirm?kind=indicator&keep=" + std::to_string(a_) +
                         "&merged=" + std::to_string(b_),
                     "",
                     {{"Authorization", "Bearer " + seed_.planner_token}}});
  ASSERT_EQ(confirm.status, 200);
  EXPECT_THAT(confirm.body, HasSubstr("Merge B into A?"));
  EXPECT_THAT(confirm.body, HasSubstr("action=\"/en/staff/duplicates/merge\""));
  // Nothing is merged until the form is posted.
  EXPECT_TRUE(Body(Planner("GET", "/api/v1/duplicates/decisions?kind=indicator"))["items"].empty());
  auto merged = PlannerForm("/en/staff/duplicates/merge",
                            "kind=indicator&keep=" + std::to_string(a_) + "&merged=" + std::to_string(b_));
  ASSERT_EQ(merged.status, 303) << merged.body;
  auto decisions = Body(Planner("GET", "/api/v1/duplicates/decisions?kind=indicator"));
  ASSERT_EQ(decisions["items"].size(), 1u);
  EXPECT_EQ(decisions["items"][0]["verdict"], "merged");
  EXPECT_EQ(decisions["items"][0]["b_id"], b_);
  EXPECT_FALSE(Listed(Body(Planner("GET", "/api/v1/duplicates?kind=indicator"))));
  auto history = Read()->audit().ListHistory({ObjectKind::kIndicator, b_}, 5).value();
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0].action, "duplicate:merged");
  EXPECT_EQ(history[0].actor, "planner");
}

TEST_F(DuplicatesHttpTest, AnonymousVisitorsAreSentToSignIn) {
  auto r = Get("/en/staff/duplicates");
  EXPECT_EQ(r.status, 303);
  EXPECT_THAT(std::string(r.GetHeader("Location")), HasSubstr("/en/login"));
}

}  // namespace
}  // namespace jospar::testing
