// The "Plan coherence" pages: the coherence findings for planners and admins, grouped by rule with filters,
// paging and a CSV download (no JavaScript needed), and the public summary of their counts.
#include <algorithm>

#include "core/plan/access.hpp"
#include "formats/csv_write.hpp"
#include "web/pages/portal.hpp"
#include "web/plan/coherence_format.hpp"
#include "web/plan/coherence_service.hpp"

namespace jospar::web {

namespace {

constexpr std::int64_t kPageSize = 100;

std::string SeverityLabel(const View& v, coherence::Severity s) {
  return v.T("coherence.severity." + std::string(coherence::ToString(s)));
}

std::string RuleTitle(const View& v, coherence::Rule r) {
  return v.T("coherence.rule." + std::string(coherence::Info(r).id) + ".title");
}

// The filters of the query; unknown values are ignored (the page shows everything for them).
CoherenceFilter FilterOf(const Request& req) {
  CoherenceFilter f;
  if (auto r = req.Query("rule")) f.rule = coherence::ParseRule(*r);
  if (auto s = req.Query("severity")) f.severity = coherence::ParseSeverity(*s);
  if (auto k = req.Query("kind")) f.kind = ParseObjectKind(*k);
  return f;
}

std::string FilterQuery(const CoherenceFilter& f) {
  std::string q;
  auto add = [&](const char* name, std::string_view value) {
    q += q.empty() ? "?" : "&";
    q += std::string(name) + "=" + UrlEncode(value);
  };
  if (f.rule) add("rule", coherence::Info(*f.rule).id);
  if (f.severity) add("severity", coherence::ToString(*f.severity));
  if (f.kind) add("kind", ToString(*f.kind));
  return q;
}

std::string Totals(const View& v, const coherence::Counts& c) {
  return v.Format("coherence.totals", {{"errors", std::to_string(c.errors)},
                                       {"warnings", std::to_string(c.warnings)},
                                       {"infos", std::to_string(c.infos)}});
}

Response Forbidden(View& v, const Request& req) {
  return v.ErrorPage(req.principal.IsSignedIn()
                         ? Error{ErrorCode::kForbidden, "error.forbidden", {}, {}}
                         : Error{ErrorCode::kUnauthenticated, "error.unauthenticated", {}, {}});
}

Response CoherencePageHtml(View& v, Request& req) {
  if (!CanEditPlan(req.principal)) return Forbidden(v, req);
  const CoherenceFilter filter = FilterOf(req);
  std::int64_t page_no = 1;
  if (auto p = req.Query("page")) page_no = std::max(1, ParseInt(*p).value_or(1));
  auto page = v.shared().ctx.coherence->Read(v.store(), filter, (page_no - 1) * kPageSize, kPageSize);
  if (!page) return v.ErrorPage(page.error());

  TemplateData d{TemplateData::type::object};
  d.set("action", v.Href("/plan/coherence"));
  d.set("totals", Totals(v, page->counts));
  d.set("checked", v.Format("coherence.checked_at", {{"objects", std::to_string(page->objects)}}));
  TemplateData rules{TemplateData::type::list};
  for (const auto& r : coherence::Rules()) {
    TemplateData o{TemplateData::type::object};
    o.set("value", std::string(r.id));
    o.set("label",
          RuleTitle(v, r.rule) + " (" + std::to_string(page->counts.by_rule[static_cast<int>(r.rule)]) + ")");
    o.set("selected", filter.rule == r.rule);
    rules.push_back(o);
  }
  d.set("rules", rules);
  TemplateData severities{TemplateData::type::list};
  for (auto s : {coherence::Severity::kError, coherence::Severity::kWarning, coherence::Severity::kInfo}) {
    TemplateData o{TemplateData::type::object};
    o.set("value", std::string(coherence::ToString(s)));
    o.set("label", SeverityLabel(v, s));
    o.set("selected", filter.severity == s);
    severities.push_back(o);
  }
  d.set("severities", severities);
  TemplateData kinds{TemplateData::type::list};
  for (auto k : {ObjectKind::kDocument, ObjectKind::kGoal, ObjectKind::kIndicator, ObjectKind::kMeasure,
                 ObjectKind::kLink}) {
    TemplateData o{TemplateData::type::object};
    o.set("value", std::string(ToString(k)));
    o.set("label", v.T("coherence.kind." + std::string(ToString(k))));
    o.set("selected", filter.kind == k);
    kinds.push_back(o);
  }
  d.set("kinds", kinds);
  d.set("csv_href", v.Href("/plan/coherence.csv") + FilterQuery(filter));

  // Findings of this page, grouped by rule (they come ordered by rule).
  TemplateData groups{TemplateData::type::list};
  for (size_t k = 0; k < page->items.size();) {
    const coherence::Rule rule = page->items[k].finding.rule;
    TemplateData g{TemplateData::type::object};
    g.set("anchor", std::string(coherence::Info(rule).id));
    g.set("title", RuleTitle(v, rule));
    g.set("severity", SeverityLabel(v, coherence::Info(rule).severity));
    g.set("hint", v.T("coherence.rule." + std::string(coherence::Info(rule).id) + ".hint"));
    TemplateData items{TemplateData::type::list};
    for (; k < page->items.size() && page->items[k].finding.rule == rule; ++k) {
      const CoherenceItem& it = page->items[k];
      TemplateData row{TemplateData::type::object};
      row.set("label", it.subject_label);
      row.set("href", CoherenceHref(v.lang(), it));
      row.set("kind", v.T("coherence.kind." + std::string(ToString(it.finding.subject.kind))));
      row.set("detail", it.finding.detail);
      items.push_back(row);
    }
    g.set("items", items);
    groups.push_back(g);
  }
  if (!page->items.empty()) d.set("groups", groups);
  const std::int64_t from = (page_no - 1) * kPageSize;
  if (page->total > 0)
    d.set("shown", v.Format("coherence.shown",
                            {{"from", std::to_string(std::min(page->total, from + 1))},
                             {"to", std::to_string(from + static_cast<std::int64_t>(page->items.size()))},
                             {"total", std::to_string(page->total)}}));
  std::string base = v.Href("/plan/coherence") + FilterQuery(filter);
  base += base.find('?') == std::string::npos ? "?" : "&";
  if (page_no > 1) d.set("prev_href", base + "page=" + std::to_string(page_no - 1));
  if (from + kPageSize < page->total) d.set("next_href", base + "page=" + std::to_string(page_no + 1));
  const std::string title = v.T("coherence.title");
  return v.Page(200, "plan_coherence", std::move(d), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

Response CoherenceCsv(View& v, Request& req) {
  if (!CanEditPlan(req.principal)) return Forbidden(v, req);
  auto page = v.shared().ctx.coherence->Read(v.store(), FilterOf(req), 0, -1);
  if (!page) return v.ErrorPage(page.error());
  formats::CsvWriter csv(formats::kSpreadsheetCsv);
  csv.Row(CoherenceCsvHeader());
  for (const auto& item : page->items) csv.Row(CoherenceCsvRow(item, *v.shared().locales, v.lang()));
  Response r = Response::Text(200, csv.Take(), "text/csv; charset=utf-8");
  r.SetHeader("Content-Disposition", "attachment; filename=\"plan-coherence.csv\"");
  return r;
}

Response CoherenceSummaryHtml(View& v, Request& req) {
  auto page = v.shared().ctx.coherence->Read(v.store(), {}, 0, 0);
  if (!page) return v.ErrorPage(page.error());
  TemplateData d{TemplateData::type::object};
  d.set("totals", Totals(v, page->counts));
  d.set("checked", v.Format("coherence.checked_at", {{"objects", std::to_string(page->objects)}}));
  TemplateData rules{TemplateData::type::list};
  for (const auto& r : coherence::Rules()) {
    TemplateData o{TemplateData::type::object};
    o.set("title", RuleTitle(v, r.rule));
    o.set("severity", SeverityLabel(v, r.severity));
    o.set("count", std::to_string(page->counts.by_rule[static_cast<int>(r.rule)]));
    rules.push_back(o);
  }
  d.set("rules", rules);
  d.set("can_see", CanEditPlan(req.principal));
  d.set("coherence_href", v.Href("/plan/coherence"));
  const std::string title = v.T("coherence.summary.title");
  return v.Page(200, "plan_coherence_summary", std::move(d), title,
                {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

}  // namespace

void RegisterCoherencePages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  EnsureCoherenceService(shared->ctx);
  AddPage(router, shared, "GET", "/plan/coherence", CoherencePageHtml,
          {.summary = "Plan coherence: coherence findings (planners and admins)", .tag = "portal"});
  AddPage(router, shared, "GET", "/plan/coherence.csv", CoherenceCsv,
          {.summary = "Plan coherence findings as CSV (planners and admins)", .tag = "portal"});
  AddPage(router, shared, "GET", "/plan/coherence/summary", CoherenceSummaryHtml,
          {.summary = "Public summary of the plan's coherence findings", .tag = "portal"});
}

}  // namespace jospar::web
