// The contract suite empties a PostgreSQL database before every test: only one it created itself, never
// the database the URL names nor any other it finds on the server.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "store/postgres/pg_store.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

// `url` with its database name replaced by `name`.
std::string WithDatabase(const std::string& url, const std::string& name) {
  const auto slash = url.find('/', url.find("://") + 3);
  const auto query = url.find('?', slash);
  return url.substr(0, slash) + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

TEST(ScratchDatabase, RefusesToEmptyADatabaseTheSuiteDidNotCreate) {
  const char* url = std::getenv("JOSPAR_TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    if (std::getenv("CI") != nullptr) FAIL() << "CI must provide JOSPAR_TEST_PG_URL";
    GTEST_SKIP() << "\n*** PostgreSQL scratch database test SKIPPED: JOSPAR_TEST_PG_URL not set\n";
  }
  {
    auto admin = store::postgres::Connect(url, 5000);
    ASSERT_TRUE(admin) << admin.error().detail;
    ASSERT_TRUE((*admin)->Exec("DROP DATABASE IF EXISTS jospar_someone_elses"));
    ASSERT_TRUE((*admin)->Exec("CREATE DATABASE jospar_someone_elses"));
  }
  const std::string theirs = WithDatabase(url, "jospar_someone_elses");
  {
    auto conn = store::postgres::Connect(theirs, 5000);
    ASSERT_TRUE(conn) << conn.error().detail;
    ASSERT_TRUE((*conn)->Exec("CREATE TABLE precious (x integer); INSERT INTO precious VALUES (1)"));
  }

  auto reset = ResetScratchSchema(theirs);
  EXPECT_FALSE(reset) << "the public schema of a database the suite did not create was dropped";
  if (!reset) {
    EXPECT_NE(reset.error().detail.find("jospar_someone_elses"), std::string::npos) << reset.error().detail;
  }
  {
    auto conn = store::postgres::Connect(theirs, 5000);
    ASSERT_TRUE(conn) << conn.error().detail;
    EXPECT_TRUE((*conn)->Exec("SELECT x FROM precious")) << "their table is gone";
  }
  auto admin = store::postgres::Connect(url, 5000);
  ASSERT_TRUE(admin) << admin.error().detail;
  EXPECT_TRUE((*admin)->Exec("DROP DATABASE jospar_someone_elses"));
}

}  // namespace
}  // namespace jospar::testing
