// jospar ledger verify|export|check: the transparency log from the command line.
//   verify [--db URL] [--data-dir DIR]       recompute everything from the store
//   export --out DIR [--db URL] [--data-dir DIR]
//                                            the public data only (formats/ledger_public.hpp)
//   check --from URL-or-DIR [--key KEY] [--checkpoint FILE]... [--proofs N] [--state FILE]
//                                            verify with public data only, no database; with --state,
//                                            resume from the checkpoint verified last time
// Exit codes: 0 verified / written, 2 a difference, a split view or malformed input was found (the message
// names the first one), 1 the command could not run (database, folder or server unreachable).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/ledger_tools.hpp"
#include "app/options.hpp"
#include "core/ledger/usecases.hpp"
#include "store/open.hpp"
#include "web/context.hpp"
#include "web/ledger/ledger_key.hpp"

namespace jospar::app {
namespace {

struct LedgerCliOptions {
  std::string db;
  std::string data_dir = "var";
  std::string out;
  std::string from;
  std::string key;
  std::vector<std::string> checkpoint_files;
  std::uint64_t proofs = 16;
  std::string state;
};

int Report(const char* cmd, const Error& e) {
  std::cerr << "jospar ledger " << cmd << ": " << e.message_key << ": " << e.detail << "\n";
  return e.code == ErrorCode::kInvalidInput ? 2 : 1;
}

// The verifier key of the data directory: from ledger.key, else ledger.pub.
Result<ledger::Verifier> DataDirVerifier(const std::string& data_dir) {
  auto v = web::LoadLedgerVerifier(data_dir);
  if (v || v.error().code != ErrorCode::kNotFound) return v;
  const auto pub = std::filesystem::path(data_dir) / "ledger.pub";
  std::ifstream in(pub);
  if (!in)
    return Fail(ErrorCode::kNotFound, "error.not_found",
                "no ledger.key or ledger.pub in the data directory " + data_dir);
  std::string line;
  std::getline(in, line);
  auto parsed = ledger::ParseVerifierKey(line);
  if (!parsed) {
    Error e = parsed.error();
    e.detail = pub.string() + ": " + e.detail;
    return Fail(std::move(e));
  }
  return parsed;
}

int RunVerify(const LedgerCliOptions& o) {
  auto store = store::OpenStore(o.db);
  if (!store) {
    std::cerr << "jospar ledger verify: cannot open the database " << o.db << ": " << store.error().detail
              << "\n";
    return 1;
  }
  auto verifier = DataDirVerifier(o.data_dir);
  if (!verifier) return Report("verify", verifier.error());
  const auto t0 = std::chrono::steady_clock::now();
  auto r = usecases::VerifyStoredLog(**store, *verifier);
  if (!r) return Report("verify", r.error());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "ledger verified: " << r->entries << " entries, " << r->nodes << " nodes, " << r->checkpoints
            << " signed checkpoints recomputed from the store in " << secs << " s\n";
  return 0;
}

int RunExport(const LedgerCliOptions& o) {
  auto store = store::OpenStore(o.db);
  if (!store) {
    std::cerr << "jospar ledger export: cannot open the database " << o.db << ": " << store.error().detail
              << "\n";
    return 1;
  }
  auto key = web::LoadOrCreateLedgerKey(o.data_dir);
  if (!key) return Report("export", key.error());
  auto r = ExportLedger(**store, *key, IsoTime(SystemClock()), o.out);
  if (!r) {
    Error e = r.error();
    if (e.code == ErrorCode::kInvalidInput) e.code = ErrorCode::kInternal;  // nothing the user gave
    return Report("export", e);
  }
  std::cout << "ledger exported to " << o.out << ": " << r->entries << " entries, " << r->checkpoints
            << " signed checkpoints\n";
  return 0;
}

int RunCheck(const LedgerCliOptions& o) {
  LedgerCheckOptions c;
  c.from = o.from;
  c.expected_key = o.key;
  c.proofs = o.proofs;
  c.state_file = o.state;
  if (!c.expected_key.empty() && std::filesystem::is_regular_file(c.expected_key)) {
    std::ifstream in(c.expected_key);
    std::getline(in, c.expected_key);
  }
  for (const auto& f : o.checkpoint_files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::cerr << "jospar ledger check: --checkpoint " << f << ": cannot be read\n";
      return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    c.extra_checkpoints.push_back(ss.str());
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto r = CheckLedger(c);
  if (!r) return Report("check", r.error());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (r->resumed) {
    std::cout << "ledger checked (" << r->origin << ") from the trusted checkpoint of size "
              << r->resume.trusted_size << " in " << o.state
              << ": consistent with the newest checkpoint of size " << r->resume.largest_checkpoint << "; "
              << r->resume.new_entries << " new entries and " << r->resume.checkpoints
              << " newer signed checkpoints checked; state updated; " << secs << " s\n";
    return 0;
  }
  std::cout << "ledger checked (" << r->origin << "): " << r->log.entries << " entries, "
            << r->log.checkpoints << " signed checkpoints consistent up to size "
            << r->log.largest_checkpoint;
  if (r->inclusion_proofs + r->consistency_proofs > 0)
    std::cout << "; the server's proofs verified: " << r->inclusion_proofs << " inclusion, "
              << r->consistency_proofs << " consistency";
  std::cout << "; " << secs << " s\n";
  return 0;
}

}  // namespace

void AddLedgerCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("ledger", "The transparency log: verify, export, check");
  cmd->require_subcommand(1);
  auto o = std::make_shared<LedgerCliOptions>();
  auto data_dir = [&](CLI::App* c) {
    c->add_option("--data-dir", o->data_dir, "Folder of the log's key (ledger.key / ledger.pub)")
        ->envname("JOSPAR_DATA_DIR")
        ->capture_default_str();
  };

  auto* verify = cmd->add_subcommand(
      "verify",
      "Recompute every entry hash, tree node and checkpoint from the store; exit code 2 on any difference");
  AddStoreOptions(verify, o->db);
  data_dir(verify);
  verify->callback([&exit_code, o] { exit_code = RunVerify(*o); });

  auto* exp = cmd->add_subcommand(
      "export",
      "Write the public data (entries, signed checkpoints, verifier key) into a folder; signs the "
      "current checkpoint first");
  exp->add_option("--out", o->out, "The folder to write into (created when missing)")->required();
  AddStoreOptions(exp, o->db);
  data_dir(exp);
  exp->callback([&exit_code, o] { exit_code = RunExport(*o); });

  auto* check = cmd->add_subcommand(
      "check",
      "Verify the log with public data only (an export folder or a server's API): signatures, that the "
      "entries give every signed root, consistency (split view), the server's proofs; exit code 2 on "
      "failure");
  check->add_option("--from", o->from, "An export folder, or the server's base URL (http[s]://HOST[:PORT])")
      ->required();
  check->add_option("--key", o->key,
                    "The verifier key the log must have (NAME+KEYID+BASE64), or a file holding it");
  check->add_option("--checkpoint", o->checkpoint_files,
                    "A signed checkpoint obtained elsewhere, which must be consistent with the log "
                    "(repeatable)");
  check
      ->add_option("--proofs", o->proofs,
                   "From a server: how many inclusion and consistency proofs to fetch and verify")
      ->capture_default_str();
  check->add_option("--state", o->state,
                    "A state file: resume from the checkpoint verified last time (checking the consistency "
                    "proof to the newest checkpoint and only the new entries), then record the newest one; "
                    "created by the first run");
  check->callback([&exit_code, o] { exit_code = RunCheck(*o); });
}

}  // namespace jospar::app
