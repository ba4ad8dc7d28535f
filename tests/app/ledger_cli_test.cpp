// `jospar ledger verify|export|check` as a user runs them: an export checks, any changed byte of it does
// not, two histories signed with one key are reported as a split view, and a running server's public API
// checks with its proofs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <signal.h>
#include "app/app_fixture.hpp"
#include "app/ledger_tools.hpp"
#include "core/audit/decisions.hpp"
#include "store/open.hpp"

namespace jospar::testing {
namespace {

namespace fs = std::filesystem;

ledger::Decision MakeDecision(int i, const std::string& salt = "") {
  ledger::Decision d;
  d.action = i % 3 == 0 ? "create" : "update";
  d.object_kind = "document";
  d.object_id = std::to_string(100 + i);
  d.content_hash = ledger::Sha256("content " + std::to_string(i) + salt);
  d.actor_role = "planner";
  d.time = "2026-11-23T10:00:00Z";
  return d;
}

// Appends decisions [from, to) to the log of the SQLite database `db` (a path).
void Append(const std::string& db, int from, int to, const std::string& salt = "") {
  auto store = store::OpenStore("sqlite:" + db);
  ASSERT_TRUE(store) << store.error().detail;
  for (int i = from; i < to; ++i) {
    auto e = usecases::RecordDecision(**store, MakeDecision(i, salt));
    ASSERT_TRUE(e) << e.error().detail;
  }
}

class LedgerCli : public ::testing::Test {
 protected:
  std::string Path(const std::string& name) const { return dir_.path() + "/" + name; }
  RunResult Export(const std::string& db, const std::string& out) {
    return RunJospar(
        {"ledger", "export", "--db", "sqlite:" + Path(db), "--data-dir", Path("var"), "--out", Path(out)});
  }
  TempDir dir_;
};

TEST_F(LedgerCli, ExportChecksAndOneChangedByteFailsTheCheck) {
  Append(Path("a.db"), 0, 7);
  auto r = Export("a.db", "export");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("7 entries"), std::string::npos) << r.output;
  Append(Path("a.db"), 7, 12);  // a second checkpoint, so that consistency is checked too
  r = Export("a.db", "export");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(Path("export/checkpoints/7.note")));
  EXPECT_TRUE(fs::exists(Path("export/checkpoints/12.note")));
  EXPECT_EQ(ReadAll(Path("export/FORMAT")), "jospar-ledger-export/v1\n");

  r = RunJospar({"ledger", "verify", "--db", "sqlite:" + Path("a.db"), "--data-dir", Path("var")});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("12 entries"), std::string::npos) << r.output;
  r = RunJospar({"ledger", "check", "--from", Path("export")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("12 entries, 2 signed checkpoints"), std::string::npos) << r.output;
  // The key published elsewhere must be the export's.
  r = RunJospar({"ledger", "check", "--from", Path("export"), "--key", Path("var/ledger.pub")});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = RunJospar({"ledger", "check", "--from", Path("export"), "--key", "other+01020304+AQID"});
  EXPECT_EQ(r.exit_code, 2) << r.output;

  // One byte in the middle of entry 5.
  const std::string entries = ReadAll(Path("export/entries.jsonl"));
  const auto at = entries.find("object document 105");
  ASSERT_NE(at, std::string::npos);
  FlipByte(Path("export/entries.jsonl"), at + 17);
  r = RunJospar({"ledger", "check", "--from", Path("export")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("different root hash"), std::string::npos) << r.output;
  FlipByte(Path("export/entries.jsonl"), at + 17);
  EXPECT_EQ(RunJospar({"ledger", "check", "--from", Path("export")}).exit_code, 0);

  // A malformed line is located.
  {
    std::ofstream out(Path("export/entries.jsonl"), std::ios::app);
    out << "{\"index\":12,\"entry\":42}\n";
  }
  r = RunJospar({"ledger", "check", "--from", Path("export")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("entries.jsonl line 13: \"entry\" must be a string"), std::string::npos)
      << r.output;

  // Nothing to read: exit code 1, not a verification failure.
  r = RunJospar({"ledger", "check", "--from", Path("missing")});
  EXPECT_EQ(r.exit_code, 1) << r.output;
}

// Every byte of every file of the export is covered by the check.
TEST_F(LedgerCli, FlippingAnyByteOfAnExportFailsTheCheck) {
  Append(Path("a.db"), 0, 3);
  ASSERT_EQ(Export("a.db", "export").exit_code, 0);
  Append(Path("a.db"), 3, 5);
  ASSERT_EQ(Export("a.db", "export").exit_code, 0);
  app::LedgerCheckOptions o;
  o.from = Path("export");
  ASSERT_TRUE(app::CheckLedger(o));
  int files = 0;
  for (const auto& it : fs::recursive_directory_iterator(Path("export"))) {
    if (!it.is_regular_file()) continue;
    ++files;
    const std::string file = it.path().string();
    const std::size_t size = fs::file_size(file);
    for (std::size_t off = 0; off < size; ++off) {
      FlipByte(file, off);
      auto r = app::CheckLedger(o);
      EXPECT_FALSE(r) << file << " byte " << off << " changed, still verifies";
      if (!r) {
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << file << " byte " << off;
      }
      FlipByte(file, off);
    }
  }
  EXPECT_EQ(files, 5);  // FORMAT, verifier.key, entries.jsonl, checkpoints/3.note, checkpoints/5.note
  EXPECT_TRUE(app::CheckLedger(o));
}

TEST_F(LedgerCli, TwoHistoriesUnderOneKeyAreASplitView) {
  Append(Path("a.db"), 0, 6);
  Append(Path("b.db"), 0, 6, "other");  // same key (data dir), different entries
  ASSERT_EQ(Export("a.db", "a").exit_code, 0);
  ASSERT_EQ(Export("b.db", "b").exit_code, 0);
  auto r = RunJospar({"ledger", "check", "--from", Path("a"), "--checkpoint", Path("b/checkpoints/6.note")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("error.ledger.split_view"), std::string::npos) << r.output;
  // A checkpoint of the same log agrees.
  r = RunJospar({"ledger", "check", "--from", Path("a"), "--checkpoint", Path("a/checkpoints/6.note")});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // Mixing the two logs' checkpoints into one export is caught without any --checkpoint.
  fs::copy_file(Path("b/checkpoints/6.note"), Path("a/checkpoints/6.note"),
                fs::copy_options::overwrite_existing);
  r = RunJospar({"ledger", "check", "--from", Path("a")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

TEST_F(LedgerCli, ChecksARunningServerWithItsProofs) {
  Append(Path("a.db"), 0, 40);
  ServerProcess server("sqlite:" + Path("a.db"), Path("var"), Path("serve.log"));
  ASSERT_TRUE(server.Start()) << ReadAll(Path("serve.log"));
  auto r = RunJospar({"ledger", "check", "--from", server.BaseUrl(), "--proofs", "8"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("40 entries"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("8 inclusion"), std::string::npos) << r.output;
  // The log grows; an earlier checkpoint must be consistent with the new one.
  ASSERT_EQ(Export("a.db", "before").exit_code, 0);
  Append(Path("a.db"), 40, 55);
  r = RunJospar({"ledger", "check", "--from", server.BaseUrl() + "/", "--checkpoint",
                 Path("before/checkpoints/40.note")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("55 entries"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 consistency"), std::string::npos) << r.output;
  // A checkpoint of another history under the same key: the server cannot prove it.
  Append(Path("b.db"), 0, 60, "other");
  ASSERT_EQ(Export("b.db", "other").exit_code, 0);
  r = RunJospar(
      {"ledger", "check", "--from", server.BaseUrl(), "--checkpoint", Path("other/checkpoints/60.note")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("split view"), std::string::npos) << r.output;
  server.Stop(SIGTERM);
}

}  // namespace
}  // namespace jospar::testing
