// The plan snapshot of the coherence rules: a few columns of every document, goal, indicator, measure and
// link, and the years of their latest activity, read in one pass per table.
#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include "store/plan/indicator_keys.hpp"
#include "store/plan/sql_plan_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {
namespace {

using coherence::DocNode;
using coherence::GoalNode;
using coherence::IndicatorNode;
using coherence::MeasureNode;
using coherence::PlanSnapshot;

int YearOf(std::string_view text) {
  if (text.size() < 4) return 0;
  int year = 0;
  for (char ch : text.substr(0, 4)) {
    if (ch < '0' || ch > '9') return std::atoi(std::string(text.substr(0, 4)).c_str());
    year = year * 10 + (ch - '0');
  }
  return year;
}

constexpr std::string_view kDocCols =
    "SELECT id, code, tier, status, parent_id, merged_into_id, start_year, end_year FROM documents";
DocNode ReadDoc(const Query& q) {
  DocNode d;
  d.id = q.Int(0);
  d.code = q.Text(1);
  d.tier = static_cast<int>(q.Int(2));
  d.status = ParseDocStatus(q.TextView(3)).value_or(DocStatus::kDraft);
  d.parent_id = q.OptInt(4);
  d.merged_into_id = q.OptInt(5);
  d.start_year = q.OptInt32(6);
  d.end_year = q.OptInt32(7);
  return d;
}

constexpr std::string_view kGoalCols = "SELECT id, document_id, parent_id, code FROM goals";
GoalNode ReadGoalNode(const Query& q) { return GoalNode{q.Int(0), q.Int(1), q.OptInt(2), q.Text(3), 0}; }

// The text keys come from indicator_keys (migration 009), written with every write of an indicator; on
// SQLite the other columns come from the covering index ix_indicators_check, so no row of `indicators`
// (with its long texts) is read.
constexpr std::string_view kIndicatorCols =
    "SELECT i.id, i.code, i.goal_id, i.responsible_body_id, i.baseline_value, i.target_year, i.target_value, "
    "k.identity, k.unit_key, k.has_source FROM indicators i "
    "LEFT JOIN indicator_keys k ON k.indicator_id = i.id";
// Reads a row of kIndicatorCols; the position of a row without its keys is added to `keyless`.
IndicatorNode ReadIndicatorNode(const Query& q, std::vector<std::size_t>& keyless, std::size_t position) {
  IndicatorNode i;
  i.id = q.Int(0);
  i.code = q.TextView(1);
  i.goal_id = q.OptInt(2);
  i.has_body = !q.IsNull(3);
  i.has_baseline = !q.IsNull(4);
  i.target_year = q.OptInt32(5);
  i.target_value = q.OptDouble(6);
  if (!q.IsNull(7)) {
    i.identity = static_cast<std::uint64_t>(q.Int(7));
    i.unit_key = static_cast<std::uint64_t>(q.Int(8));
    i.has_source = q.Int(9) != 0;
  } else {
    keyless.push_back(position);
  }
  i.has_unit = i.unit_key != 0;
  return i;
}

// Indicators whose indicator_keys row is missing (written around the store) get their keys from their
// texts, so the snapshot is right whoever wrote the row.
Status FillMissingKeys(Connection& c, std::vector<IndicatorNode>& indicators,
                       const std::vector<std::size_t>& keyless) {
  for (std::size_t position : keyless) {
    IndicatorNode& i = indicators[position];
    auto keys = KeysFromTexts(c, i.id);
    if (!keys) return Fail(keys.error());
    i.identity = keys->identity;
    i.unit_key = keys->unit;
    i.has_unit = keys->unit != 0;
    i.has_source = keys->has_source;
  }
  return {};
}

constexpr std::string_view kMeasureCols = "SELECT id, goal_id, deadline FROM measures";
MeasureNode ReadMeasureNode(const Query& q) {
  return MeasureNode{q.Int(0), q.Int(1), std::string(q.TextView(2)), 0, 0};
}

constexpr std::string_view kLinkCols = "SELECT id, from_kind, from_id, to_kind, to_id FROM links";
Link ReadLinkRow(const Query& q) {
  return Link{q.Int(0),
              {ParseObjectKind(q.TextView(1)).value_or(ObjectKind::kGoal), q.Int(2)},
              {ParseObjectKind(q.TextView(3)).value_or(ObjectKind::kGoal), q.Int(4)}};
}

// Runs `sql` (parameters `binds`) and calls `on_row` for each row.
template <class F>
Status Each(Connection& c, std::string_view sql, const std::vector<Value>& binds, F on_row) {
  STORE_QUERY(q, c, sql);
  q.BindAll(binds);
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) return {};
    on_row(q);
  }
}

struct Activity {
  int change = 0;
  int report = 0;
};

// History activity by object: (kind, id) packed into one integer.
using HistoryActivity = std::unordered_map<std::uint64_t, Activity>;
std::uint64_t ActivityKey(ObjectKind k, Id id) {
  return (static_cast<std::uint64_t>(id) << 5) ^ static_cast<std::uint64_t>(k);
}
void AddHistoryRow(HistoryActivity& history, const Query& q) {
  const auto kind = ParseObjectKind(q.TextView(0));
  if (!kind) return;
  history[ActivityKey(*kind, q.Int(1))] =
      Activity{YearOf(q.TextView(2)), q.IsNull(3) ? 0 : YearOf(q.TextView(3))};
}

// Fills the activity years of the objects of `s` from `history` and `actuals` (indicator id -> year of its
// latest actual value).
void ApplyActivity(PlanSnapshot& s, const HistoryActivity& history,
                   const std::unordered_map<Id, int>& actuals) {
  auto find = [&](ObjectKind k, Id id) -> Activity {
    if (history.empty()) return {};
    auto it = history.find(ActivityKey(k, id));
    return it == history.end() ? Activity{} : it->second;
  };
  for (auto& d : s.documents) d.last_change_year = find(ObjectKind::kDocument, d.id).change;
  for (auto& g : s.goals) g.last_change_year = find(ObjectKind::kGoal, g.id).change;
  for (auto& i : s.indicators) {
    i.last_change_year = find(ObjectKind::kIndicator, i.id).change;
    if (!actuals.empty())
      if (auto it = actuals.find(i.id); it != actuals.end()) i.last_actual_year = it->second;
  }
  for (auto& m : s.measures) {
    const Activity a = find(ObjectKind::kMeasure, m.id);
    m.last_change_year = a.change;
    m.last_report_year = a.report;
  }
}

constexpr std::string_view kHistoryActivity =
    "SELECT object_kind, object_id, MAX(at), MAX(CASE WHEN action LIKE 'report%' THEN at END) FROM history";

bool ById(const IndicatorNode& a, const IndicatorNode& b) { return a.id < b.id; }

}  // namespace

// One query per table, only the columns the rules read; texts are hashed straight from the row (no copy).
// The latest actual value of each indicator comes from MAX(period) over the observations' unique index
// (indicator_id first), merged into the indicators sorted by id.
Result<PlanSnapshot> SqlPlanRepository::LoadPlanSnapshot() {
  Connection& c = *c_;
  PlanSnapshot s;
  // Room for every row up front, up to the greatest id when the ids are dense (what CoherenceIndex needs to
  // keep the vectors as its storage), so that no vector grows by copying while it is filled.
  auto reserve = [&](std::string_view table, auto& rows) -> Status {
    return Each(c, "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM " + std::string(table), {},
                [&](const Query& q) {
                  const auto count = static_cast<std::size_t>(q.Int(0));
                  const auto max_id = static_cast<std::size_t>(std::max<std::int64_t>(q.Int(1), 0));
                  rows.reserve(std::max(count, std::min(max_id + 1, 4 * count + 1024)));
                });
  };
  STORE_TRY(reserve("documents", s.documents));
  STORE_TRY(reserve("goals", s.goals));
  STORE_TRY(reserve("indicators", s.indicators));
  STORE_TRY(reserve("measures", s.measures));
  STORE_TRY(reserve("links", s.links));
  STORE_TRY(Each(c, kDocCols, {}, [&](const Query& q) { s.documents.push_back(ReadDoc(q)); }));
  STORE_TRY(Each(c, kGoalCols, {}, [&](const Query& q) { s.goals.push_back(ReadGoalNode(q)); }));
  std::vector<std::size_t> keyless;
  STORE_TRY(Each(c, kIndicatorCols, {}, [&](const Query& q) {
    s.indicators.push_back(ReadIndicatorNode(q, keyless, s.indicators.size()));
  }));
  STORE_TRY(FillMissingKeys(c, s.indicators, keyless));
  STORE_TRY(Each(c, kMeasureCols, {}, [&](const Query& q) { s.measures.push_back(ReadMeasureNode(q)); }));
  STORE_TRY(Each(c, kLinkCols, {}, [&](const Query& q) { s.links.push_back(ReadLinkRow(q)); }));
  STORE_TRY(
      Each(c, "SELECT id FROM sdg_nodes", {}, [&](const Query& q) { s.sdg_nodes.push_back(q.Int(0)); }));
  // The first four characters of the greatest period are the greatest of the first four characters.
  if (!std::is_sorted(s.indicators.begin(), s.indicators.end(), ById))
    std::sort(s.indicators.begin(), s.indicators.end(), ById);
  auto next = s.indicators.begin();
  STORE_TRY(Each(c, "SELECT indicator_id, MAX(period) FROM observations GROUP BY indicator_id", {},
                 [&](const Query& q) {
                   const Id id = q.Int(0);
                   if (next == s.indicators.end() || next->id > id)
                     next = std::lower_bound(s.indicators.begin(), s.indicators.end(), id,
                                             [](const IndicatorNode& i, Id v) { return i.id < v; });
                   while (next != s.indicators.end() && next->id < id) ++next;
                   if (next != s.indicators.end() && next->id == id)
                     next->last_actual_year = YearOf(q.TextView(1));
                 }));
  HistoryActivity history;
  STORE_TRY(Each(c, std::string(kHistoryActivity) + " GROUP BY object_kind, object_id", {},
                 [&](const Query& q) { AddHistoryRow(history, q); }));
  ApplyActivity(s, history, {});
  return s;
}

Result<PlanSnapshot> SqlPlanRepository::LoadPlanSnapshotOf(const std::vector<ObjectRef>& objects) {
  Connection& c = *c_;
  PlanSnapshot s;
  std::unordered_map<Id, int> actuals;
  HistoryActivity history;
  for (const ObjectRef& r : objects) {
    const std::vector<Value> id{Value(r.id)};
    switch (r.kind) {
      case ObjectKind::kDocument:
        STORE_TRY(Each(c, std::string(kDocCols) + " WHERE id = ?", id,
                       [&](const Query& q) { s.documents.push_back(ReadDoc(q)); }));
        break;
      case ObjectKind::kGoal:
        STORE_TRY(Each(c, std::string(kGoalCols) + " WHERE id = ?", id,
                       [&](const Query& q) { s.goals.push_back(ReadGoalNode(q)); }));
        break;
      case ObjectKind::kIndicator: {
        std::vector<std::size_t> keyless;
        STORE_TRY(Each(c, std::string(kIndicatorCols) + " WHERE i.id = ?", id, [&](const Query& q) {
          s.indicators.push_back(ReadIndicatorNode(q, keyless, s.indicators.size()));
        }));
        STORE_TRY(FillMissingKeys(c, s.indicators, keyless));
        STORE_TRY(
            Each(c, "SELECT MAX(period) FROM observations WHERE indicator_id = ?", id, [&](const Query& q) {
              if (!q.IsNull(0)) actuals[r.id] = YearOf(q.TextView(0));
            }));
        break;
      }
      case ObjectKind::kMeasure:
        STORE_TRY(Each(c, std::string(kMeasureCols) + " WHERE id = ?", id,
                       [&](const Query& q) { s.measures.push_back(ReadMeasureNode(q)); }));
        break;
      case ObjectKind::kLink:
        STORE_TRY(Each(c, std::string(kLinkCols) + " WHERE id = ?", id,
                       [&](const Query& q) { s.links.push_back(ReadLinkRow(q)); }));
        break;
      default:
        continue;
    }
    STORE_TRY(Each(c,
                   std::string(kHistoryActivity) +
                       " WHERE object_kind = ? AND object_id = ? GROUP BY object_kind, object_id",
                   {Value(std::string(ToString(r.kind))), Value(r.id)},
                   [&](const Query& q) { AddHistoryRow(history, q); }));
  }
  ApplyActivity(s, history, actuals);
  return s;
}

}  // namespace jospar::store::sql
