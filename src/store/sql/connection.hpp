// The small database interface the repositories are written against, once for every backend. A backend
// (src/store/sqlite, src/store/postgres) implements Connection and Statement; the SQL the repositories
// send uses `?` placeholders (rewritten to $1.. by the PostgreSQL backend) and only syntax both backends
// understand (INSERT ... RETURNING, ON CONFLICT, LIMIT, COALESCE).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/base/error.hpp"

namespace jospar::store::sql {

// A bound parameter or a column value.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

// A prepared statement owned by its Connection's cache. Not thread-safe. Use through Query, which resets it.
class Statement {
 public:
  virtual ~Statement() = default;
  // Parameters are numbered from 0 in the order of the `?` in the SQL.
  virtual void BindNull(int index) = 0;
  virtual void BindInt(int index, std::int64_t v) = 0;
  virtual void BindDouble(int index, double v) = 0;
  virtual void BindText(int index, std::string_view v) = 0;
  // Executes the statement on the first call and moves to the next result row: true when there is one,
  // false when the rows are exhausted. Errors are classified (kConflict for unique and foreign key
  // violations, kUnavailable for a lost connection or a busy database, kInternal otherwise).
  virtual Result<bool> Next() = 0;
  virtual bool IsNull(int col) const = 0;
  virtual std::int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  // The text of a column without a copy; valid until the next Next() or Reset() (for hot loops).
  virtual std::string_view TextView(int col) const = 0;
  // Rows changed by the executed INSERT/UPDATE/DELETE.
  virtual std::int64_t Changes() const = 0;
  // Makes the statement ready to be bound and executed again.
  virtual void Reset() = 0;
};

// One database connection. Not thread-safe: lent to one Tx at a time by the pool.
class Connection {
 public:
  virtual ~Connection() = default;
  // A cached prepared statement for `sql`, reset. The pointer stays valid as long as the connection.
  virtual Result<Statement*> Prepare(std::string_view sql) = 0;
  // Runs one or more statements without parameters or results (DDL, BEGIN, COMMIT ...).
  virtual Status Exec(std::string_view sql) = 0;
  virtual Status Begin(bool write) = 0;
  // False once the connection has failed in a way that makes it unusable; the pool then discards it.
  virtual bool Healthy() = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;
  // Appended to a single-row read (GetOne) so that the row it reads stays as read until the transaction
  // ends: " FOR UPDATE" inside a PostgreSQL write transaction, where the isolation is READ COMMITTED and
  // another writer could otherwise change the row between the check and the act; "" elsewhere (SQLite
  // write transactions take turns, read transactions change nothing).
  virtual std::string_view RowLockClause() const { return {}; }

  // True once a statement failed since the last ResetFailure(). PostgreSQL aborts a transaction at its
  // first error, so on every backend such a transaction may only roll back (Tx::Commit refuses).
  bool failed() const { return failed_; }
  void ResetFailure() { failed_ = false; }

 protected:
  bool failed_ = false;
};

// Runs a cached statement with parameters bound in order; resets it when destroyed.
class Query {
 public:
  explicit Query(Statement* s) : s_(s) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query() {
    if (s_ != nullptr) s_->Reset();
  }

  Query& Bind(std::int64_t v) {
    s_->BindInt(next_++, v);
    return *this;
  }
  Query& Bind(int v) { return Bind(static_cast<std::int64_t>(v)); }
  Query& Bind(bool v) { return Bind(static_cast<std::int64_t>(v ? 1 : 0)); }
  Query& Bind(double v) {
    s_->BindDouble(next_++, v);
    return *this;
  }
  Query& Bind(std::string_view v) {
    s_->BindText(next_++, v);
    return *this;
  }
  Query& Bind(const std::string& v) { return Bind(std::string_view(v)); }
  Query& Bind(const char* v) { return Bind(std::string_view(v)); }
  Query& Bind(std::nullopt_t) {
    s_->BindNull(next_++);
    return *this;
  }
  template <class T>
  Query& Bind(const std::optional<T>& v) {
    if (v) return Bind(*v);
    s_->BindNull(next_++);
    return *this;
  }
  Query& Bind(const Value& v);
  Query& BindAll(const std::vector<Value>& values) {
    for (const auto& v : values) Bind(v);
    return *this;
  }

  Result<bool> Next() { return s_->Next(); }
  // Makes the statement ready to be bound from the first parameter and run again.
  void Reset() {
    s_->Reset();
    next_ = 0;
  }
  // Executes a statement that returns no rows (or ignores them).
  Status Run();
  // Executes and returns the first column of the first row as an integer; kNotFound without a row.
  Result<std::int64_t> OneInt();
  std::int64_t Changes() const { return s_->Changes(); }

  bool IsNull(int col) const { return s_->IsNull(col); }
  std::int64_t Int(int col) const { return s_->Int(col); }
  double Double(int col) const { return s_->Double(col); }
  std::string Text(int col) const { return s_->Text(col); }
  std::string_view TextView(int col) const { return s_->TextView(col); }
  std::optional<std::int64_t> OptInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::int64_t>(Int(col));
  }
  std::optional<int> OptInt32(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<int>(static_cast<int>(Int(col)));
  }
  std::optional<double> OptDouble(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<double>(Double(col));
  }

 private:
  Statement* s_;
  int next_ = 0;
};

// Turns any error into the failure of the enclosing function returning Result<...> or Status.
#define STORE_TRY(expr)                                             \
  do {                                                              \
    auto store_try_r_ = (expr);                                     \
    if (!store_try_r_) return ::jospar::Fail(store_try_r_.error()); \
  } while (false)

// Declares `Query name` over the cached statement for `text`, or returns the error.
#define STORE_QUERY(name, conn, text)                             \
  auto name##_stmt_ = (conn).Prepare(text);                       \
  if (!name##_stmt_) return ::jospar::Fail(name##_stmt_.error()); \
  ::jospar::store::sql::Query name(*name##_stmt_)

}  // namespace jospar::store::sql
