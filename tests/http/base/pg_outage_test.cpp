// PostgreSQL outage: the API answers 503 (and /readyz 503) while the database is stopped, and 200 again
// once it is back, without restarting anything. Needs JOSPAR_TEST_PG_URL and JOSPAR_PG_CTL (scripts/test.sh
// sets both; see scripts/pg-cluster.sh); skipped loudly otherwise, and failing under CI.
#include <gmock/gmock.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "app/store_supervisor.hpp"
#include "http/http_fixture.hpp"
#include "web/dispatch.hpp"
#include "web/i18n.hpp"

namespace jospar::testing {
namespace {

class HttpPostgresOutage : public ::testing::Test {};

int PgCtl(const std::string& args) {
  const std::string cmd = std::string(std::getenv("JOSPAR_PG_CTL")) + " " + args + " >/dev/null 2>&1";
  return std::system(cmd.c_str());
}

TEST_F(HttpPostgresOutage, ApiAnswers503WhileTheDatabaseIsDownAndRecoversByItself) {
  const char* url = std::getenv("JOSPAR_TEST_PG_URL");
  const char* ctl = std::getenv("JOSPAR_PG_CTL");
  if (!url || !*url || !ctl || !*ctl) {
    if (std::getenv("CI")) FAIL() << "JOSPAR_TEST_PG_URL and JOSPAR_PG_CTL must be set in CI";
    GTEST_SKIP() << "*** PostgreSQL outage test SKIPPED: set JOSPAR_TEST_PG_URL and JOSPAR_PG_CTL "
                    "(scripts/pg-cluster.sh)";
  }
  store::StoreOptions options;
  options.pool_size = 2;
  options.busy_timeout_ms = 2000;
  app::SupervisedStore store(url, options, std::chrono::milliseconds(200));
  ASSERT_TRUE(store.TryOpen());
  web::WebConfig config;
  config.locales_dir = std::string(JOSPAR_SOURCE_DIR) + "/locales";
  config.templates_dir = std::string(JOSPAR_SOURCE_DIR) + "/templates";
  config.log_requests = false;
  web::AppContext ctx{store, config};
  auto loc = web::Locales::Load(config.locales_dir);
  ASSERT_TRUE(loc);
  ctx.locales = std::make_shared<const web::Locales>(std::move(*loc));
  web::Router router;
  web::Wire(ctx, router);
  auto get = [&](const std::string& path) {
    web::Request req;
    req.method = "GET";
    req.path = path;
    return web::Dispatch(ctx, router, req);
  };
  ASSERT_EQ(get("/api/v1/bodies").status, 200);
  ASSERT_EQ(get("/readyz").status, 200);

  ASSERT_EQ(PgCtl("stop -m fast"), 0);
  auto down = get("/api/v1/bodies");
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_EQ(down.GetHeader("Retry-After"), "5");
  EXPECT_THAT(down.body, ::testing::HasSubstr("\"code\":\"unavailable\""));
  EXPECT_EQ(get("/readyz").status, 503);
  EXPECT_EQ(get("/healthz").status, 200);

  ASSERT_EQ(PgCtl("start"), 0);
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    status = get("/api/v1/bodies").status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(status, 200) << "the API did not recover after PostgreSQL came back";
  EXPECT_EQ(get("/readyz").status, 200);
}

}  // namespace
}  // namespace jospar::testing
