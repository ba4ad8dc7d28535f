#include "store/plan/indicator_keys.hpp"

#include <vector>

#include "core/plan/plan_snapshot.hpp"

namespace jospar::store::sql {
namespace {

std::int64_t Signed(std::uint64_t key) { return static_cast<std::int64_t>(key); }

constexpr std::string_view kTextColumns =
    "SELECT id, title_kk, title_ru, title_en, unit_kk, unit_ru, unit_en, source_kk, source_ru, source_en "
    "FROM indicators";

// The keys of the row of a kTextColumns query, computed as coherence::NodeOf does.
IndicatorKeys KeysOfRow(const Query& q) {
  const std::string_view title[6] = {q.TextView(1), q.TextView(2), q.TextView(3),
                                     q.TextView(4), q.TextView(5), q.TextView(6)};
  const std::string_view unit[6] = {q.TextView(4), q.TextView(5), q.TextView(6), {}, {}, {}};
  const std::string_view source[6] = {q.TextView(7), q.TextView(8), q.TextView(9), {}, {}, {}};
  const bool no_title = title[0].empty() && title[1].empty() && title[2].empty();  // Text::Empty()
  return IndicatorKeys{no_title ? 0 : coherence::TextKey(title), coherence::TextKey(unit),
                       coherence::TextKey(source) != 0};
}

}  // namespace

IndicatorKeys KeysOf(const Indicator& i) {
  const coherence::IndicatorNode n = coherence::NodeOf(i);
  return IndicatorKeys{n.identity, n.unit_key, n.has_source};
}

Status WriteIndicatorKeys(Connection& c, Id id, const IndicatorKeys& keys) {
  STORE_QUERY(q, c,
              "INSERT INTO indicator_keys (indicator_id, identity, unit_key, has_source) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (indicator_id) DO UPDATE SET identity = excluded.identity, "
              "unit_key = excluded.unit_key, has_source = excluded.has_source");
  q.Bind(id).Bind(Signed(keys.identity)).Bind(Signed(keys.unit)).Bind(keys.has_source);
  return q.Run();
}

Result<std::int64_t> FillIndicatorKeys(Connection& c) {
  std::vector<std::pair<Id, IndicatorKeys>> rows;
  {
    STORE_QUERY(
        q, c,
        std::string(kTextColumns) +
            " WHERE NOT EXISTS (SELECT 1 FROM indicator_keys k WHERE k.indicator_id = indicators.id)");
    while (true) {
      auto row = q.Next();
      if (!row) return Fail(row.error());
      if (!*row) break;
      rows.emplace_back(q.Int(0), KeysOfRow(q));
    }
  }
  for (const auto& [id, keys] : rows) STORE_TRY(WriteIndicatorKeys(c, id, keys));
  return static_cast<std::int64_t>(rows.size());
}

Result<IndicatorKeys> KeysFromTexts(Connection& c, Id id) {
  STORE_QUERY(q, c, std::string(kTextColumns) + " WHERE id = ?");
  q.Bind(id);
  auto row = q.Next();
  if (!row) return Fail(row.error());
  if (!*row) return Fail(ErrorCode::kNotFound, "error.not_found", "indicator " + std::to_string(id));
  return KeysOfRow(q);
}

}  // namespace jospar::store::sql
