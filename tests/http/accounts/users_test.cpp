// Accounts changed by admins: versioned updates (no lost update between two admins), the sessions of a user
// end when their password, role or disabled flag changes, and every change is in the history (and not in
// the public transparency log).
#include <gmock/gmock.h>

#include "core/accounts/repository.hpp"
#include "core/audit/history.hpp"
#include "core/ledger/hash.hpp"
#include "core/ledger/repository.hpp"
#include "http/http_fixture.hpp"
#include "web/auth.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;

class UsersTest : public HttpTest {
 protected:
  std::string UserPath(Id id) { return "/api/v1/users/" + std::to_string(id); }
  std::int64_t VersionOf(Id id) { return Read()->accounts().GetUser(id).value().version; }
  bool SessionAlive(const std::string& cookie) {
    return static_cast<bool>(Read()->accounts().GetSession(ledger::Sha256Hex(cookie)));
  }
};

TEST_F(UsersTest, TwoAdminsChangingOneAccountFromTheSameVersionConflict) {
  const std::int64_t v = VersionOf(seed_.exec_b);
  auto first =
      Api("PATCH", UserPath(seed_.exec_b),
          R"({"version":)" + std::to_string(v) + R"(,"body_id":)" + std::to_string(seed_.body_c) + "}",
          seed_.admin_token);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Body(first)["version"], v + 1);
  EXPECT_EQ(first.GetHeader("ETag"), "W/\"" + std::to_string(v + 1) + "\"");
  // The second admin worked from the same page: refused, and the first change stands.
  auto second =
      Api("PATCH", UserPath(seed_.exec_b),
          R"({"version":)" + std::to_string(v) + R"(,"role":"planner","body_id":null})", seed_.admin_token);
  EXPECT_EQ(second.status, 409) << second.body;
  auto u = Read()->accounts().GetUser(seed_.exec_b).value();
  EXPECT_EQ(u.role, Role::kExecutor);
  EXPECT_EQ(u.body_id, seed_.body_c);
}

TEST_F(UsersTest, AChangeWithoutAVersionIsRefusedAs428) {
  const std::string before = Fingerprint();
  auto r = Api("PATCH", UserPath(seed_.exec_b), R"({"disabled":true})", seed_.admin_token);
  EXPECT_EQ(r.status, 428) << r.body;
  EXPECT_EQ(Fingerprint(), before);
}

TEST_F(UsersTest, APasswordChangeEndsTheUsersSessions) {
  const std::string cookie = LoginCookie("planner");
  ASSERT_TRUE(SessionAlive(cookie));
  auto r = Api("PATCH", UserPath(seed_.planner),
               R"({"version":)" + std::to_string(VersionOf(seed_.planner)) +
                   R"(,"password":"a brand new long password"})",
               seed_.admin_token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(SessionAlive(cookie));
  EXPECT_THAT(Get("/api/v1/session", {{"Cookie", std::string(web::kSessionCookie) + "=" + cookie}}).body,
              ::testing::Not(HasSubstr("\"planner\"")));
}

TEST_F(UsersTest, ARoleChangeEndsTheUsersSessions) {
  const std::string cookie = LoginCookie("planner");
  auto r = Api("PATCH", UserPath(seed_.planner),
               R"({"version":)" + std::to_string(VersionOf(seed_.planner)) + R"(,"role":"admin"})",
               seed_.admin_token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(SessionAlive(cookie));
}

TEST_F(UsersTest, AChangeThatChangesNothingKeepsTheSessions) {
  const std::string cookie = LoginCookie("planner");
  auto r = Api("PATCH", UserPath(seed_.planner),
               R"({"version":)" + std::to_string(VersionOf(seed_.planner)) + R"(,"role":"planner"})",
               seed_.admin_token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(SessionAlive(cookie));
}

TEST_F(UsersTest, EveryAccountChangeIsInTheHistoryButNotInThePublicLog) {
  const auto log_before = Read()->ledger().LogSize().value();
  auto created =
      Api("POST", "/api/v1/users",
          R"({"name":"newcomer","role":"planner","password":"a long enough password"})", seed_.admin_token);
  ASSERT_EQ(created.status, 201) << created.body;
  const Id id = Body(created)["id"].get<Id>();
  auto changed =
      Api("PATCH", UserPath(id), R"({"version":1,"disabled":true,"password":"another long password"})",
          seed_.admin_token);
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto history = Read()->audit().ListHistory({ObjectKind::kUser, id}, 10).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action, "update");
  EXPECT_EQ(history[0].actor, "admin");
  std::string fields;
  for (const auto& c : history[0].changes) fields += c.field + "=" + c.before + "->" + c.after + ";";
  EXPECT_EQ(fields, "disabled=->true;password=->changed;");
  EXPECT_EQ(history[1].action, "create");
  for (const auto& e : history)
    for (const auto& c : e.changes) EXPECT_THAT(c.after, ::testing::Not(HasSubstr("argon2")));
  EXPECT_EQ(Read()->ledger().LogSize().value(), log_before);
}

TEST_F(UsersTest, AccountRulesHoldOnChange) {
  const auto v = std::to_string(VersionOf(seed_.planner));
  auto no_body = Api("PATCH", UserPath(seed_.planner), R"({"version":)" + v + R"(,"role":"executor"})",
                     seed_.admin_token);
  EXPECT_EQ(no_body.status, 400) << no_body.body;
  EXPECT_THAT(no_body.body, HasSubstr("body_id"));
  auto missing_body =
      Api("PATCH", UserPath(seed_.planner), R"({"version":)" + v + R"(,"role":"executor","body_id":999999})",
          seed_.admin_token);
  EXPECT_EQ(missing_body.status, 400) << missing_body.body;
  auto short_password = Api("PATCH", UserPath(seed_.planner),
                            R"({"version":)" + v + R"(,"password":"short"})", seed_.admin_token);
  EXPECT_EQ(short_password.status, 400) << short_password.body;
  EXPECT_THAT(short_password.body, HasSubstr("password"));
  auto self = Api("PATCH", UserPath(seed_.admin),
                  R"({"version":)" + std::to_string(VersionOf(seed_.admin)) + R"(,"role":"planner"})",
                  seed_.admin_token);
  EXPECT_EQ(self.status, 400) << self.body;
  EXPECT_EQ(Read()->accounts().GetUser(seed_.admin).value().role, Role::kAdmin);
}

}  // namespace
}  // namespace jospar::testing
