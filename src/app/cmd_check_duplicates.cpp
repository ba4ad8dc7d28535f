// jospar check duplicates [--kind indicator|goal|document] [--format text|json|csv] [--min-score S]
// [--limit N] [--db URL]: the open near-duplicate pairs, highest score first (exit 0; 1 when the check could
// not run). Runs as the local operator (planner rights): it only reads.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "analytics/title_similarity.hpp"
#include "app/clock.hpp"
#include "app/commands.hpp"
#include "app/options.hpp"
#include "core/plan/usecases/duplicates.hpp"
#include "formats/csv_write.hpp"
#include "store/open.hpp"

namespace jospar::app {

namespace {

struct DupOptions {
  std::string kind = "indicator";
  std::string format = "text";
  double min_score = 0.25;
  int limit = 500;
  std::string db;
};

std::string Joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

int Run(const DupOptions& o) {
  auto kind = ParseDuplicateKind(o.kind);
  if (!kind || (o.format != "text" && o.format != "json" && o.format != "csv")) {
    std::cerr
        << "jospar check duplicates: --kind is indicator, goal or document; --format is text, json or csv\n";
    return 1;
  }
  auto store = store::OpenStore(o.db);
  if (!store) {
    std::cerr << "jospar check duplicates: cannot open the database " << o.db << ": " << store.error().detail
              << "\n";
    return 1;
  }
  analytics::SimilarityOptions so;
  so.min_score = o.min_score;
  analytics::TitleSimilarity finder(so);
  usecases::Caller caller{Principal{0, "cli", Role::kPlanner, std::nullopt}, UtcNow()};
  auto list = usecases::ListDuplicates(**store, caller, finder, *kind, 0, o.limit);
  if (!list) {
    std::cerr << "jospar check duplicates: " << ErrorCodeName(list.error().code) << ": "
              << list.error().detail << "\n";
    return 1;
  }
  auto title = [](const Text& t) { return t.Pick(Lang::kEn).text; };
  if (o.format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : list->items)
      items.push_back({{"a",
                        {{"id", c.a_id},
                         {"code", c.a_code},
                         {"title", {{"kk", c.a_title.kk}, {"ru", c.a_title.ru}, {"en", c.a_title.en}}}}},
                       {"b",
                        {{"id", c.b_id},
                         {"code", c.b_code},
                         {"title", {{"kk", c.b_title.kk}, {"ru", c.b_title.ru}, {"en", c.b_title.en}}}}},
                       {"score", c.score},
                       {"shared_terms", c.shared_terms}});
    nlohmann::json out{{"kind", o.kind}, {"total", list->total}, {"items", items}};
    std::cout << out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else if (o.format == "csv") {
    std::cout << "score,a_id,a_code,a_title,b_id,b_code,b_title,shared_terms\r\n";
    for (const auto& c : list->items)
      std::cout << c.score << "," << c.a_id << "," << formats::CsvField(c.a_code, formats::kSpreadsheetCsv)
                << "," << formats::CsvField(title(c.a_title), formats::kSpreadsheetCsv) << "," << c.b_id
                << "," << formats::CsvField(c.b_code, formats::kSpreadsheetCsv) << ","
                << formats::CsvField(title(c.b_title), formats::kSpreadsheetCsv) << ","
                << formats::CsvField(Joined(c.shared_terms, " "), formats::kSpreadsheetCsv) << "\r\n";
  } else {
    for (const auto& c : list->items) {
      std::printf("%.3f  %s #%lld  =  %s #%lld\n", c.score, c.a_code.c_str(), static_cast<long long>(c.a_id),
                  c.b_code.c_str(), static_cast<long long>(c.b_id));
      std::printf("       A: %s\n       B: %s\n", title(c.a_title).c_str(), title(c.b_title).c_str());
      if (!c.shared_terms.empty()) std::printf("       shared: %s\n", Joined(c.shared_terms, ", ").c_str());
    }
    std::printf("%lld open %s pairs\n", static_cast<long long>(list->total), o.kind.c_str());
  }
  return 0;
}

}  // namespace

void AddCheckDuplicatesCommand(CLI::App& cli, int& exit_code) {
  CLI::App* check = nullptr;
  for (CLI::App* sub : cli.get_subcommands([](CLI::App* a) { return a->get_name() == "check"; })) check = sub;
  if (check == nullptr) {
    check = cli.add_subcommand("check", "Checks");
    check->require_subcommand(1);
  }
  auto o = std::make_shared<DupOptions>();
  auto* cmd = check->add_subcommand("duplicates",
                                    "Near-duplicate indicators, goals or documents, highest score first");
  cmd->add_option("--kind", o->kind, "indicator, goal or document")->capture_default_str();
  cmd->add_option("--format", o->format, "text, json or csv")->capture_default_str();
  cmd->add_option("--min-score", o->min_score, "Lowest score listed (0..1)")->capture_default_str();
  cmd->add_option("--limit", o->limit, "At most this many pairs (1..500)")->capture_default_str();
  AddStoreOptions(cmd, o->db);
  cmd->callback([&exit_code, o] { exit_code = Run(*o); });
}

}  // namespace jospar::app
