// Opening a store by URL: "sqlite:PATH" (or a bare path ending in .db), "sqlite::memory:",
// "postgresql://..." / "postgres://...".
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/base/unit_of_work.hpp"

namespace jospar::store {

struct StoreOptions {
  int pool_size = 8;           // connections (PostgreSQL) or reader connections (SQLite)
  int busy_timeout_ms = 5000;  // SQLite busy timeout; PostgreSQL connect/statement timeout
  bool migrate = true;         // apply pending migrations on open
};

// Opens the store and, with options.migrate, applies pending migrations. kInvalidInput for a URL it does
// not understand; kUnavailable when the database cannot be reached now. Once open, a PostgreSQL store
// survives outages: while the database is down Begin() fails fast with kUnavailable and Ping() is false;
// when it is back the pool reconnects by itself. "sqlite::memory:" is a private throwaway database (in
// RAM, several connections like a file database), deleted when the store is destroyed.
Result<std::unique_ptr<Store>> OpenStore(std::string_view url, const StoreOptions& options = {});

// Applies pending migrations; returns the schema version after.
Result<int> Migrate(std::string_view url);

}  // namespace jospar::store
