// SQLite backend: connections for the shared repositories, opened with WAL, foreign keys and a busy
// timeout.
#pragma once

#include <memory>
#include <string>

#include "core/base/unit_of_work.hpp"
#include "store/open.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sqlite {

// Opens one connection to the database file `path` (":memory:" for a private in-memory database).
Result<std::unique_ptr<sql::Connection>> Connect(const std::string& path, int busy_timeout_ms);

// A Store over `path` with up to `options.pool_size` connections; write transactions are serialised in
// the process and begin with BEGIN IMMEDIATE; read transactions are read-only. ":memory:" gives a private
// database in RAM (a temp directory under /dev/shm) that behaves like a file one and is deleted with the
// store.
Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options);

}  // namespace jospar::store::sqlite
