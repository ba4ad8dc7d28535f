// JSON API of progress (public) and of the reporting burden (deny by default: planners and admins; an
// executor only for its own body's list).
#include <set>

#include "http/http_fixture.hpp"

namespace jospar::testing {
namespace {

class ProgressApiTest : public HttpTest {};

TEST_F(ProgressApiTest, ProgressIsPublicWithTheMethodAndCounts) {
  auto r = Api("GET", "/api/v1/progress", "", "");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = Body(r);
  EXPECT_EQ(j["method"]["thresholds"]["on_track"], 0.95);
  EXPECT_EQ(j["method"]["thresholds"]["needs_acceleration"], 0.6);
  EXPECT_EQ(j["method"]["weights"]["on_track"], 75);
  EXPECT_GE(j["overall"]["total"].get<int>(), 2);
  EXPECT_TRUE(j["overall"]["counts"].contains("no_data"));

  auto list = Api("GET", "/api/v1/progress/indicators?limit=1", "", "");
  ASSERT_EQ(list.status, 200);
  const json listed = Body(list);
  const json& items = listed["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].contains("needed_rate"));
  EXPECT_TRUE(items[0].contains("latest_value"));
  EXPECT_GE(listed["total"].get<int>(), 2);
}

TEST_F(ProgressApiTest, BadFiltersAreLocatedErrors) {
  auto r = Api("GET", "/api/v1/progress/indicators?status=fine&tier=9&colour=red", "", "");
  ASSERT_EQ(r.status, 400);
  const json body = Body(r);
  std::set<std::string> fields;
  for (const auto& f : body["error"]["fields"]) fields.insert(f["field"].get<std::string>());
  EXPECT_TRUE(fields.count("status"));
  EXPECT_TRUE(fields.count("tier"));
  EXPECT_TRUE(fields.count("colour"));
  EXPECT_EQ(Api("GET", "/api/v1/burden?year=3000", "", seed_.planner_token).status, 400);
}

TEST_F(ProgressApiTest, BurdenDeniesByDefault) {
  const std::string due_a = "/api/v1/burden/bodies/" + std::to_string(seed_.body_a) + "/due?year=2026";
  for (const char* path : {"/api/v1/burden", "/api/v1/burden/simplification"}) {
    EXPECT_EQ(Api("GET", path, "", "").status, 401) << path;
    EXPECT_EQ(Api("GET", path, "", seed_.exec_a_token).status, 403) << path;
    EXPECT_EQ(Api("GET", path, "", seed_.planner_token).status, 200) << path;
    EXPECT_EQ(Api("GET", path, "", seed_.admin_token).status, 200) << path;
  }
  EXPECT_EQ(Api("GET", due_a, "", "").status, 401);
  EXPECT_EQ(Api("GET", due_a, "", seed_.exec_b_token).status, 403);
  auto own = Api("GET", due_a, "", seed_.exec_a_token);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(Body(own)["body_id"], seed_.body_a);
  EXPECT_EQ(Api("GET", due_a, "", seed_.planner_token).status, 200);
  EXPECT_EQ(Api("GET", "/api/v1/burden/bodies/999999/due", "", seed_.planner_token).status, 404);
}

}  // namespace
}  // namespace jospar::testing
