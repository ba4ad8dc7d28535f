// The store: the one port through which core's use cases read and write persistent state. Implemented
// by src/store (SQLite and PostgreSQL); one contract test suite (tests/store) runs against every backend.
//
// Contract shared by every method:
// - kNotFound when the object does not exist; kConflict on a duplicate unique key, a stale version or a
//   foreign key that does not resolve; kUnavailable when the database cannot be reached (the caller answers
//   503 and may retry); never throws for these.
// - Update*: the given object's `version` must equal the stored one; on success the stored version is
//   incremented (the object passed in is not modified). A stale version gives kConflict
//   ("error.version_conflict").
// - Writes are visible to later reads of the same Tx, and to others only after Commit().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/accounts.hpp"
#include "core/plan/duplicates.hpp"
#include "core/base/error.hpp"
#include "core/ledger/entry.hpp"
#include "core/ledger/merkle.hpp"
#include "core/plan/plan.hpp"
#include "core/plan/plan_batch.hpp"
#include "core/plan/plan_snapshot.hpp"

namespace jospar {

// Sorting and cursor paging of a list. `sort` is one of the sortable fields of the entity ("code",
// "title", "id", and for documents also "tier", "start_year", "status"); an unknown field is kInvalidInput
// naming the field "sort". `cursor` is the opaque next_cursor of the previous page, empty for the first.
struct PageRequest {
  std::string sort = "code";
  bool descending = false;
  std::string cursor;
  int limit = 50;         // clamped to 1..500
  Lang lang = Lang::kEn;  // for sorting by title
};

template <class T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // empty on the last page
  std::int64_t total = 0;   // number of matching rows
};

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

// A signed checkpoint of the transparency log as stored: its tree size and the whole signed note
// (core/ledger/checkpoint.hpp).
struct StoredCheckpoint {
  std::uint64_t size = 0;
  std::string note;
};

// A unit of work: one database transaction. Not thread-safe. Destroying it without Commit() rolls back.
// It is also the transparency log's DecisionLog: Append (core/ledger/entry.hpp) records a decision in
// this same transaction. Appends of concurrent transactions are serialised (the log has one order): a
// write transaction that appended holds the log until it commits or rolls back.
class Tx : public ledger::DecisionLog {
 public:
  virtual ~Tx() = default;
  virtual Status Commit() = 0;

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

  // History of changes, newest first.
  virtual Status AppendHistory(const HistoryEntry& e) = 0;
  virtual Result<std::vector<HistoryEntry>> ListHistory(ObjectRef object, int limit) = 0;

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
  // History entries with an id greater than `after`, oldest first, at most `limit` (field changes not
  // loaded); `LastHistoryId` is the greatest id in the history, 0 when it is empty.
  virtual Result<std::vector<HistoryEntry>> ListHistorySince(Id after, int limit) = 0;
  virtual Result<Id> LastHistoryId() = 0;

  // Decisions on near-duplicate pairs (core/duplicates.hpp), oldest first. kConflict when a decision on
  // the same (kind, a_id, b_id) exists.
  virtual Result<Id> InsertDuplicateDecision(const DuplicateDecision& d) = 0;
  virtual Result<std::vector<DuplicateDecision>> ListDuplicateDecisions(DuplicateKind kind) = 0;
  // The whole plan (see PlanOutline); one query per table.
  virtual Result<PlanOutline> LoadPlanOutline() = 0;

  // Accounts.
  virtual Result<User> GetUser(Id id) = 0;
  virtual Result<User> GetUserByName(std::string_view name) = 0;
  virtual Result<Id> InsertUser(const User& u) = 0;
  virtual Status UpdateUser(const User& u) = 0;  // no version check
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Status InsertSession(const Session& s) = 0;
  virtual Result<Session> GetSession(std::string_view id_hash) = 0;
  virtual Status TouchSession(std::string_view id_hash, std::int64_t last_seen_at) = 0;
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  virtual Status DeleteSessionsOlderThan(std::int64_t created_before, std::int64_t seen_before) = 0;
  virtual Result<Id> InsertApiToken(const ApiToken& t) = 0;
  virtual Result<ApiToken> GetApiTokenByHash(std::string_view token_hash) = 0;
  virtual Status DeleteApiToken(Id id) = 0;

  // Transparency log (core/ledger). Append is inherited from ledger::DecisionLog.
  virtual Result<std::uint64_t> LogSize() = 0;
  // Entries [begin, end) (clipped to the size), in index order.
  virtual Result<std::vector<ledger::LogEntry>> ListLogEntries(std::uint64_t begin, std::uint64_t end) = 0;
  // The canonical encoded entries [begin, end) as stored (for verification that must see the bytes).
  virtual Result<std::vector<std::string>> ListLogEntryBytes(std::uint64_t begin, std::uint64_t end) = 0;
  // The newest entries about one object, newest first.
  virtual Result<std::vector<ledger::LogEntry>> ListLogEntriesFor(std::string_view object_kind,
                                                                  std::string_view object_id, int limit) = 0;
  // Stored complete-subtree hashes in the order asked (a ledger::NodeReader); kNotFound if one is missing.
  virtual Result<std::vector<ledger::Hash>> ReadLogNodes(const std::vector<ledger::NodeId>& ids) = 0;
  // Stored nodes of one level with index >= begin, up to `limit`, in index order (for `ledger verify`).
  virtual Result<std::vector<std::pair<std::uint64_t, ledger::Hash>>> ListLogNodes(int level,
                                                                                   std::uint64_t begin,
                                                                                   int limit) = 0;
  // Keeps a signed checkpoint; one per size (kConflict when a different note exists for the size).
  virtual Status SaveCheckpoint(const StoredCheckpoint& c) = 0;
  // The checkpoint of the largest size, or nullopt when none was signed yet.
  virtual Result<std::optional<StoredCheckpoint>> LatestCheckpoint() = 0;
  // Every checkpoint, by size.
  virtual Result<std::vector<StoredCheckpoint>> ListCheckpoints() = 0;
};

enum class TxMode { kRead, kWrite };

struct PoolStats {
  int size = 0;               // connections open
  int in_use = 0;             // connections lent out
  std::int64_t waits = 0;     // times a caller waited for a free connection
  std::int64_t failures = 0;  // failed connection attempts
};

// Thread-safe. Begin() lends a pooled connection to the returned Tx until it is destroyed.
class Store {
 public:
  virtual ~Store() = default;
  // kUnavailable when no connection can be had now (the database is down or the pool is exhausted
  // past its wait time).
  virtual Result<std::unique_ptr<Tx>> Begin(TxMode mode) = 0;
  // True when the database answers a trivial query now.
  virtual bool Ping() = 0;
  virtual PoolStats Stats() const = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;
};

}  // namespace jospar
