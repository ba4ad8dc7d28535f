// The plan as the coherence rules (core/coherence.hpp) see it: what they need of each object, nothing
// more, so that a plan of a million indicators fits in memory. Filled by the store
// (Tx::LoadPlanSnapshot).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/plan.hpp"
#include "core/plan/plan_batch.hpp"

namespace jospar::coherence {

struct DocNode {
  Id id = 0;
  std::string code;
  int tier = 5;
  DocStatus status = DocStatus::kDraft;
  std::optional<Id> parent_id;
  std::optional<Id> merged_into_id;
  std::optional<int> start_year, end_year;
  int last_change_year = 0;  // latest history entry on the document itself; 0 for none
};
struct GoalNode {
  Id id = 0;
  Id document_id = 0;
  std::optional<Id> parent_id;
  std::string code;
  int last_change_year = 0;
};
struct IndicatorNode {
  Id id = 0;
  std::string code;
  std::optional<Id> goal_id;  // unset for SDG framework indicators, which the rules do not check
  bool has_body = false, has_unit = false, has_baseline = false, has_source = false;
  std::optional<int> target_year;
  std::optional<double> target_value;
  std::uint64_t identity = 0;  // TextKey of the titles and the unit; 0 when it has no title
  std::uint64_t unit_key = 0;  // TextKey of the unit; 0 when it has none
  int last_actual_year = 0;    // year of its latest actual value; 0 for none
  int last_change_year = 0;
};
struct MeasureNode {
  Id id = 0;
  Id goal_id = 0;
  std::string deadline;      // yyyy-mm-dd or empty
  int last_report_year = 0;  // latest history entry "report..." on it; 0 for none
  int last_change_year = 0;
};

struct PlanSnapshot {
  std::vector<DocNode> documents;
  std::vector<GoalNode> goals;
  std::vector<IndicatorNode> indicators;
  std::vector<MeasureNode> measures;
  std::vector<Link> links;
  std::vector<Id> sdg_nodes;  // ids of SDG goals and targets (links may point at them)
};

// A stable 64-bit key of texts (FNV-1a over the three languages of each, trimmed), for "same title"
// and "same unit" comparisons; 0 when every text is empty.
std::uint64_t TextKey(const Text& a, const Text& b = {});
// The same key from the six texts in the order a.kk, a.ru, a.en, b.kk, b.ru, b.en (views: no copies, for
// the store's loader).
std::uint64_t TextKey(const std::string_view (&parts)[6]);

// The snapshot of a batch of plan objects (e.g. a generated plan), with activity taken from its actual
// values only (the batch's history is not read).
PlanSnapshot SnapshotOf(const PlanBatch& batch);

// The node of one indicator as the store would load it (`last_actual_year` and activity left at 0).
IndicatorNode NodeOf(const Indicator& i);

}  // namespace jospar::coherence
