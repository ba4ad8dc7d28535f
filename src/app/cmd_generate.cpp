// jospar demo generate --documents N --indicators M --seed S [--sdg DIR] [--year Y] [--db URL]: writes a
// reproducible synthetic plan (core/synthetic_plan.hpp) in one transaction.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "app/clock.hpp"
#include "app/commands.hpp"
#include "app/options.hpp"
#include "core/plan/usecases/generate.hpp"
#include "formats/opensdg.hpp"
#include "store/open.hpp"

namespace jospar::app {

namespace {

struct GenerateOptions {
  std::int64_t documents = 1000;
  std::int64_t indicators = 10000;
  std::uint64_t seed = 1;
  int year = 2026;
  std::string prefix = "GEN";
  std::string sdg_dir = std::string(JOSPAR_SOURCE_DIR) + "/data/open-sdg-kz";
  std::string db;
  bool quiet = false;
};

int RunGenerate(const GenerateOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  auto dataset = formats::ReadOpenSdg(o.sdg_dir);
  if (!dataset) {
    std::cerr << "jospar demo generate: cannot read the SDG texts in " << o.sdg_dir << ": "
              << dataset.error().detail << "\nnothing was written\n";
    return 1;
  }
  SyntheticTexts texts = SyntheticTextsFrom(*dataset);
  auto store = store::OpenStore(o.db);
  if (!store) {
    std::cerr << "jospar demo generate: cannot open the database " << o.db << ": " << store.error().detail
              << "\n";
    return 1;
  }
  SyntheticPlanSpec spec;
  spec.documents = o.documents;
  spec.indicators = o.indicators;
  spec.seed = o.seed;
  spec.current_year = o.year;
  spec.code_prefix = o.prefix;
  auto progress = [&](std::int64_t done) {
    if (!o.quiet && done % 20000 == 0)
      std::fprintf(stderr, "  %lld of %lld documents\n", static_cast<long long>(done),
                   static_cast<long long>(o.documents));
  };
  auto report = usecases::GenerateSyntheticPlan(**store, spec, texts, UtcNow(), 2000, progress);
  if (!report) {
    std::cerr << "jospar demo generate: " << ErrorCodeName(report.error().code) << ": "
              << report.error().message_key << " " << report.error().detail;
    for (const auto& f : report.error().fields) std::cerr << " [" << f.field << ": " << f.detail << "]";
    std::cerr << "\nnothing was written\n";
    return 1;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "Synthetic plan (seed %llu, prefix %s): %lld bodies, %lld documents, %lld goals and tasks, %lld "
      "indicators, "
      "%lld actual values, %lld measures, %lld links in %.1f s\n",
      static_cast<unsigned long long>(o.seed), o.prefix.c_str(), static_cast<long long>(report->bodies),
      static_cast<long long>(report->documents), static_cast<long long>(report->goals),
      static_cast<long long>(report->indicators), static_cast<long long>(report->observations),
      static_cast<long long>(report->measures), static_cast<long long>(report->links), secs);
  return 0;
}

}  // namespace

void AddDemoGenerateCommand(CLI::App& demo, int& exit_code) {
  auto o = std::make_shared<GenerateOptions>();
  auto* gen = demo.add_subcommand(
      "generate", "Write a reproducible synthetic plan (tiers, goals, indicators, values, measures, links)");
  gen->add_option("--documents", o->documents, "Number of planning documents")->capture_default_str();
  gen->add_option("--indicators", o->indicators, "Number of indicators, spread over the documents")
      ->capture_default_str();
  gen->add_option("--seed", o->seed, "Seed: the same seed gives the same plan")->capture_default_str();
  gen->add_option("--year", o->year, "The current year of the plan (statuses, actual values)")
      ->capture_default_str();
  gen->add_option("--prefix", o->prefix, "Prefix of every generated code")->capture_default_str();
  gen->add_option("--sdg", o->sdg_dir, "Open SDG folder the texts are drawn from")->capture_default_str();
  gen->add_flag("--quiet", o->quiet, "No progress lines");
  AddStoreOptions(gen, o->db);
  gen->callback([&exit_code, o] { exit_code = RunGenerate(*o); });
}

}  // namespace jospar::app
