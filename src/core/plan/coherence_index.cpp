// The coherence index: building it from a snapshot, its lookups, and applying one change incrementally.
#include "core/plan/coherence.hpp"
#include "core/plan/coherence_detail.hpp"

#include <algorithm>
#include <array>
#include <tuple>

namespace jospar::coherence {
using detail::IsPlanNode;

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

}  // namespace jospar::coherence
