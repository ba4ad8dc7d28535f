// Whole-table reads in id order, one per entity, for Tx::LoadPlanOutline (repo_outline.cpp). Each lives in
// the repository file that owns the entity's columns.
#pragma once

#include <vector>

#include "core/plan/plan.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

Result<std::vector<StateBody>> ScanBodies(Connection& c);
Result<std::vector<Document>> ScanDocuments(Connection& c);
Result<std::vector<Goal>> ScanGoals(Connection& c);
Result<std::vector<Indicator>> ScanIndicators(Connection& c);  // without planned values
Result<std::vector<Measure>> ScanMeasures(Connection& c);      // without amounts
Result<std::vector<SdgNode>> ScanSdgNodes(Connection& c);
Result<std::vector<Link>> ScanLinks(Connection& c);

// Runs `sql` (no parameters) and reads every row with `read(q, 0)`.
template <class T>
Result<std::vector<T>> ScanAll(Connection& c, const std::string& sql, T (*read)(const Query&, int)) {
  STORE_QUERY(q, c, sql);
  std::vector<T> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(read(q, 0));
  }
  return out;
}

}  // namespace jospar::store::sql
