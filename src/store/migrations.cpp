#include "store/migrations.hpp"

#include "core/base/clock.hpp"

#include <chrono>
#include <ctime>
#include <set>
#include <string>

#include "store/plan/indicator_keys.hpp"

namespace jospar::store {
namespace {

// Steps in C++ that follow a migration's SQL in the same transaction, for data SQL cannot compute.
Status AfterMigration(sql::Connection& c, int version) {
  if (version == 9) {  // 009_coherence_snapshot: the text keys of the indicators already there
    auto filled = sql::FillIndicatorKeys(c);
    if (!filled) return Fail(filled.error());
  }
  return {};
}

std::string_view MigrationDir(std::string_view backend) {
  return backend == "postgresql" ? "postgres" : backend;
}

std::string NowUtc() { return IsoTime(SystemClock()); }

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";

Result<std::set<int>> AppliedVersions(sql::Connection& c) {
  STORE_QUERY(q, c, "SELECT version FROM schema_migrations");
  std::set<int> applied;
  while (true) {
    auto more = q.Next();
    if (!more) return Fail(more.error());
    if (!*more) break;
    applied.insert(static_cast<int>(q.Int(0)));
  }
  return applied;
}

Result<int> CurrentVersion(sql::Connection& c) {
  STORE_QUERY(q, c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  auto v = q.OneInt();
  if (!v) return Fail(v.error());
  return static_cast<int>(*v);
}

}  // namespace

int LatestSchemaVersion(std::string_view backend) {
  int latest = 0;
  for (const auto& m : EmbeddedMigrations()) {
    if (m.backend == MigrationDir(backend) && m.version > latest) latest = m.version;
  }
  return latest;
}

Result<int> ApplyMigrations(sql::Connection& c) {
  const bool pg = c.Backend() == "postgresql";
  STORE_TRY(c.Begin(true));
  auto body = [&]() -> Result<int> {
    if (pg) STORE_TRY(c.Exec("SELECT pg_advisory_xact_lock(7401161013)"));
    STORE_TRY(c.Exec(kCreateTable));
    // Every embedded migration not yet recorded is applied, in version order, even one numbered below
    // the highest applied (migrations of separately developed modules may land in either order).
    auto applied_versions = AppliedVersions(c);
    if (!applied_versions) return Fail(applied_versions.error());
    auto current = CurrentVersion(c);
    if (!current) return current;
    int version = *current;
    for (const auto& m : EmbeddedMigrations()) {
      if (m.backend != MigrationDir(c.Backend()) || applied_versions->contains(m.version)) continue;
      auto applied = c.Exec(m.sql);
      if (!applied) {
        Error e = applied.error();
        e.detail = "migration " + std::string(m.name) + ": " + e.detail;
        return Fail(std::move(e));
      }
      STORE_TRY(AfterMigration(c, m.version));
      STORE_QUERY(q, c, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
      q.Bind(m.version).Bind(m.name).Bind(NowUtc());
      STORE_TRY(q.Run());
      version = std::max(version, m.version);
    }
    return version;
  };
  auto version = body();
  if (!version) {
    (void)c.Exec("ROLLBACK");
    return version;
  }
  STORE_TRY(c.Exec("COMMIT"));
  return version;
}

Result<int> SchemaVersion(sql::Connection& c) {
  STORE_TRY(c.Exec(kCreateTable));
  return CurrentVersion(c);
}

}  // namespace jospar::store
