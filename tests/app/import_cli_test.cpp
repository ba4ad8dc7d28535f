// `jospar import open-sdg DIR` on a folder that is not an Open SDG data repository: it fails (exit 1), says
// what it expected, and reports no counts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "app/app_fixture.hpp"

namespace jospar::testing {
namespace {

namespace fs = std::filesystem;

TEST(ImportCli, AnEmptyFolderIsNotAnOpenSdgRepository) {
  TempDir dir, db;
  auto r = RunJospar({"import", "open-sdg", dir.path(), "--db", "sqlite:" + db.path() + "/plan.db"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("not an Open SDG repository"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("nothing was imported"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("inserted"), std::string::npos) << r.output;
}

TEST(ImportCli, AFolderWithoutIndicatorsFailsAndSaysWhatItExpected) {
  TempDir dir, db;
  fs::create_directories(dir.path() + "/data");
  fs::create_directories(dir.path() + "/meta");
  fs::create_directories(dir.path() + "/translations");
  std::ofstream(dir.path() + "/data/population.csv") << "region,year,people\nAstana,2024,1423726\n";
  auto r = RunJospar({"import", "open-sdg", dir.path(), "--db", "sqlite:" + db.path() + "/plan.db"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("no indicator found"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("data/indicator_"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("nothing was imported from " + dir.path()), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("inserted"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace jospar::testing
