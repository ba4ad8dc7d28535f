#include "store/store_fixture.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/plan/repository.hpp"
#include "store/postgres/pg_store.hpp"

namespace jospar::testing {

// The suite drops and recreates the public schema before every test; it does so in a database of its own
// (created on the server of JOSPAR_TEST_PG_URL when allowed) so that other suites sharing the server keep
// their data. Falls back to the given database when it cannot create one.
std::string OwnDatabase(const std::string& url) {
  static const std::string own = [&]() -> std::string {
    const auto scheme = url.find("://");
    const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (slash == std::string::npos) return url;
    const auto query = url.find('?', slash);
    std::string candidate = url.substr(0, slash) + "/jospar_store_contract" +
                            (query == std::string::npos ? "" : url.substr(query));
    if (store::postgres::Connect(candidate, 5000)) return candidate;
    auto admin = store::postgres::Connect(url, 5000);
    if (admin && (*admin)->Exec("CREATE DATABASE jospar_store_contract")) return candidate;
    return url;
  }();
  return own;
}

void StoreContract::SetUp() {
  if (IsPostgres()) {
    const char* pg = std::getenv("JOSPAR_TEST_PG_URL");
    if (pg == nullptr || *pg == '\0') {
      if (std::getenv("CI") != nullptr) {
        FAIL() << "JOSPAR_TEST_PG_URL is not set but CI is: the PostgreSQL store contract must run in CI";
      }
      GTEST_SKIP()
          << "\n*** PostgreSQL contract tests SKIPPED: JOSPAR_TEST_PG_URL is not set. Run them with:\n"
             "***   source scripts/pg-cluster.sh; pg_cluster_start; export JOSPAR_TEST_PG_URL=$PG_URL "
             "JOSPAR_PG_CTL=\"$PG_CTL_CMD\"\n";
    }
    url_ = OwnDatabase(pg);
    auto conn = store::postgres::Connect(url_, 5000);
    ASSERT_TRUE(conn) << conn.error().detail;
    auto reset = (*conn)->Exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    ASSERT_TRUE(reset) << reset.error().detail;
  } else {
    char tmpl[] = "/tmp/jospar-store-test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    sqlite_dir_ = tmpl;
    url_ = "sqlite:" + sqlite_dir_ + "/test.db";
  }
  Reopen();
}

void StoreContract::Reopen() {
  store_.reset();
  store::StoreOptions options;
  options.pool_size = 4;
  options.busy_timeout_ms = 2000;
  auto s = store::OpenStore(url_, options);
  ASSERT_TRUE(s) << s.error().detail;
  store_ = std::move(*s);
}

void StoreContract::TearDown() {
  store_.reset();
  if (!sqlite_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(sqlite_dir_, ignored);
  }
}

std::unique_ptr<Tx> StoreContract::Write() {
  auto tx = store_->Begin(TxMode::kWrite);
  EXPECT_TRUE(tx) << tx.error().detail;
  return tx ? std::move(*tx) : nullptr;
}

std::unique_ptr<Tx> StoreContract::Read() {
  auto tx = store_->Begin(TxMode::kRead);
  EXPECT_TRUE(tx) << tx.error().detail;
  return tx ? std::move(*tx) : nullptr;
}

StateBody MakeBody(std::string code, std::string title_en) {
  StateBody b;
  b.code = std::move(code);
  b.kind = BodyKind::kMinistry;
  b.title = Text{"Министрлік " + b.code, "Министерство " + b.code, std::move(title_en)};
  return b;
}

Document MakeDocument(std::string code, std::optional<Id> owner) {
  Document d;
  d.code = std::move(code);
  d.tier = Tier::kNationalPlan;
  d.type = "national_plan";
  d.title = Text{"Жоспар " + d.code, "План " + d.code, "Plan " + d.code};
  d.summary = Text{"", "", "Summary of " + d.code};
  d.act = LegalAct{"decree", "636", "2024-07-30"};
  d.owner_body_id = owner;
  d.start_year = 2024;
  d.end_year = 2029;
  return d;
}

Goal MakeGoal(Id document_id, std::string code, std::optional<Id> parent) {
  Goal g;
  g.document_id = document_id;
  g.parent_id = parent;
  g.code = std::move(code);
  g.title = Text{"Мақсат " + g.code, "Цель " + g.code, "Goal " + g.code};
  return g;
}

Indicator MakeIndicator(std::string code, std::optional<Id> goal) {
  Indicator i;
  i.code = std::move(code);
  i.goal_id = goal;
  i.title = Text{"Көрсеткіш " + i.code, "Индикатор " + i.code, "Indicator " + i.code};
  i.unit = Text{"%", "%", "%"};
  i.baseline_year = 2023;
  i.baseline_value = 10.5;
  i.target_year = 2029;
  i.target_value = 20.25;
  i.planned = {{2025, 12.0}, {2026, 14.5}};
  i.source = Text{"ҰСБ", "БНС", "BNS"};
  return i;
}

Seed SeedPlan(Tx& tx) {
  Seed s;
  s.body = tx.plan().InsertBody(MakeBody("MNE", "Ministry of National Economy")).value();
  s.document = tx.plan().InsertDocument(MakeDocument("NDP-2029", s.body)).value();
  s.goal = tx.plan().InsertGoal(MakeGoal(s.document, "1")).value();
  s.task = tx.plan().InsertGoal(MakeGoal(s.document, "1.1", s.goal)).value();
  s.sdg_goal = tx.plan()
                   .UpsertSdgNode(SdgNode{0, "1", SdgKind::kGoal, std::nullopt, Text{"", "", "No poverty"}})
                   .value();
  s.sdg_target =
      tx.plan()
          .UpsertSdgNode(SdgNode{0, "1.1", SdgKind::kTarget, s.sdg_goal, Text{"", "", "Eradicate poverty"}})
          .value();
  auto ind = MakeIndicator("NDP-1.1", s.task);
  ind.sdg_target_id = s.sdg_target;
  ind.responsible_body_id = s.body;
  s.indicator = tx.plan().InsertIndicator(ind).value();
  return s;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           return param_info.param;
                         });

}  // namespace jospar::testing
