// Bulk loading of a plan whose objects carry their ids (a generated synthetic plan): one cached prepared
// statement per table, rows bound and run one after another inside the caller's transaction.
#include "store/plan/indicator_keys.hpp"
#include "store/plan/sql_plan_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {
namespace {

Status InsertYearValues(Connection& c, std::string_view sql, Id id, const std::vector<YearValue>& values) {
  if (values.empty()) return {};
  STORE_QUERY(q, c, sql);
  for (const auto& v : values) {
    q.Reset();
    q.Bind(id).Bind(v.year).Bind(v.value);
    STORE_TRY(q.Run());
  }
  return {};
}

}  // namespace

Status SqlPlanRepository::BulkInsertPlan(const PlanBatch& b) {
  Connection& c = *c_;
  if (!b.bodies.empty()) {
    STORE_QUERY(
        q, c,
        "INSERT INTO bodies (id, code, code_key, kind, parent_id, title_kk, title_ru, title_en, search, "
        "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
    for (const auto& x : b.bodies) {
      q.Reset();
      q.Bind(x.id).Bind(x.code).Bind(CodeKey(x.code)).Bind(ToString(x.kind)).Bind(x.parent_id);
      q.Bind(x.title.kk).Bind(x.title.ru).Bind(x.title.en).Bind(SearchColumn(x.code, x.title));
      STORE_TRY(q.Run());
    }
  }
  if (!b.documents.empty()) {
    STORE_QUERY(
        q, c,
        "INSERT INTO documents (id, code, code_key, tier, type, title_kk, title_ru, title_en, summary_kk, "
        "summary_ru, summary_en, act_kind, act_number, act_date, owner_body_id, start_year, end_year, "
        "status, merged_into_id, parent_id, edition, demo, search, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
    for (const auto& d : b.documents) {
      q.Reset();
      q.Bind(d.id).Bind(d.code).Bind(CodeKey(d.code)).Bind(static_cast<int>(d.tier)).Bind(d.type);
      q.Bind(d.title.kk).Bind(d.title.ru).Bind(d.title.en).Bind(d.summary.kk).Bind(d.summary.ru);
      q.Bind(d.summary.en).Bind(d.act.kind).Bind(d.act.number).Bind(d.act.date).Bind(d.owner_body_id);
      q.Bind(d.start_year).Bind(d.end_year).Bind(ToString(d.status)).Bind(d.merged_into_id).Bind(d.parent_id);
      q.Bind(d.edition).Bind(d.demo).Bind(SearchColumn(d.code, d.title, d.summary));
      STORE_TRY(q.Run());
    }
  }
  if (!b.goals.empty()) {
    STORE_QUERY(
        q, c,
        "INSERT INTO goals (id, document_id, parent_id, code, code_key, title_kk, title_ru, title_en, demo, "
        "search, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
    for (const auto& g : b.goals) {
      q.Reset();
      q.Bind(g.id).Bind(g.document_id).Bind(g.parent_id).Bind(g.code).Bind(CodeKey(g.code));
      q.Bind(g.title.kk).Bind(g.title.ru).Bind(g.title.en).Bind(g.demo).Bind(SearchColumn(g.code, g.title));
      STORE_TRY(q.Run());
    }
  }
  if (!b.indicators.empty()) {
    STORE_QUERY(
        q, c,
        "INSERT INTO indicators (id, code, code_key, goal_id, sdg_target_id, kind, title_kk, title_ru, "
        "title_en, "
        "unit_kk, unit_ru, unit_en, direction, baseline_year, baseline_value, target_year, target_value, "
        "responsible_body_id, source_kk, source_ru, source_en, demo, search, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
    for (const auto& i : b.indicators) {
      q.Reset();
      q.Bind(i.id).Bind(i.code).Bind(CodeKey(i.code)).Bind(i.goal_id).Bind(i.sdg_target_id);
      q.Bind(ToString(i.kind)).Bind(i.title.kk).Bind(i.title.ru).Bind(i.title.en).Bind(i.unit.kk);
      q.Bind(i.unit.ru).Bind(i.unit.en).Bind(ToString(i.direction)).Bind(i.baseline_year);
      q.Bind(i.baseline_value).Bind(i.target_year).Bind(i.target_value).Bind(i.responsible_body_id);
      q.Bind(i.source.kk)
          .Bind(i.source.ru)
          .Bind(i.source.en)
          .Bind(i.demo)
          .Bind(SearchColumn(i.code, i.title));
      STORE_TRY(q.Run());
    }
    for (const auto& i : b.indicators) STORE_TRY(WriteIndicatorKeys(c, i.id, KeysOf(i)));
    for (const auto& i : b.indicators)
      STORE_TRY(InsertYearValues(c, "INSERT INTO indicator_plan (indicator_id, year, value) VALUES (?, ?, ?)",
                                 i.id, i.planned));
  }
  if (!b.observations.empty()) {
    STORE_QUERY(q, c,
                "INSERT INTO observations (indicator_id, series, unit, period, disaggregation, value, demo) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& o : b.observations) {
      q.Reset();
      q.Bind(o.indicator_id).Bind(o.series).Bind(o.unit).Bind(o.period).Bind(o.disaggregation).Bind(o.value);
      q.Bind(o.demo);
      STORE_TRY(q.Run());
    }
  }
  if (!b.measures.empty()) {
    STORE_QUERY(
        q, c,
        "INSERT INTO measures (id, goal_id, title_kk, title_ru, title_en, deadline, responsible_body_id, "
        "budget_programme, demo, search, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
    for (const auto& m : b.measures) {
      q.Reset();
      q.Bind(m.id).Bind(m.goal_id).Bind(m.title.kk).Bind(m.title.ru).Bind(m.title.en).Bind(m.deadline);
      q.Bind(m.responsible_body_id).Bind(m.budget_programme).Bind(m.demo);
      q.Bind(SearchColumn({m.budget_programme, m.title.kk, m.title.ru, m.title.en}));
      STORE_TRY(q.Run());
    }
    for (const auto& m : b.measures)
      STORE_TRY(InsertYearValues(c, "INSERT INTO measure_amounts (measure_id, year, value) VALUES (?, ?, ?)",
                                 m.id, m.amounts));
  }
  if (!b.links.empty()) {
    STORE_QUERY(q, c, "INSERT INTO links (id, from_kind, from_id, to_kind, to_id) VALUES (?, ?, ?, ?, ?)");
    for (const auto& l : b.links) {
      q.Reset();
      q.Bind(l.id).Bind(ToString(l.from.kind)).Bind(l.from.id).Bind(ToString(l.to.kind)).Bind(l.to.id);
      STORE_TRY(q.Run());
    }
  }
  for (const auto& e : b.history) STORE_TRY(AppendHistory(e));
  if (c.Backend() == "postgresql") {
    // Explicit ids do not move the identity sequences; later inserts must not collide with them.
    for (const char* table : {"bodies", "documents", "goals", "indicators", "measures", "links"}) {
      STORE_QUERY(q, c,
                  std::string("SELECT setval(pg_get_serial_sequence('") + table +
                      "', 'id'), "
                      "COALESCE((SELECT MAX(id) FROM " +
                      table + "), 1))");
      STORE_TRY(q.Run());
    }
  }
  return {};
}

Result<PlanIdBase> SqlPlanRepository::MaxPlanIds() {
  STORE_QUERY(
      q, *c_,
      "SELECT (SELECT COALESCE(MAX(id), 0) FROM bodies), (SELECT COALESCE(MAX(id), 0) FROM documents), "
      "(SELECT COALESCE(MAX(id), 0) FROM goals), (SELECT COALESCE(MAX(id), 0) FROM indicators), "
      "(SELECT COALESCE(MAX(id), 0) FROM measures), (SELECT COALESCE(MAX(id), 0) FROM links)");
  auto row = q.Next();
  if (!row) return Fail(row.error());
  if (!*row) return Fail(ErrorCode::kInternal, "error.internal", "no row from MAX(id)");
  return PlanIdBase{q.Int(0), q.Int(1), q.Int(2), q.Int(3), q.Int(4), q.Int(5)};
}

}  // namespace jospar::store::sql
