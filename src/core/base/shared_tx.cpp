#include "core/base/shared_tx.hpp"

namespace jospar::usecases {
namespace {

class BorrowedTx : public Tx {
 public:
  BorrowedTx(Tx& tx, std::vector<std::uint64_t>& appended) : tx_(tx), appended_(appended) {}
  Status Commit() override { return {}; }

  Result<StateBody> GetBody(Id id) override { return tx_.GetBody(id); }
  Result<StateBody> GetBodyByCode(std::string_view code) override { return tx_.GetBodyByCode(code); }
  Result<Page<StateBody>> ListBodies(const BodyFilter& f, const PageRequest& p) override {
    return tx_.ListBodies(f, p);
  }
  Result<Id> InsertBody(const StateBody& b) override { return tx_.InsertBody(b); }
  Status UpdateBody(const StateBody& b) override { return tx_.UpdateBody(b); }
  Status DeleteBody(Id id) override { return tx_.DeleteBody(id); }
  Result<Document> GetDocument(Id id) override { return tx_.GetDocument(id); }
  Result<Document> GetDocumentByCode(std::string_view code) override { return tx_.GetDocumentByCode(code); }
  Result<Page<Document>> ListDocuments(const DocumentFilter& f, const PageRequest& p) override {
    return tx_.ListDocuments(f, p);
  }
  Result<Id> InsertDocument(const Document& d) override { return tx_.InsertDocument(d); }
  Status UpdateDocument(const Document& d) override { return tx_.UpdateDocument(d); }
  Status DeleteDocument(Id id) override { return tx_.DeleteDocument(id); }
  Status InsertDocumentEdition(Id document_id, int edition, const Document& snapshot,
                               const LegalAct& amending_act) override {
    return tx_.InsertDocumentEdition(document_id, edition, snapshot, amending_act);
  }
  Result<std::vector<Document>> ListDocumentEditions(Id document_id) override {
    return tx_.ListDocumentEditions(document_id);
  }
  Result<Goal> GetGoal(Id id) override { return tx_.GetGoal(id); }
  Result<Page<Goal>> ListGoals(const GoalFilter& f, const PageRequest& p) override {
    return tx_.ListGoals(f, p);
  }
  Result<Id> InsertGoal(const Goal& g) override { return tx_.InsertGoal(g); }
  Status UpdateGoal(const Goal& g) override { return tx_.UpdateGoal(g); }
  Status DeleteGoal(Id id) override { return tx_.DeleteGoal(id); }
  Result<Indicator> GetIndicator(Id id) override { return tx_.GetIndicator(id); }
  Result<Indicator> GetIndicatorByCode(std::string_view code) override {
    return tx_.GetIndicatorByCode(code);
  }
  Result<Page<Indicator>> ListIndicators(const IndicatorFilter& f, const PageRequest& p) override {
    return tx_.ListIndicators(f, p);
  }
  Result<Id> InsertIndicator(const Indicator& i) override { return tx_.InsertIndicator(i); }
  Status UpdateIndicator(const Indicator& i) override { return tx_.UpdateIndicator(i); }
  Status DeleteIndicator(Id id) override { return tx_.DeleteIndicator(id); }
  Result<std::vector<Observation>> ListObservations(Id indicator_id) override {
    return tx_.ListObservations(indicator_id);
  }
  Result<UpsertResult> UpsertObservation(const Observation& o) override { return tx_.UpsertObservation(o); }
  Result<std::int64_t> CountObservations() override { return tx_.CountObservations(); }
  Result<Measure> GetMeasure(Id id) override { return tx_.GetMeasure(id); }
  Result<Page<Measure>> ListMeasures(const MeasureFilter& f, const PageRequest& p) override {
    return tx_.ListMeasures(f, p);
  }
  Result<Id> InsertMeasure(const Measure& m) override { return tx_.InsertMeasure(m); }
  Status UpdateMeasure(const Measure& m) override { return tx_.UpdateMeasure(m); }
  Status DeleteMeasure(Id id) override { return tx_.DeleteMeasure(id); }
  Result<SdgNode> GetSdgNode(Id id) override { return tx_.GetSdgNode(id); }
  Result<SdgNode> GetSdgNodeByCode(std::string_view code) override { return tx_.GetSdgNodeByCode(code); }
  Result<std::vector<SdgNode>> ListSdgNodes(std::optional<Id> parent_id) override {
    return tx_.ListSdgNodes(parent_id);
  }
  Result<Id> UpsertSdgNode(const SdgNode& n) override { return tx_.UpsertSdgNode(n); }
  Result<UpsertOutcome> UpsertCodeName(const CodeName& c) override { return tx_.UpsertCodeName(c); }
  Result<std::vector<CodeName>> ListCodeNames(std::string_view dimension) override {
    return tx_.ListCodeNames(dimension);
  }
  Result<Id> InsertLink(const Link& l) override { return tx_.InsertLink(l); }
  Status DeleteLink(Id id) override { return tx_.DeleteLink(id); }
  Result<Link> GetLink(Id id) override { return tx_.GetLink(id); }
  Result<std::vector<Link>> ListLinksFrom(ObjectRef from) override { return tx_.ListLinksFrom(from); }
  Result<std::vector<Link>> ListLinksTo(ObjectRef to) override { return tx_.ListLinksTo(to); }
  Status AppendHistory(const HistoryEntry& e) override { return tx_.AppendHistory(e); }
  Result<std::vector<HistoryEntry>> ListHistory(ObjectRef object, int limit) override {
    return tx_.ListHistory(object, limit);
  }
  Result<User> GetUser(Id id) override { return tx_.GetUser(id); }
  Result<User> GetUserByName(std::string_view name) override { return tx_.GetUserByName(name); }
  Result<Id> InsertUser(const User& u) override { return tx_.InsertUser(u); }
  Status UpdateUser(const User& u) override { return tx_.UpdateUser(u); }
  Result<std::vector<User>> ListUsers() override { return tx_.ListUsers(); }
  Status InsertSession(const Session& s) override { return tx_.InsertSession(s); }
  Result<Session> GetSession(std::string_view id_hash) override { return tx_.GetSession(id_hash); }
  Status TouchSession(std::string_view id_hash, std::int64_t last_seen_at) override {
    return tx_.TouchSession(id_hash, last_seen_at);
  }
  Status DeleteSession(std::string_view id_hash) override { return tx_.DeleteSession(id_hash); }
  Status DeleteSessionsOlderThan(std::int64_t created_before, std::int64_t seen_before) override {
    return tx_.DeleteSessionsOlderThan(created_before, seen_before);
  }
  Result<Id> InsertApiToken(const ApiToken& t) override { return tx_.InsertApiToken(t); }
  Result<ApiToken> GetApiTokenByHash(std::string_view token_hash) override {
    return tx_.GetApiTokenByHash(token_hash);
  }
  Status DeleteApiToken(Id id) override { return tx_.DeleteApiToken(id); }

  Result<PlanOutline> LoadPlanOutline() override { return tx_.LoadPlanOutline(); }

  Status BulkInsertPlan(const PlanBatch& batch) override { return tx_.BulkInsertPlan(batch); }
  Result<PlanIdBase> MaxPlanIds() override { return tx_.MaxPlanIds(); }
  Result<coherence::PlanSnapshot> LoadPlanSnapshot() override { return tx_.LoadPlanSnapshot(); }
  Result<coherence::PlanSnapshot> LoadPlanSnapshotOf(const std::vector<ObjectRef>& objects) override {
    return tx_.LoadPlanSnapshotOf(objects);
  }
  Result<std::vector<HistoryEntry>> ListHistorySince(Id after, int limit) override {
    return tx_.ListHistorySince(after, limit);
  }
  Result<Id> LastHistoryId() override { return tx_.LastHistoryId(); }
  Result<Id> InsertDuplicateDecision(const DuplicateDecision& d) override {
    return tx_.InsertDuplicateDecision(d);
  }
  Result<std::vector<DuplicateDecision>> ListDuplicateDecisions(DuplicateKind kind) override {
    return tx_.ListDuplicateDecisions(kind);
  }

  Result<ledger::LogEntry> Append(const ledger::Decision& d) override {
    auto e = tx_.Append(d);
    if (e) appended_.push_back(e->index);
    return e;
  }
  Result<std::uint64_t> LogSize() override { return tx_.LogSize(); }
  Result<std::vector<ledger::LogEntry>> ListLogEntries(std::uint64_t begin, std::uint64_t end) override {
    return tx_.ListLogEntries(begin, end);
  }
  Result<std::vector<std::string>> ListLogEntryBytes(std::uint64_t begin, std::uint64_t end) override {
    return tx_.ListLogEntryBytes(begin, end);
  }
  Result<std::vector<ledger::LogEntry>> ListLogEntriesFor(std::string_view object_kind,
                                                          std::string_view object_id, int limit) override {
    return tx_.ListLogEntriesFor(object_kind, object_id, limit);
  }
  Result<std::vector<ledger::Hash>> ReadLogNodes(const std::vector<ledger::NodeId>& ids) override {
    return tx_.ReadLogNodes(ids);
  }
  Result<std::vector<std::pair<std::uint64_t, ledger::Hash>>> ListLogNodes(int level, std::uint64_t begin,
                                                                           int limit) override {
    return tx_.ListLogNodes(level, begin, limit);
  }
  Status SaveCheckpoint(const StoredCheckpoint& c) override { return tx_.SaveCheckpoint(c); }
  Result<std::optional<StoredCheckpoint>> LatestCheckpoint() override { return tx_.LatestCheckpoint(); }
  Result<std::vector<StoredCheckpoint>> ListCheckpoints() override { return tx_.ListCheckpoints(); }

 private:
  Tx& tx_;
  std::vector<std::uint64_t>& appended_;
};

}  // namespace

Result<std::unique_ptr<Tx>> SharedTxStore::Begin(TxMode) {
  return std::unique_ptr<Tx>(new BorrowedTx(tx_, appended_));
}

}  // namespace jospar::usecases
