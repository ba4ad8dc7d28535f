// Two app processes on one database and one data directory, in one test: a second context and router
// ("process B") beside the fixture's ("process A"), each with its own Auth and limiter, as two
// `jospar serve` behind a proxy have. What one counts or starts, the other sees: failed sign-ins, a form
// sign-in whose steps land on different processes, the pre-session CSRF secret, the shared request rate.
#include <gmock/gmock.h>

#include "core/accounts/throttle.hpp"
#include "core/ledger/hash.hpp"
#include "http/http_fixture.hpp"
#include "web/auth.hpp"
#include "web/dispatch.hpp"
#include "web/i18n.hpp"
#include "web/metrics.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;

class TwoProcessesTest : public HttpTest {
 protected:
  void SetUp() override {
    HttpTest::SetUp();
    if (HasFatalFailure()) return;
    b_router_ = std::make_unique<web::Router>();
    b_ctx_ = std::make_unique<web::AppContext>(web::AppContext{*store_, config_});
    auto loc = web::Locales::Load(config_.locales_dir);
    ASSERT_TRUE(loc) << loc.error().detail;
    b_ctx_->locales = std::make_shared<const web::Locales>(std::move(*loc));
    b_ctx_->clock = [this] { return now_.load(); };
    web::Wire(*b_ctx_, *b_router_);
  }
  void TearDown() override {
    b_router_.reset();
    b_ctx_.reset();
    HttpTest::TearDown();
  }

  web::Response OnB(Call call) {
    web::Request req;
    req.method = call.method;
    const auto q = call.target.find('?');
    req.path = web::UrlDecode(call.target.substr(0, q), false);
    if (q != std::string::npos) {
      req.query_string = call.target.substr(q + 1);
      req.query = web::ParseQuery(req.query_string);
    }
    req.headers = std::move(call.headers);
    req.body = std::move(call.body);
    req.remote_addr = call.remote;
    return web::Dispatch(*b_ctx_, *b_router_, req);
  }
  static Call JsonLogin(const std::string& name, const std::string& password, const std::string& remote) {
    return {"POST",
            "/api/v1/session",
            json{{"name", name}, {"password", password}}.dump(),
            {{"Content-Type", "application/json"}},
            remote};
  }

  std::unique_ptr<web::AppContext> b_ctx_;
  std::unique_ptr<web::Router> b_router_;
};

TEST_F(TwoProcessesTest, FailedSignInsOnBothProcessesLockTheAccountOnBoth) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(Do(JsonLogin("planner", "not the password", "192.0.2." + std::to_string(20 + i))).status, 401);
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(OnB(JsonLogin("planner", "not the password", "192.0.2." + std::to_string(30 + i))).status, 401);
  auto on_a = Do(JsonLogin("planner", kPassword, "192.0.2.99"));
  auto on_b = OnB(JsonLogin("planner", kPassword, "192.0.2.99"));
  EXPECT_EQ(on_a.status, 429);
  EXPECT_EQ(on_b.status, 429);
  EXPECT_FALSE(on_b.GetHeader("Retry-After").empty());
  now_ += 15 * 60 + 1;
  EXPECT_EQ(OnB(JsonLogin("planner", kPassword, "192.0.2.99")).status, 200);
}

TEST_F(TwoProcessesTest, FormSignInStartedOnOneProcessEndsOnTheOther) {
  // The form and its CSRF token come from A; the password goes to B; the code goes to A.
  auto page = Get("/en/login");
  const std::string pre = CookieValue(SetCookie(page, web::kPreSessionCookie));
  const std::string marker = "name=\"csrf_token\" value=\"";
  const auto pos = page.body.find(marker);
  ASSERT_NE(pos, std::string::npos);
  const std::string token = page.body.substr(pos + marker.size(), 64);
  EXPECT_EQ(b_ctx_->auth->PreSessionToken(pre), token);  // one secret: data_dir/session.key
  const web::Headers form{{"Content-Type", "application/x-www-form-urlencoded"},
                          {"Cookie", std::string(web::kPreSessionCookie) + "=" + pre}};
  auto step = OnB(
      {"POST", "/en/login", "name=admin&password=correct+horse+battery+staple&csrf_token=" + token, form});
  ASSERT_EQ(step.status, 200) << step.body;
  const std::string pending_marker = "name=\"pending\" value=\"";
  const auto at = step.body.find(pending_marker);
  ASSERT_NE(at, std::string::npos) << step.body;
  const std::string pending = step.body.substr(at + pending_marker.size(), 64);
  auto done = Do({"POST", "/en/login/second-step",
                  "code=" + AdminCode() + "&pending=" + pending + "&csrf_token=" + token, form});
  EXPECT_EQ(done.status, 303) << done.body;
  const std::string session = CookieValue(SetCookie(done, web::kSessionCookie));
  ASSERT_FALSE(session.empty());
  // The session works on B, and the step cannot be completed a second time on either process.
  auto who =
      OnB({"GET", "/api/v1/session", "", {{"Cookie", std::string(web::kSessionCookie) + "=" + session}}});
  EXPECT_EQ(who.status, 200);
  EXPECT_EQ(Body(who)["user"]["name"], "admin");
  auto again = OnB({"POST", "/en/login/second-step",
                    "code=" + AdminCode() + "&pending=" + pending + "&csrf_token=" + token, form});
  EXPECT_EQ(again.status, 401);
  EXPECT_TRUE(SetCookie(again, web::kSessionCookie).empty());
}

TEST_F(TwoProcessesTest, SecondStepExpiresOnTheOtherProcessToo) {
  auto started =
      ctx_->auth->Login(*store_, "admin", kPassword, "192.0.2.10", now_.load(), std::nullopt, "pre-1");
  ASSERT_TRUE(started) << started.error().detail;
  ASSERT_TRUE(started->second_step);
  // Bound to the pre-session cookie it started with.
  auto other_binding = b_ctx_->auth->CompleteSecondStep(*store_, started->pending_token, "pre-2", AdminCode(),
                                                        "192.0.2.10", now_.load(), std::nullopt);
  ASSERT_FALSE(other_binding);
  EXPECT_EQ(other_binding.error().message_key, "error.second_step_expired");
  now_ += web::Auth::kSecondStepSeconds;
  auto late = b_ctx_->auth->CompleteSecondStep(*store_, started->pending_token, "pre-1", AdminCode(),
                                               "192.0.2.10", now_.load(), std::nullopt);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().message_key, "error.second_step_expired");
  // The expired step is gone from the store.
  EXPECT_EQ(Read()->throttle().GetSecondStep(ledger::Sha256Hex(started->pending_token)).error().code,
            ErrorCode::kNotFound);
}

// What `jospar serve` wires on PostgreSQL: the limiter counts in the store, so two processes share each
// client's bucket (here on the SQLite store, with one fixed clock for both).
TEST_F(TwoProcessesTest, StoreBackedRateLimiterSharesOneBucketPerClient) {
  const std::int64_t now_ms = 1'800'000'000'000;
  web::RateLimiter a(*store_, 3, 1, [&] { return now_ms; });
  web::RateLimiter b(*store_, 3, 1, [&] { return now_ms; });
  int retry = 0;
  EXPECT_TRUE(a.Allow("198.51.100.7", retry));
  EXPECT_TRUE(b.Allow("198.51.100.7", retry));
  EXPECT_TRUE(a.Allow("198.51.100.7", retry));
  EXPECT_FALSE(b.Allow("198.51.100.7", retry));
  EXPECT_EQ(retry, 60);
  EXPECT_FALSE(a.Allow("198.51.100.7", retry));
  EXPECT_TRUE(b.Allow("198.51.100.8", retry));  // another client
  // Through Dispatch: with the shared limiter in both contexts, the 429 carries Retry-After.
  ctx_->limiter = std::make_shared<web::RateLimiter>(*store_, 2, 1, [&] { return now_ms; });
  b_ctx_->limiter = std::make_shared<web::RateLimiter>(*store_, 2, 1, [&] { return now_ms; });
  EXPECT_EQ(Do({"DELETE", "/api/v1/session", "", {}, "203.0.113.9"}).status, 204);
  EXPECT_EQ(OnB({"DELETE", "/api/v1/session", "", {}, "203.0.113.9"}).status, 204);
  auto limited = Do({"DELETE", "/api/v1/session", "", {}, "203.0.113.9"});
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.GetHeader("Retry-After"), "60");
}

}  // namespace
}  // namespace jospar::testing
