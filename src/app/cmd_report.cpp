// jospar report progress|burden|simplification [--format csv|json] [--year Y] [--db URL]: the progress
// statuses, the reporting burden per state body and the simplification candidates, as the portal's pages
// and the API show them, for scripts and spreadsheets. Exit code 0, or 1 when the report could not be made.
#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "analytics/title_similarity.hpp"
#include "app/commands.hpp"
#include "app/options.hpp"
#include "core/base/clock.hpp"
#include "core/plan/usecases/progress.hpp"
#include "formats/csv_write.hpp"
#include "store/open.hpp"

namespace jospar::app {

namespace {

struct ReportOptions {
  std::string format = "csv";
  int year = 0;  // 0: the current UTC year
  std::string db;
};

int CurrentUtcYear() { return UtcYear(SystemClock()); }

// The reports are read as the system (an administrator without a name): what planners see.
Principal System() {
  Principal p;
  p.name = "report";
  p.role = Role::kAdmin;
  return p;
}

template <class T>
nlohmann::json Opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

void Print(const std::string& format, const std::vector<std::string>& header,
           const std::vector<std::vector<nlohmann::json>>& rows) {
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) {
      nlohmann::json o = nlohmann::json::object();
      for (std::size_t i = 0; i < header.size(); ++i) o[header[i]] = r[i];
      out.push_back(std::move(o));
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  formats::CsvWriter csv(formats::kSpreadsheetCsv);
  csv.Row(header);
  for (const auto& r : rows) {
    std::vector<std::string> fields;
    for (const auto& v : r)
      fields.push_back(v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.dump());
    csv.Row(fields);
  }
  std::cout << csv.str();
}

int Report(const std::string& what, const ReportOptions& o) {
  const std::string name = "jospar report " + what;
  if (o.format != "csv" && o.format != "json") {
    std::cerr << name << ": --format is csv or json\n";
    return 1;
  }
  if (o.year != 0 && (o.year < 1900 || o.year > 2200)) {
    std::cerr << name << ": --year is between 1900 and 2200\n";
    return 1;
  }
  auto store = store::OpenStore(o.db);
  if (!store) {
    std::cerr << name << ": cannot open the database " << o.db << ": " << store.error().detail << "\n";
    return 1;
  }
  auto fail = [&](const Error& e) {
    std::cerr << name << ": " << ErrorCodeName(e.code) << ": " << e.detail << "\n";
    return 1;
  };
  std::vector<std::vector<nlohmann::json>> rows;
  if (what == "progress") {
    auto v = usecases::LoadProgress(**store, {});
    if (!v) return fail(v.error());
    for (std::size_t i = 0; i < v->outline.indicators.size(); ++i) {
      const Indicator& ind = v->outline.indicators[i];
      const ProgressAssessment& a = v->rollup.indicators[i].assessment;
      rows.push_back({ind.id, ind.code, std::string(ToString(a.status)), std::string(ToString(a.reason)),
                      Opt(a.base_year), Opt(a.base_value), Opt(a.current_year), Opt(a.current_value),
                      Opt(ind.target_year), Opt(ind.target_value), Opt(a.observed_rate), Opt(a.needed_rate),
                      Opt(a.ratio)});
    }
    Print(o.format,
          {"indicator_id", "indicator_code", "status", "no_data_reason", "base_year", "base_value",
           "latest_year", "latest_value", "target_year", "target_value", "observed_rate", "needed_rate",
           "ratio"},
          rows);
    return 0;
  }
  BurdenOptions options;
  options.year = o.year != 0 ? o.year : CurrentUtcYear();
  const analytics::TitleSimilarity finder;
  if (what == "burden") {
    auto v = usecases::BurdenOverview(**store, System(), options, &finder);
    if (!v) return fail(v.error());
    std::map<Id, std::string> codes;
    for (const auto& b : v->outline.bodies) codes[b.id] = b.code;
    for (const auto& b : v->bodies)
      rows.push_back({b.body_id, codes[b.body_id], b.indicators, b.fed_indicators, b.measures,
                      b.ReportsInYear(), static_cast<std::int64_t>(b.repeats.size())});
    Print(o.format,
          {"body_id", "body_code", "indicators", "fed_indicators", "measures", "reports_due_in_year",
           "repeated_values"},
          rows);
    return 0;
  }
  auto v = usecases::Simplifications(**store, System(), options, &finder);
  if (!v) return fail(v.error());
  for (const auto& c : v->candidates)
    rows.push_back({std::string(ToString(c.kind)), std::string(ToString(c.object.kind)), c.object.id,
                    Opt(c.keep_id), c.reports_saved});
  Print(o.format, {"kind", "object_kind", "object_id", "keep_id", "reports_saved_per_year"}, rows);
  return 0;
}

}  // namespace

void AddReportCommand(CLI::App& cli, int& exit_code) {
  auto* cmd =
      cli.add_subcommand("report", "Progress, reporting burden and simplification reports (CSV or JSON)");
  cmd->require_subcommand(1);
  for (const char* what : {"progress", "burden", "simplification"}) {
    auto o = std::make_shared<ReportOptions>();
    const std::string w = what;
    auto* sub = cmd->add_subcommand(
        w, w == "progress" ? "Every indicator's progress status (Open SDG method) and the numbers behind it"
           : w == "burden" ? "Per state body: indicators, measures, reports due in the year, repeated values"
                           : "Candidates to remove or merge, with the reports a year each would spare");
    sub->add_option("--format", o->format, "csv or json")->capture_default_str();
    if (w != "progress")
      sub->add_option("--year", o->year, "The calendar year (default: the current one, UTC)");
    AddStoreOptions(sub, o->db);
    sub->callback([&exit_code, o, w] { exit_code = Report(w, *o); });
  }
}

}  // namespace jospar::app
