// `jospar persons retention`: erases now every person account that retention makes due (never confirmed
// 7 days after registration, or not signed in for 3 years); `jospar serve` does the same in the
// background. Prints the counts only.
#include <iostream>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "app/options.hpp"
#include "app/retention_job.hpp"
#include "core/base/clock.hpp"
#include "store/open.hpp"

namespace jospar::app {
namespace {

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

}  // namespace

void AddPersonsCommand(CLI::App& cli, int& exit_code) {
  auto* persons = cli.add_subcommand("persons", "Person accounts and their personal data");
  persons->require_subcommand(1);
  auto db_url = std::make_shared<std::string>();
  auto* retention = persons->add_subcommand(
      "retention", "Erase the person accounts that are due (unconfirmed after 7 days, unused for 3 years)");
  AddStoreOptions(retention, *db_url);
  retention->callback([db_url, &exit_code] { exit_code = Retention(*db_url); });
}

}  // namespace jospar::app
