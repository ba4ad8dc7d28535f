#include "web/plan/coherence_format.hpp"

namespace jospar::web {

namespace {

std::string RuleKey(coherence::Rule rule, const char* part) {
  return "coherence.rule." + std::string(coherence::Info(rule).id) + "." + part;
}

nlohmann::json RefJson(ObjectRef ref, const std::string& label, const std::string& href) {
  nlohmann::json j{{"kind", std::string(ToString(ref.kind))}, {"id", ref.id}, {"label", label}};
  j["href"] = href.empty() ? nlohmann::json(nullptr) : nlohmann::json(href);
  return j;
}

}  // namespace

std::string CoherenceHref(Lang lang, const CoherenceItem& item) {
  const std::string prefix = "/" + std::string(LangCode(lang));
  const ObjectRef s = item.finding.subject;
  switch (s.kind) {
    case ObjectKind::kIndicator:
      return prefix + "/indicators/" + std::to_string(s.id);
    case ObjectKind::kDocument:
      return prefix + "/documents/" + std::to_string(s.id);
    case ObjectKind::kGoal:
      if (item.document_id)
        return prefix + "/documents/" + std::to_string(*item.document_id) + "#goal-" + std::to_string(s.id);
      break;
    default:
      if (item.document_id) return prefix + "/documents/" + std::to_string(*item.document_id);
      break;
  }
  return {};
}

nlohmann::json CoherenceItemJson(const CoherenceItem& item, const Locales& locales, Lang lang) {
  const auto& f = item.finding;
  const auto& info = coherence::Info(f.rule);
  nlohmann::json j{{"rule", std::string(info.id)},
                   {"severity", std::string(coherence::ToString(info.severity))},
                   {"title", locales.Get(lang, RuleKey(f.rule, "title"))},
                   {"hint", locales.Get(lang, RuleKey(f.rule, "hint"))},
                   {"subject", RefJson(f.subject, item.subject_label, CoherenceHref(lang, item))},
                   {"detail", f.detail}};
  j["related"] = f.related ? RefJson(*f.related, item.related_label, {}) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json CoherenceCountsJson(const coherence::Counts& counts, const Locales& locales, Lang lang) {
  nlohmann::json by_rule = nlohmann::json::array();
  for (const auto& r : coherence::Rules())
    by_rule.push_back({{"rule", std::string(r.id)},
                       {"severity", std::string(coherence::ToString(r.severity))},
                       {"title", locales.Get(lang, RuleKey(r.rule, "title"))},
                       {"count", counts.by_rule[static_cast<int>(r.rule)]}});
  return {{"errors", counts.errors},
          {"warnings", counts.warnings},
          {"infos", counts.infos},
          {"total", counts.total()},
          {"by_rule", std::move(by_rule)}};
}

std::vector<std::string> CoherenceCsvHeader() {
  return {"rule",         "severity",   "title",         "subject_kind", "subject_id", "subject_label",
          "related_kind", "related_id", "related_label", "detail",       "hint"};
}

std::vector<std::string> CoherenceCsvRow(const CoherenceItem& item, const Locales& locales, Lang lang) {
  const auto& f = item.finding;
  const auto& info = coherence::Info(f.rule);
  return {std::string(info.id),
          std::string(coherence::ToString(info.severity)),
          locales.Get(lang, RuleKey(f.rule, "title")),
          std::string(ToString(f.subject.kind)),
          std::to_string(f.subject.id),
          item.subject_label,
          f.related ? std::string(ToString(f.related->kind)) : std::string(),
          f.related ? std::to_string(f.related->id) : std::string(),
          item.related_label,
          f.detail,
          locales.Get(lang, RuleKey(f.rule, "hint"))};
}

std::string CoherenceTextLine(const CoherenceItem& item, const Locales& locales, Lang lang) {
  const auto& f = item.finding;
  const auto& info = coherence::Info(f.rule);
  std::string line = std::string(coherence::ToString(info.severity));
  line.resize(8, ' ');
  std::string rule(info.id);
  rule.resize(std::max<size_t>(rule.size() + 1, 32), ' ');
  line += rule + std::string(ToString(f.subject.kind)) + " " + item.subject_label;
  if (!f.detail.empty()) line += "  [" + f.detail + "]";
  line += "  — " + locales.Get(lang, RuleKey(f.rule, "title"));
  return line;
}

}  // namespace jospar::web
