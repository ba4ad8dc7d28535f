// Coherence benchmark (issue 3, section 6): on a plan made by `jospar demo generate` (100,000 documents,
// 1,000,000 indicators), the full coherence check (target < 5 s) with its memory, and the incremental
// re-check after one edit (target < 50 ms), each beside a baseline measured in the same run:
// - full check: the time to load the snapshot alone (the store's part, no rule run), printed separately,
//   so the rules' own time is the difference; scripts/bench (bench/coherence.sh) adds plain SQL scans
//   answering two of the same questions with the sqlite3 shell;
// - incremental: the same edits followed by a full check would cost the full check's time (the baseline),
//   and the edit's own write transaction is printed beside the re-check.
// Usage: jospar_coherence_bench --db sqlite:PATH [--edits N] [--json FILE]
//        [--generate-documents N --generate-indicators M --sdg DIR]   (writes the plan first, like
//        `jospar demo generate --seed 42`, when the database has none)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/plan/coherence.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/coherence.hpp"
#include "core/plan/usecases/generate.hpp"
#include "core/plan/usecases/plan.hpp"
#include "formats/opensdg.hpp"
#include "store/open.hpp"

using namespace jospar;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

long RssKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field));
  return 0;
}

// CPU time of the whole process (every thread), user + system, in ms.
double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  double a = 0, b = 0, c = 0;
  in >> a >> b >> c;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f %.2f %.2f", a, b, c);
  return buf;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, json_path, sdg;
  int edits = 20;
  std::int64_t gen_docs = 0, gen_inds = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--db")
      db = argv[i + 1];
    else if (a == "--edits")
      edits = std::atoi(argv[i + 1]);
    else if (a == "--json")
      json_path = argv[i + 1];
  }
  if (db.empty()) {
    std::fprintf(stderr, "usage: jospar_coherence_bench --db sqlite:PATH [--edits N] [--json FILE]\n");
    return 1;
  }
  auto store = store::OpenStore(db);
  if (!store) {
    std::fprintf(stderr, "cannot open %s: %s\n", db.c_str(), store.error().detail.c_str());
    return 1;
  }
  double generate_ms = 0;
  if (gen_docs > 0) {
    auto ds = formats::ReadOpenSdg(sdg);
    if (!ds) {
      std::fprintf(stderr, "sdg: %s\n", ds.error().detail.c_str());
      return 1;
    }
    SyntheticPlanSpec spec;
    spec.documents = gen_docs;
    spec.indicators = gen_inds;
    spec.seed = 42;
    auto g0 = Clock::now();
    auto r = usecases::GenerateSyntheticPlan(**store, spec, SyntheticTextsFrom(*ds), "2026-06-30T00:00:00Z");
    generate_ms = Ms(Clock::now() - g0);
    if (!r) {
      std::fprintf(stderr, "generate: %s %s\n", r.error().message_key.c_str(), r.error().detail.c_str());
      return 1;
    }
    std::printf("generated %lld documents, %lld indicators, %lld actual values, %lld links in %.1f s\n",
                static_cast<long long>(r->documents), static_cast<long long>(r->indicators),
                static_cast<long long>(r->observations), static_cast<long long>(r->links),
                generate_ms / 1000);
  }
  coherence::CheckOptions options;
  options.current_year = 2026;
  options.today = "2026-06-30";

  // Baseline 1: loading the snapshot only.
  const std::string load_before = LoadAverage();
  const long rss0 = RssKb("VmRSS:");
  auto t0 = Clock::now();
  double c0 = CpuMs();
  std::size_t objects = 0;
  {
    auto tx = (*store)->Begin(TxMode::kRead);
    auto snap = (*tx)->plan().LoadPlanSnapshot();
    if (!snap) {
      std::fprintf(stderr, "load: %s\n", snap.error().detail.c_str());
      return 1;
    }
    objects = snap->documents.size() + snap->goals.size() + snap->indicators.size() + snap->measures.size() +
              snap->links.size();
  }
  const double load_ms = Ms(Clock::now() - t0);
  const double load_cpu_ms = CpuMs() - c0;

  // The full check: load + every rule.
  t0 = Clock::now();
  c0 = CpuMs();
  auto check = usecases::CheckPlan(**store, options);
  const double full_ms = Ms(Clock::now() - t0);
  const double full_cpu_ms = CpuMs() - c0;
  if (!check) {
    std::fprintf(stderr, "check: %s\n", check.error().detail.c_str());
    return 1;
  }
  const long rss_after = RssKb("VmRSS:");
  const auto counts = check->index->CountFindings();
  t0 = Clock::now();
  c0 = CpuMs();
  const auto findings = check->index->Findings();
  const double list_ms = Ms(Clock::now() - t0);
  const double list_cpu_ms = CpuMs() - c0;

  // Incremental: real edits through the use cases, then RefreshPlanCheck.
  usecases::Caller planner{Principal{1, "bench", Role::kPlanner, std::nullopt}, "2026-06-30T12:00:00Z"};
  std::vector<double> edit_ms, refresh_ms;
  std::vector<Id> indicator_ids;
  {
    auto tx = (*store)->Begin(TxMode::kRead);
    for (Id id = 1; static_cast<int>(indicator_ids.size()) < edits && id < 2'000'000; id += 49999) {
      auto ind = (*tx)->plan().GetIndicator(id);
      if (ind && ind->goal_id) indicator_ids.push_back(id);
    }
  }
  std::int64_t before = counts.by_rule[static_cast<int>(coherence::Rule::kIndicatorNoTarget)];
  for (Id id : indicator_ids) {
    auto tx = (*store)->Begin(TxMode::kRead);
    auto ind = (*tx)->plan().GetIndicator(id);
    tx->reset();
    if (!ind) continue;
    Indicator edited = *ind;
    edited.target_value.reset();  // "no target" appears
    edited.target_year.reset();
    auto e0 = Clock::now();
    auto r = usecases::UpdateIndicator(**store, planner, edited);
    edit_ms.push_back(Ms(Clock::now() - e0));
    if (!r) {
      std::fprintf(stderr, "edit %lld: %s %s\n", static_cast<long long>(id), r.error().message_key.c_str(),
                   r.error().detail.c_str());
      continue;
    }
    auto r0 = Clock::now();
    auto rr = usecases::RefreshPlanCheck(**store, *check);
    refresh_ms.push_back(Ms(Clock::now() - r0));
    if (!rr || rr->rebuilt) std::fprintf(stderr, "refresh did not run incrementally\n");
  }
  const std::int64_t after =
      check->index->CountFindings().by_rule[static_cast<int>(coherence::Rule::kIndicatorNoTarget)];
  const long peak = RssKb("VmHWM:");

  std::printf("coherence: %zu objects, %lld findings (%lld errors, %lld warnings)\n", objects,
              static_cast<long long>(counts.total()), static_cast<long long>(counts.errors),
              static_cast<long long>(counts.warnings));
  std::printf("  load average before the check: %s (1, 5, 15 min; %ld cores)\n", load_before.c_str(),
              sysconf(_SC_NPROCESSORS_ONLN));
  std::printf("  %-46s %9.0f ms wall %9.0f ms CPU   (target < 5000 ms)\n",
              "full check (load snapshot + every rule)", full_ms, full_cpu_ms);
  std::printf("  %-46s %9.0f ms wall %9.0f ms CPU   baseline: the store's part alone\n",
              "load the snapshot only", load_ms, load_cpu_ms);
  std::printf("  %-46s %9.0f ms wall %9.0f ms CPU\n", "rules and index (difference)", full_ms - load_ms,
              full_cpu_ms - load_cpu_ms);
  std::printf("  %-46s %9.0f ms wall %9.0f ms CPU\n", "sorted list of every finding", list_ms, list_cpu_ms);
  std::printf("  memory: RSS %.0f MB after the check (+%.0f MB), peak %.0f MB\n", rss_after / 1024.0,
              (rss_after - rss0) / 1024.0, peak / 1024.0);
  std::printf("  %-46s %9.2f ms median, %.2f ms max over %zu edits   (target < 50 ms)\n",
              "incremental re-check after one edit", Median(refresh_ms),
              refresh_ms.empty() ? 0 : *std::max_element(refresh_ms.begin(), refresh_ms.end()),
              refresh_ms.size());
  std::printf("  %-46s %9.2f ms median   baseline: the edit's own transaction\n",
              "the edit (UpdateIndicator)", Median(edit_ms));
  std::printf("  %-46s %9.0f ms   baseline: a full re-run instead\n", "", full_ms);
  std::printf("  findings of indicator.no_target: %lld before, %lld after %zu edits\n",
              static_cast<long long>(before), static_cast<long long>(after), refresh_ms.size());
  if (!json_path.empty()) {
    std::ofstream out(json_path);
    out << "{\n  \"objects\": " << objects << ",\n  \"findings\": " << counts.total()
        << ",\n  \"full_check_ms\": " << full_ms << ",\n  \"full_check_cpu_ms\": " << full_cpu_ms
        << ",\n  \"baseline_load_snapshot_ms\": " << load_ms
        << ",\n  \"baseline_load_snapshot_cpu_ms\": " << load_cpu_ms << ",\n  \"sorted_list_ms\": " << list_ms
        << ",\n  \"errors\": " << counts.errors << ",\n  \"warnings\": " << counts.warnings
        << ",\n  \"load_average_before\": \"" << load_before << "\""
        << ",\n  \"rss_mb_after_check\": " << rss_after / 1024.0 << ",\n  \"peak_rss_mb\": " << peak / 1024.0
        << ",\n  \"incremental_recheck_ms_median\": " << Median(refresh_ms)
        << ",\n  \"incremental_recheck_ms_max\": "
        << (refresh_ms.empty() ? 0 : *std::max_element(refresh_ms.begin(), refresh_ms.end()))
        << ",\n  \"edit_transaction_ms_median\": " << Median(edit_ms)
        << ",\n  \"edits\": " << refresh_ms.size()
        << ",\n  \"targets\": {\"full_check_ms\": 5000, \"incremental_recheck_ms\": 50}\n}\n";
  }
  return 0;
}
