// Helpers shared by the repositories: search keys, natural sort keys, cursor paging, enum columns.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/history.hpp"
#include "core/base/paging.hpp"
#include "core/plan/plan.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

// The `search` column: analytics::SearchKey of the parts joined by spaces.
std::string SearchColumn(std::initializer_list<std::string_view> parts);
std::string SearchColumn(std::string_view code, const Text& a, const Text& b = {});
// LIKE pattern (with ESCAPE '\') matching rows whose search column contains the key of `query`;
// empty when the query has no searchable characters.
std::string SearchPattern(std::string_view query);
// Natural sort key of a code: every run of digits is left-padded with zeros to 12 digits, so that
// "1.2" sorts before "1.10".
std::string CodeKey(std::string_view code);
std::string_view TitleColumn(Lang lang);  // "title_kk", ...

// kNotFound with the message key "error.not_found" and a detail naming the object.
tl::unexpected<Error> NotFound(std::string_view what);
tl::unexpected<Error> VersionConflict(std::string_view what);

// Reads the single row of `sql` (one parameter, `key`; a SELECT from one table) with `read`, or kNotFound
// naming `what`. In a write transaction the row is then locked until the transaction ends (see
// Connection::RowLockClause): a rule checked on it (e.g. "the document is a draft") still holds when the
// transaction writes, and a concurrent writer of that row waits.
template <class T, class Key>
Result<T> GetOne(Connection& c, const std::string& sql, const Key& key, T (*read)(const Query&, int),
                 std::string_view what) {
  const std::string_view lock = c.RowLockClause();
  STORE_QUERY(q, c, lock.empty() ? sql : sql + std::string(lock));
  q.Bind(key);
  auto row = q.Next();
  if (!row) return Fail(row.error());
  if (!*row) return NotFound(what);
  return read(q, 0);
}

// Runs an UPDATE/DELETE of the row `id` of `table` that must touch it; tells a missing row (kNotFound)
// from a stale version (kConflict, when `versioned`).
Status CheckedWrite(Connection& c, Query& q, std::string_view table, Id id, bool versioned,
                    std::string_view what);

// A list query: FROM and the WHERE conditions with their parameters.
struct Filter {
  std::vector<std::string> conditions;
  std::vector<Value> binds;
  void Add(std::string condition) { conditions.push_back(std::move(condition)); }
  template <class T>
  void Add(std::string condition, T value) {
    conditions.push_back(std::move(condition));
    binds.emplace_back(Value(value));
  }
  // Adds the search condition when `query` has searchable characters.
  void AddSearch(std::string_view query);
  std::string Where() const;  // " WHERE a AND b" or ""
};

struct SortField {
  std::string name;        // as in PageRequest::sort
  std::string expression;  // SQL expression, never NULL
  bool numeric = false;
};

struct ListSpec {
  std::string table;    // e.g. "bodies"
  std::string columns;  // the entity's select list
  std::vector<SortField> sorts;
};

// Runs the count and the keyset page query. `read(q, first_column)` builds one item from the entity
// columns, which start at `first_column`. `id_of` gives the item's id for the cursor.
template <class T>
Result<Page<T>> ListPage(Connection& c, const ListSpec& spec, const Filter& filter, const PageRequest& p,
                         const std::function<T(const Query&, int)>& read);

// Non-template core of ListPage: returns the items' row positions through `on_row`.
struct PageRows {
  std::int64_t total = 0;
  std::string next_cursor;
};
Result<PageRows> RunPage(Connection& c, const ListSpec& spec, const Filter& filter, const PageRequest& p,
                         const std::function<Id(const Query&)>& on_row);

template <class T>
Result<Page<T>> ListPage(Connection& c, const ListSpec& spec, const Filter& filter, const PageRequest& p,
                         const std::function<T(const Query&, int)>& read) {
  Page<T> page;
  auto rows = RunPage(c, spec, filter, p, [&](const Query& q) {
    page.items.push_back(read(q, 1));
    return page.items.back().id;
  });
  if (!rows) return Fail(rows.error());
  page.total = rows->total;
  page.next_cursor = std::move(rows->next_cursor);
  return page;
}

// Canonical JSON of history changes and document snapshots.
std::string ChangesToJson(const std::vector<FieldChange>& changes);
std::vector<FieldChange> ChangesFromJson(std::string_view json);
std::string DocumentToJson(const Document& d);
Document DocumentFromJson(std::string_view json);

}  // namespace jospar::store::sql
