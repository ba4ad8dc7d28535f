// jospar import open-sdg DIR [--db URL]: reads an Open SDG repository and imports it in one transaction.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>

#include "app/clock.hpp"
#include "app/commands.hpp"
#include "app/options.hpp"
#include "core/plan/usecases/import_opensdg.hpp"
#include "formats/opensdg.hpp"
#include "store/open.hpp"

namespace jospar::app {

namespace {

// Draws "[#####.....]  45%  125/277" on stderr, redrawn in place; only called when stderr is a terminal.
class ProgressBar {
 public:
  void Draw(std::int64_t done, std::int64_t total) {
    int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
    if (percent == last_percent_ && done != total) return;
    last_percent_ = percent;
    constexpr int kWidth = 30;
    std::string bar(static_cast<size_t>(percent * kWidth / 100), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\rimport [%s] %3d%%  %lld/%lld", bar.c_str(), percent, static_cast<long long>(done),
                 static_cast<long long>(total));
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  int last_percent_ = -1;
};

void PrintCounts(const char* what, const usecases::ImportCounts& c) {
  std::printf("  %-13s %7lld inserted %7lld updated %7lld unchanged\n", what,
              static_cast<long long>(c.inserted), static_cast<long long>(c.updated),
              static_cast<long long>(c.unchanged));
}

int RunOpenSdg(const std::string& dir, const std::string& db_url) {
  auto started = std::chrono::steady_clock::now();
  auto dataset = formats::ReadOpenSdg(dir);
  if (!dataset) {
    std::cerr << "jospar import: " << dataset.error().detail << "\nnothing was imported\n";
    return 1;
  }
  double read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& w : dataset->warnings) std::cerr << "warning: " << w << "\n";
  auto store = store::OpenStore(db_url);
  if (!store) {
    std::cerr << "jospar import: cannot open the database " << db_url << ": " << store.error().detail << "\n";
    return 1;
  }
  ProgressBar bar;
  usecases::ImportProgress progress;
  if (isatty(STDERR_FILENO))
    progress = [&bar](std::int64_t done, std::int64_t total) { bar.Draw(done, total); };
  auto report = usecases::ImportOpenSdg(**store, *dataset, UtcNow(), progress);
  if (!report) {
    std::cerr << "jospar import: " << ErrorCodeName(report.error().code) << ": " << report.error().detail;
    for (const auto& f : report.error().fields) std::cerr << " [" << f.field << ": " << f.message_key << "]";
    std::cerr << "\nnothing was imported from " << dir << "\n";
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("Open SDG import from %s\n", dir.c_str());
  PrintCounts("SDG goals", report->goals);
  PrintCounts("SDG targets", report->targets);
  PrintCounts("indicators", report->indicators);
  PrintCounts("code names", report->code_names);
  PrintCounts("observations", report->observations);
  std::printf("  history entries %lld, warnings %lld, changes %lld; read %.2f s, total %.2f s\n",
              static_cast<long long>(report->history_entries), static_cast<long long>(report->warnings),
              static_cast<long long>(report->Changes()), read_seconds, seconds);
  return 0;
}

}  // namespace

void AddImportCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("import", "Import outside data into the database");
  cmd->require_subcommand(1);
  auto* sdg = cmd->add_subcommand("open-sdg", "Import an Open SDG data repository (all or nothing)");
  auto dir = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>();
  sdg->add_option("DIR", *dir, "The repository: data/, meta/, translations/")->required();
  AddStoreOptions(sdg, *db);
  sdg->callback([&exit_code, dir, db] { exit_code = RunOpenSdg(*dir, *db); });
}

}  // namespace jospar::app
