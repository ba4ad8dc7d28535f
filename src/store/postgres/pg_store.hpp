// PostgreSQL backend (libpq): connections for the shared repositories and a pool that survives outages.
#pragma once

#include <memory>
#include <string>

#include "core/base/unit_of_work.hpp"
#include "store/open.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::postgres {

// Opens one connection. `timeout_ms` bounds the connection attempt (connect_timeout, at least 2 s) and
// lock waits (lock_timeout); TCP keepalives and tcp_user_timeout detect a vanished server.
// kUnavailable when unreachable.
Result<std::unique_ptr<sql::Connection>> Connect(const std::string& url, int timeout_ms);

// A Store over `url` with up to `options.pool_size` connections. The database must be reachable now
// (kUnavailable otherwise); later outages make Begin() fail fast with kUnavailable and Ping() false, and
// broken connections are replaced once the database is back, without reopening the store.
Result<std::unique_ptr<Store>> Open(const std::string& url, const StoreOptions& options);

}  // namespace jospar::store::postgres
