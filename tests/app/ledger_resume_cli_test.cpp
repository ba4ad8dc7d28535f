// `jospar ledger check --state FILE` as a user runs it: the first run checks everything and keeps the
// checkpoint; later runs resume from it, pass on an appended log, and fail when an entry before the trusted
// checkpoint changed (the consistency proof fails: a split view) or when a new entry changed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <signal.h>
#include "app/app_fixture.hpp"
#include "core/audit/decisions.hpp"
#include "store/open.hpp"

namespace jospar::testing {
namespace {

namespace fs = std::filesystem;

ledger::Decision Decision(int i, const std::string& salt) {
  ledger::Decision d;
  d.action = i % 3 == 0 ? "create" : "update";
  d.object_kind = "document";
  d.object_id = std::to_string(100 + i);
  d.content_hash = ledger::Sha256("content " + std::to_string(i) + salt);
  d.actor_role = "planner";
  d.time = "2026-11-23T10:00:00Z";
  return d;
}

class LedgerResumeCli : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) const { return dir_.path() + "/" + name; }
  // Appends decisions [from, to) to the log of the SQLite database `db` in the test folder.
  void Append(const std::string& db, int from, int to, const std::string& salt = "") {
    auto store = store::OpenStore("sqlite:" + Path(db));
    ASSERT_TRUE(store) << store.error().detail;
    for (int i = from; i < to; ++i) ASSERT_TRUE(usecases::RecordDecision(**store, Decision(i, salt)));
  }
  RunResult Export(const std::string& db, const std::string& out) {
    return RunJospar(
        {"ledger", "export", "--db", "sqlite:" + Path(db), "--data-dir", Path("var"), "--out", Path(out)});
  }
  RunResult Check(const std::string& from, const std::string& state = "state") {
    return RunJospar({"ledger", "check", "--from", from, "--state", Path(state)});
  }
  static bool Has(const RunResult& r, const std::string& text) {
    return r.output.find(text) != std::string::npos;
  }
  TempDir dir_;
};

TEST_F(LedgerResumeCli, ResumesOnAnAppendedExportAndCatchesChangedEntries) {
  Append("a.db", 0, 20);
  ASSERT_EQ(Export("a.db", "export").exit_code, 0);
  auto r = Check(Path("export"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Has(r, "from the trusted checkpoint of size 0")) << r.output;
  EXPECT_TRUE(Has(r, "20 new entries")) << r.output;
  EXPECT_NE(ReadAll(Path("state")).find("\nsize 20\n"), std::string::npos);

  Append("a.db", 20, 35);
  ASSERT_EQ(Export("a.db", "export").exit_code, 0);
  const std::string trusted = ReadAll(Path("state"));
  fs::copy_file(Path("state"), Path("state.20"));

  // An entry before the trusted checkpoint changed in the export: its consistency proof fails.
  const std::string entries = ReadAll(Path("export/entries.jsonl"));
  const auto old_at = entries.find("object document 105");
  const auto new_at = entries.find("object document 125");
  ASSERT_NE(old_at, std::string::npos);
  ASSERT_NE(new_at, std::string::npos);
  FlipByte(Path("export/entries.jsonl"), old_at + 17);
  r = Check(Path("export"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(Has(r, "error.ledger.split_view")) << r.output;
  EXPECT_TRUE(Has(r, "not consistent with the trusted checkpoint of size 20")) << r.output;
  EXPECT_EQ(ReadAll(Path("state")), trusted);  // a failed check keeps the trusted state
  FlipByte(Path("export/entries.jsonl"), old_at + 17);

  // A new entry changed.
  FlipByte(Path("export/entries.jsonl"), new_at + 17);
  r = Check(Path("export"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(Has(r, "error.ledger.corrupt")) << r.output;
  EXPECT_TRUE(Has(r, "a new entry was changed")) << r.output;
  EXPECT_EQ(ReadAll(Path("state")), trusted);
  FlipByte(Path("export/entries.jsonl"), new_at + 17);

  // The export as written: resumes from 20 and checks the 15 new entries only.
  r = Check(Path("export"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Has(r, "from the trusted checkpoint of size 20")) << r.output;
  EXPECT_TRUE(Has(r, "15 new entries")) << r.output;
  EXPECT_NE(ReadAll(Path("state")).find("\nsize 35\n"), std::string::npos);

  // Another history signed with the same key (every entry differs, and it is longer): a split view.
  Append("b.db", 0, 40, "other");
  ASSERT_EQ(Export("b.db", "other").exit_code, 0);
  r = Check(Path("other"), "state.20");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(Has(r, "split view")) << r.output;

  // A state file that is not one is refused with its line.
  {
    std::ofstream out(Path("bad"));
    out << "hello\n";
  }
  r = Check(Path("export"), "bad");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(Has(r, "state file line 1")) << r.output;
}

TEST_F(LedgerResumeCli, ResumesAgainstARunningServer) {
  Append("a.db", 0, 40);
  ServerProcess server("sqlite:" + Path("a.db"), Path("var"), Path("serve.log"));
  ASSERT_TRUE(server.Start()) << ReadAll(Path("serve.log"));
  auto r = Check(server.BaseUrl());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Has(r, "40 new entries")) << r.output;
  fs::copy_file(Path("state"), Path("state.40"));
  Append("a.db", 40, 55);
  r = Check(server.BaseUrl());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Has(r, "from the trusted checkpoint of size 40")) << r.output;
  EXPECT_TRUE(Has(r, "consistent with the newest checkpoint of size 55; 15 new entries")) << r.output;

  // A checker that trusted another history under the same key (60 entries): the server's log is shorter.
  Append("b.db", 0, 60, "other");
  ASSERT_EQ(Export("b.db", "other").exit_code, 0);
  ASSERT_EQ(Check(Path("other"), "state.other").exit_code, 0);
  r = Check(server.BaseUrl(), "state.other");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(Has(r, "split view")) << r.output;
  // ... and one that trusted the server's own 40 entries but meets another history of 60.
  r = Check(Path("other"), "state.40");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(Has(r, "not consistent with the trusted checkpoint of size 40")) << r.output;
  server.Stop(SIGTERM);
}

}  // namespace
}  // namespace jospar::testing
