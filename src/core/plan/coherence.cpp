#include "core/plan/coherence.hpp"
#include "core/base/text.hpp"

#include <algorithm>
#include <array>
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
