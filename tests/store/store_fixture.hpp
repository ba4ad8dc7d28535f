// The store contract suite: every TEST_P on StoreContract runs against SQLite (a temp file) and PostgreSQL
// (JOSPAR_TEST_PG_URL, a clean schema per test). Without JOSPAR_TEST_PG_URL the PostgreSQL runs are
// skipped loudly, or fail when CI is set.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/base/unit_of_work.hpp"
#include "core/plan/plan.hpp"
#include "store/open.hpp"

namespace jospar::testing {

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  bool IsPostgres() const { return GetParam() == "postgresql"; }
  // A write transaction, asserted to begin.
  std::unique_ptr<Tx> Write();
  std::unique_ptr<Tx> Read();
  // Reopens the store (same database).
  void Reopen();

  std::string url_;
  std::string sqlite_dir_;
  std::unique_ptr<Store> store_;
};

// Fixtures of a small plan: ids of what was inserted.
struct Seed {
  Id body = 0;
  Id document = 0;
  Id goal = 0;
  Id task = 0;
  Id sdg_goal = 0;
  Id sdg_target = 0;
  Id indicator = 0;
};
Seed SeedPlan(Tx& tx);

StateBody MakeBody(std::string code, std::string title_en = "Ministry");
Document MakeDocument(std::string code, std::optional<Id> owner = std::nullopt);
Goal MakeGoal(Id document_id, std::string code, std::optional<Id> parent = std::nullopt);
Indicator MakeIndicator(std::string code, std::optional<Id> goal = std::nullopt);

}  // namespace jospar::testing
