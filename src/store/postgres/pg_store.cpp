#include "store/postgres/pg_store.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/migrations.hpp"
#include "store/sql/sql_store.hpp"

namespace jospar::store::postgres {
namespace {

// Rewrites the `?` placeholders of the shared SQL to $1, $2, ... (outside quoted literals and names).
std::string Numbered(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  char quote = 0;
  int n = 0;
  for (char ch : sql) {
    if (quote != 0) {
      if (ch == quote) quote = 0;
      out.push_back(ch);
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      out.push_back(ch);
    } else if (ch == '?') {
      out.push_back('$');
      out.append(std::to_string(++n));
    } else {
      out.push_back(ch);
    }
  }
  *count = n;
  return out;
}

tl::unexpected<Error> Classify(PGconn* conn, const PGresult* res) {
  std::string message = res != nullptr ? PQresultErrorMessage(res) : "";
  if (message.empty()) message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  const std::string detail = "postgresql: " + message;
  const char* field = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string state = field != nullptr ? field : "";
  if (PQstatus(conn) != CONNECTION_OK || state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" ||
      state == "57P03" || state == "53300" || state == "55P03" || state == "57014" || state.empty()) {
    return Fail(ErrorCode::kUnavailable, "error.unavailable", detail);
  }
  if (state == "23505") return Fail(ErrorCode::kConflict, "error.duplicate", detail);
  if (state == "23503") return Fail(ErrorCode::kConflict, "error.reference", detail);
  if (state == "40001" || state == "40P01")
    return Fail(ErrorCode::kConflict, "error.version_conflict", detail);
  if (state == "23502" || state == "23514" || state.rfind("22", 0) == 0) {
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input", detail);
  }
  return Fail(ErrorCode::kInternal, "error.internal", detail);
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PgStatement final : public sql::Statement {
 public:
  PgStatement(PGconn* conn, std::string name, int params, bool* failed)
      : conn_(conn), name_(std::move(name)), values_(static_cast<size_t>(params)), failed_(failed) {}

  void BindNull(int i) override { Set(i, std::nullopt); }
  void BindInt(int i, std::int64_t v) override { Set(i, std::to_string(v)); }
  void BindDouble(int i, double v) override {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    Set(i, std::string(buf, r.ptr));
  }
  void BindText(int i, std::string_view v) override { Set(i, std::string(v)); }

  Result<bool> Next() override {
    if (!executed_) {
      executed_ = true;
      std::vector<const char*> params(values_.size());
      for (size_t i = 0; i < values_.size(); ++i) params[i] = values_[i] ? values_[i]->c_str() : nullptr;
      res_.reset(PQexecPrepared(conn_, name_.c_str(), static_cast<int>(params.size()), params.data(), nullptr,
                                nullptr, 0));
      const auto status = res_ ? PQresultStatus(res_.get()) : PGRES_FATAL_ERROR;
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        auto e = Classify(conn_, res_.get());
        *failed_ = true;
        res_.reset();
        return e;
      }
      rows_ = PQntuples(res_.get());
      const char* changed = PQcmdTuples(res_.get());
      changes_ = (changed != nullptr && *changed != '\0') ? std::atoll(changed) : 0;
      row_ = -1;
    }
    if (!res_) return false;
    ++row_;
    return row_ < rows_;
  }

  bool IsNull(int col) const override { return PQgetisnull(res_.get(), row_, col) != 0; }
  std::int64_t Int(int col) const override {
    const char* p = PQgetvalue(res_.get(), row_, col);
    std::int64_t v = 0;
    std::from_chars(p, p + PQgetlength(res_.get(), row_, col), v);
    return v;
  }
  double Double(int col) const override { return std::strtod(PQgetvalue(res_.get(), row_, col), nullptr); }
  std::string Text(int col) const override {
    return std::string(PQgetvalue(res_.get(), row_, col),
                       static_cast<size_t>(PQgetlength(res_.get(), row_, col)));
  }
  std::string_view TextView(int col) const override {
    return std::string_view(PQgetvalue(res_.get(), row_, col),
                            static_cast<size_t>(PQgetlength(res_.get(), row_, col)));
  }
  std::int64_t Changes() const override { return changes_; }
  void Reset() override {
    res_.reset();
    executed_ = false;
    rows_ = 0;
    row_ = -1;
    changes_ = 0;
    for (auto& v : values_) v.reset();
  }

 private:
  void Set(int i, std::optional<std::string> v) {
    if (i >= 0 && static_cast<size_t>(i) < values_.size()) values_[static_cast<size_t>(i)] = std::move(v);
  }

  PGconn* conn_;
  std::string name_;
  std::vector<std::optional<std::string>> values_;
  bool* failed_;
  ResultPtr res_;
  bool executed_ = false;
  int rows_ = 0;
  int row_ = -1;
  std::int64_t changes_ = 0;
};

class PgConnection final : public sql::Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override {
    cache_.clear();
    PQfinish(conn_);
  }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Result<sql::Statement*> Prepare(std::string_view sql) override {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
      it->second->Reset();
      return it->second.get();
    }
    int params = 0;
    const std::string text = Numbered(sql, &params);
    std::string name = std::to_string(cache_.size() + 1);
    name.insert(name.begin(), 'j');
    ResultPtr res(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
      failed_ = true;
      auto e = Classify(conn_, res.get());
      e.value().detail += " in: " + text;
      return e;
    }
    auto [pos, inserted] = cache_.emplace(
        std::string(sql), std::make_unique<PgStatement>(conn_, std::move(name), params, &failed_));
    return pos->second.get();
  }

  Status Exec(std::string_view sql) override {
    ResultPtr res(PQexec(conn_, std::string(sql).c_str()));
    const auto status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return Classify(conn_, res.get());
    if (std::string_view(PQcmdStatus(res.get())) == "ROLLBACK" && sql == "COMMIT") {
      return Fail(ErrorCode::kConflict, "error.tx_aborted", "the transaction had failed and was rolled back");
    }
    return {};
  }

  Status Begin(bool write) override {
    write_ = write;
    return Exec(write ? "BEGIN" : "BEGIN READ ONLY");
  }

  // Usable when connected and outside any transaction (a connection given back inside a failed
  // transaction, or after the server went away, is discarded by the pool).
  bool Healthy() override {
    return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
  }

  std::string_view Backend() const override { return "postgresql"; }

  // Row locks in write transactions: they run at READ COMMITTED, so a rule checked on a row read earlier
  // in the transaction would otherwise not hold against a writer that commits in between.
  std::string_view RowLockClause() const override { return write_ ? " FOR UPDATE" : ""; }

 private:
  PGconn* conn_;
  bool write_ = false;  // the current (or last) transaction was begun for writing
  std::unordered_map<std::string, std::unique_ptr<PgStatement>> cache_;
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<sql::Connection>> Connect(const std::string& url, int timeout_ms) {
  const std::string connect_timeout = std::to_string(std::max(2, (timeout_ms + 999) / 1000));
  const std::string options = "-c lock_timeout=" + std::to_string(std::max(100, timeout_ms));
  // Defaults first; the URL (expanded from dbname) comes last so that its own parameters win.
  const std::string user_timeout = std::to_string(std::max(5000, timeout_ms * 2));
  const char* keys[] = {"connect_timeout",
                        "keepalives",
                        "keepalives_idle",
                        "keepalives_interval",
                        "keepalives_count",
                        "tcp_user_timeout",
                        "application_name",
                        "client_encoding",
                        "options",
                        "dbname",
                        nullptr};
  const char* values[] = {
      connect_timeout.c_str(), "1",         "10",   "5", "3", user_timeout.c_str(), "jospar", "UTF8",
      options.c_str(),         url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  if (conn == nullptr) return Fail(ErrorCode::kUnavailable, "error.unavailable", "postgresql: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    PQfinish(conn);
    return Fail(ErrorCode::kUnavailable, "error.unavailable", "postgresql: " + message);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  return std::unique_ptr<sql::Connection>(std::make_unique<PgConnection>(conn));
}

Result<std::unique_ptr<Store>> Open(const std::string& url, const StoreOptions& options) {
  const int timeout = options.busy_timeout_ms;
  auto factory = [url, timeout]() { return Connect(url, timeout); };
  {
    auto conn = factory();
    if (!conn) return Fail(conn.error());
    if (options.migrate) {
      auto migrated = ApplyMigrations(**conn);
      if (!migrated) return Fail(migrated.error());
    }
  }
  return std::unique_ptr<Store>(std::make_unique<sql::SqlStore>("postgresql", factory, options.pool_size,
                                                                std::chrono::milliseconds(timeout),
                                                                /*serialize_writes=*/false));
}

}  // namespace jospar::store::postgres
