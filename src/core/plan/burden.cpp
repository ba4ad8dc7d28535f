#include "core/plan/burden.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

namespace jospar {

std::string_view ToString(RepeatGroup::Why why) {
  switch (why) {
    case RepeatGroup::Why::kSameTitle:
      return "same_title";
    case RepeatGroup::Why::kBothReported:
      return "both_reported";
    case RepeatGroup::Why::kDuplicate:
      return "duplicate";
  }
  return "same_title";
}

std::string_view ToString(SimplificationCandidate::Kind kind) {
  switch (kind) {
    case SimplificationCandidate::Kind::kDuplicate:
      return "duplicate";
    case SimplificationCandidate::Kind::kUnusedIndicator:
      return "unused_indicator";
    case SimplificationCandidate::Kind::kDocumentNoActiveGoals:
      return "document_no_active_goals";
  }
  return "duplicate";
}

namespace {

bool Active(DocStatus s) { return s == DocStatus::kApproved || s == DocStatus::kInForce; }

// A title reduced for comparison: ASCII letters lower-cased, runs of spaces and punctuation made one space.
std::string TitleKey(std::string_view s) {
  std::string out;
  bool space = false;
  for (unsigned char ch : s) {
    const bool sep = ch == ' ' || ch == '\t' || ch == '\n' || ch == ',' || ch == '.' || ch == ';' ||
                     ch == ':' || ch == '(' || ch == ')' || ch == '"';
    if (sep) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  }
  return out;
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t Find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Join(std::size_t a, std::size_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

// Everything the burden rules need, derived once from the outline.
struct Derived {
  const PlanOutline& plan;
  const BurdenOptions& opt;
  std::unordered_map<Id, std::size_t> ind_pos, goal_pos, doc_pos;
  std::unordered_map<Id, std::vector<Id>> ind_linked_goals;  // goals linked to or from an indicator
  std::unordered_map<Id, std::vector<Id>> fed_from;          // indicator -> indicators it contributes to
  std::unordered_map<Id, std::vector<Id>> feeds;             // indicator -> indicators fed by it
  std::set<Id> has_values;                                   // indicators with observations
  std::set<Id> has_any_link;                                 // indicators at either end of a link
  std::set<Id> goal_links_up;                                // goals with an outgoing link

  Derived(const PlanOutline& p, const BurdenOptions& o) : plan(p), opt(o) {
    for (std::size_t i = 0; i < p.indicators.size(); ++i) ind_pos[p.indicators[i].id] = i;
    for (std::size_t i = 0; i < p.goals.size(); ++i) goal_pos[p.goals[i].id] = i;
    for (std::size_t i = 0; i < p.documents.size(); ++i) doc_pos[p.documents[i].id] = i;
    for (const Observation& ob : p.totals) has_values.insert(ob.indicator_id);
    for (const Link& l : p.links) {
      const bool fi = l.from.kind == ObjectKind::kIndicator, ti = l.to.kind == ObjectKind::kIndicator;
      const bool fg = l.from.kind == ObjectKind::kGoal, tg = l.to.kind == ObjectKind::kGoal;
      if (fi) has_any_link.insert(l.from.id);
      if (ti) has_any_link.insert(l.to.id);
      if (fg) goal_links_up.insert(l.from.id);
      if (fi && tg) ind_linked_goals[l.from.id].push_back(l.to.id);
      if (fg && ti) ind_linked_goals[l.to.id].push_back(l.from.id);
      if (fi && ti && l.from.id != l.to.id && ind_pos.count(l.to.id)) fed_from[l.from.id].push_back(l.to.id);
    }
    for (auto& [id, targets] : fed_from) {
      std::sort(targets.begin(), targets.end());
      if (IsFed(id)) feeds[targets.front()].push_back(id);
    }
  }

  const Indicator* Ind(Id id) const {
    auto it = ind_pos.find(id);
    return it == ind_pos.end() ? nullptr : &plan.indicators[it->second];
  }
  const Goal* GoalOf(std::optional<Id> id) const {
    if (!id) return nullptr;
    auto it = goal_pos.find(*id);
    return it == goal_pos.end() ? nullptr : &plan.goals[it->second];
  }
  const Document* DocOfGoal(const Goal* g) const {
    if (g == nullptr) return nullptr;
    auto it = doc_pos.find(g->document_id);
    return it == doc_pos.end() ? nullptr : &plan.documents[it->second];
  }
  const Document* OwnDocument(const Indicator& ind) const { return DocOfGoal(GoalOf(ind.goal_id)); }

  // No value of its own, and contributes to another indicator: that one is reported instead.
  bool IsFed(Id id) const { return !has_values.count(id) && fed_from.count(id) != 0; }
  std::optional<Id> FedBy(Id id) const {
    if (!IsFed(id)) return std::nullopt;
    return fed_from.at(id).front();
  }

  // The documents a value reported for `id` feeds: its own and linked goals' documents, and those of the
  // indicators it feeds.
  std::vector<Id> DocumentsFed(Id id) const {
    std::vector<Id> docs;
    auto add_ind = [&](Id i) {
      const Indicator* ind = Ind(i);
      if (ind == nullptr) return;
      if (const Document* d = OwnDocument(*ind)) docs.push_back(d->id);
      auto it = ind_linked_goals.find(i);
      if (it != ind_linked_goals.end())
        for (Id g : it->second)
          if (const Document* d = DocOfGoal(GoalOf(g))) docs.push_back(d->id);
    };
    add_ind(id);
    auto it = feeds.find(id);
    if (it != feeds.end())
      for (Id f : it->second) add_ind(f);
    std::sort(docs.begin(), docs.end());
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    return docs;
  }

  // The report of an indicator due in opt.year (the value of the previous year), if any.
  std::optional<DueItem> IndicatorDue(const Indicator& ind) const {
    if (!ind.responsible_body_id || IsFed(ind.id)) return std::nullopt;
    const Document* doc = OwnDocument(ind);
    if (ind.goal_id && (doc == nullptr || !Active(doc->status))) return std::nullopt;
    const int period = opt.year - 1;
    if (ind.baseline_year && period <= *ind.baseline_year) return std::nullopt;
    if (ind.target_year && period > *ind.target_year) return std::nullopt;
    DueItem d;
    d.kind = DueItem::Kind::kIndicator;
    d.id = ind.id;
    d.period = std::to_string(period);
    d.due = std::to_string(opt.year) + "-" + std::string(kAnnualReportDue);
    d.document_ids = DocumentsFed(ind.id);
    return d;
  }

  std::optional<DueItem> MeasureDue(const Measure& m) const {
    if (!m.responsible_body_id) return std::nullopt;
    const Document* doc = DocOfGoal(GoalOf(m.goal_id));
    if (doc == nullptr || !Active(doc->status)) return std::nullopt;
    if (m.deadline.size() < 4 || m.deadline.substr(0, 4) != std::to_string(opt.year)) return std::nullopt;
    DueItem d;
    d.kind = DueItem::Kind::kMeasure;
    d.id = m.id;
    d.due = m.deadline;
    d.document_ids = {doc->id};
    return d;
  }

  // Groups of indicators that ask for the same value (all bodies; callers filter by body).
  std::vector<RepeatGroup> Repeats() const {
    std::vector<RepeatGroup> out;
    const std::size_t n = plan.indicators.size();
    auto linked = [&](Id a, Id b) {
      auto has = [&](Id x, Id y) {
        auto it = fed_from.find(x);
        return it != fed_from.end() && std::find(it->second.begin(), it->second.end(), y) != it->second.end();
      };
      return has(a, b) || has(b, a);
    };
    // Same title (any language) and unit, same body, not linked to each other.
    std::map<std::tuple<Id, int, std::string, std::string>, std::vector<std::size_t>> by_key;
    for (std::size_t i = 0; i < n; ++i) {
      const Indicator& ind = plan.indicators[i];
      if (!ind.responsible_body_id || IsFed(ind.id)) continue;
      for (int l = 0; l < 3; ++l) {
        const Lang lang = kLangs[static_cast<std::size_t>(l)];
        std::string key = TitleKey(ind.title.Get(lang));
        if (key.empty()) continue;
        by_key[{*ind.responsible_body_id, l, key, TitleKey(ind.unit.Get(lang))}].push_back(i);
      }
    }
    UnionFind uf(n);
    for (const auto& [key, members] : by_key)
      for (std::size_t k = 1; k < members.size(); ++k)
        if (!linked(plan.indicators[members[0]].id, plan.indicators[members[k]].id))
          uf.Join(members[0], members[k]);
    std::map<std::size_t, std::vector<Id>> groups;
    for (std::size_t i = 0; i < n; ++i) groups[uf.Find(i)].push_back(plan.indicators[i].id);
    for (auto& [root, ids] : groups) {
      if (ids.size() < 2) continue;
      std::sort(ids.begin(), ids.end());
      out.push_back({RepeatGroup::Why::kSameTitle, ids});
    }
    // Linked, yet both carry values of their own.
    for (const auto& [from, targets] : fed_from)
      for (Id to : targets)
        if (has_values.count(from) && has_values.count(to)) {
          std::vector<Id> ids = {to, from};
          out.push_back({RepeatGroup::Why::kBothReported, ids});
        }
    // Pairs from the duplicates detection.
    for (auto [a, b] : opt.duplicate_pairs)
      if (a != b && Ind(a) && Ind(b) && !linked(a, b))
        out.push_back({RepeatGroup::Why::kDuplicate, {std::min(a, b), std::max(a, b)}});
    std::sort(out.begin(), out.end(), [](const RepeatGroup& x, const RepeatGroup& y) {
      return std::tie(x.indicator_ids, x.why) < std::tie(y.indicator_ids, y.why);
    });
    return out;
  }
};

bool DueBefore(const DueItem& a, const DueItem& b) {
  return std::tie(a.due, a.kind, a.id) < std::tie(b.due, b.kind, b.id);
}

BodyBurden BodyOf(const Derived& dv, Id body_id, const std::vector<RepeatGroup>& repeats) {
  BodyBurden b;
  b.body_id = body_id;
  for (const Indicator& ind : dv.plan.indicators) {
    if (ind.responsible_body_id != body_id) continue;
    ++b.indicators;
    if (dv.IsFed(ind.id)) ++b.fed_indicators;
    if (auto d = dv.IndicatorDue(ind)) b.due.push_back(std::move(*d));
  }
  for (const Measure& m : dv.plan.measures) {
    if (m.responsible_body_id != body_id) continue;
    ++b.measures;
    if (auto d = dv.MeasureDue(m)) b.due.push_back(std::move(*d));
  }
  std::sort(b.due.begin(), b.due.end(), DueBefore);
  for (const RepeatGroup& g : repeats) {
    bool mine = std::all_of(g.indicator_ids.begin(), g.indicator_ids.end(), [&](Id id) {
      const Indicator* ind = dv.Ind(id);
      return ind != nullptr && ind->responsible_body_id == body_id;
    });
    if (mine) b.repeats.push_back(g);
  }
  return b;
}

}  // namespace

std::vector<BodyBurden> ComputeBurden(const PlanOutline& plan, const BurdenOptions& options) {
  Derived dv(plan, options);
  const auto repeats = dv.Repeats();
  std::set<Id> bodies;
  for (const Indicator& i : plan.indicators)
    if (i.responsible_body_id) bodies.insert(*i.responsible_body_id);
  for (const Measure& m : plan.measures)
    if (m.responsible_body_id) bodies.insert(*m.responsible_body_id);
  std::vector<BodyBurden> out;
  for (Id id : bodies) out.push_back(BodyOf(dv, id, repeats));
  return out;
}

BodyBurden ComputeBodyBurden(const PlanOutline& plan, Id body_id, const BurdenOptions& options) {
  Derived dv(plan, options);
  return BodyOf(dv, body_id, dv.Repeats());
}

std::vector<SimplificationCandidate> FindSimplifications(const PlanOutline& plan,
                                                         const BurdenOptions& options) {
  Derived dv(plan, options);
  std::vector<SimplificationCandidate> out;
  auto due_count = [&](const Indicator& ind) -> std::int64_t { return dv.IndicatorDue(ind) ? 1 : 0; };

  // Duplicates: every indicator of a group but the first.
  std::set<Id> listed;
  for (const RepeatGroup& g : dv.Repeats()) {
    for (std::size_t k = 1; k < g.indicator_ids.size(); ++k) {
      const Id id = g.indicator_ids[k];
      if (!listed.insert(id).second) continue;
      const Indicator* ind = dv.Ind(id);
      SimplificationCandidate c;
      c.kind = SimplificationCandidate::Kind::kDuplicate;
      c.object = {ObjectKind::kIndicator, id};
      c.keep_id = g.indicator_ids.front();
      c.reports_saved = ind ? due_count(*ind) : 0;
      out.push_back(c);
    }
  }

  // Indicators below the top tier that feed nothing above: no link at either end, and neither their goal
  // nor that goal's parent contributes to anything.
  for (const Indicator& ind : plan.indicators) {
    const Goal* g = dv.GoalOf(ind.goal_id);
    const Document* doc = dv.DocOfGoal(g);
    if (doc == nullptr || doc->tier == Tier::kLongTermStrategy || !Active(doc->status)) continue;
    if (dv.has_any_link.count(ind.id)) continue;
    if (dv.goal_links_up.count(g->id)) continue;
    if (g->parent_id && dv.goal_links_up.count(*g->parent_id)) continue;
    if (listed.count(ind.id)) continue;
    SimplificationCandidate c;
    c.kind = SimplificationCandidate::Kind::kUnusedIndicator;
    c.object = {ObjectKind::kIndicator, ind.id};
    c.reports_saved = due_count(ind);
    out.push_back(c);
  }

  // Documents approved or in force with no active goal: none of their goals has an indicator whose target
  // year is this year or later (or has none) or a measure due this year or later.
  const std::string year_start = std::to_string(options.year) + "-01-01";
  std::unordered_map<Id, bool> goal_active;      // by goal id (tasks count for their goal too)
  std::unordered_map<Id, std::int64_t> doc_due;  // reports a year per document
  auto top_goal = [&](const Goal* g) -> const Goal* {
    if (g != nullptr && g->parent_id) {
      if (const Goal* p = dv.GoalOf(g->parent_id)) return p;
    }
    return g;
  };
  for (const Indicator& ind : plan.indicators) {
    const Goal* g = top_goal(dv.GoalOf(ind.goal_id));
    if (g == nullptr) continue;
    if (!ind.target_year || *ind.target_year >= options.year) goal_active[g->id] = true;
    doc_due[g->document_id] += due_count(ind);
  }
  for (const Measure& m : plan.measures) {
    const Goal* g = top_goal(dv.GoalOf(m.goal_id));
    if (g == nullptr) continue;
    if (m.deadline >= year_start) goal_active[g->id] = true;
    if (dv.MeasureDue(m)) ++doc_due[g->document_id];
  }
  std::unordered_map<Id, bool> doc_active_goal;
  for (const Goal& g : plan.goals)
    if (!g.parent_id && goal_active[g.id]) doc_active_goal[g.document_id] = true;
  for (const Document& d : plan.documents) {
    if (!Active(d.status) || doc_active_goal[d.id]) continue;
    SimplificationCandidate c;
    c.kind = SimplificationCandidate::Kind::kDocumentNoActiveGoals;
    c.object = {ObjectKind::kDocument, d.id};
    c.reports_saved = doc_due[d.id];
    out.push_back(c);
  }

  std::sort(out.begin(), out.end(), [](const SimplificationCandidate& a, const SimplificationCandidate& b) {
    return std::make_tuple(-a.reports_saved, a.kind, a.object.id) <
           std::make_tuple(-b.reports_saved, b.kind, b.object.id);
  });
  return out;
}

}  // namespace jospar
