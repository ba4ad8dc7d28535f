// Repositories of indicators (with planned values), observations and measures (with amounts).
#include <map>

#include "store/plan/indicator_keys.hpp"
#include "store/plan/scan.hpp"
#include "store/plan/sql_plan_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {
namespace {

constexpr std::string_view kIndicatorColumns =
    "id, code, goal_id, sdg_target_id, kind, title_kk, title_ru, title_en, unit_kk, unit_ru, unit_en, "
    "direction, "
    "baseline_year, baseline_value, target_year, target_value, responsible_body_id, source_kk, source_ru, "
    "source_en, demo, version";

Indicator ReadIndicator(const Query& q, int c) {
  Indicator i;
  i.id = q.Int(c);
  i.code = q.Text(c + 1);
  i.goal_id = q.OptInt(c + 2);
  i.sdg_target_id = q.OptInt(c + 3);
  i.kind = ParseIndicatorKind(q.Text(c + 4)).value_or(IndicatorKind::kTarget);
  i.title = Text{q.Text(c + 5), q.Text(c + 6), q.Text(c + 7)};
  i.unit = Text{q.Text(c + 8), q.Text(c + 9), q.Text(c + 10)};
  i.direction = ParseDirection(q.Text(c + 11)).value_or(Direction::kIncrease);
  i.baseline_year = q.OptInt32(c + 12);
  i.baseline_value = q.OptDouble(c + 13);
  i.target_year = q.OptInt32(c + 14);
  i.target_value = q.OptDouble(c + 15);
  i.responsible_body_id = q.OptInt(c + 16);
  i.source = Text{q.Text(c + 17), q.Text(c + 18), q.Text(c + 19)};
  i.demo = q.Int(c + 20) != 0;
  i.version = q.Int(c + 21);
  return i;
}

constexpr std::string_view kMeasureColumns =
    "id, goal_id, title_kk, title_ru, title_en, deadline, responsible_body_id, budget_programme, demo, "
    "version";

Measure ReadMeasure(const Query& q, int c) {
  Measure m;
  m.id = q.Int(c);
  m.goal_id = q.Int(c + 1);
  m.title = Text{q.Text(c + 2), q.Text(c + 3), q.Text(c + 4)};
  m.deadline = q.Text(c + 5);
  m.responsible_body_id = q.OptInt(c + 6);
  m.budget_programme = q.Text(c + 7);
  m.demo = q.Int(c + 8) != 0;
  m.version = q.Int(c + 9);
  return m;
}

// Loads the (owner, year, value) rows of `table` for the given owners in one query per 64 owners; the
// number of placeholders is rounded up to a power of two so that few distinct statements get cached.
Result<std::map<Id, std::vector<YearValue>>> LoadYearValues(Connection& c, std::string_view table,
                                                            std::string_view key,
                                                            const std::vector<Id>& ids) {
  std::map<Id, std::vector<YearValue>> out;
  constexpr size_t kChunk = 64;
  for (size_t start = 0; start < ids.size(); start += kChunk) {
    const size_t n = std::min(kChunk, ids.size() - start);
    size_t slots = 1;
    while (slots < n) slots *= 2;
    std::string sql = "SELECT " + std::string(key) + ", year, value FROM " + std::string(table) + " WHERE " +
                      std::string(key) + " IN (";
    for (size_t i = 0; i < slots; ++i) sql += i == 0 ? "?" : ", ?";
    sql += ") ORDER BY " + std::string(key) + ", year";
    STORE_QUERY(q, c, sql);
    for (size_t i = 0; i < slots; ++i) q.Bind(ids[start + std::min(i, n - 1)]);
    while (true) {
      auto row = q.Next();
      if (!row) return Fail(row.error());
      if (!*row) break;
      out[q.Int(0)].push_back(YearValue{static_cast<int>(q.Int(1)), q.Double(2)});
    }
  }
  return out;
}

void BindIndicatorFields(Query& q, const Indicator& i) {
  q.Bind(i.code).Bind(CodeKey(i.code)).Bind(i.goal_id).Bind(i.sdg_target_id).Bind(ToString(i.kind));
  q.Bind(i.title.kk).Bind(i.title.ru).Bind(i.title.en).Bind(i.unit.kk).Bind(i.unit.ru).Bind(i.unit.en);
  q.Bind(ToString(i.direction)).Bind(i.baseline_year).Bind(i.baseline_value).Bind(i.target_year);
  q.Bind(i.target_value).Bind(i.responsible_body_id).Bind(i.source.kk).Bind(i.source.ru).Bind(i.source.en);
  q.Bind(i.demo).Bind(SearchColumn(i.code, i.title));
}

void BindMeasureFields(Query& q, const Measure& m) {
  q.Bind(m.goal_id).Bind(m.title.kk).Bind(m.title.ru).Bind(m.title.en).Bind(m.deadline);
  q.Bind(m.responsible_body_id).Bind(m.budget_programme).Bind(m.demo);
  q.Bind(SearchColumn({m.budget_programme, m.title.kk, m.title.ru, m.title.en}));
}

}  // namespace

Status SqlPlanRepository::LoadPlanned(std::vector<Indicator*> items) {
  std::vector<Id> ids;
  for (auto* i : items) ids.push_back(i->id);
  auto values = LoadYearValues(*c_, "indicator_plan", "indicator_id", ids);
  if (!values) return Fail(values.error());
  for (auto* i : items) {
    auto it = values->find(i->id);
    if (it != values->end()) i->planned = it->second;
  }
  return {};
}

Status SqlPlanRepository::LoadAmounts(std::vector<Measure*> items) {
  std::vector<Id> ids;
  for (auto* m : items) ids.push_back(m->id);
  auto values = LoadYearValues(*c_, "measure_amounts", "measure_id", ids);
  if (!values) return Fail(values.error());
  for (auto* m : items) {
    auto it = values->find(m->id);
    if (it != values->end()) m->amounts = it->second;
  }
  return {};
}

Status SqlPlanRepository::SaveYearValues(std::string_view table, std::string_view key, Id id,
                                         const std::vector<YearValue>& values) {
  {
    STORE_QUERY(del, *c_, "DELETE FROM " + std::string(table) + " WHERE " + std::string(key) + " = ?");
    del.Bind(id);
    STORE_TRY(del.Run());
  }
  STORE_QUERY(ins, *c_,
              "INSERT INTO " + std::string(table) + " (" + std::string(key) +
                  ", year, value) VALUES (?, ?, ?) ON CONFLICT (" + std::string(key) +
                  ", year) DO UPDATE SET value = excluded.value");
  for (const auto& v : values) {
    ins.Bind(id).Bind(v.year).Bind(v.value);
    STORE_TRY(ins.Run());
    ins.Reset();
  }
  return {};
}

// ---- Indicators ---------------------------------------------------------------------------------------

Result<Indicator> SqlPlanRepository::GetIndicator(Id id) {
  auto i =
      GetOne<Indicator>(*c_, "SELECT " + std::string(kIndicatorColumns) + " FROM indicators WHERE id = ?", id,
                        ReadIndicator, "indicator");
  if (i) STORE_TRY(LoadPlanned({&*i}));
  return i;
}

Result<Indicator> SqlPlanRepository::GetIndicatorByCode(std::string_view code) {
  auto i =
      GetOne<Indicator>(*c_, "SELECT " + std::string(kIndicatorColumns) + " FROM indicators WHERE code = ?",
                        code, ReadIndicator, "indicator");
  if (i) STORE_TRY(LoadPlanned({&*i}));
  return i;
}

Result<Page<Indicator>> SqlPlanRepository::ListIndicators(const IndicatorFilter& f, const PageRequest& p) {
  Filter w;
  if (f.goal_id) w.Add("goal_id = ?", *f.goal_id);
  if (f.document_id) w.Add("goal_id IN (SELECT id FROM goals WHERE document_id = ?)", *f.document_id);
  if (f.sdg_target_id) w.Add("sdg_target_id = ?", *f.sdg_target_id);
  if (f.sdg_goal_id) {
    w.Add("sdg_target_id IN (SELECT id FROM sdg_nodes WHERE parent_id = ?)", *f.sdg_goal_id);
  }
  if (f.responsible_body_id) w.Add("responsible_body_id = ?", *f.responsible_body_id);
  w.AddSearch(f.search);
  ListSpec spec{
      "indicators",
      std::string(kIndicatorColumns),
      {{"code", "code_key", false}, {"title", std::string(TitleColumn(p.lang)), false}, {"id", "id", true}}};
  auto page = ListPage<Indicator>(*c_, spec, w, p, ReadIndicator);
  if (!page) return page;
  std::vector<Indicator*> items;
  for (auto& i : page->items) items.push_back(&i);
  STORE_TRY(LoadPlanned(items));
  return page;
}

Result<Id> SqlPlanRepository::InsertIndicator(const Indicator& i) {
  STORE_QUERY(
      q, *c_,
      "INSERT INTO indicators (code, code_key, goal_id, sdg_target_id, kind, title_kk, title_ru, title_en, "
      "unit_kk, unit_ru, unit_en, direction, baseline_year, baseline_value, target_year, target_value, "
      "responsible_body_id, source_kk, source_ru, source_en, demo, search, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id");
  BindIndicatorFields(q, i);
  auto id = q.OneInt();
  if (!id) return id;
  STORE_TRY(WriteIndicatorKeys(*c_, *id, KeysOf(i)));
  STORE_TRY(SaveYearValues("indicator_plan", "indicator_id", *id, i.planned));
  return id;
}

Status SqlPlanRepository::UpdateIndicator(const Indicator& i) {
  STORE_QUERY(
      q, *c_,
      "UPDATE indicators SET code = ?, code_key = ?, goal_id = ?, sdg_target_id = ?, kind = ?, "
      "title_kk = ?, title_ru = ?, title_en = ?, unit_kk = ?, unit_ru = ?, unit_en = ?, direction = ?, "
      "baseline_year = ?, baseline_value = ?, target_year = ?, target_value = ?, "
      "responsible_body_id = ?, source_kk = ?, source_ru = ?, source_en = ?, demo = ?, search = ?, "
      "version = version + 1 WHERE id = ? AND version = ?");
  BindIndicatorFields(q, i);
  q.Bind(i.id).Bind(i.version);
  STORE_TRY(CheckedWrite(*c_, q, "indicators", i.id, true, "indicator"));
  STORE_TRY(WriteIndicatorKeys(*c_, i.id, KeysOf(i)));
  return SaveYearValues("indicator_plan", "indicator_id", i.id, i.planned);
}

Status SqlPlanRepository::DeleteIndicator(Id id) {
  STORE_QUERY(q, *c_, "DELETE FROM indicators WHERE id = ?");
  q.Bind(id);
  STORE_TRY(CheckedWrite(*c_, q, "indicators", id, false, "indicator"));
  return DeleteLinksOf({ObjectKind::kIndicator, id});
}

// ---- Observations -------------------------------------------------------------------------------------

Result<std::vector<Observation>> SqlPlanRepository::ListObservations(Id indicator_id) {
  STORE_QUERY(q, *c_,
              "SELECT series, unit, period, disaggregation, value, demo FROM observations "
              "WHERE indicator_id = ? ORDER BY series, unit, disaggregation, period");
  q.Bind(indicator_id);
  std::vector<Observation> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(
        Observation{indicator_id, q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Double(4), q.Int(5) != 0});
  }
  return out;
}

Result<UpsertResult> SqlPlanRepository::UpsertObservation(const Observation& o) {
  // One statement: a new key inserts (prev_value NULL); a changed value updates and keeps the old value in
  // prev_value; an unchanged one matches the WHERE of DO UPDATE nowhere and returns no row.
  STORE_QUERY(q, *c_,
              "INSERT INTO observations (indicator_id, series, unit, period, disaggregation, value, demo, "
              "prev_value) VALUES (?, ?, ?, ?, ?, ?, ?, NULL) "
              "ON CONFLICT (indicator_id, series, unit, period, disaggregation) DO UPDATE SET "
              "prev_value = observations.value, value = excluded.value, demo = excluded.demo "
              "WHERE observations.value <> excluded.value OR observations.demo <> excluded.demo "
              "RETURNING prev_value");
  q.Bind(o.indicator_id).Bind(o.series).Bind(o.unit).Bind(o.period).Bind(o.disaggregation);
  q.Bind(o.value).Bind(o.demo);
  auto row = q.Next();
  if (!row) return Fail(row.error());
  if (!*row) return UpsertResult{UpsertOutcome::kUnchanged, std::nullopt};
  UpsertResult result;
  result.previous_value = q.OptDouble(0);
  result.outcome = result.previous_value ? UpsertOutcome::kUpdated : UpsertOutcome::kInserted;
  STORE_TRY(q.Run());
  return result;
}

Result<std::int64_t> SqlPlanRepository::CountObservations() {
  STORE_QUERY(q, *c_, "SELECT COUNT(*) FROM observations");
  return q.OneInt();
}

// ---- Measures -----------------------------------------------------------------------------------------

Result<Measure> SqlPlanRepository::GetMeasure(Id id) {
  auto m = GetOne<Measure>(*c_, "SELECT " + std::string(kMeasureColumns) + " FROM measures WHERE id = ?", id,
                           ReadMeasure, "measure");
  if (m) STORE_TRY(LoadAmounts({&*m}));
  return m;
}

Result<Page<Measure>> SqlPlanRepository::ListMeasures(const MeasureFilter& f, const PageRequest& p) {
  Filter w;
  if (f.goal_id) w.Add("goal_id = ?", *f.goal_id);
  if (f.responsible_body_id) w.Add("responsible_body_id = ?", *f.responsible_body_id);
  w.AddSearch(f.search);
  // Measures have no code of their own: "code" (the default sort) orders them by id.
  ListSpec spec{"measures",
                std::string(kMeasureColumns),
                {{"code", "id", true},
                 {"id", "id", true},
                 {"title", std::string(TitleColumn(p.lang)), false},
                 {"deadline", "deadline", false}}};
  auto page = ListPage<Measure>(*c_, spec, w, p, ReadMeasure);
  if (!page) return page;
  std::vector<Measure*> items;
  for (auto& m : page->items) items.push_back(&m);
  STORE_TRY(LoadAmounts(items));
  return page;
}

Result<Id> SqlPlanRepository::InsertMeasure(const Measure& m) {
  STORE_QUERY(q, *c_,
              "INSERT INTO measures (goal_id, title_kk, title_ru, title_en, deadline, responsible_body_id, "
              "budget_programme, demo, search, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id");
  BindMeasureFields(q, m);
  auto id = q.OneInt();
  if (!id) return id;
  STORE_TRY(SaveYearValues("measure_amounts", "measure_id", *id, m.amounts));
  return id;
}

Status SqlPlanRepository::UpdateMeasure(const Measure& m) {
  STORE_QUERY(q, *c_,
              "UPDATE measures SET goal_id = ?, title_kk = ?, title_ru = ?, title_en = ?, deadline = ?, "
              "responsible_body_id = ?, budget_programme = ?, demo = ?, search = ?, version = version + 1 "
              "WHERE id = ? AND version = ?");
  BindMeasureFields(q, m);
  q.Bind(m.id).Bind(m.version);
  STORE_TRY(CheckedWrite(*c_, q, "measures", m.id, true, "measure"));
  return SaveYearValues("measure_amounts", "measure_id", m.id, m.amounts);
}

Status SqlPlanRepository::DeleteMeasure(Id id) {
  STORE_QUERY(q, *c_, "DELETE FROM measures WHERE id = ?");
  q.Bind(id);
  STORE_TRY(CheckedWrite(*c_, q, "measures", id, false, "measure"));
  return DeleteLinksOf({ObjectKind::kMeasure, id});
}

}  // namespace jospar::store::sql

namespace jospar::store::sql {

Result<std::vector<Indicator>> ScanIndicators(Connection& c) {
  return ScanAll(c, "SELECT " + std::string(kIndicatorColumns) + " FROM indicators ORDER BY id",
                 &ReadIndicator);
}
Result<std::vector<Measure>> ScanMeasures(Connection& c) {
  return ScanAll(c, "SELECT " + std::string(kMeasureColumns) + " FROM measures ORDER BY id", &ReadMeasure);
}

}  // namespace jospar::store::sql
