// Tx::LoadPlanOutline: the whole plan in one read, one query per table.
#include "store/plan/scan.hpp"
#include "store/plan/sql_plan_repository.hpp"

namespace jospar::store::sql {

Result<PlanOutline> SqlPlanRepository::LoadPlanOutline() {
  PlanOutline o;
  auto bodies = ScanBodies(*c_);
  if (!bodies) return Fail(bodies.error());
  o.bodies = std::move(*bodies);
  auto documents = ScanDocuments(*c_);
  if (!documents) return Fail(documents.error());
  o.documents = std::move(*documents);
  auto goals = ScanGoals(*c_);
  if (!goals) return Fail(goals.error());
  o.goals = std::move(*goals);
  auto indicators = ScanIndicators(*c_);
  if (!indicators) return Fail(indicators.error());
  o.indicators = std::move(*indicators);
  auto measures = ScanMeasures(*c_);
  if (!measures) return Fail(measures.error());
  o.measures = std::move(*measures);
  auto sdg = ScanSdgNodes(*c_);
  if (!sdg) return Fail(sdg.error());
  o.sdg = std::move(*sdg);
  auto links = ScanLinks(*c_);
  if (!links) return Fail(links.error());
  o.links = std::move(*links);

  STORE_QUERY(q, *c_,
              "SELECT indicator_id, series, unit, period, value, demo FROM observations "
              "WHERE disaggregation = '' ORDER BY indicator_id, series, unit, period");
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    o.totals.push_back(
        Observation{q.Int(0), q.Text(1), q.Text(2), q.Text(3), std::string(), q.Double(4), q.Int(5) != 0});
  }
  return o;
}

}  // namespace jospar::store::sql
