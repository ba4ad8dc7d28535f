// Transparency log benchmark. Prints each figure beside its baseline from the same run and writes JSON.
//  1. Durable appends: usecases::RecordDecision on the SQLite store (one transaction per entry, answered
//     only after COMMIT; the store runs WAL with synchronous=FULL), beside raw SQLite single-row INSERTs in
//     autocommit on the same file system with the same pragmas.
//  2. Inclusion proofs on a log of --proof-log entries (default 10,000,000): the store's tables are filled
//     by bulk INSERTs of precomputed entries and complete-subtree hashes (the same rows appends write),
//     then usecases::ProveEntry (what the API and the portal call) is timed on random entries and every
//     proof is verified against the tree head: once with the database file evicted from the OS page cache
//     (cold) and once with it read through (warm). The database is kept in --work for the next run.
//  3. `jospar ledger check` on an export of --check-log entries (default 1,000,000): entries/s.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/ledger_tools.hpp"
#include "core/audit/decisions.hpp"
#include "core/ledger/checkpoint.hpp"
#include "core/ledger/merkle.hpp"
#include "core/ledger/node_cache.hpp"
#include "core/ledger/repository.hpp"
#include "core/ledger/usecases.hpp"
#include "store/open.hpp"

namespace {

using namespace jospar;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Secs(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

ledger::Decision MakeDecision(std::uint64_t i) {
  static const char* kKinds[] = {"document", "indicator", "goal", "measure", "value"};
  static const char* kActions[] = {"create", "update", "status:approved", "report", "amend"};
  ledger::Decision d;
  d.action = kActions[i % 5];
  d.object_kind = kKinds[(i / 5) % 5];
  d.object_id = std::to_string(1 + i % 100000);
  d.content_hash = ledger::Sha256("content " + std::to_string(i));
  d.actor_role = i % 3 == 0 ? "planner" : "executor";
  d.time = "2026-11-23T10:00:00Z";
  return d;
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}
long CurrentRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

void Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::cerr << "sqlite: " << (err ? err : "?") << " in " << sql << "\n";
    std::exit(1);
  }
}

// ---- 1. durable appends ------------------------------------------------------------------------------

nlohmann::json BenchAppends(const fs::path& work, int count) {
  const fs::path store_db = work / "append-store.db";
  const fs::path raw_db = work / "append-raw.db";
  for (const auto& p : {store_db, raw_db})
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  auto store = store::OpenStore("sqlite:" + store_db.string());
  if (!store) {
    std::cerr << store.error().detail << "\n";
    std::exit(1);
  }
  sqlite3* db = nullptr;
  sqlite3_open(raw_db.c_str(), &db);
  Exec(db, "PRAGMA journal_mode = WAL");
  Exec(db, "PRAGMA synchronous = FULL");
  Exec(db, "CREATE TABLE t (idx INTEGER PRIMARY KEY, entry TEXT NOT NULL)");
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t (idx, entry) VALUES (?, ?)", -1, &ins, nullptr);
  // fsync times on a shared disk drift by several times within a minute: the two run in alternating
  // rounds, so that both see the same disk.
  constexpr int kRounds = 10;
  double store_s = 0, raw_s = 0;
  int done = 0;
  for (int round = 0; round < kRounds; ++round) {
    const int n = count / kRounds;
    auto t0 = Clock::now();
    for (int i = done; i < done + n; ++i) {
      auto e = usecases::RecordDecision(**store, MakeDecision(static_cast<std::uint64_t>(i)));
      if (!e) {
        std::cerr << "append: " << e.error().detail << "\n";
        std::exit(1);
      }
    }
    store_s += Secs(t0);
    t0 = Clock::now();
    for (int i = done; i < done + n; ++i) {
      const std::string entry = ledger::EncodeEntry(MakeDecision(static_cast<std::uint64_t>(i)));
      sqlite3_bind_int64(ins, 1, i);
      sqlite3_bind_text(ins, 2, entry.data(), static_cast<int>(entry.size()), SQLITE_TRANSIENT);
      if (sqlite3_step(ins) != SQLITE_DONE) {
        std::cerr << "raw insert failed\n";
        std::exit(1);
      }
      sqlite3_reset(ins);
    }
    raw_s += Secs(t0);
    done += n;
  }
  sqlite3_finalize(ins);
  sqlite3_close(db);
  nlohmann::json j{{"appends", done},
                   {"durability", "SQLite WAL, synchronous=FULL, one transaction (COMMIT, fsync) per entry"},
                   {"store_appends_per_s", done / store_s},
                   {"raw_sqlite_inserts_per_s", done / raw_s}};
  j["ratio_to_raw"] = j["store_appends_per_s"].get<double>() / j["raw_sqlite_inserts_per_s"].get<double>();
  std::printf("durable appends (RecordDecision, own transaction each):  %9.0f /s\n",
              j["store_appends_per_s"].get<double>());
  std::printf(
      "raw SQLite single-row INSERT, autocommit, same pragmas:  %9.0f /s   (ratio %.2f; %d each, "
      "alternating rounds)\n",
      j["raw_sqlite_inserts_per_s"].get<double>(), j["ratio_to_raw"].get<double>(), done);
  return j;
}

// ---- 2. a large log, bulk-loaded ---------------------------------------------------------------------

// Fills the store's ledger tables at `path` with `n` entries (if it does not already hold them).
void BuildLog(const fs::path& path, std::uint64_t n) {
  {
    auto store = store::OpenStore("sqlite:" + path.string());  // creates and migrates
    if (!store) {
      std::cerr << store.error().detail << "\n";
      std::exit(1);
    }
    auto tx = (*store)->Begin(TxMode::kRead);
    if (tx && (*tx)->ledger().LogSize().value_or(0) == n) {
      std::printf("  (reusing the %llu-entry log in %s)\n", static_cast<unsigned long long>(n), path.c_str());
      return;
    }
    if (tx && (*tx)->ledger().LogSize().value_or(0) != 0) {
      tx->reset();
      store->reset();
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
      BuildLog(path, n);
      return;
    }
  }
  const auto t0 = Clock::now();
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  Exec(db, "PRAGMA synchronous = OFF");
  Exec(db, "PRAGMA cache_size = -262144");
  Exec(db, "DROP INDEX IF EXISTS ledger_entries_object");
  sqlite3_stmt* ins_entry = nullptr;
  sqlite3_stmt* ins_node = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO ledger_entries (idx, object_kind, object_id, entry) VALUES (?, ?, ?, ?)",
                     -1, &ins_entry, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)", -1, &ins_node,
                     nullptr);
  std::vector<ledger::Hash> edge(64);
  Exec(db, "BEGIN");
  auto node = [&](int level, std::uint64_t index, const ledger::Hash& h) {
    const std::string hex = ledger::ToHex(h);
    sqlite3_bind_int(ins_node, 1, level);
    sqlite3_bind_int64(ins_node, 2, static_cast<sqlite3_int64>(index));
    sqlite3_bind_text(ins_node, 3, hex.data(), static_cast<int>(hex.size()), SQLITE_TRANSIENT);
    sqlite3_step(ins_node);
    sqlite3_reset(ins_node);
  };
  for (std::uint64_t i = 0; i < n; ++i) {
    const ledger::Decision d = MakeDecision(i);
    const std::string entry = ledger::EncodeEntry(d);
    sqlite3_bind_int64(ins_entry, 1, static_cast<sqlite3_int64>(i));
    sqlite3_bind_text(ins_entry, 2, d.object_kind.data(), static_cast<int>(d.object_kind.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(ins_entry, 3, d.object_id.data(), static_cast<int>(d.object_id.size()), SQLITE_STATIC);
    sqlite3_bind_text(ins_entry, 4, entry.data(), static_cast<int>(entry.size()), SQLITE_STATIC);
    if (sqlite3_step(ins_entry) != SQLITE_DONE) {
      std::cerr << "bulk insert failed: " << sqlite3_errmsg(db) << "\n";
      std::exit(1);
    }
    sqlite3_reset(ins_entry);
    // The nodes this leaf completes: {0, i}, then up while i is odd (merkle.hpp AppendNodes).
    ledger::Hash h = ledger::LeafHash(entry);
    std::uint64_t index = i;
    int level = 0;
    node(level, index, h);
    while ((index & 1) != 0) {
      h = ledger::NodeHash(edge[static_cast<std::size_t>(level)], h);
      index >>= 1;
      ++level;
      node(level, index, h);
    }
    edge[static_cast<std::size_t>(level)] = h;
    if ((i + 1) % 1000000 == 0) {
      Exec(db, "COMMIT");
      Exec(db, "BEGIN");
      std::printf("  %llu entries loaded (%.0f s)\n", static_cast<unsigned long long>(i + 1), Secs(t0));
      std::fflush(stdout);
    }
  }
  const std::string head = "UPDATE ledger_head SET size = " + std::to_string(n) + " WHERE id = 1";
  Exec(db, head.c_str());
  Exec(db, "COMMIT");
  Exec(db, "CREATE INDEX ledger_entries_object ON ledger_entries (object_kind, object_id, idx)");
  sqlite3_finalize(ins_entry);
  sqlite3_finalize(ins_node);
  sqlite3_close(db);
  std::printf("  built a %llu-entry log in %.0f s\n", static_cast<unsigned long long>(n), Secs(t0));
}

// Drops the file's pages from the OS page cache (clean pages only: the file is not being written), so
// that the next reads come from the disk.
void EvictFromPageCache(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
}

// Reads the whole file once, so that its pages are in the OS page cache.
void ReadThrough(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buf(1 << 20);
  while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
  }
}

// The baseline for the cold pass: `count` random 4 KB reads (pread, page-aligned) of the evicted file.
nlohmann::json RandomReads(const fs::path& path, int count) {
  EvictFromPageCache(path);
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) std::exit(1);
  const auto pages = static_cast<std::uint64_t>(fs::file_size(path) / 4096);
  std::mt19937_64 rng(7);
  std::vector<char> buf(4096);
  std::vector<double> us;
  for (int k = 0; k < count; ++k) {
    const auto t0 = Clock::now();
    if (::pread(fd, buf.data(), buf.size(), static_cast<off_t>((rng() % pages) * 4096)) < 0) std::exit(1);
    us.push_back(Secs(t0) * 1e6);
  }
  ::close(fd);
  std::sort(us.begin(), us.end());
  double sum = 0;
  for (double u : us) sum += u;
  return {{"reads", count},
          {"mean_us", sum / static_cast<double>(us.size())},
          {"p50_us", us[us.size() / 2]},
          {"p99_us", us[us.size() * 99 / 100]}};
}

// `count` proofs of random entries (seeded), each verified against `root`; times in microseconds.
double ThreadCpuUs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// `count` proofs of random entries (seeded), each verified against `root`: wall and CPU time of each in
// microseconds (CPU time does not count waiting for the disk or for the other processes of a shared
// machine).
nlohmann::json ProofPass(Store& store, std::uint64_t n, int count, std::uint64_t seed,
                         const ledger::Hash& root) {
  std::mt19937_64 rng(seed);
  std::vector<double> us, cpu;
  for (int k = 0; k < count; ++k) {
    const std::uint64_t i = rng() % n;
    const auto t0 = Clock::now();
    const double c0 = ThreadCpuUs();
    auto p = usecases::ProveEntry(store, i, n);
    cpu.push_back(ThreadCpuUs() - c0);
    us.push_back(Secs(t0) * 1e6);
    if (!p || !ledger::VerifyInclusion(i, n, p->leaf_hash, p->proof, root)) {
      std::cerr << "proof of entry " << i << " does not verify\n";
      std::exit(1);
    }
  }
  auto stats = [](std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double u : v) sum += u;
    return std::array<double, 4>{sum / static_cast<double>(v.size()), v[v.size() / 2], v[v.size() * 99 / 100],
                                 v.back()};
  };
  const auto w = stats(us), c = stats(cpu);
  return {{"proofs", count},    {"seed", seed},      {"mean_us", w[0]},     {"p50_us", w[1]},
          {"p99_us", w[2]},     {"max_us", w[3]},    {"cpu_mean_us", c[0]}, {"cpu_p50_us", c[1]},
          {"cpu_p99_us", c[2]}, {"cpu_max_us", c[3]}};
}

nlohmann::json BenchProofs(const fs::path& work, std::uint64_t n, int count) {
  const fs::path path = work / ("ledger-" + std::to_string(n) + ".db");
  BuildLog(path, n);
  std::error_code ec;
  const auto db_bytes = fs::file_size(path, ec);
  // The tree head from a store of its own, so that the measured store starts with empty caches.
  ledger::Hash root{};
  {
    auto head_store = store::OpenStore("sqlite:" + path.string());
    if (!head_store) std::exit(1);
    auto tx = (*head_store)->Begin(TxMode::kRead);
    auto r = ledger::TreeHead(
        n, [&](const std::vector<ledger::NodeId>& ids) { return (*tx)->ledger().ReadLogNodes(ids); });
    if (!r) {
      std::cerr << "tree head: " << r.error().detail << "\n";
      std::exit(1);
    }
    root = *r;
  }
  // The store keeps the tree's levels >= NodeCache::kBlockLevel in memory: one hash per 2^level leaves.
  double cache_bytes = 0;
  for (int level = ledger::NodeCache::kBlockLevel; (n >> level) > 0; ++level)
    cache_bytes += static_cast<double>(n >> level) * sizeof(ledger::Hash);

  const nlohmann::json disk = RandomReads(path, count);
  const long rss_before = CurrentRssKb();
  auto store = store::OpenStore("sqlite:" + path.string());
  if (!store) std::exit(1);
  // 1. Cold: the database file out of the OS page cache, a new store (empty SQLite page cache and node
  //    cache). The first proof loads the upper levels; then every leaf block and entry comes from the disk.
  EvictFromPageCache(path);
  const auto t_first = Clock::now();
  if (!usecases::ProveEntry(**store, n / 2, n)) std::exit(1);
  const double first_ms = Secs(t_first) * 1e3;
  nlohmann::json cold = ProofPass(**store, n, count, 42, root);
  // 2. Warm: the whole file in the OS page cache (as on a server whose memory holds the log), other entries.
  ReadThrough(path);
  nlohmann::json warm = ProofPass(**store, n, count, 43, root);
  nlohmann::json j{{"log_entries", n},
                   {"proofs", count},
                   {"mean_us", warm["mean_us"]},
                   {"p50_us", warm["p50_us"]},
                   {"p99_us", warm["p99_us"]},
                   {"max_us", warm["max_us"]},
                   {"warm", warm},
                   {"cold", cold},
                   {"baseline_random_4k_read_cold", disk},
                   {"first_proof_ms", first_ms},
                   {"node_cache_mb", cache_bytes / (1 << 20)},
                   {"process_rss_mb", CurrentRssKb() / 1024.0},
                   {"rss_growth_during_proofs_mb", (CurrentRssKb() - rss_before) / 1024.0},
                   {"database_mb", static_cast<double>(db_bytes) / (1 << 20)},
                   {"target_ms", 1}};
  std::printf("inclusion proof (ProveEntry, %llu-entry log, %d random entries per pass; target < 1000 us):\n",
              static_cast<unsigned long long>(n), count);
  for (const auto& [name, pass] : {std::pair{"warm (database file in the OS page cache)", &warm},
                                   std::pair{"cold (file evicted from the page cache first)", &cold}}) {
    const auto& r = *pass;
    std::printf("  %s: mean %.0f us, p50 %.0f us, p99 %.0f us, max %.0f us; CPU mean %.0f us, p99 %.0f us\n",
                name, r["mean_us"].get<double>(), r["p50_us"].get<double>(), r["p99_us"].get<double>(),
                r["max_us"].get<double>(), r["cpu_mean_us"].get<double>(), r["cpu_p99_us"].get<double>());
  }
  std::printf(
      "  baseline, one random 4 KB read of the evicted file: mean %.0f us, p50 %.0f us, p99 %.0f us\n",
      disk["mean_us"].get<double>(), disk["p50_us"].get<double>(), disk["p99_us"].get<double>());
  std::printf("  first proof of a new store (loads the upper tree levels, %.1f MB): %.0f ms\n",
              j["node_cache_mb"].get<double>(), first_ms);
  std::printf("  memory: process RSS %.1f MB (+%.1f MB for the proving store); database file %.0f MB\n",
              j["process_rss_mb"].get<double>(), j["rss_growth_during_proofs_mb"].get<double>(),
              j["database_mb"].get<double>());
  return j;
}

// ---- 3. jospar ledger check ----------------------------------------------------------------------------

nlohmann::json BenchCheck(const fs::path& work, std::uint64_t n, const std::string& jospar) {
  const fs::path path = work / ("ledger-" + std::to_string(n) + ".db");
  BuildLog(path, n);
  const fs::path out = work / "check-export";
  fs::remove_all(out);
  {
    auto store = store::OpenStore("sqlite:" + path.string());
    if (!store) std::exit(1);
    std::array<std::uint8_t, 32> seed{};
    seed[0] = 42;
    auto key = ledger::KeyFromSeed("bench.jospar/ledger", seed);
    const auto t0 = Clock::now();
    auto r = app::ExportLedger(**store, *key, "2026-11-23T12:00:00Z", out.string());
    if (!r) {
      std::cerr << "export: " << r.error().detail << "\n";
      std::exit(1);
    }
    std::printf("  exported %llu entries in %.1f s\n", static_cast<unsigned long long>(r->entries), Secs(t0));
  }
  const std::string cmd = "'" + jospar + "' ledger check --from '" + out.string() + "' > /dev/null";
  const auto t0 = Clock::now();
  const int rc = std::system(cmd.c_str());
  const double s = Secs(t0);
  if (rc != 0) {
    std::cerr << "jospar ledger check failed (" << rc << ")\n";
    std::exit(1);
  }
  std::error_code ec;
  const double mb = static_cast<double>(fs::file_size(out / "entries.jsonl", ec)) / (1 << 20);
  nlohmann::json j{{"entries", n},
                   {"seconds", s},
                   {"entries_per_s", static_cast<double>(n) / s},
                   {"export_entries_mb", mb}};
  std::printf("jospar ledger check --from DIR (%llu entries, %.0f MB): %.1f s, %.0f entries/s\n",
              static_cast<unsigned long long>(n), mb, s, j["entries_per_s"].get<double>());
  fs::remove_all(out);
  return j;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

}  // namespace

int main(int argc, char** argv) {
  std::string work = "build/release/bench-ledger", json_out, jospar;
  std::uint64_t proof_log = 10'000'000, check_log = 1'000'000;
  int appends = 2000, proofs = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--work")
      work = v;
    else if (a == "--json")
      json_out = v;
    else if (a == "--jospar")
      jospar = v;
    else if (a == "--proof-log")
      proof_log = std::stoull(v);
    else if (a == "--check-log")
      check_log = std::stoull(v);
    else if (a == "--appends")
      appends = std::stoi(v);
    else if (a == "--proofs")
      proofs = std::stoi(v);
    else {
      std::cerr << "unknown option " << a << "\n";
      return 2;
    }
  }
  fs::create_directories(work);
  nlohmann::json result;
  result["load_average_before"] = LoadAverage();
  result["appends"] = BenchAppends(work, appends);
  result["inclusion_proofs"] = BenchProofs(work, proof_log, proofs);
  if (!jospar.empty()) result["check"] = BenchCheck(work, check_log, jospar);
  result["load_average_after"] = LoadAverage();
  result["peak_rss_mb"] = PeakRssKb() / 1024.0;
  std::printf("load average before/after: %s / %s\n",
              result["load_average_before"].get<std::string>().c_str(), LoadAverage().c_str());
  if (!json_out.empty()) std::ofstream(json_out) << result.dump(2) << "\n";
  return 0;
}
