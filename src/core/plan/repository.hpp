// The plan registry's part of the store (handed out by Tx::plan()); implemented in src/store/plan. The
// contract shared by every repository is in core/base/unit_of_work.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/paging.hpp"
#include "core/plan/duplicates.hpp"
#include "core/plan/plan.hpp"
#include "core/plan/plan_batch.hpp"
#include "core/plan/plan_snapshot.hpp"

namespace jospar {

// `search` matches the normalised (NFC, case-folded, Cyrillic/Latin Kazakh folded) title, summary and
// code in any of the three languages as a substring of words.
struct BodyFilter {
  std::optional<BodyKind> kind;
  std::optional<Id> parent_id;
  std::string search;
};
struct DocumentFilter {
  std::optional<Tier> tier;
  std::optional<DocStatus> status;
  std::optional<Id> owner_body_id;
  std::optional<Id> parent_id;
  bool only_top = false;  // parent_id IS NULL
  std::string type;
  std::string search;
};
struct GoalFilter {
  std::optional<Id> document_id;
  std::optional<Id> parent_id;
  bool only_top = false;  // goals, not tasks
  std::string search;
};
struct IndicatorFilter {
  std::optional<Id> goal_id;
  std::optional<Id> document_id;  // indicators of any goal or task of the document
  std::optional<Id> sdg_target_id;
  std::optional<Id> sdg_goal_id;  // indicators under any target of the SDG goal
  std::optional<Id> responsible_body_id;
  std::string search;
};
struct MeasureFilter {
  std::optional<Id> goal_id;
  std::optional<Id> responsible_body_id;
  std::string search;
};

// The whole plan in one read, for analyses over all of it (progress, reporting burden). Every list is in
// id order. Indicators come without planned values and measures without amounts; `totals` holds only the
// observations with an empty disaggregation.
struct PlanOutline {
  std::vector<StateBody> bodies;
  std::vector<Document> documents;
  std::vector<Goal> goals;
  std::vector<Indicator> indicators;
  std::vector<Measure> measures;
  std::vector<SdgNode> sdg;
  std::vector<Link> links;
  std::vector<Observation> totals;  // ordered by indicator id, series, unit, period
};

enum class UpsertOutcome { kInserted, kUpdated, kUnchanged };

struct UpsertResult {
  UpsertOutcome outcome = UpsertOutcome::kUnchanged;
  std::optional<double> previous_value;  // set when kUpdated
};

class PlanRepository {
 public:
  virtual ~PlanRepository() = default;

  // State bodies.
  virtual Result<StateBody> GetBody(Id id) = 0;
  virtual Result<StateBody> GetBodyByCode(std::string_view code) = 0;
  virtual Result<Page<StateBody>> ListBodies(const BodyFilter& f, const PageRequest& p) = 0;
  virtual Result<Id> InsertBody(const StateBody& b) = 0;
  virtual Status UpdateBody(const StateBody& b) = 0;
  virtual Status DeleteBody(Id id) = 0;

  // Planning documents.
  virtual Result<Document> GetDocument(Id id) = 0;
  virtual Result<Document> GetDocumentByCode(std::string_view code) = 0;
  virtual Result<Page<Document>> ListDocuments(const DocumentFilter& f, const PageRequest& p) = 0;
  virtual Result<Id> InsertDocument(const Document& d) = 0;
  virtual Status UpdateDocument(const Document& d) = 0;
  virtual Status DeleteDocument(Id id) = 0;
  // Snapshot of a document's previous edition, kept when it is amended.
  virtual Status InsertDocumentEdition(Id document_id, int edition, const Document& snapshot,
                                       const LegalAct& amending_act) = 0;
  virtual Result<std::vector<Document>> ListDocumentEditions(Id document_id) = 0;

  // Goals and tasks.
  virtual Result<Goal> GetGoal(Id id) = 0;
  virtual Result<Page<Goal>> ListGoals(const GoalFilter& f, const PageRequest& p) = 0;
  virtual Result<Id> InsertGoal(const Goal& g) = 0;
  virtual Status UpdateGoal(const Goal& g) = 0;
  virtual Status DeleteGoal(Id id) = 0;

  // Indicators (with their planned values).
  virtual Result<Indicator> GetIndicator(Id id) = 0;
  virtual Result<Indicator> GetIndicatorByCode(std::string_view code) = 0;
  virtual Result<Page<Indicator>> ListIndicators(const IndicatorFilter& f, const PageRequest& p) = 0;
  virtual Result<Id> InsertIndicator(const Indicator& i) = 0;
  virtual Status UpdateIndicator(const Indicator& i) = 0;
  virtual Status DeleteIndicator(Id id) = 0;

  // Actual values. Keyed by (indicator_id, series, unit, period, disaggregation).
  virtual Result<std::vector<Observation>> ListObservations(Id indicator_id) = 0;
  virtual Result<UpsertResult> UpsertObservation(const Observation& o) = 0;
  virtual Result<std::int64_t> CountObservations() = 0;

  // Measures.
  virtual Result<Measure> GetMeasure(Id id) = 0;
  virtual Result<Page<Measure>> ListMeasures(const MeasureFilter& f, const PageRequest& p) = 0;
  virtual Result<Id> InsertMeasure(const Measure& m) = 0;
  virtual Status UpdateMeasure(const Measure& m) = 0;
  virtual Status DeleteMeasure(Id id) = 0;

  // SDG framework. Upsert by code: inserts or updates title/parent; returns the id.
  virtual Result<SdgNode> GetSdgNode(Id id) = 0;
  virtual Result<SdgNode> GetSdgNodeByCode(std::string_view code) = 0;
  // Children of `parent_id` (goals when empty), ordered by code in natural order (1.2 before 1.10).
  virtual Result<std::vector<SdgNode>> ListSdgNodes(std::optional<Id> parent_id) = 0;
  virtual Result<Id> UpsertSdgNode(const SdgNode& n) = 0;

  // Disaggregation code lists.
  virtual Result<UpsertOutcome> UpsertCodeName(const CodeName& c) = 0;
  virtual Result<std::vector<CodeName>> ListCodeNames(std::string_view dimension) = 0;  // empty: all

  // "Contributes to" links.
  virtual Result<Id> InsertLink(const Link& l) = 0;  // kConflict if the same link exists
  virtual Status DeleteLink(Id id) = 0;
  virtual Result<Link> GetLink(Id id) = 0;
  virtual Result<std::vector<Link>> ListLinksFrom(ObjectRef from) = 0;
  virtual Result<std::vector<Link>> ListLinksTo(ObjectRef to) = 0;

  // Bulk loading (a generated plan). Inserts every object of `batch` with the id it carries, with
  // prepared statements and without reading anything back; versions start at 1. kConflict when an id or
  // a unique code is taken or a foreign key does not resolve (the transaction may then only roll back).
  virtual Status BulkInsertPlan(const PlanBatch& batch) = 0;
  // The largest id in use per table (0 for an empty table).
  virtual Result<PlanIdBase> MaxPlanIds() = 0;

  // Coherence (core/coherence.hpp). The whole plan as the rules see it; years of activity come from the
  // history (`at`) and from the periods of the actual values.
  virtual Result<coherence::PlanSnapshot> LoadPlanSnapshot() = 0;
  // The same for the given objects only (documents, goals, indicators, measures, links); objects that
  // do not exist are left out; other kinds are ignored.
  virtual Result<coherence::PlanSnapshot> LoadPlanSnapshotOf(const std::vector<ObjectRef>& objects) = 0;
  // Decisions on near-duplicate pairs (core/duplicates.hpp), oldest first. kConflict when a decision on
  // the same (kind, a_id, b_id) exists.
  virtual Result<Id> InsertDuplicateDecision(const DuplicateDecision& d) = 0;
  virtual Result<std::vector<DuplicateDecision>> ListDuplicateDecisions(DuplicateKind kind) = 0;
  // The whole plan (see PlanOutline); one query per table.
  virtual Result<PlanOutline> LoadPlanOutline() = 0;
};

}  // namespace jospar
