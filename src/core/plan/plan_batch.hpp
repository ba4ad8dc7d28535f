// A batch of plan objects that carry their own ids, for bulk loads (a generated synthetic plan): the
// objects refer to each other by these ids, so the whole batch can be written with prepared statements in
// one transaction without reading anything back.
#pragma once

#include <vector>

#include "core/plan/plan.hpp"

namespace jospar {

struct PlanBatch {
  std::vector<StateBody> bodies;      // a parent comes before its children
  std::vector<Document> documents;    // a parent (and a merge target) comes before the documents below it
  std::vector<Goal> goals;            // a goal comes before its tasks
  std::vector<Indicator> indicators;  // with their planned values
  std::vector<Observation> observations;
  std::vector<Measure> measures;  // with their amounts
  std::vector<Link> links;        // links carry no foreign key: an end may name a missing object
  std::vector<HistoryEntry> history;

  void Clear() {
    bodies.clear();
    documents.clear();
    goals.clear();
    indicators.clear();
    observations.clear();
    measures.clear();
    links.clear();
    history.clear();
  }
};

// The largest id in use per table (0 for an empty table), so that a bulk load can choose fresh ids.
struct PlanIdBase {
  Id body = 0, document = 0, goal = 0, indicator = 0, measure = 0, link = 0;
};

}  // namespace jospar
