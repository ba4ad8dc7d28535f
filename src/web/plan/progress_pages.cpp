// The public progress dashboard (/progress, /progress.csv): statuses of indicators against their targets,
// rolled up to SDG goals, state bodies, documents and goals, with the method and the numbers behind each
// status. Filters come in a GET form (works without JavaScript).
#include <unordered_map>

#include "core/plan/usecases/progress.hpp"
#include "formats/csv_write.hpp"
#include "web/pages/portal.hpp"
#include "web/plan/svg_chart.hpp"

namespace jospar::web {
namespace {

constexpr int kRowsPerPage = 100;

struct DashboardQuery {
  std::optional<Tier> tier;
  std::optional<Id> body;
  std::string sdg;  // SDG goal code, e.g. "3"
  std::optional<Id> document;
  std::optional<ProgressStatus> status;
  int page = 1;

  std::vector<std::pair<std::string, std::string>> Params() const {
    std::vector<std::pair<std::string, std::string>> p;
    if (tier) p.emplace_back("tier", std::to_string(static_cast<int>(*tier)));
    if (body) p.emplace_back("body", std::to_string(*body));
    if (!sdg.empty()) p.emplace_back("sdg", sdg);
    if (document) p.emplace_back("document", std::to_string(*document));
    if (status) p.emplace_back("status", std::string(ToString(*status)));
    return p;
  }
};

std::string Qs(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string s;
  for (const auto& [k, v] : params) s += (s.empty() ? "?" : "&") + UrlEncode(k) + "=" + UrlEncode(v);
  return s;
}

DashboardQuery ParseDashboard(const Request& req) {
  DashboardQuery q;
  for (const auto& [k, val] : req.query) {
    if (k == "tier") {
      if (auto n = ParseInt(val)) q.tier = ParseTier(*n);
    } else if (k == "body") {
      q.body = ParseId(val);
    } else if (k == "sdg") {
      if (val.size() <= 8) q.sdg = val;
    } else if (k == "document") {
      q.document = ParseId(val);
    } else if (k == "status") {
      q.status = ParseProgressStatus(val);
    } else if (k == "page") {
      if (auto n = ParseInt(val); n && *n >= 1 && *n <= 100000) q.page = *n;
    }
  }
  return q;
}

// Lookups by id over an outline.
struct Names {
  std::unordered_map<Id, const StateBody*> bodies;
  std::unordered_map<Id, const Document*> documents;
  std::unordered_map<Id, const Goal*> goals;
  std::unordered_map<Id, const Indicator*> indicators;
  std::unordered_map<Id, const SdgNode*> sdg;
  explicit Names(const PlanOutline& o) {
    for (const auto& x : o.bodies) bodies[x.id] = &x;
    for (const auto& x : o.documents) documents[x.id] = &x;
    for (const auto& x : o.goals) goals[x.id] = &x;
    for (const auto& x : o.indicators) indicators[x.id] = &x;
    for (const auto& x : o.sdg) sdg[x.id] = &x;
  }
  template <class M>
  static auto Find(const M& m, std::optional<Id> id) -> decltype(m.begin()->second) {
    if (!id) return nullptr;
    auto it = m.find(*id);
    return it == m.end() ? nullptr : it->second;
  }
};

std::string StatusLabelOf(const View& v, ProgressStatus s) {
  return v.T("progress.status." + std::string(ToString(s)));
}

std::string StatusBadge(const View& v, ProgressStatus s) {
  return "<span class=\"badge progress-" + std::string(ToString(s)) + "\">" +
         HtmlEscape(StatusLabelOf(v, s)) + "</span>";
}

std::string YearValue(std::optional<int> year, std::optional<double> value) {
  if (!value) return "—";
  return FormatNumber(*value, 4) + (year ? " (" + std::to_string(*year) + ")" : "");
}

std::string Rate(std::optional<double> r) {
  if (!r) return "—";
  return FormatNumber(*r * 100, 2) + "%";
}

std::string IndexText(const StatusCounts& c) {
  auto i = c.Index();
  return i ? FormatNumber(*i, 1) : "—";
}

// One row of counts per status for a table.
TemplateData CountsRow(const StatusCounts& c) {
  TemplateData cells{TemplateData::type::list};
  for (ProgressStatus s : kProgressStatuses) {
    TemplateData cell{TemplateData::type::object};
    cell.set("n", std::to_string(c.Count(s)));
    cells.push_back(cell);
  }
  TemplateData o{TemplateData::type::object};
  o.set("cells", cells);
  o.set("total", std::to_string(c.total));
  o.set("index", IndexText(c));
  return o;
}

TemplateData StatusHeaders(const View& v) {
  TemplateData l{TemplateData::type::list};
  for (ProgressStatus s : kProgressStatuses) {
    TemplateData o{TemplateData::type::object};
    o.set("label", StatusLabelOf(v, s));
    o.set("weight", s == ProgressStatus::kNoData ? std::string("—") : std::to_string(ProgressWeight(s)));
    o.set("key", std::string(ToString(s)));
    l.push_back(o);
  }
  return l;
}

TemplateData Option(const std::string& value, const std::string& label, bool selected) {
  TemplateData o{TemplateData::type::object};
  o.set("value", value);
  o.set("label", label);
  o.set("selected", selected);
  return o;
}

ProgressFilter ToFilter(const DashboardQuery& q, const PlanOutline& outline) {
  ProgressFilter f;
  f.tier = q.tier;
  f.body_id = q.body;
  f.document_id = q.document;
  if (!q.sdg.empty()) {
    f.sdg_goal_id = -1;  // an unknown code matches nothing
    for (const auto& n : outline.sdg)
      if (n.kind == SdgKind::kGoal && n.code == q.sdg) f.sdg_goal_id = n.id;
  }
  return f;
}

// The indicator rows that pass the filter (and the status filter), in plan order.
std::vector<std::size_t> Rows(const usecases::ProgressView& pv, const DashboardQuery& q) {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < pv.rollup.indicators.size(); ++i) {
    const auto& r = pv.rollup.indicators[i];
    if (!r.included) continue;
    if (q.status && r.assessment.status != *q.status) continue;
    rows.push_back(i);
  }
  return rows;
}

std::string ReasonText(const View& v, const ProgressAssessment& a) {
  if (a.status != ProgressStatus::kNoData) return {};
  return v.T("progress.reason." + std::string(ToString(a.reason)));
}

Response Dashboard(View& v, Request& req) {
  const DashboardQuery q = ParseDashboard(req);
  // Read once to resolve the SDG code, then roll up with the filter (one read of the plan).
  auto pv = usecases::LoadProgress(v.store(), {});
  if (!pv) return v.ErrorPage(pv.error());
  pv->rollup = RollUpProgress(pv->plan, ToFilter(q, pv->outline));
  const Names names(pv->outline);

  TemplateData d{TemplateData::type::object};
  d.set("action", v.Href("/progress"));
  d.set("csv_href", v.Href("/progress.csv") + Qs(q.Params()));
  d.set("api_href", "/api/v1/progress" + Qs(q.Params()));
  d.set("status_headers", StatusHeaders(v));

  // Filter options.
  TemplateData tiers{TemplateData::type::list};
  for (int t = 1; t <= 5; ++t)
    tiers.push_back(Option(std::to_string(t), TierLabel(v, static_cast<Tier>(t)),
                           q.tier && static_cast<int>(*q.tier) == t));
  d.set("tiers", tiers);
  TemplateData bodies{TemplateData::type::list};
  for (const auto& b : pv->outline.bodies)
    bodies.push_back(Option(std::to_string(b.id), v.TextPlain(b.title), q.body == b.id));
  d.set("bodies", bodies);
  TemplateData sdgs{TemplateData::type::list};
  std::vector<const SdgNode*> goals;
  for (const auto& n : pv->outline.sdg)
    if (n.kind == SdgKind::kGoal) goals.push_back(&n);
  std::sort(goals.begin(), goals.end(), [](const SdgNode* a, const SdgNode* b) {
    return std::atoi(a->code.c_str()) < std::atoi(b->code.c_str());
  });
  for (const SdgNode* n : goals)
    sdgs.push_back(Option(n->code, n->code + ". " + v.TextPlain(n->title), q.sdg == n->code));
  d.set("sdgs", sdgs);
  TemplateData statuses{TemplateData::type::list};
  for (ProgressStatus s : kProgressStatuses)
    statuses.push_back(Option(std::string(ToString(s)), StatusLabelOf(v, s), q.status == s));
  d.set("statuses", statuses);
  if (q.document)
    if (const Document* doc = Names::Find(names.documents, q.document)) {
      d.set("document_id", std::to_string(doc->id));
      d.set("document_html", v.TextHtml(doc->title));
    }

  // Overall.
  TemplateData overall = CountsRow(pv->rollup.overall);
  d.set("overall", overall);

  // Roll-up tables.
  auto table = [&](const std::vector<RollupEntry>& entries, auto name_html, auto href, std::size_t limit) {
    TemplateData rows{TemplateData::type::list};
    std::size_t n = 0;
    for (const auto& e : entries) {
      if (n++ >= limit) break;
      TemplateData r = CountsRow(e.counts);
      r.set("name_html", name_html(e.id));
      r.set("href", href(e.id));
      rows.push_back(r);
    }
    return rows;
  };
  std::vector<RollupEntry> sdg_entries = pv->rollup.sdg_goals;
  std::sort(sdg_entries.begin(), sdg_entries.end(), [&](const RollupEntry& a, const RollupEntry& b) {
    const SdgNode* x = Names::Find(names.sdg, a.id);
    const SdgNode* y = Names::Find(names.sdg, b.id);
    return std::atoi(x ? x->code.c_str() : "0") < std::atoi(y ? y->code.c_str() : "0");
  });
  auto sdg_rows = table(
      sdg_entries,
      [&](Id id) {
        const SdgNode* n = Names::Find(names.sdg, id);
        return n ? HtmlEscape(n->code) + ". " + v.TextHtml(n->title) : std::string();
      },
      [&](Id id) {
        const SdgNode* n = Names::Find(names.sdg, id);
        auto p = q.Params();
        std::erase_if(p, [](const auto& kv) { return kv.first == "sdg"; });
        if (n) p.emplace_back("sdg", n->code);
        return v.Href("/progress") + Qs(p);
      },
      100);
  d.set("sdg_rows", sdg_rows);
  d.set("has_sdg_rows", !sdg_rows.is_empty_list());
  auto body_rows = table(
      pv->rollup.bodies,
      [&](Id id) {
        const StateBody* b = Names::Find(names.bodies, id);
        return b ? v.TextHtml(b->title) : std::to_string(id);
      },
      [&](Id id) {
        auto p = q.Params();
        std::erase_if(p, [](const auto& kv) { return kv.first == "body"; });
        p.emplace_back("body", std::to_string(id));
        return v.Href("/progress") + Qs(p);
      },
      500);
  d.set("body_rows", body_rows);
  d.set("has_body_rows", !body_rows.is_empty_list());
  auto doc_rows = table(
      pv->rollup.documents,
      [&](Id id) {
        const Document* doc = Names::Find(names.documents, id);
        return doc ? HtmlEscape(doc->code) + " " + v.TextHtml(doc->title) : std::to_string(id);
      },
      [&](Id id) {
        auto p = q.Params();
        std::erase_if(p, [](const auto& kv) { return kv.first == "document"; });
        p.emplace_back("document", std::to_string(id));
        return v.Href("/progress") + Qs(p);
      },
      1000);
  d.set("document_rows", doc_rows);
  d.set("has_document_rows", !doc_rows.is_empty_list());
  if (q.document) {
    // The goals of the selected document.
    std::vector<RollupEntry> goal_entries;
    for (const auto& e : pv->rollup.goals)
      if (const Goal* g = Names::Find(names.goals, e.id); g && g->document_id == *q.document)
        goal_entries.push_back(e);
    auto goal_rows = table(
        goal_entries,
        [&](Id id) {
          const Goal* g = Names::Find(names.goals, id);
          return g ? HtmlEscape(g->code) + " " + v.TextHtml(g->title) : std::string();
        },
        [&](Id) { return v.Href("/documents/" + std::to_string(*q.document)); }, 1000);
    d.set("goal_rows", goal_rows);
    d.set("has_goal_rows", !goal_rows.is_empty_list());
  }

  // Indicators with the numbers behind their status.
  const auto rows = Rows(*pv, q);
  const std::size_t from = static_cast<std::size_t>(q.page - 1) * kRowsPerPage;
  TemplateData ind_rows{TemplateData::type::list};
  for (std::size_t k = from; k < rows.size() && k < from + kRowsPerPage; ++k) {
    const auto& r = pv->rollup.indicators[rows[k]];
    const Indicator& ind = pv->outline.indicators[rows[k]];
    const auto& a = r.assessment;
    TemplateData o{TemplateData::type::object};
    o.set("href", v.Href("/indicators/" + std::to_string(ind.id)));
    o.set("code", ind.code);
    o.set("title_html", v.TextHtml(ind.title));
    o.set("status_html", StatusBadge(v, a.status));
    o.set("reason", ReasonText(v, a));
    o.set("baseline", YearValue(a.base_year, a.base_value));
    o.set("latest", YearValue(a.current_year, a.current_value));
    o.set("target", YearValue(ind.target_year, ind.target_value));
    o.set("direction", DirectionLabel(v, ind.direction));
    o.set("needed", Rate(a.needed_rate));
    o.set("actual", Rate(a.observed_rate));
    o.set("ratio", a.ratio ? FormatNumber(*a.ratio, 2) : std::string("—"));
    o.set("passed", a.target_year_passed && a.status != ProgressStatus::kTargetMet);
    if (r.fed_by)
      if (const Indicator* f = Names::Find(names.indicators, r.fed_by)) {
        o.set("fed_code", f->code);
        o.set("fed_href", v.Href("/indicators/" + std::to_string(f->id)));
      }
    o.set("demo", ind.demo);
    ind_rows.push_back(o);
  }
  d.set("indicator_rows", ind_rows);
  d.set("has_indicator_rows", !ind_rows.is_empty_list());
  d.set("shown", rows.empty() ? v.T("progress.none")
                              : v.Format("progress.shown",
                                         {{"from", std::to_string(from + 1)},
                                          {"to", std::to_string(std::min(rows.size(), from + kRowsPerPage))},
                                          {"n", std::to_string(rows.size())}}));
  auto page_href = [&](int page) {
    auto p = q.Params();
    p.emplace_back("page", std::to_string(page));
    return v.Href("/progress") + Qs(p) + "#indicators-heading";
  };
  if (q.page > 1) d.set("prev_href", page_href(q.page - 1));
  if (from + kRowsPerPage < rows.size()) d.set("next_href", page_href(q.page + 1));

  // The method, with the thresholds and weights as numbers.
  d.set("method_ratio",
        v.Format("progress.method.ratio", {{"on_track", FormatNumber(kOnTrackRatio * 100, 0)},
                                           {"acceleration", FormatNumber(kAccelerationRatio * 100, 0)}}));
  const std::string title = v.T("progress.title");
  return v.Page(200, "progress", std::move(d), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

Response DashboardCsv(View& v, Request& req) {
  const DashboardQuery q = ParseDashboard(req);
  auto pv = usecases::LoadProgress(v.store(), {});
  if (!pv) return v.ErrorPage(pv.error());
  pv->rollup = RollUpProgress(pv->plan, ToFilter(q, pv->outline));
  const Names names(pv->outline);
  formats::CsvWriter csv(formats::kSpreadsheetCsv);
  csv.Row({"code", "indicator", "document", "responsible_body", "direction", "status", "no_data_reason",
           "baseline_year", "baseline_value", "latest_year", "latest_value", "target_year", "target_value",
           "needed_rate", "actual_rate", "ratio", "target_year_passed", "values_of"});
  auto num = [](std::optional<double> x) { return x ? FormatNumber(*x, 6) : std::string(); };
  auto year = [](std::optional<int> x) { return x ? std::to_string(*x) : std::string(); };
  for (std::size_t i : Rows(*pv, q)) {
    const Indicator& ind = pv->outline.indicators[i];
    const auto& r = pv->rollup.indicators[i];
    const auto& a = r.assessment;
    std::string doc_code;
    if (const Goal* g = Names::Find(names.goals, ind.goal_id))
      if (const Document* doc = Names::Find(names.documents, g->document_id)) doc_code = doc->code;
    std::string body_code;
    if (const StateBody* b = Names::Find(names.bodies, ind.responsible_body_id)) body_code = b->code;
    std::string fed;
    if (const Indicator* f = Names::Find(names.indicators, r.fed_by)) fed = f->code;
    csv.Row({ind.code, v.TextPlain(ind.title), doc_code, body_code, std::string(ToString(ind.direction)),
             std::string(ToString(a.status)), std::string(ToString(a.reason)), year(a.base_year),
             num(a.base_value), year(a.current_year), num(a.current_value), year(ind.target_year),
             num(ind.target_value), num(a.needed_rate), num(a.observed_rate), num(a.ratio),
             a.target_year_passed ? "true" : "false", fed});
  }
  Response r = Response::Text(200, csv.Take(), "text/csv; charset=utf-8");
  r.SetHeader("Content-Disposition", "attachment; filename=\"progress.csv\"");
  return r;
}

}  // namespace

void RegisterProgressPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/progress", Dashboard);
  AddPage(router, shared, "GET", "/progress.csv", DashboardCsv);
}

}  // namespace jospar::web
