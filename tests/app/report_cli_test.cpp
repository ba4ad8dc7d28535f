// `jospar report progress|burden|simplification` as a user runs them on the demo plan: CSV and JSON with the
// same rows, statuses from the method's list, every body with indicators listed, clear errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "app/app_fixture.hpp"

namespace jospar::testing {
namespace {

using nlohmann::json;

class ReportCli : public ::testing::Test {
 protected:
  // One database for the suite (the reports only read it): Open SDG data and the demo plan.
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = "sqlite:" + dir_->path() + "/plan.db";
    ASSERT_EQ(RunJospar({"migrate", "--db", db_}).exit_code, 0);
    auto imported = RunJospar({"import", "open-sdg", JOSPAR_SOURCE_DATA_DIR "/open-sdg-kz", "--db", db_});
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    auto demo = RunJospar({"demo", "load", "--db", db_});
    ASSERT_EQ(demo.exit_code, 0) << demo.output;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  json Json(const std::vector<std::string>& args) {
    auto r = RunJospar(args);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return json::parse(r.output, nullptr, false);
  }
  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
};

TEST_F(ReportCli, ProgressInCsvAndJsonHasOneRowPerIndicatorWithAKnownStatus) {
  json rows = Json({"report", "progress", "--format", "json", "--db", db_});
  ASSERT_TRUE(rows.is_array());
  ASSERT_GT(rows.size(), 200u);  // the national SDG indicators and the demo plan's
  const std::set<std::string> statuses = {"target_met",       "on_track",      "needs_acceleration",
                                          "limited_progress", "deteriorating", "no_data"};
  std::set<std::string> seen;
  for (const auto& r : rows) {
    ASSERT_TRUE(statuses.count(r["status"].get<std::string>())) << r.dump();
    seen.insert(r["status"].get<std::string>());
    if (r["status"] != "no_data") {
      EXPECT_FALSE(r["ratio"].is_null() && r["needed_rate"].is_null()) << r.dump();
    }
  }
  EXPECT_GE(seen.size(), 2u);
  auto csv = RunJospar({"report", "progress", "--db", db_});
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_EQ(static_cast<std::size_t>(std::count(csv.output.begin(), csv.output.end(), '\n')),
            rows.size() + 1);
  EXPECT_NE(csv.output.find("indicator_id,indicator_code,status,"), std::string::npos);
}

TEST_F(ReportCli, BurdenAndSimplificationForAYear) {
  json burden = Json({"report", "burden", "--year", "2026", "--format", "json", "--db", db_});
  ASSERT_TRUE(burden.is_array());
  ASSERT_FALSE(burden.empty());
  for (const auto& b : burden) {
    EXPECT_FALSE(b["body_code"].get<std::string>().empty());
    EXPECT_GE(b["indicators"].get<int>() + b["measures"].get<int>(), 1) << b.dump();
    EXPECT_LE(b["fed_indicators"].get<int>(), b["indicators"].get<int>());
  }
  json simpler = Json({"report", "simplification", "--year", "2026", "--format", "json", "--db", db_});
  ASSERT_TRUE(simpler.is_array());
  for (const auto& c : simpler) EXPECT_GE(c["reports_saved_per_year"].get<int>(), 0);
}

TEST_F(ReportCli, BadOptionsAreClearErrors) {
  auto format = RunJospar({"report", "burden", "--format", "xml", "--db", db_});
  EXPECT_EQ(format.exit_code, 1);
  EXPECT_NE(format.output.find("--format is csv or json"), std::string::npos) << format.output;
  auto year = RunJospar({"report", "burden", "--year", "3000", "--db", db_});
  EXPECT_EQ(year.exit_code, 1);
  EXPECT_NE(year.output.find("--year"), std::string::npos) << year.output;
  EXPECT_NE(RunJospar({"report", "--db", db_}).exit_code, 0);
  auto nodb = RunJospar({"report", "progress", "--db", "postgresql://127.0.0.1:1/nothing"});
  EXPECT_EQ(nodb.exit_code, 1);
}

}  // namespace
}  // namespace jospar::testing
