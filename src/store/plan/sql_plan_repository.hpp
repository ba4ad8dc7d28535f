// The plan repository over sql::Connection, shared by every backend (PlanRepository of
// core/plan/repository.hpp).
#pragma once

#include "core/plan/repository.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

// Acts on the connection of the Tx that owns it; `c` is that Tx's connection slot (it changes on commit).
class SqlPlanRepository final : public PlanRepository {
 public:
  SqlPlanRepository(Connection*& c, AuditRepository& audit) : c_(c), audit_(audit) {}
  // State bodies.
  Result<StateBody> GetBody(Id id) override;
  Result<StateBody> GetBodyByCode(std::string_view code) override;
  Result<Page<StateBody>> ListBodies(const BodyFilter& f, const PageRequest& p) override;
  Result<Id> InsertBody(const StateBody& b) override;
  Status UpdateBody(const StateBody& b) override;
  Status DeleteBody(Id id) override;
  // Planning documents.
  Result<Document> GetDocument(Id id) override;
  Result<Document> GetDocumentByCode(std::string_view code) override;
  Result<Page<Document>> ListDocuments(const DocumentFilter& f, const PageRequest& p) override;
  Result<Id> InsertDocument(const Document& d) override;
  Status UpdateDocument(const Document& d) override;
  Status DeleteDocument(Id id) override;
  // Snapshot of a document's previous edition, kept when it is amended.
  Status InsertDocumentEdition(Id document_id, int edition, const Document& snapshot,
                               const LegalAct& amending_act) override;
  Result<std::vector<Document>> ListDocumentEditions(Id document_id) override;
  // Goals and tasks.
  Result<Goal> GetGoal(Id id) override;
  Result<Page<Goal>> ListGoals(const GoalFilter& f, const PageRequest& p) override;
  Result<Id> InsertGoal(const Goal& g) override;
  Status UpdateGoal(const Goal& g) override;
  Status DeleteGoal(Id id) override;
  // Indicators (with their planned values).
  Result<Indicator> GetIndicator(Id id) override;
  Result<Indicator> GetIndicatorByCode(std::string_view code) override;
  Result<Page<Indicator>> ListIndicators(const IndicatorFilter& f, const PageRequest& p) override;
  Result<Id> InsertIndicator(const Indicator& i) override;
  Status UpdateIndicator(const Indicator& i) override;
  Status DeleteIndicator(Id id) override;
  // Actual values. Keyed by (indicator_id, series, unit, period, disaggregation).
  Result<std::vector<Observation>> ListObservations(Id indicator_id) override;
  Result<UpsertResult> UpsertObservation(const Observation& o) override;
  Result<std::int64_t> CountObservations() override;
  // Measures.
  Result<Measure> GetMeasure(Id id) override;
  Result<Page<Measure>> ListMeasures(const MeasureFilter& f, const PageRequest& p) override;
  Result<Id> InsertMeasure(const Measure& m) override;
  Status UpdateMeasure(const Measure& m) override;
  Status DeleteMeasure(Id id) override;
  // SDG framework. Upsert by code: inserts or updates title/parent; returns the id.
  Result<SdgNode> GetSdgNode(Id id) override;
  Result<SdgNode> GetSdgNodeByCode(std::string_view code) override;
  // Children of `parent_id` (goals when empty), ordered by code in natural order (1.2 before 1.10).
  Result<std::vector<SdgNode>> ListSdgNodes(std::optional<Id> parent_id) override;
  Result<Id> UpsertSdgNode(const SdgNode& n) override;
  // Disaggregation code lists.
  Result<UpsertOutcome> UpsertCodeName(const CodeName& c) override;
  Result<std::vector<CodeName>> ListCodeNames(std::string_view dimension) override;
  // empty: all
  // "Contributes to" links.
  Result<Id> InsertLink(const Link& l) override;
  // kConflict if the same link exists
  Status DeleteLink(Id id) override;
  Result<Link> GetLink(Id id) override;
  Result<std::vector<Link>> ListLinksFrom(ObjectRef from) override;
  Result<std::vector<Link>> ListLinksTo(ObjectRef to) override;
  // Bulk loading (a generated plan). Inserts every object of `batch` with the id it carries, with
  // prepared statements and without reading anything back; versions start at 1. kConflict when an id or
  // a unique code is taken or a foreign key does not resolve (the transaction may then only roll back).
  Status BulkInsertPlan(const PlanBatch& batch) override;
  // The largest id in use per table (0 for an empty table).
  Result<PlanIdBase> MaxPlanIds() override;
  // Coherence (core/coherence.hpp). The whole plan as the rules see it; years of activity come from the
  // history (`at`) and from the periods of the actual values.
  Result<coherence::PlanSnapshot> LoadPlanSnapshot() override;
  // The same for the given objects only (documents, goals, indicators, measures, links); objects that
  // do not exist are left out; other kinds are ignored.
  Result<coherence::PlanSnapshot> LoadPlanSnapshotOf(const std::vector<ObjectRef>& objects) override;
  // Decisions on near-duplicate pairs (core/duplicates.hpp), oldest first. kConflict when a decision on
  // the same (kind, a_id, b_id) exists.
  Result<Id> InsertDuplicateDecision(const DuplicateDecision& d) override;
  Result<std::vector<DuplicateDecision>> ListDuplicateDecisions(DuplicateKind kind) override;
  // The whole plan (see PlanOutline); one query per table.
  Result<PlanOutline> LoadPlanOutline() override;

 private:
  Status LoadPlanned(std::vector<Indicator*> items);
  Status LoadAmounts(std::vector<Measure*> items);
  Status SaveYearValues(std::string_view table, std::string_view key, Id id,
                        const std::vector<YearValue>& values);
  Status DeleteLinksOf(ObjectRef ref);
  Status AppendHistory(const HistoryEntry& e) { return audit_.AppendHistory(e); }

  Connection*& c_;
  AuditRepository& audit_;
};

}  // namespace jospar::store::sql
