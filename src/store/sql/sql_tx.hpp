// The one implementation of core's Tx over sql::Connection, shared by every backend. The repositories
// live in repo_*.cpp, one file per group of entities.
#pragma once

#include <semaphore>

#include "core/ledger/node_cache.hpp"
#include "core/base/unit_of_work.hpp"
#include "store/sql/connection.hpp"
#include "store/sql/pool.hpp"

namespace jospar::store::sql {

class SqlTx final : public Tx {
 public:
  // `gate`, when set, is held (already acquired) by this write transaction and released at its end.
  // `node_cache`, when set (read transactions only: it must be filled from committed data), serves
  // ReadLogNodes.
  SqlTx(Lease lease, std::binary_semaphore* gate, ledger::NodeCache* node_cache = nullptr);
  ~SqlTx() override;
  Status Commit() override;

  Result<StateBody> GetBody(Id id) override;
  Result<StateBody> GetBodyByCode(std::string_view code) override;
  Result<Page<StateBody>> ListBodies(const BodyFilter& f, const PageRequest& p) override;
  Result<Id> InsertBody(const StateBody& b) override;
  Status UpdateBody(const StateBody& b) override;
  Status DeleteBody(Id id) override;

  Result<Document> GetDocument(Id id) override;
  Result<Document> GetDocumentByCode(std::string_view code) override;
  Result<Page<Document>> ListDocuments(const DocumentFilter& f, const PageRequest& p) override;
  Result<Id> InsertDocument(const Document& d) override;
  Status UpdateDocument(const Document& d) override;
  Status DeleteDocument(Id id) override;
  Status InsertDocumentEdition(Id document_id, int edition, const Document& snapshot,
                               const LegalAct& amending_act) override;
  Result<std::vector<Document>> ListDocumentEditions(Id document_id) override;

  Result<Goal> GetGoal(Id id) override;
  Result<Page<Goal>> ListGoals(const GoalFilter& f, const PageRequest& p) override;
  Result<Id> InsertGoal(const Goal& g) override;
  Status UpdateGoal(const Goal& g) override;
  Status DeleteGoal(Id id) override;

  Result<Indicator> GetIndicator(Id id) override;
  Result<Indicator> GetIndicatorByCode(std::string_view code) override;
  Result<Page<Indicator>> ListIndicators(const IndicatorFilter& f, const PageRequest& p) override;
  Result<Id> InsertIndicator(const Indicator& i) override;
  Status UpdateIndicator(const Indicator& i) override;
  Status DeleteIndicator(Id id) override;

  Result<std::vector<Observation>> ListObservations(Id indicator_id) override;
  Result<UpsertResult> UpsertObservation(const Observation& o) override;
  Result<std::int64_t> CountObservations() override;

  Result<Measure> GetMeasure(Id id) override;
  Result<Page<Measure>> ListMeasures(const MeasureFilter& f, const PageRequest& p) override;
  Result<Id> InsertMeasure(const Measure& m) override;
  Status UpdateMeasure(const Measure& m) override;
  Status DeleteMeasure(Id id) override;

  Result<SdgNode> GetSdgNode(Id id) override;
  Result<SdgNode> GetSdgNodeByCode(std::string_view code) override;
  Result<std::vector<SdgNode>> ListSdgNodes(std::optional<Id> parent_id) override;
  Result<Id> UpsertSdgNode(const SdgNode& n) override;

  Result<UpsertOutcome> UpsertCodeName(const CodeName& c) override;
  Result<std::vector<CodeName>> ListCodeNames(std::string_view dimension) override;

  Result<Id> InsertLink(const Link& l) override;
  Status DeleteLink(Id id) override;
  Result<Link> GetLink(Id id) override;
  Result<std::vector<Link>> ListLinksFrom(ObjectRef from) override;
  Result<std::vector<Link>> ListLinksTo(ObjectRef to) override;

  Status AppendHistory(const HistoryEntry& e) override;
  Result<std::vector<HistoryEntry>> ListHistory(ObjectRef object, int limit) override;

  Status BulkInsertPlan(const PlanBatch& batch) override;
  Result<PlanIdBase> MaxPlanIds() override;

  Result<coherence::PlanSnapshot> LoadPlanSnapshot() override;
  Result<coherence::PlanSnapshot> LoadPlanSnapshotOf(const std::vector<ObjectRef>& objects) override;
  Result<std::vector<HistoryEntry>> ListHistorySince(Id after, int limit) override;
  Result<Id> LastHistoryId() override;
  Result<Id> InsertDuplicateDecision(const DuplicateDecision& d) override;
  Result<std::vector<DuplicateDecision>> ListDuplicateDecisions(DuplicateKind kind) override;
  Result<PlanOutline> LoadPlanOutline() override;

  Result<User> GetUser(Id id) override;
  Result<User> GetUserByName(std::string_view name) override;
  Result<Id> InsertUser(const User& u) override;
  Status UpdateUser(const User& u) override;
  Result<std::vector<User>> ListUsers() override;
  Status InsertSession(const Session& s) override;
  Result<Session> GetSession(std::string_view id_hash) override;
  Status TouchSession(std::string_view id_hash, std::int64_t last_seen_at) override;
  Status DeleteSession(std::string_view id_hash) override;
  Status DeleteSessionsOlderThan(std::int64_t created_before, std::int64_t seen_before) override;
  Result<Id> InsertApiToken(const ApiToken& t) override;
  Result<ApiToken> GetApiTokenByHash(std::string_view token_hash) override;
  Status DeleteApiToken(Id id) override;

  Result<ledger::LogEntry> Append(const ledger::Decision& d) override;
  Result<std::uint64_t> LogSize() override;
  Result<std::vector<ledger::LogEntry>> ListLogEntries(std::uint64_t begin, std::uint64_t end) override;
  Result<std::vector<std::string>> ListLogEntryBytes(std::uint64_t begin, std::uint64_t end) override;
  Result<std::vector<ledger::LogEntry>> ListLogEntriesFor(std::string_view object_kind,
                                                          std::string_view object_id, int limit) override;
  Result<std::vector<ledger::Hash>> ReadLogNodes(const std::vector<ledger::NodeId>& ids) override;
  Result<std::vector<std::pair<std::uint64_t, ledger::Hash>>> ListLogNodes(int level, std::uint64_t begin,
                                                                           int limit) override;
  Status SaveCheckpoint(const StoredCheckpoint& c) override;
  Result<std::optional<StoredCheckpoint>> LatestCheckpoint() override;
  Result<std::vector<StoredCheckpoint>> ListCheckpoints() override;

 private:
  Status LoadPlanned(std::vector<Indicator*> items);
  Status LoadAmounts(std::vector<Measure*> items);
  Status SaveYearValues(std::string_view table, std::string_view key, Id id,
                        const std::vector<YearValue>& values);
  Status DeleteLinksOf(ObjectRef ref);

  Lease lease_;
  // The lent connection; after Commit() a connection whose every statement fails, the lease having gone
  // back to the pool.
  Connection* c_;
  std::binary_semaphore* gate_;
  ledger::NodeCache* node_cache_;
  bool done_ = false;
};

}  // namespace jospar::store::sql
