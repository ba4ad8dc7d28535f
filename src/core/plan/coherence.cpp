#include "core/plan/coherence.hpp"
#include "core/base/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <tuple>

namespace jospar::coherence {
namespace {

const std::vector<RuleInfo> kRules = {
    {Rule::kDocumentNoParent, "document.no_parent", Severity::kError},
    {Rule::kDocumentParentEnded, "document.parent_ended", Severity::kError},
    {Rule::kDocumentContinuity, "document.continuity", Severity::kWarning},
    {Rule::kGoalContributesToNothing, "goal.contributes_to_nothing", Severity::kWarning},
    {Rule::kLinkBroken, "link.broken", Severity::kError},
    {Rule::kLinkCycle, "link.cycle", Severity::kError},
    {Rule::kLinkUnitMismatch, "link.unit_mismatch", Severity::kWarning},
    {Rule::kIndicatorNoBody, "indicator.no_body", Severity::kWarning},
    {Rule::kIndicatorNoUnit, "indicator.no_unit", Severity::kWarning},
    {Rule::kIndicatorNoBaseline, "indicator.no_baseline", Severity::kWarning},
    {Rule::kIndicatorNoTarget, "indicator.no_target", Severity::kError},
    {Rule::kIndicatorNoSource, "indicator.no_source", Severity::kWarning},
    {Rule::kIndicatorTargetBeyondHorizon, "indicator.target_beyond_horizon", Severity::kError},
    {Rule::kIndicatorConflictingTargets, "indicator.conflicting_targets", Severity::kError},
    {Rule::kLostIndicatorNoActuals, "lost.indicator_no_actuals", Severity::kWarning},
    {Rule::kLostMeasureNoReport, "lost.measure_no_report", Severity::kWarning},
    {Rule::kLostDocumentInactive, "lost.document_inactive", Severity::kWarning},
};

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

bool IsPlanNode(ObjectKind k) { return k == ObjectKind::kGoal || k == ObjectKind::kIndicator; }

}  // namespace

std::string_view ToString(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "info";
}

std::optional<Severity> ParseSeverity(std::string_view s) {
  for (Severity v : {Severity::kError, Severity::kWarning, Severity::kInfo})
    if (ToString(v) == s) return v;
  return std::nullopt;
}

const std::vector<RuleInfo>& Rules() { return kRules; }
const RuleInfo& Info(Rule rule) { return kRules[static_cast<size_t>(rule)]; }
std::optional<Rule> ParseRule(std::string_view id) {
  for (const auto& r : kRules)
    if (r.id == id) return r.rule;
  return std::nullopt;
}

std::uint64_t TextKey(const std::string_view (&parts)[6]) {
  std::uint64_t h = 14695981039346656037ULL;
  bool any = false;
  for (std::string_view part : parts) {
    std::string_view s = Trim(part, " \t");
    any = any || !s.empty();
    for (unsigned char ch : s) {
      h ^= ch;
      h *= 1099511628211ULL;
    }
    h ^= 0xff;  // separator: no byte of UTF-8 text is 0xff
    h *= 1099511628211ULL;
  }
  return any ? (h == 0 ? 1 : h) : 0;
}

std::uint64_t TextKey(const Text& a, const Text& b) {
  const std::string_view parts[6] = {a.Get(kLangs[0]), a.Get(kLangs[1]), a.Get(kLangs[2]),
                                     b.Get(kLangs[0]), b.Get(kLangs[1]), b.Get(kLangs[2])};
  return TextKey(parts);
}

IndicatorNode NodeOf(const Indicator& i) {
  IndicatorNode n;
  n.id = i.id;
  n.code = i.code;
  n.goal_id = i.goal_id;
  n.has_body = i.responsible_body_id.has_value();
  n.unit_key = TextKey(i.unit);
  n.has_unit = n.unit_key != 0;
  n.has_baseline = i.baseline_value.has_value();
  n.has_source = TextKey(i.source) != 0;
  n.target_year = i.target_year;
  n.target_value = i.target_value;
  n.identity = i.title.Empty() ? 0 : TextKey(i.title, i.unit);
  return n;
}

PlanSnapshot SnapshotOf(const PlanBatch& b) {
  PlanSnapshot s;
  for (const auto& d : b.documents)
    s.documents.push_back({d.id, d.code, static_cast<int>(d.tier), d.status, d.parent_id, d.merged_into_id,
                           d.start_year, d.end_year, 0});
  for (const auto& g : b.goals) s.goals.push_back({g.id, g.document_id, g.parent_id, g.code, 0});
  std::unordered_map<Id, int> actual;
  for (const auto& o : b.observations) {
    const int year = std::atoi(o.period.substr(0, 4).c_str());
    int& y = actual[o.indicator_id];
    y = std::max(y, year);
  }
  for (const auto& i : b.indicators) {
    IndicatorNode n = NodeOf(i);
    if (auto it = actual.find(i.id); it != actual.end()) n.last_actual_year = it->second;
    s.indicators.push_back(std::move(n));
  }
  for (const auto& m : b.measures) s.measures.push_back({m.id, m.goal_id, m.deadline, 0, 0});
  s.links = b.links;
  return s;
}

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.rule, a.subject.kind, a.subject.id, a.detail) <
         std::tie(b.rule, b.subject.kind, b.subject.id, b.detail);
}

// ---- Building -------------------------------------------------------------------------------------------

namespace {
template <class Nodes>
Id MaxId(const Nodes& nodes) {
  Id max = 0;
  for (const auto& n : nodes) max = std::max(max, n.id);
  return max;
}
}  // namespace

CoherenceIndex::CoherenceIndex(PlanSnapshot s, CheckOptions options) : options_(std::move(options)) {
  const Id max_doc = MaxId(s.documents), max_goal = MaxId(s.goals), max_ind = MaxId(s.indicators);
  for (ObjectKind k : {ObjectKind::kGoal, ObjectKind::kIndicator}) {
    const Id max = k == ObjectKind::kGoal ? max_goal : max_ind;
    const std::size_t n = k == ObjectKind::kGoal ? s.goals.size() : s.indicators.size();
    findings_.Of(k).Reserve(max, n);
  }
  findings_.Of(ObjectKind::kDocument).Reserve(max_doc, s.documents.size());
  target_groups_.reserve(s.indicators.size());
  // The snapshot's vectors become the maps' storage; then the adjacency is built from them.
  docs_.Adopt(std::move(s.documents));
  goals_.Adopt(std::move(s.goals));
  indicators_.Adopt(std::move(s.indicators));
  measures_.Adopt(std::move(s.measures));
  links_.Adopt(std::move(s.links));
  // Keys below this go to the flat arrays of an Adjacency: the ids of a kind, when dense.
  auto dense_keys = [](Id max_id, std::size_t count) {
    return std::min(static_cast<std::size_t>(std::max<Id>(max_id, 0)) + 1, 4 * count + 1024);
  };
  const std::size_t doc_keys = dense_keys(max_doc, docs_.size()),
                    goal_keys = dense_keys(max_goal, goals_.size()),
                    ind_keys = dense_keys(max_ind, indicators_.size());
  std::vector<std::pair<Id, Id>> pairs;
  pairs.reserve(std::max({docs_.size(), goals_.size(), indicators_.size(), measures_.size()}));
  docs_.ForEach([&](Id id, const DocNode& d) {
    if (d.parent_id) pairs.emplace_back(*d.parent_id, id);
  });
  doc_children_.Build(pairs, doc_keys);
  pairs.clear();
  goals_.ForEach([&](Id id, const GoalNode& g) { pairs.emplace_back(g.document_id, id); });
  doc_goals_.Build(pairs, doc_keys);
  pairs.clear();
  indicators_.ForEach([&](Id id, const IndicatorNode& i) {
    if (i.goal_id) pairs.emplace_back(*i.goal_id, id);
    AddToTargetGroup(i);
  });
  goal_indicators_.Build(pairs, goal_keys);
  pairs.clear();
  measures_.ForEach([&](Id id, const MeasureNode& m) { pairs.emplace_back(m.goal_id, id); });
  goal_measures_.Build(pairs, goal_keys);
  constexpr std::size_t kKinds = static_cast<std::size_t>(ObjectKind::kUser) + 1;
  std::array<std::vector<std::pair<Id, Id>>, kKinds> from, to;
  std::array<std::size_t, kKinds> from_count{}, to_count{};
  links_.ForEach([&](Id, const Link& l) {
    ++from_count[static_cast<std::size_t>(l.from.kind)];
    ++to_count[static_cast<std::size_t>(l.to.kind)];
  });
  for (std::size_t k = 0; k < kKinds; ++k) {
    from[k].reserve(from_count[k]);
    to[k].reserve(to_count[k]);
  }
  links_.ForEach([&](Id id, const Link& l) {
    from[static_cast<std::size_t>(l.from.kind)].emplace_back(l.from.id, id);
    to[static_cast<std::size_t>(l.to.kind)].emplace_back(l.to.id, id);
  });
  for (std::size_t k = 0; k < kKinds; ++k) {
    const auto kind = static_cast<ObjectKind>(k);
    const std::size_t keys = kind == ObjectKind::kGoal        ? goal_keys
                             : kind == ObjectKind::kIndicator ? ind_keys
                             : kind == ObjectKind::kDocument  ? doc_keys
                                                              : 1024;
    links_from_.Build(kind, from[k], keys);
    links_to_.Build(kind, to[k], keys);
  }
  sdg_.insert(s.sdg_nodes.begin(), s.sdg_nodes.end());

  std::vector<Finding> out;
  auto check = [&](ObjectRef ref) {
    out.clear();
    CheckSubject(ref, out);
    if (!out.empty()) findings_[ref] = std::move(out);
  };
  docs_.ForEach([&](Id id, const DocNode&) { check({ObjectKind::kDocument, id}); });
  goals_.ForEach([&](Id id, const GoalNode&) { check({ObjectKind::kGoal, id}); });
  indicators_.ForEach([&](Id id, const IndicatorNode&) { check({ObjectKind::kIndicator, id}); });
  measures_.ForEach([&](Id id, const MeasureNode&) { check({ObjectKind::kMeasure, id}); });
  links_.ForEach([&](Id id, const Link&) { check({ObjectKind::kLink, id}); });
  for (const auto& [key, members] : target_groups_) CheckGroup(key);
  FindAllCycles();
}

std::size_t CoherenceIndex::object_count() const {
  return docs_.size() + goals_.size() + indicators_.size() + measures_.size() + links_.size();
}

void CoherenceIndex::AddToTargetGroup(const IndicatorNode& i) {
  if (i.goal_id && i.identity != 0 && i.target_year && i.target_value)
    target_groups_[{i.identity, *i.target_year}].push_back(i.id);
}
void CoherenceIndex::AddEdges(const DocNode& d) {
  if (d.parent_id) doc_children_.Add(*d.parent_id, d.id);
}
void CoherenceIndex::AddEdges(const GoalNode& g) { doc_goals_.Add(g.document_id, g.id); }
void CoherenceIndex::AddEdges(const IndicatorNode& i) {
  if (i.goal_id) goal_indicators_.Add(*i.goal_id, i.id);
  AddToTargetGroup(i);
}
void CoherenceIndex::AddEdges(const MeasureNode& m) { goal_measures_.Add(m.goal_id, m.id); }
void CoherenceIndex::AddEdges(const Link& l) {
  links_from_.Add(l.from, l.id);
  links_to_.Add(l.to, l.id);
}

void CoherenceIndex::Insert(const DocNode& d) {
  docs_[d.id] = d;
  AddEdges(d);
}
void CoherenceIndex::Insert(const GoalNode& g) {
  goals_[g.id] = g;
  AddEdges(g);
}
void CoherenceIndex::Insert(const IndicatorNode& i) {
  indicators_[i.id] = i;
  AddEdges(i);
}
void CoherenceIndex::Insert(const MeasureNode& m) {
  measures_[m.id] = m;
  AddEdges(m);
}
void CoherenceIndex::Insert(const Link& l) {
  links_[l.id] = l;
  AddEdges(l);
}

namespace {
void RemoveFrom(std::vector<Id>& v, Id id) {
  auto it = std::find(v.begin(), v.end(), id);
  if (it != v.end()) {
    *it = v.back();
    v.pop_back();
  }
}
template <class Map, class Key>
void RemoveFromList(Map& map, const Key& key, Id id) {
  auto it = map.find(key);
  if (it == map.end()) return;
  RemoveFrom(it->second, id);
  if (it->second.empty()) map.erase(it);
}
}  // namespace

void CoherenceIndex::Erase(ObjectRef ref) {
  switch (ref.kind) {
    case ObjectKind::kDocument:
      if (const DocNode* d = docs_.Find(ref.id)) {
        if (d->parent_id) doc_children_.Remove(*d->parent_id, ref.id);
        docs_.Erase(ref.id);
      }
      break;
    case ObjectKind::kGoal:
      if (const GoalNode* g = goals_.Find(ref.id)) {
        doc_goals_.Remove(g->document_id, ref.id);
        goals_.Erase(ref.id);
      }
      break;
    case ObjectKind::kIndicator:
      if (const IndicatorNode* i = indicators_.Find(ref.id)) {
        if (i->goal_id) goal_indicators_.Remove(*i->goal_id, ref.id);
        if (i->goal_id && i->identity != 0 && i->target_year && i->target_value)
          RemoveFromList(target_groups_, GroupKey{i->identity, *i->target_year}, ref.id);
        indicators_.Erase(ref.id);
      }
      break;
    case ObjectKind::kMeasure:
      if (const MeasureNode* m = measures_.Find(ref.id)) {
        goal_measures_.Remove(m->goal_id, ref.id);
        measures_.Erase(ref.id);
      }
      break;
    case ObjectKind::kLink:
      if (const Link* l = links_.Find(ref.id)) {
        links_from_.Remove(l->from, ref.id);
        links_to_.Remove(l->to, ref.id);
        links_.Erase(ref.id);
      }
      break;
    default:
      break;
  }
}

// ---- Lookups ---------------------------------------------------------------------------------------------

bool CoherenceIndex::Exists(ObjectRef ref) const {
  switch (ref.kind) {
    case ObjectKind::kDocument:
      return docs_.Contains(ref.id);
    case ObjectKind::kGoal:
      return goals_.Contains(ref.id);
    case ObjectKind::kIndicator:
      return indicators_.Contains(ref.id);
    case ObjectKind::kMeasure:
      return measures_.Contains(ref.id);
    case ObjectKind::kSdgGoal:
    case ObjectKind::kSdgTarget:
      return sdg_.count(ref.id) != 0;
    default:
      return false;
  }
}

const DocNode* CoherenceIndex::DocOfGoal(Id goal_id) const {
  const GoalNode* g = goals_.Find(goal_id);
  return g == nullptr ? nullptr : docs_.Find(g->document_id);
}

const DocNode* CoherenceIndex::DocOfIndicator(const IndicatorNode& i) const {
  return i.goal_id ? DocOfGoal(*i.goal_id) : nullptr;
}

const DocNode* CoherenceIndex::DocOfRef(ObjectRef ref) const {
  if (ref.kind == ObjectKind::kGoal) return DocOfGoal(ref.id);
  if (ref.kind == ObjectKind::kIndicator) {
    const IndicatorNode* i = indicators_.Find(ref.id);
    return i == nullptr ? nullptr : DocOfIndicator(*i);
  }
  if (ref.kind == ObjectKind::kDocument) return docs_.Find(ref.id);
  if (ref.kind == ObjectKind::kMeasure) {
    const MeasureNode* m = measures_.Find(ref.id);
    return m == nullptr ? nullptr : DocOfGoal(m->goal_id);
  }
  return nullptr;
}

std::optional<Id> CoherenceIndex::DocumentIdOf(ObjectRef ref) const {
  if (ref.kind == ObjectKind::kLink) {
    const Link* l = links_.Find(ref.id);
    if (l == nullptr) return std::nullopt;
    ref = l->from;
  }
  const DocNode* d = DocOfRef(ref);
  return d ? std::optional<Id>(d->id) : std::nullopt;
}

bool CoherenceIndex::Live(const DocNode& d) const {
  return d.status == DocStatus::kDraft || d.status == DocStatus::kApproved || d.status == DocStatus::kInForce;
}
bool CoherenceIndex::Ended(const DocNode& d) const { return !Live(d); }

std::string CoherenceIndex::Label(ObjectRef ref) const {
  switch (ref.kind) {
    case ObjectKind::kDocument:
      if (const DocNode* d = docs_.Find(ref.id)) return d->code;
      break;
    case ObjectKind::kGoal:
      if (const GoalNode* g = goals_.Find(ref.id)) {
        const DocNode* d = DocOfGoal(ref.id);
        return (d ? d->code : std::string("?")) + "/" + g->code;
      }
      break;
    case ObjectKind::kIndicator:
      if (const IndicatorNode* i = indicators_.Find(ref.id)) return i->code;
      break;
    default:
      break;
  }
  return std::string(jospar::ToString(ref.kind)) + ":" + std::to_string(ref.id);
}

int CoherenceIndex::DocumentActivityYear(const DocNode& d) const {
  int year = d.last_change_year;
  for (Id gid : doc_goals_.Of(d.id)) {
    if (const GoalNode* g = goals_.Find(gid)) year = std::max(year, g->last_change_year);
    for (Id iid : goal_indicators_.Of(gid))
      if (const IndicatorNode* i = indicators_.Find(iid))
        year = std::max({year, i->last_actual_year, i->last_change_year});
    for (Id mid : goal_measures_.Of(gid))
      if (const MeasureNode* m = measures_.Find(mid))
        year = std::max({year, m->last_report_year, m->last_change_year});
  }
  return year;
}

// ---- Rules -----------------------------------------------------------------------------------------------

void CoherenceIndex::CheckSubject(ObjectRef ref, std::vector<Finding>& out) const {
  switch (ref.kind) {
    case ObjectKind::kDocument:
      if (const DocNode* d = docs_.Find(ref.id)) CheckDocument(*d, out);
      break;
    case ObjectKind::kGoal:
      if (const GoalNode* g = goals_.Find(ref.id)) CheckGoal(*g, out);
      break;
    case ObjectKind::kIndicator:
      if (const IndicatorNode* i = indicators_.Find(ref.id)) CheckIndicator(*i, out);
      break;
    case ObjectKind::kMeasure:
      if (const MeasureNode* m = measures_.Find(ref.id)) CheckMeasure(*m, out);
      break;
    case ObjectKind::kLink:
      if (const Link* l = links_.Find(ref.id)) CheckLink(*l, out);
      break;
    default:
      break;
  }
}

void CoherenceIndex::CheckDocument(const DocNode& d, std::vector<Finding>& out) const {
  const ObjectRef self{ObjectKind::kDocument, d.id};
  const int cy = options_.current_year, n = options_.lost_periods;
  if (d.tier > 1 && Live(d) && !d.parent_id) out.push_back({Rule::kDocumentNoParent, self, std::nullopt, {}});
  if (d.status == DocStatus::kInForce && d.parent_id) {
    if (const DocNode* p = docs_.Find(*d.parent_id); p != nullptr && Ended(*p)) {
      std::string detail = p->code + ": " + std::string(jospar::ToString(p->status));
      if (p->merged_into_id) detail += " → " + Label({ObjectKind::kDocument, *p->merged_into_id});
      out.push_back({Rule::kDocumentParentEnded, self, ObjectRef{ObjectKind::kDocument, p->id}, detail});
    }
  }
  if (d.status == DocStatus::kExpired || d.status == DocStatus::kRepealed) {
    int top = 0, lost = 0;
    std::string codes;
    if (const auto goals = doc_goals_.Of(d.id); !goals.empty()) {
      std::vector<Id> sorted(goals.begin(), goals.end());
      std::sort(sorted.begin(), sorted.end());
      for (Id gid : sorted) {
        const GoalNode* g = goals_.Find(gid);
        if (g == nullptr || g->parent_id) continue;
        ++top;
        bool carried = false;
        {
          for (Id lid : links_to_.Of({ObjectKind::kGoal, gid})) {
            const Link& l = links_.At(lid);
            if (l.from.kind != ObjectKind::kGoal) continue;
            const DocNode* from = DocOfGoal(l.from.id);
            if (from != nullptr && from->id != d.id && Live(*from)) {
              carried = true;
              break;
            }
          }
        }
        if (!carried) {
          ++lost;
          if (!codes.empty()) codes += ", ";
          codes += g->code;
        }
      }
    }
    if (lost > 0)
      out.push_back({Rule::kDocumentContinuity, self, std::nullopt,
                     std::to_string(lost) + "/" + std::to_string(top) + ": " + codes});
  }
  if (d.status == DocStatus::kInForce && d.start_year && *d.start_year <= cy - n) {
    const int last = DocumentActivityYear(d);
    if (last < cy - n)
      out.push_back(
          {Rule::kLostDocumentInactive, self, std::nullopt, last == 0 ? "-" : std::to_string(last)});
  }
}

void CoherenceIndex::CheckGoal(const GoalNode& g, std::vector<Finding>& out) const {
  const ObjectRef self{ObjectKind::kGoal, g.id};
  // Broken outgoing links are reported on the goal (the object to open to fix them).
  const auto from = links_from_.Of(self);
  {
    for (Id lid : from) {
      const Link& l = links_.At(lid);
      if (!Exists(l.to)) out.push_back({Rule::kLinkBroken, self, l.to, Label(l.to)});
    }
  }
  if (g.parent_id) return;
  const DocNode* d = docs_.Find(g.document_id);
  if (d == nullptr || !Live(*d) || d->tier <= 1) return;
  {
    for (Id lid : from) {
      const Link& l = links_.At(lid);
      if ((l.to.kind == ObjectKind::kSdgGoal || l.to.kind == ObjectKind::kSdgTarget) && sdg_.count(l.to.id))
        return;
      if (IsPlanNode(l.to.kind)) {
        const DocNode* up = DocOfRef(l.to);
        if (up != nullptr && up->tier < d->tier) return;
      }
    }
  }
  out.push_back({Rule::kGoalContributesToNothing, self, std::nullopt, {}});
}

void CoherenceIndex::CheckIndicator(const IndicatorNode& i, std::vector<Finding>& out) const {
  const ObjectRef self{ObjectKind::kIndicator, i.id};
  {
    for (Id lid : links_from_.Of(self)) {
      const Link& l = links_.At(lid);
      if (!Exists(l.to)) {
        out.push_back({Rule::kLinkBroken, self, l.to, Label(l.to)});
      } else if (l.to.kind == ObjectKind::kIndicator) {
        const IndicatorNode& up = indicators_.At(l.to.id);
        if (i.unit_key != 0 && up.unit_key != 0 && i.unit_key != up.unit_key)
          out.push_back({Rule::kLinkUnitMismatch, self, l.to, up.code});
      }
    }
  }
  if (!i.goal_id) return;
  const DocNode* d = DocOfIndicator(i);
  if (d == nullptr || Ended(*d)) return;
  if (!i.has_body) out.push_back({Rule::kIndicatorNoBody, self, std::nullopt, {}});
  if (!i.has_unit) out.push_back({Rule::kIndicatorNoUnit, self, std::nullopt, {}});
  if (!i.has_baseline) out.push_back({Rule::kIndicatorNoBaseline, self, std::nullopt, {}});
  if (!i.target_year || !i.target_value) out.push_back({Rule::kIndicatorNoTarget, self, std::nullopt, {}});
  if (!i.has_source) out.push_back({Rule::kIndicatorNoSource, self, std::nullopt, {}});
  if (i.target_year && d->end_year && *i.target_year > *d->end_year)
    out.push_back({Rule::kIndicatorTargetBeyondHorizon, self, ObjectRef{ObjectKind::kDocument, d->id},
                   std::to_string(*i.target_year) + " > " + std::to_string(*d->end_year)});
  const int cy = options_.current_year, n = options_.lost_periods;
  if (d->status == DocStatus::kInForce && d->start_year && *d->start_year <= cy - n &&
      i.last_actual_year < cy - n)
    out.push_back({Rule::kLostIndicatorNoActuals, self, std::nullopt,
                   i.last_actual_year == 0 ? "-" : std::to_string(i.last_actual_year)});
}

void CoherenceIndex::CheckMeasure(const MeasureNode& m, std::vector<Finding>& out) const {
  const DocNode* d = DocOfGoal(m.goal_id);
  if (d == nullptr || d->status != DocStatus::kInForce) return;
  if (!m.deadline.empty() && m.deadline < options_.today && m.last_report_year == 0)
    out.push_back({Rule::kLostMeasureNoReport, {ObjectKind::kMeasure, m.id}, std::nullopt, m.deadline});
}

void CoherenceIndex::CheckLink(const Link& l, std::vector<Finding>& out) const {
  // Links whose source is missing (or not a goal or an indicator); the others are reported on the source.
  if (!IsPlanNode(l.from.kind) || !Exists(l.from))
    out.push_back(
        {Rule::kLinkBroken, {ObjectKind::kLink, l.id}, l.from, Label(l.from) + " → " + Label(l.to)});
}

// Findings of "conflicting targets" for one group of indicators with the same identity and target year:
// among those of live documents, the value most of them give is taken as agreed; every indicator with
// another value is reported, naming one that gives the agreed value.
void CoherenceIndex::CheckGroup(const GroupKey& key) {
  conflicts_.erase(key);
  auto it = target_groups_.find(key);
  if (it == target_groups_.end() || it->second.size() < 2) return;
  struct Member {
    Id id;
    Id doc;
    double value;
  };
  std::vector<Member> members;
  for (Id iid : it->second) {
    const IndicatorNode& i = indicators_.At(iid);
    const DocNode* d = DocOfIndicator(i);
    if (d == nullptr || !Live(*d) || !i.target_value) continue;
    members.push_back({iid, d->id, *i.target_value});
  }
  if (members.size() < 2) return;
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.id < b.id; });
  std::map<double, std::vector<size_t>> by_value;
  for (size_t k = 0; k < members.size(); ++k) by_value[members[k].value].push_back(k);
  if (by_value.size() < 2) return;
  auto agreed = std::max_element(by_value.begin(), by_value.end(), [](const auto& a, const auto& b) {
    return a.second.size() < b.second.size();
  });
  const Member& ref = members[agreed->second.front()];
  std::vector<Finding> found;
  for (const auto& [value, ks] : by_value) {
    if (value == agreed->first) continue;
    for (size_t k : ks) {
      const Member& m = members[k];
      // Another document must disagree: the same document giving two values is a different problem.
      const Member* other = ref.doc != m.doc ? &ref : nullptr;
      if (other == nullptr)
        for (const auto& o : members)
          if (o.doc != m.doc && o.value != m.value) {
            other = &o;
            break;
          }
      if (other == nullptr) continue;
      found.push_back({Rule::kIndicatorConflictingTargets,
                       {ObjectKind::kIndicator, m.id},
                       ObjectRef{ObjectKind::kIndicator, other->id},
                       std::to_string(key.year) + ": " + Num(m.value) + " ≠ " + Num(other->value) + " (" +
                           indicators_.At(other->id).code + ")"});
    }
  }
  if (!found.empty()) conflicts_[key] = std::move(found);
}

// ---- Cycles ----------------------------------------------------------------------------------------------

namespace {
struct RefLess {
  bool operator()(const ObjectRef& a, const ObjectRef& b) const {
    return std::tie(a.kind, a.id) < std::tie(b.kind, b.id);
  }
};
}  // namespace

// Tarjan's strongly connected components (iterative) over `nodes`, following only edges inside `inside`
// (or every edge when `inside` is null). Records a cycle for every component of two or more nodes and
// every node with a link to itself.
void CoherenceIndex::Tarjan(const std::vector<ObjectRef>& nodes, const RefSet* inside) {
  struct State {
    int index = 0, lowlink = 0;
    bool on_stack = false;
  };
  RefMap<State> state;
  if (inside == nullptr) {  // every node: dense tables
    state.Of(ObjectKind::kGoal).Reserve(goals_.MaxDenseId(), goals_.size());
    state.Of(ObjectKind::kIndicator).Reserve(indicators_.MaxDenseId(), indicators_.size());
  }
  std::vector<ObjectRef> stack;
  int counter = 0;
  auto successors = [&](ObjectRef v) {
    std::vector<ObjectRef> out;
    for (Id lid : links_from_.Of(v)) {
      const ObjectRef to = links_.At(lid).to;
      if (IsPlanNode(to.kind) && Exists(to) && (inside == nullptr || inside->count(to))) out.push_back(to);
    }
    std::sort(out.begin(), out.end(), RefLess());
    return out;
  };
  struct Frame {
    ObjectRef v;
    std::vector<ObjectRef> succ;
    size_t next = 0;
  };
  for (ObjectRef root : nodes) {
    if (state.Contains(root)) continue;
    std::vector<Frame> frames;
    frames.push_back({root, successors(root)});
    state[root] = {counter, counter, true};
    ++counter;
    stack.push_back(root);
    while (!frames.empty()) {
      Frame& f = frames.back();
      if (f.next < f.succ.size()) {
        ObjectRef w = f.succ[f.next++];
        const State* sw = state.Find(w);
        if (sw == nullptr) {
          state[w] = {counter, counter, true};
          ++counter;
          stack.push_back(w);
          frames.push_back({w, successors(w)});
        } else if (sw->on_stack) {
          const int w_index = sw->index;
          State& sv = *state.Find(f.v);
          sv.lowlink = std::min(sv.lowlink, w_index);
        }
        continue;
      }
      const ObjectRef v = f.v;
      const bool self_loop = std::find(f.succ.begin(), f.succ.end(), v) != f.succ.end();
      frames.pop_back();
      const State sv = *state.Find(v);
      if (!frames.empty()) {
        State& parent = *state.Find(frames.back().v);
        parent.lowlink = std::min(parent.lowlink, sv.lowlink);
      }
      if (sv.lowlink != sv.index) continue;
      std::vector<ObjectRef> component;
      while (true) {
        ObjectRef w = stack.back();
        stack.pop_back();
        state.Find(w)->on_stack = false;
        component.push_back(w);
        if (w == v) break;
      }
      if (component.size() < 2 && !self_loop) continue;
      // A path round the cycle from its smallest node, by breadth-first search inside the component.
      std::sort(component.begin(), component.end(), RefLess());
      const ObjectRef start = component.front();
      RefSet members(component.begin(), component.end());
      std::unordered_map<ObjectRef, ObjectRef, RefHash> came_from;
      std::deque<ObjectRef> queue{start};
      std::optional<ObjectRef> last;
      while (!queue.empty() && !last) {
        ObjectRef x = queue.front();
        queue.pop_front();
        for (ObjectRef y : successors(x)) {
          if (!members.count(y)) continue;
          if (y == start) {
            last = x;
            break;
          }
          if (!came_from.count(y)) {
            came_from[y] = x;
            queue.push_back(y);
          }
        }
      }
      std::vector<ObjectRef> path;
      for (std::optional<ObjectRef> x = last; x && !(*x == start); x = came_from.at(*x)) path.push_back(*x);
      path.push_back(start);
      std::reverse(path.begin(), path.end());
      cycles_.push_back(std::move(path));
    }
  }
}

void CoherenceIndex::FindAllCycles() {
  cycles_.clear();
  std::vector<ObjectRef> nodes;
  links_from_.ForEachKey([&](ObjectRef ref) {
    if (IsPlanNode(ref.kind) && Exists(ref)) nodes.push_back(ref);
  });
  std::sort(nodes.begin(), nodes.end(), RefLess());
  Tarjan(nodes, nullptr);
}

void CoherenceIndex::FindCycles(const std::vector<ObjectRef>& starts) {
  // Every cycle through a node reachable from the starts lies among the nodes reachable from them.
  RefSet reach;
  std::vector<ObjectRef> todo;
  for (ObjectRef s : starts)
    if (IsPlanNode(s.kind) && Exists(s) && reach.insert(s).second) todo.push_back(s);
  while (!todo.empty()) {
    ObjectRef x = todo.back();
    todo.pop_back();
    for (Id lid : links_from_.Of(x)) {
      ObjectRef to = links_.At(lid).to;
      if (IsPlanNode(to.kind) && Exists(to) && reach.insert(to).second) todo.push_back(to);
    }
  }
  RefSet dropped(starts.begin(), starts.end());
  std::erase_if(cycles_, [&](const std::vector<ObjectRef>& c) {
    return std::any_of(c.begin(), c.end(), [&](ObjectRef r) { return reach.count(r) || dropped.count(r); });
  });
  std::vector<ObjectRef> nodes(reach.begin(), reach.end());
  std::sort(nodes.begin(), nodes.end(), RefLess());
  Tarjan(nodes, &reach);
}

// ---- Incremental ------------------------------------------------------------------------------------

void CoherenceIndex::Neighbourhood(ObjectRef ref, RefSet& out, std::vector<GroupKey>& groups,
                                   std::vector<ObjectRef>& graph) const {
  out.insert(ref);
  auto add_doc_of = [&](ObjectRef r) {
    if (const DocNode* d = DocOfRef(r)) out.insert({ObjectKind::kDocument, d->id});
  };
  auto add_linkers = [&](ObjectRef r) {  // objects whose rules look at `r` through a link
    for (Id lid : links_to_.Of(r)) out.insert(links_.At(lid).from);
  };
  auto add_targets_docs = [&](ObjectRef r) {  // continuity of the documents `r` carries goals of
    for (Id lid : links_from_.Of(r)) add_doc_of(links_.At(lid).to);
  };
  // The node and its link neighbours for the cycle search (a deleted node's cycles may leave a cycle
  // among its neighbours), and its outgoing links, which become broken when the node goes.
  auto add_graph_neighbours = [&](ObjectRef r) {
    graph.push_back(r);
    for (Id lid : links_from_.Of(r)) {
      out.insert({ObjectKind::kLink, lid});
      graph.push_back(links_.At(lid).to);
    }
    for (Id lid : links_to_.Of(r)) graph.push_back(links_.At(lid).from);
  };
  auto add_indicator = [&](Id iid) {
    out.insert({ObjectKind::kIndicator, iid});
    const IndicatorNode* i = indicators_.Find(iid);
    if (i != nullptr && i->goal_id && i->identity && i->target_year && i->target_value)
      groups.push_back({i->identity, *i->target_year});
  };
  auto add_goal = [&](Id gid) {
    const ObjectRef g{ObjectKind::kGoal, gid};
    out.insert(g);
    add_linkers(g);
    add_targets_docs(g);
    for (Id iid : goal_indicators_.Of(gid)) add_indicator(iid);
    for (Id mid : goal_measures_.Of(gid)) out.insert({ObjectKind::kMeasure, mid});
  };
  switch (ref.kind) {
    case ObjectKind::kDocument:
      for (Id c : doc_children_.Of(ref.id)) out.insert({ObjectKind::kDocument, c});
      for (Id gid : doc_goals_.Of(ref.id)) add_goal(gid);
      break;
    case ObjectKind::kGoal:
      add_doc_of(ref);
      add_goal(ref.id);
      add_graph_neighbours(ref);
      break;
    case ObjectKind::kIndicator:
      add_doc_of(ref);
      add_indicator(ref.id);
      add_linkers(ref);
      add_graph_neighbours(ref);
      break;
    case ObjectKind::kMeasure:
      add_doc_of(ref);
      break;
    case ObjectKind::kLink:
      if (const Link* l = links_.Find(ref.id)) {
        out.insert(l->from);
        add_doc_of(l->to);
        graph.push_back(l->from);
      }
      break;
    default:
      break;
  }
}

std::size_t CoherenceIndex::Apply(const Change& change) {
  RefSet affected;
  std::vector<GroupKey> groups;
  std::vector<ObjectRef> graph;
  std::vector<ObjectRef> touched;
  for (const auto& d : change.documents) touched.push_back({ObjectKind::kDocument, d.id});
  for (const auto& g : change.goals) touched.push_back({ObjectKind::kGoal, g.id});
  for (const auto& i : change.indicators) touched.push_back({ObjectKind::kIndicator, i.id});
  for (const auto& m : change.measures) touched.push_back({ObjectKind::kMeasure, m.id});
  for (const auto& l : change.links) touched.push_back({ObjectKind::kLink, l.id});
  for (const auto& r : change.deleted) touched.push_back(r);
  // Before: what depended on the old state (and the old links' ends).
  for (ObjectRef r : touched) Neighbourhood(r, affected, groups, graph);
  for (ObjectRef r : touched) Erase(r);
  for (const auto& d : change.documents) Insert(d);
  for (const auto& g : change.goals) Insert(g);
  for (const auto& i : change.indicators) Insert(i);
  for (const auto& m : change.measures) Insert(m);
  for (const auto& l : change.links) Insert(l);
  // After: what depends on the new state.
  for (ObjectRef r : touched) Neighbourhood(r, affected, groups, graph);

  std::vector<Finding> out;
  for (ObjectRef r : affected) {
    findings_.Erase(r);
    out.clear();
    CheckSubject(r, out);
    if (!out.empty()) findings_[r] = out;
  }
  std::sort(groups.begin(), groups.end(), [](const GroupKey& a, const GroupKey& b) {
    return std::tie(a.identity, a.year) < std::tie(b.identity, b.year);
  });
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  for (const auto& k : groups) CheckGroup(k);
  if (!graph.empty()) FindCycles(graph);
  return affected.size() + groups.size();
}

// ---- Results ---------------------------------------------------------------------------------------------

std::vector<Finding> CoherenceIndex::Findings() const {
  std::vector<Finding> all;
  findings_.ForEach(
      [&](ObjectRef, const std::vector<Finding>& fs) { all.insert(all.end(), fs.begin(), fs.end()); });
  for (const auto& [key, fs] : conflicts_) all.insert(all.end(), fs.begin(), fs.end());
  for (const auto& c : cycles_) {
    std::string path;
    for (ObjectRef r : c) path += Label(r) + " → ";
    path += Label(c.front());
    all.push_back(
        {Rule::kLinkCycle, c.front(), c.size() > 1 ? std::optional<ObjectRef>(c[1]) : std::nullopt, path});
  }
  std::sort(all.begin(), all.end(), FindingLess);
  return all;
}

Counts CoherenceIndex::CountFindings() const {
  Counts c;
  auto add = [&](Rule r, std::int64_t n) {
    c.by_rule[static_cast<int>(r)] += n;
    switch (Info(r).severity) {
      case Severity::kError:
        c.errors += n;
        break;
      case Severity::kWarning:
        c.warnings += n;
        break;
      case Severity::kInfo:
        c.infos += n;
        break;
    }
  };
  findings_.ForEach([&](ObjectRef, const std::vector<Finding>& fs) {
    for (const auto& f : fs) add(f.rule, 1);
  });
  for (const auto& [key, fs] : conflicts_)
    add(Rule::kIndicatorConflictingTargets, static_cast<std::int64_t>(fs.size()));
  add(Rule::kLinkCycle, static_cast<std::int64_t>(cycles_.size()));
  return c;
}

std::vector<Finding> CoherenceIndex::FindingsOf(ObjectRef subject) const {
  std::vector<Finding> out;
  for (const auto& f : Findings())
    if (f.subject == subject) out.push_back(f);
  return out;
}

}  // namespace jospar::coherence
