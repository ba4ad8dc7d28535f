#include "store/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <unordered_map>

#include "store/migrations.hpp"
#include "store/sql/sql_store.hpp"

namespace jospar::store::sqlite {
namespace {

tl::unexpected<Error> Classify(sqlite3* db, int rc) {
  const std::string detail = std::string("sqlite: ") + sqlite3_errmsg(db);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Fail(ErrorCode::kConflict, "error.duplicate", detail);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Fail(ErrorCode::kConflict, "error.reference", detail);
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return Fail(ErrorCode::kInvalidInput, "error.invalid_input", detail);
    default:
      break;
  }
  switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Fail(ErrorCode::kUnavailable, "error.unavailable", detail);
    case SQLITE_CONSTRAINT:
      return Fail(ErrorCode::kConflict, "error.duplicate", detail);
    default:
      return Fail(ErrorCode::kInternal, "error.internal", detail);
  }
}

class SqliteStatement final : public sql::Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, bool* failed) : db_(db), stmt_(stmt), failed_(failed) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void BindNull(int i) override { sqlite3_bind_null(stmt_, i + 1); }
  void BindInt(int i, std::int64_t v) override { sqlite3_bind_int64(stmt_, i + 1, v); }
  void BindDouble(int i, double v) override { sqlite3_bind_double(stmt_, i + 1, v); }
  void BindText(int i, std::string_view v) override {
    sqlite3_bind_text64(stmt_, i + 1, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  Result<bool> Next() override {
    if (done_) return false;
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    done_ = true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    *failed_ = true;
    return Classify(db_, sqlite3_extended_errcode(db_));
  }
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (p == nullptr) return {};
    return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  std::string_view TextView(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (p == nullptr) return {};
    return std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  std::int64_t Changes() const override { return changes_; }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    done_ = false;
    changes_ = 0;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* failed_;
  bool done_ = false;
  std::int64_t changes_ = 0;
};

class SqliteConnection final : public sql::Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    cache_.clear();  // statements are finalised before the connection closes
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result<sql::Statement*> Prepare(std::string_view sql) override {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
      it->second->Reset();
      return it->second.get();
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      failed_ = true;
      auto e = Classify(db_, rc);
      e.value().detail += " in: " + std::string(sql);
      return e;
    }
    auto [pos, inserted] =
        cache_.emplace(std::string(sql), std::make_unique<SqliteStatement>(db_, stmt, &failed_));
    return pos->second.get();
  }

  Status Exec(std::string_view sql) override {
    if (sql.find(';') == std::string_view::npos) {
      // One statement (BEGIN, COMMIT, ROLLBACK, ...): run it from the statement cache, not re-parsed.
      auto stmt = Prepare(sql);
      if (!stmt) return Fail(stmt.error());
      while (true) {
        auto row = (*stmt)->Next();
        if (!row) return Fail(row.error());
        if (!*row) break;
      }
      (*stmt)->Reset();  // not left "in progress", which would block COMMIT
      return {};
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) {
      return Classify(db_, sqlite3_extended_errcode(db_));
    }
    return {};
  }

  // A read transaction is read-only, as on PostgreSQL (a write in it fails with kInternal).
  Status Begin(bool write) override {
    if (query_only_ != !write) {
      STORE_TRY(Exec(write ? "PRAGMA query_only = 0" : "PRAGMA query_only = 1"));
      query_only_ = !write;
    }
    return Exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
  }

  // A connection still inside a transaction when it is given back (a failed ROLLBACK) is not reused.
  bool Healthy() override { return sqlite3_get_autocommit(db_) != 0; }

  std::string_view Backend() const override { return "sqlite"; }

 private:
  sqlite3* db_;
  bool query_only_ = false;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> cache_;
};

}  // namespace

Result<std::unique_ptr<sql::Connection>> Connect(const std::string& path, int busy_timeout_ms) {
  if (path != ":memory:" && path.rfind("file:", 0) != 0) {
    std::error_code ignored;  // a missing parent directory is created; sqlite3_open_v2 reports the rest
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  }
  // Memory statistics take a process-wide mutex on every allocation; Jospar does not read them.
  static const bool configured = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
  (void)configured;
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string detail =
        "sqlite: cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return Fail(ErrorCode::kUnavailable, "error.unavailable", detail);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  auto conn = std::make_unique<SqliteConnection>(db);
  // WAL lets readers work while one writer writes. synchronous=FULL: in WAL mode this syncs the log at
  // every commit, so an acknowledged write survives a power loss or OS crash, not only a crash of the
  // process (NORMAL could lose the last commits). Writes here are few and small, and a bulk import is
  // one transaction, so the cost is one fsync per request that writes. A 16 MB page cache per connection
  // keeps a whole Open SDG import in memory until its commit.
  STORE_TRY(conn->Exec("PRAGMA journal_mode = WAL"));
  // secure_delete: deleted and overwritten content is zeroed in the file, so that an erased person's data
  // (core/accounts/personal_data.hpp) does not linger in free pages; SqlTx::Commit empties the WAL after an
  // erasure.
  STORE_TRY(
      conn->Exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; "
                 "PRAGMA cache_size = -16384; PRAGMA secure_delete = ON"));
  return std::unique_ptr<sql::Connection>(std::move(conn));
}

namespace {

// A private database directory removed when the last holder (the pool's connection factory) goes away.
struct TempDir {
  std::filesystem::path path;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

Result<std::shared_ptr<TempDir>> MakeTempDir() {
  std::filesystem::path base =
      std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
  std::string tmpl = (base / "jospar-memory.XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    return Fail(ErrorCode::kUnavailable, "error.unavailable",
                "sqlite: cannot create a temporary database directory");
  }
  return std::make_shared<TempDir>(TempDir{tmpl});
}

}  // namespace

Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options) {
  std::string target = path;
  std::shared_ptr<TempDir> temp;
  if (path == ":memory:") {
    // A throwaway database in RAM (/dev/shm) that behaves exactly like a file one (WAL, several
    // connections, concurrent readers), deleted when the store is destroyed.
    auto dir = MakeTempDir();
    if (!dir) return Fail(dir.error());
    temp = *dir;
    target = (temp->path / "jospar.db").string();
  }
  const int timeout = options.busy_timeout_ms;
  auto factory = [target, timeout, temp]() { return Connect(target, timeout); };
  if (options.migrate) {
    auto conn = factory();
    if (!conn) return Fail(conn.error());
    auto migrated = ApplyMigrations(**conn);
    if (!migrated) return Fail(migrated.error());
  }
  return std::unique_ptr<Store>(std::make_unique<sql::SqlStore>(
      "sqlite", factory, options.pool_size, std::chrono::milliseconds(timeout), /*serialize_writes=*/true));
}

}  // namespace jospar::store::sqlite
