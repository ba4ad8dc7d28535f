// The coherence rules: one check per kind of object, and the conflicting-targets groups.
#include "core/base/text.hpp"
#include "core/plan/coherence.hpp"
#include "core/plan/coherence_detail.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace jospar::coherence {
using detail::IsPlanNode;

namespace {
std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
}  // namespace

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

}  // namespace jospar::coherence
