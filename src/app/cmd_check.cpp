// jospar check plan [--format text|json|csv] [--lang kk|ru|en] [--year Y] [--periods N] [--db URL]:
// runs every coherence rule on the whole plan and prints the findings. Exit code 0 when there is no
// finding of severity "error", 2 when there is, 1 when the check could not run.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/options.hpp"
#include "core/plan/usecases/coherence.hpp"
#include "formats/csv_write.hpp"
#include "store/open.hpp"
#include "web/context.hpp"
#include "web/i18n.hpp"
#include "web/plan/coherence_format.hpp"

namespace jospar::app {

namespace {

struct CheckCliOptions {
  std::string format = "text";
  std::string lang = "en";
  int year = 0;  // 0: the current UTC year
  int periods = 2;
  std::string db;
};

int RunCheck(const CheckCliOptions& o) {
  auto lang = ParseLang(o.lang);
  if (!lang || (o.format != "text" && o.format != "json" && o.format != "csv")) {
    std::cerr << "jospar check plan: --format is text, json or csv; --lang is kk, ru or en\n";
    return 1;
  }
  auto locales = web::Locales::Load(DefaultResourceDir("locales"));
  if (!locales) {
    std::cerr << "jospar check plan: cannot load the interface strings: " << locales.error().detail << "\n";
    return 1;
  }
  auto store = store::OpenStore(o.db);
  if (!store) {
    std::cerr << "jospar check plan: cannot open the database " << o.db << ": " << store.error().detail
              << "\n";
    return 1;
  }
  coherence::CheckOptions options = web::CheckOptionsAt(SystemClock());
  if (o.year != 0) {
    options.current_year = o.year;
    options.today = std::to_string(o.year) + "-01-01";
  }
  options.lost_periods = o.periods;
  const auto t0 = std::chrono::steady_clock::now();
  auto check = usecases::CheckPlan(**store, options);
  if (!check) {
    std::cerr << "jospar check plan: " << ErrorCodeName(check.error().code) << ": " << check.error().detail
              << "\n";
    return 1;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto& index = *check->index;
  const auto counts = index.CountFindings();
  auto item = [&](const coherence::Finding& f) {
    web::CoherenceItem it{f, index.Label(f.subject), {}, index.DocumentIdOf(f.subject)};
    if (f.related) it.related_label = index.Label(*f.related);
    return it;
  };
  const auto findings = index.Findings();
  if (o.format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& f : findings) items.push_back(web::CoherenceItemJson(item(f), *locales, *lang));
    nlohmann::json j{{"counts", web::CoherenceCountsJson(counts, *locales, *lang)},
                     {"objects", index.object_count()},
                     {"findings", std::move(items)}};
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (o.format == "csv") {
    formats::CsvWriter csv(formats::kSpreadsheetCsv);
    csv.Row(web::CoherenceCsvHeader());
    for (const auto& f : findings) csv.Row(web::CoherenceCsvRow(item(f), *locales, *lang));
    std::cout << csv.str();
  } else {
    for (const auto& f : findings) std::cout << web::CoherenceTextLine(item(f), *locales, *lang) << "\n";
    std::cout << "\n";
    for (const auto& r : coherence::Rules()) {
      const auto n = counts.by_rule[static_cast<int>(r.rule)];
      if (n > 0)
        std::printf("%8lld  %-34s %s\n", static_cast<long long>(n), std::string(r.id).c_str(),
                    std::string(coherence::ToString(r.severity)).c_str());
    }
    std::printf("%lld errors, %lld warnings, %lld information; %zu objects checked in %.2f s\n",
                static_cast<long long>(counts.errors), static_cast<long long>(counts.warnings),
                static_cast<long long>(counts.infos), index.object_count(), secs);
  }
  std::cout.flush();
  return counts.errors > 0 ? 2 : 0;
}

}  // namespace

void AddCheckCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("check", "Checks");
  cmd->require_subcommand(1);
  auto o = std::make_shared<CheckCliOptions>();
  auto* plan = cmd->add_subcommand(
      "plan", "Coherence checks of the whole plan; exit code 2 when a finding of severity error exists");
  plan->add_option("--format", o->format, "text, json or csv")->capture_default_str();
  plan->add_option("--lang", o->lang, "Language of the explanations: kk, ru or en")->capture_default_str();
  plan->add_option("--year", o->year, "The current year (default: now, UTC)");
  plan->add_option("--periods", o->periods, "N of the \"lost\" rules (reporting periods)")
      ->capture_default_str();
  AddStoreOptions(plan, o->db);
  plan->callback([&exit_code, o] { exit_code = RunCheck(*o); });
}

}  // namespace jospar::app
