// jospar demo load [--file PLAN.yml] [--db URL]: loads the demo plan (idempotent, one transaction).
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "app/clock.hpp"
#include "app/commands.hpp"
#include "app/options.hpp"
#include "core/plan/usecases/demo.hpp"
#include "formats/demo_plan.hpp"
#include "store/open.hpp"

namespace jospar::app {

namespace {

void PrintCounts(const char* what, const usecases::ImportCounts& c) {
  std::printf("  %-11s %5lld inserted %5lld updated %5lld unchanged\n", what,
              static_cast<long long>(c.inserted), static_cast<long long>(c.updated),
              static_cast<long long>(c.unchanged));
}

int RunLoad(const std::string& file, const std::string& db_url) {
  auto seed = formats::ReadPlanSeed(file);
  if (!seed) {
    std::cerr << "jospar demo load: " << seed.error().detail << "\nnothing was loaded\n";
    return 1;
  }
  auto store = store::OpenStore(db_url);
  if (!store) {
    std::cerr << "jospar demo load: cannot open the database " << db_url << ": " << store.error().detail
              << "\n";
    return 1;
  }
  auto report = usecases::LoadPlanSeed(**store, *seed, UtcNow());
  if (!report) {
    std::cerr << "jospar demo load: " << ErrorCodeName(report.error().code) << ": " << report.error().detail;
    for (const auto& f : report.error().fields) std::cerr << " [" << f.field << ": " << f.message_key << "]";
    std::cerr << "\nnothing was loaded\n";
    return 1;
  }
  for (const auto& w : report->warnings) std::cerr << "warning: " << w << "\n";
  std::printf("Demo plan from %s\n", file.c_str());
  PrintCounts("bodies", report->bodies);
  PrintCounts("documents", report->documents);
  PrintCounts("goals", report->goals);
  PrintCounts("indicators", report->indicators);
  PrintCounts("measures", report->measures);
  PrintCounts("links", report->links);
  std::printf("  history entries %lld, warnings %zu, changes %lld\n",
              static_cast<long long>(report->history_entries), report->warnings.size(),
              static_cast<long long>(report->Changes()));
  return 0;
}

}  // namespace

void AddDemoCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("demo", "Demo content");
  cmd->require_subcommand(1);
  auto* load = cmd->add_subcommand(
      "load", "Load the demo plan: real planning documents of Kazakhstan with illustrative numbers marked");
  auto file = std::make_shared<std::string>(std::string(JOSPAR_SOURCE_DIR) + "/data/demo/plan.yml");
  auto db = std::make_shared<std::string>();
  load->add_option("--file", *file, "The plan seed (YAML)")->capture_default_str();
  AddStoreOptions(load, *db);
  load->callback([&exit_code, file, db] { exit_code = RunLoad(*file, *db); });
  AddDemoGenerateCommand(*cmd, exit_code);
}

}  // namespace jospar::app
