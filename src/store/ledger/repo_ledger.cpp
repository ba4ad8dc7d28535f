// The transparency log: entries, Merkle nodes (every complete subtree, hex) and signed checkpoints.
// Appends are serialised by the UPDATE of the single ledger_head row, whose lock (PostgreSQL) or the
// write transaction itself (SQLite) is held until commit.
#include <map>
#include <string>

#include "store/ledger/sql_ledger_repository.hpp"

namespace jospar::store::sql {
namespace {

Result<ledger::Hash> HashOf(const std::string& hex, int level, std::int64_t idx) {
  auto h = ledger::HashFromHex(hex);
  if (!h || ledger::ToHex(*h) != hex)
    return Fail(ErrorCode::kInternal, "error.internal",
                "ledger node " + std::to_string(level) + "/" + std::to_string(idx) + " is not a hash");
  return *h;
}

Result<std::vector<ledger::LogEntry>> ReadEntries(Query& q) {
  std::vector<ledger::LogEntry> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    const auto idx = static_cast<std::uint64_t>(q.Int(0));
    auto d = ledger::ParseEntry(q.Text(1));
    if (!d) {
      return Fail(ErrorCode::kInternal, "error.internal",
                  "ledger entry " + std::to_string(idx) + ": " + d.error().detail);
    }
    out.push_back({idx, std::move(*d)});
  }
  return out;
}

}  // namespace

Result<ledger::LogEntry> SqlLedgerRepository::Append(const ledger::Decision& d) {
  STORE_TRY(ledger::ValidateDecision(d));
  std::uint64_t index = 0;
  {
    STORE_QUERY(q, *c_, "UPDATE ledger_head SET size = size + 1 WHERE id = 1 RETURNING size");
    auto size = q.OneInt();
    if (!size) return Fail(size.error());
    index = static_cast<std::uint64_t>(*size - 1);
  }
  const std::string bytes = ledger::EncodeEntry(d);
  {
    STORE_QUERY(q, *c_,
                "INSERT INTO ledger_entries (idx, object_kind, object_id, entry) VALUES (?, ?, ?, ?)");
    q.Bind(static_cast<std::int64_t>(index)).Bind(d.object_kind).Bind(d.object_id).Bind(bytes);
    STORE_TRY(q.Run());
  }
  auto siblings = ReadLogNodes(ledger::AppendSiblings(index));
  if (!siblings) return Fail(siblings.error());
  STORE_QUERY(q, *c_, "INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)");
  for (const auto& [id, hash] : ledger::AppendNodes(index, ledger::LeafHash(bytes), *siblings)) {
    q.Reset();
    q.Bind(id.level).Bind(static_cast<std::int64_t>(id.index)).Bind(ledger::ToHex(hash));
    STORE_TRY(q.Run());
  }
  return ledger::LogEntry{index, d};
}

Result<std::uint64_t> SqlLedgerRepository::LogSize() {
  STORE_QUERY(q, *c_, "SELECT size FROM ledger_head WHERE id = 1");
  auto size = q.OneInt();
  if (!size) return Fail(size.error());
  return static_cast<std::uint64_t>(*size);
}

Result<std::vector<ledger::LogEntry>> SqlLedgerRepository::ListLogEntries(std::uint64_t begin,
                                                                          std::uint64_t end) {
  if (end <= begin) return std::vector<ledger::LogEntry>{};
  STORE_QUERY(q, *c_, "SELECT idx, entry FROM ledger_entries WHERE idx >= ? AND idx < ? ORDER BY idx");
  q.Bind(static_cast<std::int64_t>(begin)).Bind(static_cast<std::int64_t>(end));
  return ReadEntries(q);
}

Result<std::vector<std::string>> SqlLedgerRepository::ListLogEntryBytes(std::uint64_t begin,
                                                                        std::uint64_t end) {
  std::vector<std::string> out;
  if (end <= begin) return out;
  STORE_QUERY(q, *c_, "SELECT idx, entry FROM ledger_entries WHERE idx >= ? AND idx < ? ORDER BY idx");
  q.Bind(static_cast<std::int64_t>(begin)).Bind(static_cast<std::int64_t>(end));
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    const auto idx = static_cast<std::uint64_t>(q.Int(0));
    if (idx != begin + out.size())
      return Fail(ErrorCode::kNotFound, "error.not_found",
                  "ledger entry " + std::to_string(begin + out.size()) + " is missing");
    out.push_back(q.Text(1));
  }
  return out;
}

Result<std::vector<ledger::LogEntry>> SqlLedgerRepository::ListLogEntriesFor(std::string_view object_kind,
                                                                             std::string_view object_id,
                                                                             int limit) {
  STORE_QUERY(q, *c_,
              "SELECT idx, entry FROM ledger_entries WHERE object_kind = ? AND object_id = ? "
              "ORDER BY idx DESC LIMIT ?");
  q.Bind(object_kind).Bind(object_id).Bind(std::clamp(limit, 1, 1000));
  return ReadEntries(q);
}

Result<std::vector<ledger::Hash>> SqlLedgerRepository::ReadLogNodes(const std::vector<ledger::NodeId>& ids) {
  std::vector<ledger::Hash> out;
  if (ids.empty()) return out;
  if (node_cache_ != nullptr)
    return node_cache_->Read(
        ids, [this](int level, std::uint64_t begin, int limit) { return ListLogNodes(level, begin, limit); });
  // One statement for the whole set (a proof on a big log asks for ~50 nodes): the statement text
  // depends only on the count, so the cache holds one per count.
  std::string sql = "SELECT level, idx, hash FROM ledger_nodes WHERE ";
  for (std::size_t i = 0; i < ids.size(); ++i)
    sql += i == 0 ? "(level = ? AND idx = ?)" : " OR (level = ? AND idx = ?)";
  STORE_QUERY(q, *c_, sql);
  for (const auto& id : ids) q.Bind(id.level).Bind(static_cast<std::int64_t>(id.index));
  std::map<std::pair<int, std::uint64_t>, ledger::Hash> found;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    const int level = static_cast<int>(q.Int(0));
    const std::int64_t idx = q.Int(1);
    auto h = HashOf(q.Text(2), level, idx);
    if (!h) return Fail(h.error());
    found[{level, static_cast<std::uint64_t>(idx)}] = *h;
  }
  out.reserve(ids.size());
  for (const auto& id : ids) {
    auto it = found.find({id.level, id.index});
    if (it == found.end())
      return Fail(ErrorCode::kNotFound, "error.not_found",
                  "ledger node " + std::to_string(id.level) + "/" + std::to_string(id.index) + " is missing");
    out.push_back(it->second);
  }
  return out;
}

Result<std::vector<std::pair<std::uint64_t, ledger::Hash>>> SqlLedgerRepository::ListLogNodes(
    int level, std::uint64_t begin, int limit) {
  STORE_QUERY(q, *c_, "SELECT idx, hash FROM ledger_nodes WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?");
  q.Bind(level).Bind(static_cast<std::int64_t>(begin)).Bind(std::max(limit, 1));
  std::vector<std::pair<std::uint64_t, ledger::Hash>> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    const std::int64_t idx = q.Int(0);
    auto h = HashOf(q.Text(1), level, idx);
    if (!h) return Fail(h.error());
    out.emplace_back(static_cast<std::uint64_t>(idx), *h);
  }
  return out;
}

Status SqlLedgerRepository::SaveCheckpoint(const StoredCheckpoint& c) {
  STORE_QUERY(q, *c_,
              "INSERT INTO ledger_checkpoints (size, note) VALUES (?, ?) ON CONFLICT (size) DO NOTHING");
  q.Bind(static_cast<std::int64_t>(c.size)).Bind(c.note);
  STORE_TRY(q.Run());
  if (q.Changes() == 1) return {};
  STORE_QUERY(r, *c_, "SELECT note FROM ledger_checkpoints WHERE size = ?");
  r.Bind(static_cast<std::int64_t>(c.size));
  auto row = r.Next();
  if (!row) return Fail(row.error());
  if (*row && r.Text(0) == c.note) return {};
  return Fail(ErrorCode::kConflict, "error.conflict", "another checkpoint exists for this size");
}

Result<std::optional<StoredCheckpoint>> SqlLedgerRepository::LatestCheckpoint() {
  STORE_QUERY(q, *c_, "SELECT size, note FROM ledger_checkpoints ORDER BY size DESC LIMIT 1");
  auto row = q.Next();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<StoredCheckpoint>{};
  return std::optional<StoredCheckpoint>{StoredCheckpoint{static_cast<std::uint64_t>(q.Int(0)), q.Text(1)}};
}

Result<std::vector<StoredCheckpoint>> SqlLedgerRepository::ListCheckpoints() {
  STORE_QUERY(q, *c_, "SELECT size, note FROM ledger_checkpoints ORDER BY size");
  std::vector<StoredCheckpoint> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back({static_cast<std::uint64_t>(q.Int(0)), q.Text(1)});
  }
  return out;
}

}  // namespace jospar::store::sql
