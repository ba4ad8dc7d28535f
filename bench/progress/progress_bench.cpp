// Benchmark of the progress roll-up (core/progress.hpp: RollUpProgress) over a whole plan.
//
//   jospar_progress_bench [--documents N] [--indicators M] [--seed S] [--db URL] [--json FILE]
//
// Without --db it builds a reproducible synthetic plan in memory (N documents in five tiers, three goals
// and a task each, M indicators with baselines, targets in 2025..2035, 2..8 yearly actuals with gaps, some
// with no actuals of their own that take another indicator's, SDG links) and times, in the same run:
//   - Jospar: RollUpProgress (every indicator assessed, counts per goal, document, body and SDG goal);
//   - baseline: the same status rule written as one SQL query with GROUP BY in SQLite (in memory, the
//     table already holding each indicator with its latest actual, indexes built; counts per document and
//     per body only, no goals, no SDG goals, no feeding between indicators: less work than Jospar's).
// With --db it loads the plan through the store (Tx::LoadPlanOutline) and prints the load time as the
// baseline instead. Each figure is the median of three runs. Peak RSS is printed.
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/plan/progress.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/progress.hpp"
#include "store/open.hpp"

namespace {

using namespace jospar;
using Clock = std::chrono::steady_clock;

// CPU time of this thread, in seconds (the machine is shared: wall time includes waiting for a core).
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

ProgressPlan Synthetic(int documents, int indicators, unsigned seed) {
  std::mt19937_64 rng(seed);
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
  ProgressPlan p;
  // SDG: 17 goals (ids 1..17), 169 targets (ids 100..268).
  for (int g = 1; g <= 17; ++g) p.sdg.push_back({g, std::nullopt});
  for (int t = 0; t < 169; ++t) p.sdg.push_back({100 + t, Id{1 + t % 17}});
  Id next_link = 1;
  Id next_goal = 1;
  p.documents.reserve(static_cast<std::size_t>(documents));
  p.goals.reserve(static_cast<std::size_t>(documents) * 4);
  for (int d = 1; d <= documents; ++d) {
    const int tier = d <= 1 ? 1 : d <= 20 ? 2 : d <= 2000 ? 3 : d <= 40000 ? 4 : 5;
    p.documents.push_back({d, static_cast<Tier>(tier)});
    for (int g = 0; g < 3; ++g) {
      const Id goal = next_goal++;
      p.goals.push_back({goal, d, std::nullopt});
      if (g == 0) p.goals.push_back({next_goal++, d, goal});  // a task
      if (pick(0, 9) == 0)
        p.links.push_back(
            {next_link++, {ObjectKind::kGoal, goal}, {ObjectKind::kSdgTarget, 100 + pick(0, 168)}});
    }
  }
  const int goals = static_cast<int>(p.goals.size());
  p.indicators.reserve(static_cast<std::size_t>(indicators));
  for (int i = 1; i <= indicators; ++i) {
    ProgressPlan::Ind ind;
    ind.id = i;
    ind.goal_id = p.goals[static_cast<std::size_t>((i - 1) % goals)].id;
    if (pick(0, 4) == 0) ind.sdg_target_id = 100 + pick(0, 168);
    ind.body_id = 1 + pick(0, 199);
    const int dir = pick(0, 9);
    ind.basis.direction = dir < 6 ? Direction::kIncrease : dir < 9 ? Direction::kDecrease : Direction::kKeep;
    const int by = pick(2015, 2020);
    const double bv = uni(1, 1000);
    if (pick(0, 19) != 0) {
      ind.basis.baseline_year = by;
      ind.basis.baseline_value = bv;
    }
    if (pick(0, 19) != 0) {
      ind.basis.target_year = pick(2025, 2035);
      ind.basis.target_value =
          bv * (ind.basis.direction == Direction::kDecrease ? uni(0.5, 0.95) : uni(1.05, 2.0));
    }
    const bool fed = pick(0, 19) == 0 && i > 1;
    if (fed) {
      p.links.push_back({next_link++, {ObjectKind::kIndicator, i}, {ObjectKind::kIndicator, pick(1, i - 1)}});
    } else {
      const int n = pick(2, 8);
      double v = bv;
      for (int y = by; y < by + n; ++y) {
        v *= uni(0.95, 1.08);
        if (pick(0, 6) != 0) ind.actuals.push_back({y, v});
      }
    }
    if (pick(0, 49) == 0)
      p.links.push_back({next_link++,
                         {ObjectKind::kIndicator, i},
                         {ObjectKind::kGoal, p.goals[static_cast<std::size_t>(pick(0, goals - 1))].id}});
    p.indicators.push_back(std::move(ind));
  }
  return p;
}

// The SQL baseline. Returns the median CPU seconds of the GROUP BY queries, or a negative number on error.
double SqlBaseline(const ProgressPlan& p, std::int64_t& rows_out) {
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  auto exec = [&](const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::fprintf(stderr, "sqlite: %s\n", err ? err : "?");
      sqlite3_free(err);
      return false;
    }
    return true;
  };
  exec(
      "CREATE TABLE ind (id INTEGER PRIMARY KEY, doc INTEGER, body INTEGER, d INTEGER, by INTEGER, bv REAL, "
      "ty INTEGER, tv REAL, cy INTEGER, cv REAL)");
  exec("BEGIN");
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO ind VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &ins, nullptr);
  std::vector<Id> doc_of_goal(p.goals.size() + 2, 0);
  for (const auto& g : p.goals)
    if (static_cast<std::size_t>(g.id) < doc_of_goal.size())
      doc_of_goal[static_cast<std::size_t>(g.id)] = g.document_id;
  for (const auto& ind : p.indicators) {
    const ActualPoint* latest = nullptr;
    for (const auto& a : ind.actuals)
      if (ind.basis.baseline_year && a.year > *ind.basis.baseline_year && (!latest || a.year >= latest->year))
        latest = &a;
    sqlite3_bind_int64(ins, 1, ind.id);
    sqlite3_bind_int64(ins, 2, ind.goal_id ? doc_of_goal[static_cast<std::size_t>(*ind.goal_id)] : 0);
    sqlite3_bind_int64(ins, 3, ind.body_id.value_or(0));
    sqlite3_bind_int(ins, 4, ind.basis.direction == Direction::kDecrease ? -1 : 1);
    auto opt_i = [&](int col, std::optional<int> v) {
      v ? sqlite3_bind_int(ins, col, *v) : sqlite3_bind_null(ins, col);
    };
    auto opt_d = [&](int col, std::optional<double> v) {
      v ? sqlite3_bind_double(ins, col, *v) : sqlite3_bind_null(ins, col);
    };
    opt_i(5, ind.basis.baseline_year);
    opt_d(6, ind.basis.baseline_value);
    opt_i(7, ind.basis.target_year);
    opt_d(8, ind.basis.target_value);
    opt_i(9, latest ? std::optional<int>(latest->year) : std::nullopt);
    opt_d(10, latest ? std::optional<double>(latest->value) : std::nullopt);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  exec("COMMIT");
  exec("CREATE INDEX ix_doc ON ind (doc)");
  exec("CREATE INDEX ix_body ON ind (body)");
  const char* status_sql =
      "CASE WHEN bv IS NULL OR tv IS NULL OR cy IS NULL OR ty <= by THEN 5 "
      "WHEN (d > 0 AND cv >= tv) OR (d < 0 AND cv <= tv) THEN 0 "
      "ELSE (SELECT CASE WHEN r >= 0.95 THEN 1 WHEN r >= 0.6 THEN 2 WHEN r >= 0 THEN 3 ELSE 4 END FROM "
      "(SELECT d * (pow(cv / bv, 1.0 / (cy - by)) - 1) / abs(pow(tv / bv, 1.0 / (ty - by)) - 1) AS r)) END";
  const std::string by_doc = std::string("SELECT doc, st, count(*) FROM (SELECT doc, ") + status_sql +
                             " AS st FROM ind) GROUP BY doc, st";
  const std::string by_body = std::string("SELECT body, st, count(*) FROM (SELECT body, ") + status_sql +
                              " AS st FROM ind) GROUP BY body, st";
  std::vector<double> times;
  for (int run = 0; run < 3; ++run) {
    std::int64_t rows = 0;
    const double t0 = CpuSeconds();
    for (const std::string& sql : {by_doc, by_body}) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        sqlite3_close(db);
        return -1;
      }
      while (sqlite3_step(st) == SQLITE_ROW) ++rows;
      sqlite3_finalize(st);
    }
    times.push_back(CpuSeconds() - t0);
    rows_out = rows;
  }
  sqlite3_close(db);
  return Median(times);
}

}  // namespace

int main(int argc, char** argv) {
  int documents = 100000, indicators = 1000000;
  unsigned seed = 42;
  std::string db_url, json_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--documents")
      documents = std::atoi(v.c_str());
    else if (k == "--indicators")
      indicators = std::atoi(v.c_str());
    else if (k == "--seed")
      seed = static_cast<unsigned>(std::atoi(v.c_str()));
    else if (k == "--db")
      db_url = v;
    else if (k == "--json")
      json_path = v;
  }

  ProgressPlan plan;
  double baseline = -1;
  std::string baseline_name;
  std::int64_t sql_rows = 0;
  const auto tb0 = Clock::now();
  if (!db_url.empty()) {
    auto store = store::OpenStore(db_url);
    if (!store) {
      std::fprintf(stderr, "cannot open %s: %s\n", db_url.c_str(), store.error().detail.c_str());
      return 1;
    }
    std::vector<double> loads;
    for (int run = 0; run < 3; ++run) {
      const auto t0 = Clock::now();
      auto tx = (*store)->Begin(TxMode::kRead);
      if (!tx) return 1;
      auto outline = (*tx)->plan().LoadPlanOutline();
      if (!outline) return 1;
      plan = usecases::ToProgressPlan(*outline);
      loads.push_back(Seconds(t0, Clock::now()));
    }
    baseline = Median(loads);
    baseline_name = "load the plan from the database (Tx::LoadPlanOutline + ToProgressPlan)";
  } else {
    plan = Synthetic(documents, indicators, seed);
  }
  const double build = Seconds(tb0, Clock::now());
  std::size_t points = 0;
  for (const auto& ind : plan.indicators) points += ind.actuals.size();
  std::printf(
      "progress: plan of %zu documents, %zu goals, %zu indicators, %zu actual values, %zu links "
      "(%s in %.2f s)\n",
      plan.documents.size(), plan.goals.size(), plan.indicators.size(), points, plan.links.size(),
      db_url.empty() ? "generated" : "loaded", build);

  std::vector<double> times, cpu;
  ProgressRollup r;
  for (int run = 0; run < 3; ++run) {
    const auto t0 = Clock::now();
    const double c0 = CpuSeconds();
    r = RollUpProgress(plan);
    cpu.push_back(CpuSeconds() - c0);
    times.push_back(Seconds(t0, Clock::now()));
  }
  const double rollup = Median(times);
  const double rollup_cpu = Median(cpu);
  std::printf(
      "progress: roll-up of the whole plan %.3f s wall, %.3f s CPU (median of 3; wall runs %.3f %.3f %.3f; "
      "target < 1 s)\n",
      rollup, rollup_cpu, times[0], times[1], times[2]);
  double load1 = 0;
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &load1) != 1) load1 = 0;
    std::fclose(f);
  }
  std::printf("progress: machine load average %.1f (other processes compete for the cores)\n", load1);
  std::printf("progress: statuses");
  for (ProgressStatus s : kProgressStatuses)
    std::printf(" %s=%lld", std::string(ToString(s)).c_str(), static_cast<long long>(r.overall.Count(s)));
  std::printf("; %zu goals, %zu documents, %zu bodies, %zu SDG goals rolled up\n", r.goals.size(),
              r.documents.size(), r.bodies.size(), r.sdg_goals.size());

  if (db_url.empty()) {
    baseline = SqlBaseline(plan, sql_rows);
    baseline_name =
        "SQLite GROUP BY of the same status rule per document and per body (in memory, latest actual "
        "precomputed, indexed; no goals, SDG goals or feeding)";
  }
  std::printf("progress: baseline %.3f s%s: %s\n", baseline, db_url.empty() ? " CPU" : " wall",
              baseline_name.c_str());
  const long rss = PeakRssMb();
  std::printf("progress: peak RSS %ld MB\n", rss);

  if (!json_path.empty()) {
    std::ofstream out(json_path);
    out << "{\n  \"documents\": " << plan.documents.size()
        << ",\n  \"indicators\": " << plan.indicators.size() << ",\n  \"actual_values\": " << points
        << ",\n  \"rollup_seconds\": " << rollup << ",\n  \"rollup_runs\": [" << times[0] << ", " << times[1]
        << ", " << times[2] << "]"
        << ",\n  \"rollup_cpu_seconds\": " << rollup_cpu << ",\n  \"load_average\": " << load1
        << ",\n  \"baseline_measure\": \"" << (db_url.empty() ? "cpu" : "wall") << "\""
        << ",\n  \"target_seconds\": 1"
        << ",\n  \"baseline_seconds\": " << baseline << ",\n  \"baseline\": \"" << baseline_name << "\""
        << ",\n  \"peak_rss_mb\": " << rss << "\n}\n";
  }
  return 0;
}
