// PostgreSQL outage: with the database stopped, Begin() fails fast with kUnavailable and Ping() is false;
// after a restart the same Store works again without being reopened. Needs JOSPAR_TEST_PG_URL and
// JOSPAR_PG_CTL (a pg_ctl command prefix, see scripts/pg-cluster.sh).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "core/plan/repository.hpp"
#include "store/open.hpp"
#include "store/postgres/pg_store.hpp"

namespace jospar::testing {
namespace {

bool PgCtl(const std::string& ctl, const std::string& action) {
  const std::string command = ctl + " " + action + " >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

TEST(PostgresOutage, BeginFailsFastWhileDownAndTheStoreRecoversByItself) {
  const char* url = std::getenv("JOSPAR_TEST_PG_URL");
  const char* ctl = std::getenv("JOSPAR_PG_CTL");
  if (url == nullptr || *url == '\0' || ctl == nullptr || *ctl == '\0') {
    if (std::getenv("CI") != nullptr) FAIL() << "CI must provide JOSPAR_TEST_PG_URL and JOSPAR_PG_CTL";
    GTEST_SKIP() << "\n*** PostgreSQL outage test SKIPPED: JOSPAR_TEST_PG_URL / JOSPAR_PG_CTL not set\n";
  }
  {
    auto conn = store::postgres::Connect(url, 5000);
    ASSERT_TRUE(conn) << conn.error().detail;
    ASSERT_TRUE((*conn)->Exec("DROP DATABASE IF EXISTS jospar_outage_test"));
    ASSERT_TRUE((*conn)->Exec("CREATE DATABASE jospar_outage_test"));
  }
  const std::string own = [&] {
    std::string u = url;
    const auto slash = u.find('/', u.find("://") + 3);
    const auto query = u.find('?', slash);
    return u.substr(0, slash) + "/jospar_outage_test" + (query == std::string::npos ? "" : u.substr(query));
  }();
  store::StoreOptions options;
  options.pool_size = 3;
  options.busy_timeout_ms = 2000;
  auto opened = store::OpenStore(own, options);
  ASSERT_TRUE(opened) << opened.error().detail;
  auto& store = **opened;
  {
    auto tx = store.Begin(TxMode::kWrite);
    ASSERT_TRUE(tx);
    StateBody b;
    b.code = "BEFORE";
    ASSERT_TRUE((*tx)->plan().InsertBody(b));
    ASSERT_TRUE((*tx)->Commit());
  }
  // Keep one connection idle in the pool and one lent out across the outage.
  auto held = store.Begin(TxMode::kRead);
  ASSERT_TRUE(held);

  ASSERT_TRUE(PgCtl(ctl, "stop -m fast")) << "pg_ctl stop failed";
  struct Restart {  // the database comes back even when an assertion below fails
    const char* ctl;
    ~Restart() { PgCtl(ctl, "start"); }
  } restart{ctl};

  auto lent = (*held)->plan().GetBodyByCode("BEFORE");
  ASSERT_FALSE(lent);
  EXPECT_EQ(lent.error().code, ErrorCode::kUnavailable);
  held->reset();

  const auto start = std::chrono::steady_clock::now();
  auto down = store.Begin(TxMode::kWrite);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::kUnavailable);
  EXPECT_LT(elapsed, std::chrono::seconds(4));
  EXPECT_FALSE(store.Ping());
  EXPECT_GE(store.Stats().failures, 1);
  EXPECT_EQ(store.Stats().in_use, 0);

  ASSERT_TRUE(PgCtl(ctl, "start")) << "pg_ctl start failed";
  EXPECT_TRUE(store.Ping());
  auto tx = store.Begin(TxMode::kWrite);
  ASSERT_TRUE(tx) << tx.error().detail;
  EXPECT_TRUE((*tx)->plan().GetBodyByCode("BEFORE"));
  StateBody after;
  after.code = "AFTER";
  ASSERT_TRUE((*tx)->plan().InsertBody(after));
  ASSERT_TRUE((*tx)->Commit());
}

}  // namespace
}  // namespace jospar::testing
