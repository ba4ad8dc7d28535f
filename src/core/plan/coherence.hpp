// Coherence of the plan: the findings of the rules below over an in-memory snapshot of the plan, computed
// in full once and then kept current incrementally (only the objects an edit can affect are re-checked).
// Pure: no I/O; the store fills the snapshot (Tx::LoadCoherenceSnapshot) and the caller gives the year.
//
// Rules (stable ids; the explanation and the fix hint of each are in locales/*/coherence.json under
// "coherence.rule.<id>.title" / ".hint"):
//   document.no_parent          error    a document below the top tier (not ended) with no parent
//   document.parent_ended       error    a document in force whose parent expired, was repealed or merged
//   document.continuity         warning  an expired or repealed document none of whose goals was carried
//                                        into a live document (no goal of a draft, approved or in-force
//                                        document contributes to them)
//   goal.contributes_to_nothing warning  a goal (not a task) of a live document below the top tier that
//                                        contributes to no goal or indicator of a higher tier and no SDG
//   link.broken                 error    a "contributes to" link whose end does not exist
//   link.cycle                  error    "contributes to" links that go round in a cycle (path shown)
//   link.unit_mismatch          warning  an indicator contributes to an indicator measured in another unit
//   indicator.no_body / no_unit / no_baseline / no_source   warning   a plan indicator lacks the field
//   indicator.no_target         error    a plan indicator without a target value and year
//   indicator.target_beyond_horizon error a target year after the document's end year
//   indicator.conflicting_targets error  the same indicator (same titles and unit) in two live documents
//                                        with different targets for the same year
//   lost.indicator_no_actuals   warning  an indicator of a document in force, running for at least N
//                                        periods, without an actual value in the last N periods
//   lost.measure_no_report      warning  a measure of a live document past its deadline with no report
//   lost.document_inactive      warning  a document in force, running for at least N periods, with no
//                                        activity (a change, a report, an actual value) in the last N
// Indicator rules apply to plan indicators (with a goal) of documents that have not ended (not expired,
// repealed or merged). A reporting period is a calendar year.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/base/dense_map.hpp"
#include "core/plan/plan.hpp"
#include "core/plan/plan_snapshot.hpp"

namespace jospar::coherence {

enum class Severity { kError, kWarning, kInfo };
std::string_view ToString(Severity s);  // "error", "warning", "info"
std::optional<Severity> ParseSeverity(std::string_view s);

enum class Rule {
  kDocumentNoParent,
  kDocumentParentEnded,
  kDocumentContinuity,
  kGoalContributesToNothing,
  kLinkBroken,
  kLinkCycle,
  kLinkUnitMismatch,
  kIndicatorNoBody,
  kIndicatorNoUnit,
  kIndicatorNoBaseline,
  kIndicatorNoTarget,
  kIndicatorNoSource,
  kIndicatorTargetBeyondHorizon,
  kIndicatorConflictingTargets,
  kLostIndicatorNoActuals,
  kLostMeasureNoReport,
  kLostDocumentInactive,
};
inline constexpr int kRuleCount = 17;

struct RuleInfo {
  Rule rule;
  std::string_view id;  // stable, e.g. "document.no_parent"
  Severity severity;
};
// Every rule, in the order above.
const std::vector<RuleInfo>& Rules();
const RuleInfo& Info(Rule rule);
std::optional<Rule> ParseRule(std::string_view id);

// One finding, about one object (`subject`, the object to open to fix it); `related` names the other
// object involved where there is one (the parent, the link's target, the conflicting indicator ...).
// `detail` is untranslated and non-personal: codes, years, numbers, or a cycle's path "A → B → A".
struct Finding {
  Rule rule = Rule::kDocumentNoParent;
  ObjectRef subject;
  std::optional<ObjectRef> related;
  std::string detail;
  friend bool operator==(const Finding&, const Finding&) = default;
};

struct CheckOptions {
  int current_year = 2026;
  std::string today = "2026-01-01";  // yyyy-mm-dd: measures with an earlier deadline are past it
  int lost_periods = 2;              // N of the "lost" rules
};

// ---- The index ---------------------------------------------------------------------------------------

// An edit, as the store reports it: the objects touched (created, changed or deleted). For each the new
// state is given, or none when it no longer exists.
struct Change {
  std::vector<DocNode> documents;
  std::vector<GoalNode> goals;
  std::vector<IndicatorNode> indicators;
  std::vector<MeasureNode> measures;
  std::vector<Link> links;
  std::vector<ObjectRef> deleted;  // documents, goals, indicators, measures or links that are gone
};

struct Counts {
  std::int64_t by_rule[kRuleCount] = {};
  std::int64_t errors = 0, warnings = 0, infos = 0;
  std::int64_t total() const { return errors + warnings + infos; }
};

// The plan and its findings. Not thread-safe: the caller serialises access.
class CoherenceIndex {
 public:
  // Builds the index and checks every object.
  CoherenceIndex(PlanSnapshot snapshot, CheckOptions options);

  // Applies an edit and re-checks only the objects it can affect. Returns the number re-checked.
  std::size_t Apply(const Change& change);

  // Every finding, ordered by rule, then subject kind and id.
  std::vector<Finding> Findings() const;
  Counts CountFindings() const;
  // The findings about one object.
  std::vector<Finding> FindingsOf(ObjectRef subject) const;
  const CheckOptions& options() const { return options_; }
  // A code for messages and lists: a document's code, "DOC/1.2" for a goal, an indicator's code, else
  // "kind:id".
  std::string Label(ObjectRef ref) const;
  // The document a document, goal, indicator or measure belongs to (for a link: its source's); nullopt
  // when unknown.
  std::optional<Id> DocumentIdOf(ObjectRef ref) const;
  std::size_t object_count() const;

 private:
  struct RefHash {
    std::size_t operator()(const ObjectRef& r) const {
      return std::hash<std::int64_t>()(r.id * 16 + static_cast<std::int64_t>(r.kind));
    }
  };
  using RefSet = std::unordered_set<ObjectRef, RefHash>;
  using IdList = std::vector<Id>;
  struct GroupKey {
    std::uint64_t identity;
    int year;
    bool operator==(const GroupKey&) const = default;
  };
  struct GroupHash {
    std::size_t operator()(const GroupKey& k) const {
      return k.identity * 31 + static_cast<unsigned>(k.year);
    }
  };

  // Adding and removing objects keeps the adjacency below in step (AddEdges: the adjacency of one object
  // already stored).
  void AddEdges(const DocNode& d);
  void AddEdges(const GoalNode& g);
  void AddEdges(const IndicatorNode& i);
  void AddEdges(const MeasureNode& m);
  void AddEdges(const Link& l);
  void AddToTargetGroup(const IndicatorNode& i);
  void Insert(const DocNode& d);
  void Insert(const GoalNode& g);
  void Insert(const IndicatorNode& i);
  void Insert(const MeasureNode& m);
  void Insert(const Link& l);
  void Erase(ObjectRef ref);

  // The objects whose findings may change when `ref` changes (including `ref`), the groups of
  // "conflicting targets" to re-check and the nodes whose cycles to re-check.
  void Neighbourhood(ObjectRef ref, RefSet& out, std::vector<GroupKey>& groups,
                     std::vector<ObjectRef>& graph) const;
  void CheckSubject(ObjectRef ref, std::vector<Finding>& out) const;
  void CheckDocument(const DocNode& d, std::vector<Finding>& out) const;
  void CheckGoal(const GoalNode& g, std::vector<Finding>& out) const;
  void CheckIndicator(const IndicatorNode& i, std::vector<Finding>& out) const;
  void CheckMeasure(const MeasureNode& m, std::vector<Finding>& out) const;
  void CheckLink(const Link& l, std::vector<Finding>& out) const;
  void CheckGroup(const GroupKey& key);  // findings of conflicting targets, into conflicts_
  // Cycles through any node reachable from `starts` (goals and indicators), recorded in cycles_.
  void FindCycles(const std::vector<ObjectRef>& starts);
  void FindAllCycles();
  void Tarjan(const std::vector<ObjectRef>& nodes, const RefSet* inside);

  bool Exists(ObjectRef ref) const;
  const DocNode* DocOfGoal(Id goal_id) const;
  const DocNode* DocOfIndicator(const IndicatorNode& i) const;
  const DocNode* DocOfRef(ObjectRef ref) const;  // the document a goal or indicator belongs to
  bool Live(const DocNode& d) const;             // draft, approved or in force
  bool Ended(const DocNode& d) const;            // expired, repealed or merged
  int DocumentActivityYear(const DocNode& d) const;

  CheckOptions options_;
  DenseMap<DocNode> docs_;
  DenseMap<GoalNode> goals_;
  DenseMap<IndicatorNode> indicators_;
  DenseMap<MeasureNode> measures_;
  DenseMap<Link> links_;
  std::unordered_set<Id> sdg_;
  Adjacency doc_children_;     // parent document -> documents
  Adjacency doc_goals_;        // document -> goals and tasks
  Adjacency goal_indicators_;  // goal -> indicators
  Adjacency goal_measures_;    // goal -> measures
  RefAdjacency links_from_, links_to_;
  std::unordered_map<GroupKey, IdList, GroupHash> target_groups_;  // (identity, target year) -> indicators

  RefMap<std::vector<Finding>> findings_;                                    // by subject (most rules)
  std::unordered_map<GroupKey, std::vector<Finding>, GroupHash> conflicts_;  // conflicting targets
  std::vector<std::vector<ObjectRef>> cycles_;  // each starts at its smallest node, closes implicitly
};

// Orders findings by rule, subject kind, subject id, detail.
bool FindingLess(const Finding& a, const Finding& b);

}  // namespace jospar::coherence
