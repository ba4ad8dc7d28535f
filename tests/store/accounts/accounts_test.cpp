// Users, sessions and API tokens.
#include "core/accounts/repository.hpp"
#include "core/plan/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

User MakeUser(std::string name, Role role) {
  User u;
  u.name = std::move(name);
  u.role = role;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = "2025-03-01T09:00:00Z";
  return u;
}

TEST_P(StoreContract, UsersRoundTripAndUniqueNames) {
  Id body = 0;
  Id id = 0;
  {
    auto tx = Write();
    body = tx->plan().InsertBody(MakeBody("MOE")).value();
    User u = MakeUser("aigerim", Role::kExecutor);
    u.body_id = body;
    id = tx->accounts().InsertUser(u).value();
    ASSERT_TRUE(tx->accounts().InsertUser(MakeUser("admin", Role::kAdmin)));
    auto got = tx->accounts().GetUser(id).value();
    EXPECT_EQ(got.name, "aigerim");
    EXPECT_EQ(got.role, Role::kExecutor);
    EXPECT_EQ(got.body_id, body);
    EXPECT_EQ(got.password_hash, u.password_hash);
    EXPECT_FALSE(got.disabled);
    EXPECT_EQ(got.created_at, "2025-03-01T09:00:00Z");
    got.disabled = true;
    got.role = Role::kPlanner;
    got.body_id.reset();
    ASSERT_TRUE(tx->accounts().UpdateUser(got));
    auto by_name = tx->accounts().GetUserByName("aigerim").value();
    EXPECT_TRUE(by_name.disabled);
    EXPECT_EQ(by_name.role, Role::kPlanner);
    EXPECT_FALSE(by_name.body_id);
    auto all = tx->accounts().ListUsers().value();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].name, "admin");
    EXPECT_EQ(tx->accounts().GetUserByName("nobody").error().code, ErrorCode::kNotFound);
    User ghost = got;
    ghost.id = 9999;
    EXPECT_EQ(tx->accounts().UpdateUser(ghost).error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(tx->Commit());
  }
  {
    auto tx = Write();
    EXPECT_EQ(tx->accounts().InsertUser(MakeUser("aigerim", Role::kPlanner)).error().code,
              ErrorCode::kConflict);
  }
  {
    auto tx = Write();
    User u = MakeUser("bolat", Role::kExecutor);
    u.body_id = 4242;
    EXPECT_EQ(tx->accounts().InsertUser(u).error().code, ErrorCode::kConflict);
  }
}

TEST_P(StoreContract, SessionsTouchDeleteAndExpire) {
  auto tx = Write();
  Id uid = tx->accounts().InsertUser(MakeUser("planner", Role::kPlanner)).value();
  ASSERT_TRUE(tx->accounts().InsertSession(Session{"hash-a", uid, "csrf-a", 1000, 1000}));
  ASSERT_TRUE(tx->accounts().InsertSession(Session{"hash-b", uid, "csrf-b", 2000, 2500}));
  ASSERT_TRUE(tx->accounts().InsertSession(Session{"hash-c", uid, "csrf-c", 3000, 3000}));
  auto a = tx->accounts().GetSession("hash-a").value();
  EXPECT_EQ(a.user_id, uid);
  EXPECT_EQ(a.csrf_token, "csrf-a");
  EXPECT_EQ(a.created_at, 1000);
  ASSERT_TRUE(tx->accounts().TouchSession("hash-a", 4000));
  EXPECT_EQ(tx->accounts().GetSession("hash-a")->last_seen_at, 4000);
  EXPECT_EQ(tx->accounts().TouchSession("missing", 1).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->accounts().DeleteSession("hash-c"));
  EXPECT_EQ(tx->accounts().GetSession("hash-c").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->accounts().DeleteSession("hash-c").error().code, ErrorCode::kNotFound);
  // Older than: created before 1500 (a) or last seen before 3000 (b).
  ASSERT_TRUE(tx->accounts().DeleteSessionsOlderThan(500, 3000));
  EXPECT_TRUE(tx->accounts().GetSession("hash-a"));
  EXPECT_EQ(tx->accounts().GetSession("hash-b").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->accounts().DeleteSessionsOlderThan(1500, 0));
  EXPECT_EQ(tx->accounts().GetSession("hash-a").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->Commit());
  auto tx2 = Write();
  EXPECT_EQ(tx2->accounts().InsertSession(Session{"x", 999, "c", 1, 1}).error().code, ErrorCode::kConflict);
}

TEST_P(StoreContract, ApiTokens) {
  auto tx = Write();
  Id uid = tx->accounts().InsertUser(MakeUser("robot", Role::kPlanner)).value();
  Id tid = tx->accounts()
               .InsertApiToken(ApiToken{0, uid, "ci upload", "deadbeef", "2025-03-02T00:00:00Z"})
               .value();
  auto t = tx->accounts().GetApiTokenByHash("deadbeef").value();
  EXPECT_EQ(t.id, tid);
  EXPECT_EQ(t.user_id, uid);
  EXPECT_EQ(t.name, "ci upload");
  EXPECT_EQ(t.created_at, "2025-03-02T00:00:00Z");
  EXPECT_EQ(tx->accounts().GetApiTokenByHash("cafe").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->accounts().DeleteApiToken(tid));
  EXPECT_EQ(tx->accounts().GetApiTokenByHash("deadbeef").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tx->accounts().DeleteApiToken(tid).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(tx->accounts().InsertApiToken(ApiToken{0, uid, "again", "beef", ""}));
  ASSERT_TRUE(tx->Commit());
  auto tx2 = Write();
  EXPECT_EQ(tx2->accounts().InsertApiToken(ApiToken{0, uid, "dup", "beef", ""}).error().code,
            ErrorCode::kConflict);
}

}  // namespace
}  // namespace jospar::testing
