// `jospar persons retention`: erases now every person account that retention makes due (never confirmed
// 7 days after registration, or not signed in for 3 years); `jospar serve` does the same in the
// background. Prints the counts only.
// `jospar persons rotate-key`: appends a new IIN sealing key to DATA-DIR/iin-seal.keys and re-seals every
// person's IIN with it; `jospar persons reseal`: re-seals with the newest key already there (after a server
// that still held the older keys registered someone). Each prints counts only, never an IIN or a name.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "app/options.hpp"
#include "app/retention_job.hpp"
#include "core/accounts/registration.hpp"
#include "core/base/clock.hpp"
#include "store/open.hpp"
#include "web/accounts/person_vault.hpp"

namespace jospar::app {
namespace {

struct PersonsSettings {
  std::string db_url;
  std::string data_dir = "var";
};

int Retention(const std::string& db_url) {
  auto store = store::OpenStore(db_url);
  if (!store) {
    std::cerr << "jospar persons: " << ErrorCodeName(store.error().code) << ": " << store.error().detail
              << "\n";
    return 1;
  }
  auto report = RunRetention(**store, SystemClock());
  if (!report) {
    std::cerr << "jospar persons retention: " << ErrorCodeName(report.error().code) << ": "
              << report.error().detail << "\n";
    return 1;
  }
  std::cout << "erased " << report->unconfirmed << " never confirmed, " << report->inactive
            << " not signed in for three years\n";
  return 0;
}

int Reseal(const PersonsSettings& s, bool rotate) {
  const char* what = rotate ? "jospar persons rotate-key: " : "jospar persons reseal: ";
  // A data directory without the hash key is not the one the server uses: creating keys there would
  // seal IINs that the server cannot open.
  if (!std::filesystem::exists(std::filesystem::path(s.data_dir) / "iin-hash.key")) {
    std::cerr << what << s.data_dir
              << "/iin-hash.key is missing: --data-dir must be the server's data folder\n";
    return 2;
  }
  auto store = store::OpenStore(s.db_url);
  if (!store) {
    std::cerr << what << ErrorCodeName(store.error().code) << ": " << store.error().detail << "\n";
    return 1;
  }
  if (rotate) {
    auto id = web::PersonKeys::RotateSealKey(s.data_dir);
    if (!id) {
      std::cerr << what << id.error().detail << "\n";
      return 1;
    }
    std::cout << "new sealing key " << *id << " appended to " << s.data_dir << "/iin-seal.keys\n";
  }
  auto keys = web::PersonKeys::Load(s.data_dir);
  if (!keys) {
    std::cerr << what << keys.error().detail << "\n";
    return 1;
  }
  const PersonVault vault = (*keys)->Vault();
  auto n = accounts::ResealIins(**store, vault);
  if (!n) {
    std::cerr << what << ErrorCodeName(n.error().code) << ": " << n.error().message_key << " ("
              << n.error().detail << ")\n";
    return 1;
  }
  std::cout << "re-sealed " << *n << " IIN(s) with key " << vault.current_key_id
            << "; every IIN is now sealed with it\n";
  return 0;
}

}  // namespace

void AddPersonsCommand(CLI::App& cli, int& exit_code) {
  auto* persons = cli.add_subcommand("persons", "Person accounts: the keys of their IINs, and retention");
  persons->require_subcommand(1);
  auto s = std::make_shared<PersonsSettings>();
  const auto add = [&](const char* name, const char* help, bool rotate) {
    auto* cmd = persons->add_subcommand(name, help);
    AddStoreOptions(cmd, s->db_url);
    cmd->add_option("--data-dir", s->data_dir, "The server's data folder (iin-hash.key, iin-seal.keys)")
        ->envname("JOSPAR_DATA_DIR")
        ->capture_default_str();
    cmd->callback([s, rotate, &exit_code] { exit_code = Reseal(*s, rotate); });
  };
  add("rotate-key", "Append a new IIN sealing key and re-seal every IIN with it", true);
  add("reseal", "Re-seal every IIN not sealed with the newest key (after a server restart)", false);
  auto db_url = std::make_shared<std::string>();
  auto* retention = persons->add_subcommand(
      "retention", "Erase the person accounts that are due (unconfirmed after 7 days, unused for 3 years)");
  AddStoreOptions(retention, *db_url);
  retention->callback([db_url, &exit_code] { exit_code = Retention(*db_url); });
}

}  // namespace jospar::app
