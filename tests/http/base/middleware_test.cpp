// The middleware of Dispatch: headers on every response, request ids, routing errors, body limits,
// UTF-8, languages, probes, metrics, static files and path traversal, exceptions, rate limits.
#include <gmock/gmock.h>

#include <filesystem>
#include <sstream>
#include <stdexcept>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "http/http_fixture.hpp"
#include "web/dispatch.hpp"
#include "web/error_mapping.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;

class MiddlewareTest : public HttpTest {};

void ExpectSecurityHeaders(const web::Response& r) {
  EXPECT_EQ(r.GetHeader("Content-Security-Policy"),
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors "
            "'none'; "
            "base-uri 'none'; form-action 'self'");
  EXPECT_EQ(r.GetHeader("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.GetHeader("Referrer-Policy"), "strict-origin-when-cross-origin");
  EXPECT_EQ(r.GetHeader("X-Frame-Options"), "DENY");
  EXPECT_FALSE(r.GetHeader("X-Request-Id").empty());
}

TEST_F(MiddlewareTest, EveryResponseHasSecurityHeadersAndARequestId) {
  for (const char* target :
       {"/healthz", "/api/v1/bodies", "/api/v1/nope", "/en/", "/static/app.js", "/static/../x", "/en/nope"})
    ExpectSecurityHeaders(Get(target));
  ExpectSecurityHeaders(Api("POST", "/api/v1/bodies", "{", ""));
  auto a = Get("/healthz"), b = Get("/healthz");
  EXPECT_NE(a.GetHeader("X-Request-Id"), b.GetHeader("X-Request-Id"));
}

TEST_F(MiddlewareTest, UnknownRouteIs404InJsonForTheApiAndHtmlForPages) {
  auto api = Get("/api/v1/nothing-here");
  EXPECT_EQ(api.status, 404);
  auto j = Body(api);
  EXPECT_EQ(j["error"]["code"], "not_found");
  EXPECT_EQ(j["error"]["request_id"], std::string(api.GetHeader("X-Request-Id")));
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  auto page = Get("/en/nothing-here");
  EXPECT_EQ(page.status, 404);
  EXPECT_THAT(std::string(page.GetHeader("Content-Type")), HasSubstr("text/html"));
  EXPECT_THAT(page.body, HasSubstr("<html lang=\"en\""));
}

TEST_F(MiddlewareTest, WrongMethodIs405WithAllow) {
  auto r = Api("DELETE", "/api/v1/bodies", "", seed_.admin_token);
  EXPECT_EQ(r.status, 405);
  EXPECT_THAT(std::string(r.GetHeader("Allow")), HasSubstr("GET"));
  EXPECT_THAT(std::string(r.GetHeader("Allow")), HasSubstr("POST"));
  EXPECT_THAT(std::string(r.GetHeader("Allow")), HasSubstr("HEAD"));
}

TEST_F(MiddlewareTest, WrongMethodHasItsOwnErrorCode) {
  auto r = Api("DELETE", "/api/v1/bodies", "", seed_.admin_token);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(Body(r)["error"]["code"], "method_not_allowed");
  auto page = Do({"DELETE", "/en/login", "", {}});
  EXPECT_EQ(page.status, 405);
  EXPECT_THAT(std::string(page.GetHeader("Allow")), HasSubstr("POST"));
}

// The status comes from the error code alone: a message key never turns one status into another.
TEST_F(MiddlewareTest, PreconditionRequiredIsAnErrorCodeNotAMessageKey) {
  web::Request req;
  req.method = "PUT";
  req.path = "/api/v1/indicators/1";
  auto r = web::ErrorResponse(*ctx_, req,
                              Error{ErrorCode::kPreconditionRequired, "error.precondition_required", {}, {}});
  EXPECT_EQ(r.status, 428);
  EXPECT_EQ(Body(r)["error"]["code"], "precondition_required");
  auto other =
      web::ErrorResponse(*ctx_, req, Error{ErrorCode::kInvalidInput, "error.precondition_required", {}, {}});
  EXPECT_EQ(other.status, 400);
  EXPECT_EQ(Body(other)["error"]["code"], "invalid_input");
}

TEST_F(MiddlewareTest, MetricsNeedTheBearerTokenWhenOneIsSet) {
  EXPECT_EQ(Get("/metrics").status, 200);  // no token set: open, as before
  config_.metrics_token = "metrics-token-0123456789";
  Rebuild();
  auto none = Get("/metrics");
  EXPECT_EQ(none.status, 401);
  EXPECT_THAT(none.body, ::testing::Not(HasSubstr("jospar_http_requests_total")));
  EXPECT_EQ(Get("/metrics", {{"Authorization", "Bearer wrong"}}).status, 401);
  EXPECT_EQ(Get("/metrics", {{"Authorization", "Bearer metrics-token-012345678"}}).status, 401);
  EXPECT_EQ(Get("/metrics", {{"Authorization", "Basic metrics-token-0123456789"}}).status, 401);
  EXPECT_EQ(Get("/metrics", {{"Authorization", "Bearer " + seed_.admin_token}}).status, 401);
  auto ok = Get("/metrics", {{"Authorization", "Bearer metrics-token-0123456789"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_THAT(ok.body, HasSubstr("jospar_http_requests_total"));
}

TEST_F(MiddlewareTest, HeadIsAnsweredLikeGetWithoutBody) {
  auto r = Do({"HEAD", "/api/v1/bodies", "", {}});
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
}

TEST_F(MiddlewareTest, OversizedBodiesAre413WithAClearBody) {
  const std::string before = Fingerprint();
  std::string big = R"({"code":"X","title":{"en":")" + std::string(1 << 20, 'a') + "\"}}";
  auto r = Api("POST", "/api/v1/bodies", big, seed_.admin_token);
  EXPECT_EQ(r.status, 413);
  auto j = Body(r);
  EXPECT_EQ(j["error"]["code"], "payload_too_large");
  EXPECT_THAT(j["error"]["message"].get<std::string>(), HasSubstr("1 MiB"));
  EXPECT_EQ(Fingerprint(), before);
}

TEST_F(MiddlewareTest, InvalidUtf8IsRejectedWith400AndNothingIsWritten) {
  const std::string before = Fingerprint();
  for (const char* bad : {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82"}) {
    auto r = Api("POST", "/api/v1/bodies", std::string(R"({"code":"X","title":{"en":")") + bad + "\"}}",
                 seed_.admin_token);
    EXPECT_EQ(r.status, 400);
    auto j = Body(r);
    EXPECT_EQ(j["error"]["fields"][0]["field"], "body");
  }
  EXPECT_EQ(Get("/api/v1/bodies?q=%ff").status, 400);
  EXPECT_EQ(Get("/api/v1/bodies%ff").status, 400);
  EXPECT_EQ(Fingerprint(), before);
}

TEST_F(MiddlewareTest, ApiWritesNeedJson) {
  auto r = Do({"POST",
               "/api/v1/bodies",
               "code=X",
               {{"Content-Type", "application/x-www-form-urlencoded"},
                {"Authorization", "Bearer " + seed_.admin_token}}});
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(Body(r)["error"]["code"], "unsupported_media_type");
}

TEST_F(MiddlewareTest, LanguageComesFromUrlThenCookieThenAcceptLanguageThenKazakh) {
  auto msg = [&](web::Headers h, const std::string& path = "/api/v1/none") {
    return Body(Get(path, std::move(h)))["error"]["message"].get<std::string>();
  };
  const std::string kk = msg({});
  const std::string ru = msg({{"Accept-Language", "ru-RU,ru;q=0.9"}});
  const std::string en = msg({{"Accept-Language", "en-US"}});
  EXPECT_EQ(kk, "Бұл мекенжайда бет те, API әдісі де жоқ.");
  EXPECT_EQ(ru, "По этому адресу нет ни страницы, ни метода API.");
  EXPECT_EQ(en, "There is no page or endpoint at this address.");
  EXPECT_EQ(msg({{"Cookie", "lang=en"}, {"Accept-Language", "ru"}}), en);
  auto page = Get("/ru/nothing", {{"Cookie", "lang=en"}});
  EXPECT_THAT(page.body, HasSubstr("<html lang=\"ru\""));
}

TEST_F(MiddlewareTest, HealthAndReadiness) {
  EXPECT_EQ(Get("/healthz").status, 200);
  auto r = Get("/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["status"], "ready");
}

// A store whose database has gone away.
class DownStore : public Store {
 public:
  explicit DownStore(Store& real) : real_(real) {}
  Result<std::unique_ptr<Tx>> Begin(TxMode mode) override {
    if (down) return Fail(ErrorCode::kUnavailable, "error.unavailable", "connection refused");
    return real_.Begin(mode);
  }
  bool Ping() override { return !down && real_.Ping(); }
  PoolStats Stats() const override { return real_.Stats(); }
  std::string_view Backend() const override { return real_.Backend(); }
  bool down = false;

 private:
  Store& real_;
};

TEST_F(MiddlewareTest, StoreOutageIs503WithRetryAfterAndRecovers) {
  DownStore down(*store_);
  web::AppContext ctx{down, config_};
  ctx.locales = ctx_->locales;
  ctx.clock = ctx_->clock;
  web::Router router;
  web::Wire(ctx, router);
  auto call = [&](const std::string& path, web::Headers h = {}) {
    web::Request req;
    req.method = "GET";
    req.path = path;
    req.headers = std::move(h);
    return web::Dispatch(ctx, router, req);
  };
  EXPECT_EQ(call("/api/v1/bodies").status, 200);
  down.down = true;
  auto r = call("/api/v1/bodies");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.GetHeader("Retry-After"), "5");
  EXPECT_EQ(Body(r)["error"]["code"], "unavailable");
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("connection refused")));
  EXPECT_EQ(call("/readyz").status, 503);
  EXPECT_THAT(call("/readyz").body, HasSubstr("unavailable"));
  EXPECT_EQ(call("/healthz").status, 200);
  EXPECT_EQ(call("/api/v1/bodies", {{"Authorization", "Bearer " + seed_.admin_token}}).status, 503);
  down.down = false;
  EXPECT_EQ(call("/api/v1/bodies").status, 200);
  EXPECT_EQ(call("/readyz").status, 200);
}

TEST_F(MiddlewareTest, MetricsCountRequestsPerRoutePatternAndStatusClass) {
  Get("/api/v1/bodies/" + std::to_string(seed_.body_a));
  Get("/api/v1/bodies/999999");
  Get("/nowhere");
  auto r = Get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(
      r.body,
      HasSubstr(R"(jospar_http_requests_total{method="GET",route="/api/v1/bodies/{id}",status="2xx"} 1)"));
  EXPECT_THAT(
      r.body,
      HasSubstr(R"(jospar_http_requests_total{method="GET",route="/api/v1/bodies/{id}",status="4xx"} 1)"));
  EXPECT_THAT(r.body, HasSubstr(R"(route="unmatched",status="4xx"} 1)"));
  EXPECT_THAT(r.body, HasSubstr("jospar_http_request_duration_seconds_bucket{"));
  EXPECT_THAT(r.body, HasSubstr(R"(jospar_store_pool_connections{backend="sqlite"})"));
}

TEST_F(MiddlewareTest, StaticFilesHaveTypesEtagsAndCaching) {
  auto css = Get("/static/css/app.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.GetHeader("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.body, "body { color: #111; }\n");
  EXPECT_THAT(std::string(css.GetHeader("Cache-Control")), HasSubstr("max-age"));
  const std::string etag(css.GetHeader("ETag"));
  ASSERT_FALSE(etag.empty());
  auto again = Get("/static/css/app.css", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(Get("/static/app.js").GetHeader("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(Get("/static/logo.svg").GetHeader("Content-Type"), "image/svg+xml");
  EXPECT_EQ(Get("/static/missing.css").status, 404);
}

TEST_F(MiddlewareTest, PathTraversalNeverLeavesTheStaticFolder) {
  for (const std::string target :
       {"/static/../outside.txt", "/static/%2e%2e/outside.txt", "/static/%2E%2E/%2e%2e/etc/passwd",
        "/static/css/../../outside.txt", "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/.hidden",
        "/static/css/..%2f..%2foutside.txt", "/static/..\\outside.txt", "/static/./app.js", "/static/"}) {
    auto r = Get(target);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << target << " -> " << r.status;
    EXPECT_THAT(r.body, ::testing::Not(HasSubstr("outside the static folder"))) << target;
    EXPECT_THAT(r.body, ::testing::Not(HasSubstr("root:"))) << target;
  }
  EXPECT_EQ(Get("/static/app.js%00.css").status, 400);
}

TEST_F(MiddlewareTest, ExceptionsAre500WithoutInternals) {
  router_->Add("GET", "/api/v1/boom",
               [](web::Request&) -> web::Response { throw std::runtime_error("secret internal detail"); },
               {.api = true});
  auto r = Get("/api/v1/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(Body(r)["error"]["code"], "internal");
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("secret")));
  EXPECT_THAT(Get("/metrics").body, HasSubstr("jospar_http_exceptions_total 1"));
}

TEST_F(MiddlewareTest, UnsafeRequestsAreRateLimitedPerClient) {
  config_.write_burst = 3;
  config_.write_per_minute = 1;
  Rebuild();
  int limited = 0;
  for (int i = 0; i < 5; ++i) {
    auto r = Do({"DELETE", "/api/v1/session", "", {}, "198.51.100.7"});
    if (r.status == 429) {
      ++limited;
      EXPECT_FALSE(r.GetHeader("Retry-After").empty());
    }
  }
  EXPECT_EQ(limited, 2);
  EXPECT_EQ(Do({"DELETE", "/api/v1/session", "", {}, "198.51.100.8"}).status, 204);
  EXPECT_EQ(Get("/api/v1/bodies").status, 200);  // reads are not limited
}

TEST_F(MiddlewareTest, LogLinesAreJsonWithoutSecrets) {
  config_.log_requests = true;
  Rebuild();
  std::ostringstream out;
  auto previous = spdlog::default_logger();
  auto logger =
      std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::info);
  spdlog::set_default_logger(logger);
  auto r = Do({"POST",
               "/api/v1/session",
               json{{"name", "admin"}, {"password", kPassword}, {"totp", AdminCode()}}.dump(),
               {{"Content-Type", "application/json"}, {"Cookie", "jospar_session=cookievalue123"}}});
  auto token = Api("GET", "/api/v1/users/" + std::to_string(seed_.exec_a), "", seed_.admin_token);
  spdlog::set_default_logger(previous);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(token.status, 200);
  const std::string log = out.str();
  std::istringstream lines(log);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    json j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    EXPECT_EQ(j["msg"], "request");
    EXPECT_FALSE(j["request_id"].get<std::string>().empty());
    ++n;
  }
  EXPECT_EQ(n, 2);
  EXPECT_THAT(log, HasSubstr(R"("route":"/api/v1/session")"));
  EXPECT_THAT(log, HasSubstr(R"("route":"/api/v1/users/{id}")"));
  EXPECT_THAT(log, HasSubstr(R"("status":"200")"));
  for (const std::string& secret :
       {std::string(kPassword), std::string("cookievalue123"), seed_.admin_token, std::string("exec_a"),
        std::string("/api/v1/users/") + std::to_string(seed_.exec_a)})
    EXPECT_THAT(log, ::testing::Not(HasSubstr(secret)));
}

}  // namespace
}  // namespace jospar::testing
