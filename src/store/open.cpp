#include "store/open.hpp"

#include "store/migrations.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jospar::store {
namespace {

struct Target {
  enum Kind { kSqlite, kPostgres } kind;
  std::string location;  // file path, ":memory:" or the libpq URL
};

Result<Target> ParseUrl(std::string_view url) {
  auto starts = [&](std::string_view p) { return url.substr(0, p.size()) == p; };
  if (starts("postgresql://") || starts("postgres://")) return Target{Target::kPostgres, std::string(url)};
  if (starts("sqlite:")) {
    std::string path(url.substr(7));
    if (path.empty()) {
      return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "sqlite: URL without a path",
                  {FieldError{"db", "error.invalid_db_url", "sqlite:PATH or sqlite::memory:"}});
    }
    return Target{Target::kSqlite, path};
  }
  if (url.size() > 3 && url.substr(url.size() - 3) == ".db") return Target{Target::kSqlite, std::string(url)};
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "unknown database URL: " + std::string(url),
              {FieldError{"db", "error.invalid_db_url", "sqlite:PATH, sqlite::memory: or postgresql://..."}});
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(std::string_view url, const StoreOptions& options) {
  auto target = ParseUrl(url);
  if (!target) return Fail(target.error());
  if (target->kind == Target::kSqlite) return sqlite::Open(target->location, options);
  return postgres::Open(target->location, options);
}

Result<int> Migrate(std::string_view url) {
  auto target = ParseUrl(url);
  if (!target) return Fail(target.error());
  StoreOptions options;
  std::unique_ptr<sql::Connection> conn;
  if (target->kind == Target::kSqlite) {
    auto c = sqlite::Connect(target->location, options.busy_timeout_ms);
    if (!c) return Fail(c.error());
    conn = std::move(*c);
  } else {
    auto c = postgres::Connect(target->location, options.busy_timeout_ms);
    if (!c) return Fail(c.error());
    conn = std::move(*c);
  }
  return ApplyMigrations(*conn);
}

}  // namespace jospar::store
