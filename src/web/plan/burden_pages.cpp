// Reporting burden pages: "What is due" of one state body (/my/due, executors see their own body only),
// the burden of every body (/staff/burden) and the simplification report (/staff/simplification) for
// planners, each with a CSV download. Access is decided by core/usecases/progress.hpp; anonymous visitors
// are sent to sign in.
#include <ctime>
#include <unordered_map>

#include "core/plan/access.hpp"
#include "core/plan/usecases/progress.hpp"
#include "formats/csv_write.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

int YearOf(const View& v, const Request& req) {
  if (auto y = req.Query("year"))
    if (auto n = ParseInt(*y); n && *n >= 1900 && *n <= 2200) return *n;
  return UtcYear(v.shared().ctx.clock());
}

struct Lookup {
  std::unordered_map<Id, const StateBody*> bodies;
  std::unordered_map<Id, const Document*> documents;
  std::unordered_map<Id, const Indicator*> indicators;
  std::unordered_map<Id, const Measure*> measures;
  explicit Lookup(const PlanOutline& o) {
    for (const auto& x : o.bodies) bodies[x.id] = &x;
    for (const auto& x : o.documents) documents[x.id] = &x;
    for (const auto& x : o.indicators) indicators[x.id] = &x;
    for (const auto& x : o.measures) measures[x.id] = &x;
  }
  template <class M>
  static auto Find(const M& m, Id id) -> decltype(m.begin()->second) {
    auto it = m.find(id);
    return it == m.end() ? nullptr : it->second;
  }
};

std::string BodyTitle(const View& v, const Lookup& l, Id id) {
  const StateBody* b = Lookup::Find(l.bodies, id);
  return b ? v.TextPlain(b->title) : std::to_string(id);
}

std::string IndicatorLabel(const View& v, const Lookup& l, Id id) {
  const Indicator* i = Lookup::Find(l.indicators, id);
  return i ? i->code + " " + v.TextPlain(i->title) : std::to_string(id);
}

// The item of a due list: what, for which period, by when, feeding which documents.
TemplateData DueRow(const View& v, const Lookup& l, const DueItem& d) {
  TemplateData o{TemplateData::type::object};
  o.set("due", d.due);
  o.set("period", d.period.empty() ? std::string("—") : d.period);
  if (d.kind == DueItem::Kind::kIndicator) {
    o.set("kind", v.T("due.kind.indicator"));
    if (const Indicator* i = Lookup::Find(l.indicators, d.id)) {
      o.set("title_html", HtmlEscape(i->code) + " " + v.TextHtml(i->title));
      o.set("href", v.Href("/indicators/" + std::to_string(i->id)) + "#report-heading");
    }
  } else {
    o.set("kind", v.T("due.kind.measure"));
    if (const Measure* m = Lookup::Find(l.measures, d.id)) o.set("title_html", v.TextHtml(m->title));
  }
  TemplateData docs{TemplateData::type::list};
  for (Id id : d.document_ids)
    if (const Document* doc = Lookup::Find(l.documents, id)) {
      TemplateData x{TemplateData::type::object};
      x.set("href", v.Href("/documents/" + std::to_string(id)));
      x.set("code", doc->code);
      docs.push_back(x);
    }
  o.set("documents", docs);
  return o;
}

std::string DocCodes(const Lookup& l, const std::vector<Id>& ids) {
  std::string s;
  for (Id id : ids)
    if (const Document* d = Lookup::Find(l.documents, id)) s += (s.empty() ? "" : " ") + d->code;
  return s;
}

// The body asked for: ?body= for planners, else the executor's own.
std::optional<Id> BodyAsked(const Request& req) {
  if (auto b = req.Query("body"))
    if (auto id = ParseId(*b)) return id;
  return req.principal.body_id;
}

Response Due(View& v, Request& req) {
  if (auto r = RequireStaffPage(v, req, v.Href("/my/due"))) return *r;
  const int year = YearOf(v, req);
  TemplateData d{TemplateData::type::object};
  d.set("year", std::to_string(year));
  d.set("action", v.Href("/my/due"));
  const auto body_id = BodyAsked(req);
  const std::string title = v.T("due.title");
  const std::vector<Crumb> crumbs = {{v.T("nav.home"), v.Href("/")}, {title, ""}};
  d.set("can_choose", CanEditPlan(req.principal));
  if (!body_id) {
    d.set("no_body", true);
    if (CanEditPlan(req.principal)) {
      // A planner without a body: offer the choice.
      auto tx = v.store().Begin(TxMode::kRead);
      if (!tx) return v.ErrorPage(tx.error());
      auto bodies = ListAllBodies(**tx, {}, v.lang());
      if (!bodies) return v.ErrorPage(bodies.error());
      TemplateData opts{TemplateData::type::list};
      for (const auto& b : *bodies) {
        TemplateData o{TemplateData::type::object};
        o.set("value", std::to_string(b.id));
        o.set("label", v.TextPlain(b.title));
        opts.push_back(o);
      }
      d.set("bodies", opts);
    }
    return v.Page(200, "due", std::move(d), title, crumbs);
  }
  BurdenOptions opt;
  opt.year = year;
  auto view = usecases::WhatIsDue(v.store(), req.principal, *body_id, opt);
  if (!view) return v.ErrorPage(view.error());
  const Lookup l(view->outline);
  const BodyBurden& b = view->bodies.front();
  if (CanEditPlan(req.principal)) {
    TemplateData opts{TemplateData::type::list};
    for (const auto& x : view->outline.bodies) {
      TemplateData o{TemplateData::type::object};
      o.set("value", std::to_string(x.id));
      o.set("label", v.TextPlain(x.title));
      o.set("selected", x.id == *body_id);
      opts.push_back(o);
    }
    d.set("bodies", opts);
  }
  d.set("body_id", std::to_string(*body_id));
  d.set("lead", v.Format("due.lead", {{"body", BodyTitle(v, l, *body_id)}, {"year", std::to_string(year)}}));
  TemplateData rows{TemplateData::type::list};
  for (const auto& item : b.due) rows.push_back(DueRow(v, l, item));
  d.set("rows", rows);
  d.set("has_rows", !b.due.empty());
  d.set("summary", v.Format("due.summary", {{"indicators", std::to_string(b.indicators)},
                                            {"fed", std::to_string(b.fed_indicators)},
                                            {"measures", std::to_string(b.measures)},
                                            {"reports", std::to_string(b.ReportsInYear())}}));
  TemplateData repeats{TemplateData::type::list};
  for (const auto& g : b.repeats) {
    TemplateData o{TemplateData::type::object};
    o.set("why", v.T("burden.why." + std::string(ToString(g.why))));
    TemplateData inds{TemplateData::type::list};
    for (Id id : g.indicator_ids) {
      TemplateData x{TemplateData::type::object};
      x.set("href", v.Href("/indicators/" + std::to_string(id)));
      x.set("label", IndicatorLabel(v, l, id));
      inds.push_back(x);
    }
    o.set("indicators", inds);
    repeats.push_back(o);
  }
  d.set("repeats", repeats);
  d.set("has_repeats", !b.repeats.empty());
  d.set("csv_href",
        v.Href("/my/due.csv") + "?body=" + std::to_string(*body_id) + "&year=" + std::to_string(year));
  return v.Page(200, "due", std::move(d), title, crumbs);
}

Response DueCsv(View& v, Request& req) {
  if (auto r = RequireStaffPage(v, req, v.Href("/my/due"))) return *r;
  const auto body_id = BodyAsked(req);
  if (!body_id) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  BurdenOptions opt;
  opt.year = YearOf(v, req);
  auto view = usecases::WhatIsDue(v.store(), req.principal, *body_id, opt);
  if (!view) return v.ErrorPage(view.error());
  const Lookup l(view->outline);
  formats::CsvWriter csv(formats::kSpreadsheetCsv);
  csv.Row({"due", "kind", "code", "title", "period", "documents"});
  for (const auto& item : view->bodies.front().due) {
    std::string code, title;
    if (item.kind == DueItem::Kind::kIndicator) {
      if (const Indicator* i = Lookup::Find(l.indicators, item.id)) {
        code = i->code;
        title = v.TextPlain(i->title);
      }
    } else if (const Measure* m = Lookup::Find(l.measures, item.id)) {
      code = std::to_string(m->id);
      title = v.TextPlain(m->title);
    }
    csv.Row({item.due, item.kind == DueItem::Kind::kIndicator ? "indicator" : "measure", code, title,
             item.period, DocCodes(l, item.document_ids)});
  }
  Response r = Response::Text(200, csv.Take(), "text/csv; charset=utf-8");
  r.SetHeader("Content-Disposition", "attachment; filename=\"due.csv\"");
  return r;
}

// Due dates of a body as "2026-04-01 (3), 2026-06-30 (1)".
std::string DueDates(const BodyBurden& b) {
  std::vector<std::pair<std::string, int>> dates;
  for (const auto& d : b.due) {
    if (!dates.empty() && dates.back().first == d.due)
      ++dates.back().second;
    else
      dates.emplace_back(d.due, 1);
  }
  std::string s;
  for (const auto& [date, n] : dates) s += (s.empty() ? "" : ", ") + date + " (" + std::to_string(n) + ")";
  return s.empty() ? "—" : s;
}

Response Burden(View& v, Request& req) {
  if (auto r = RequireStaffPage(v, req, v.Href("/staff/burden"))) return *r;
  BurdenOptions opt;
  opt.year = YearOf(v, req);
  auto view = usecases::BurdenOverview(v.store(), req.principal, opt, v.shared().ctx.pair_finder.get());
  if (!view) return v.ErrorPage(view.error());
  const Lookup l(view->outline);
  TemplateData rows{TemplateData::type::list};
  std::int64_t total = 0, repeats = 0;
  for (const auto& b : view->bodies) {
    TemplateData o{TemplateData::type::object};
    o.set("body_html",
          v.TextHtml(Lookup::Find(l.bodies, b.body_id) ? Lookup::Find(l.bodies, b.body_id)->title : Text{}));
    o.set("due_href",
          v.Href("/my/due") + "?body=" + std::to_string(b.body_id) + "&year=" + std::to_string(opt.year));
    o.set("indicators", std::to_string(b.indicators));
    o.set("fed", std::to_string(b.fed_indicators));
    o.set("measures", std::to_string(b.measures));
    o.set("reports", std::to_string(b.ReportsInYear()));
    o.set("dates", DueDates(b));
    o.set("repeats", std::to_string(b.repeats.size()));
    total += b.ReportsInYear();
    repeats += static_cast<std::int64_t>(b.repeats.size());
    rows.push_back(o);
  }
  TemplateData d{TemplateData::type::object};
  d.set("rows", rows);
  d.set("has_rows", !view->bodies.empty());
  d.set("summary", v.Format("burden.summary", {{"year", std::to_string(opt.year)},
                                               {"reports", std::to_string(total)},
                                               {"repeats", std::to_string(repeats)}}));
  d.set("csv_href", v.Href("/staff/burden.csv") + "?year=" + std::to_string(opt.year));
  d.set("simplification_href", v.Href("/staff/simplification") + "?year=" + std::to_string(opt.year));
  d.set("year", std::to_string(opt.year));
  d.set("action", v.Href("/staff/burden"));
  const std::string title = v.T("burden.title");
  return v.Page(200, "burden", std::move(d), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

Response BurdenCsv(View& v, Request& req) {
  if (auto r = RequireStaffPage(v, req, v.Href("/staff/burden"))) return *r;
  BurdenOptions opt;
  opt.year = YearOf(v, req);
  auto view = usecases::BurdenOverview(v.store(), req.principal, opt, v.shared().ctx.pair_finder.get());
  if (!view) return v.ErrorPage(view.error());
  const Lookup l(view->outline);
  formats::CsvWriter csv(formats::kSpreadsheetCsv);
  csv.Row({"body", "body_title", "indicators", "fed_by_other_indicators", "measures", "reports_due",
           "due_dates", "values_asked_more_than_once"});
  for (const auto& b : view->bodies) {
    const StateBody* body = Lookup::Find(l.bodies, b.body_id);
    csv.Row({body ? body->code : std::to_string(b.body_id), BodyTitle(v, l, b.body_id),
             std::to_string(b.indicators), std::to_string(b.fed_indicators), std::to_string(b.measures),
             std::to_string(b.ReportsInYear()), DueDates(b), std::to_string(b.repeats.size())});
  }
  Response r = Response::Text(200, csv.Take(), "text/csv; charset=utf-8");
  r.SetHeader("Content-Disposition", "attachment; filename=\"burden.csv\"");
  return r;
}

std::string ObjectLabel(const View& v, const Lookup& l, const ObjectRef& ref) {
  if (ref.kind == ObjectKind::kDocument) {
    const Document* d = Lookup::Find(l.documents, ref.id);
    return d ? d->code + " " + v.TextPlain(d->title) : std::to_string(ref.id);
  }
  return IndicatorLabel(v, l, ref.id);
}

std::string ObjectHref(const View& v, const ObjectRef& ref) {
  return v.Href(std::string(ref.kind == ObjectKind::kDocument ? "/documents/" : "/indicators/") +
                std::to_string(ref.id));
}

Response Simplification(View& v, Request& req) {
  if (auto r = RequireStaffPage(v, req, v.Href("/staff/simplification"))) return *r;
  BurdenOptions opt;
  opt.year = YearOf(v, req);
  auto view = usecases::Simplifications(v.store(), req.principal, opt, v.shared().ctx.pair_finder.get());
  if (!view) return v.ErrorPage(view.error());
  const Lookup l(view->outline);
  TemplateData rows{TemplateData::type::list};
  std::int64_t saved = 0;
  for (const auto& c : view->candidates) {
    TemplateData o{TemplateData::type::object};
    o.set("kind", v.T("simplification.kind." + std::string(ToString(c.kind))));
    o.set("label", ObjectLabel(v, l, c.object));
    o.set("href", ObjectHref(v, c.object));
    if (c.keep_id) {
      const ObjectRef keep{ObjectKind::kIndicator, *c.keep_id};
      o.set("keep_label", ObjectLabel(v, l, keep));
      o.set("keep_href", ObjectHref(v, keep));
    }
    o.set("saved", std::to_string(c.reports_saved));
    saved += c.reports_saved;
    rows.push_back(o);
  }
  TemplateData d{TemplateData::type::object};
  d.set("rows", rows);
  d.set("has_rows", !view->candidates.empty());
  d.set("summary", v.Format("simplification.summary", {{"n", std::to_string(view->candidates.size())},
                                                       {"saved", std::to_string(saved)},
                                                       {"year", std::to_string(opt.year)}}));
  d.set("csv_href", v.Href("/staff/simplification.csv") + "?year=" + std::to_string(opt.year));
  const std::string title = v.T("simplification.title");
  return v.Page(
      200, "simplification", std::move(d), title,
      {{v.T("nav.home"), v.Href("/")}, {v.T("burden.title"), v.Href("/staff/burden")}, {title, ""}});
}

Response SimplificationCsv(View& v, Request& req) {
  if (auto r = RequireStaffPage(v, req, v.Href("/staff/simplification"))) return *r;
  BurdenOptions opt;
  opt.year = YearOf(v, req);
  auto view = usecases::Simplifications(v.store(), req.principal, opt, v.shared().ctx.pair_finder.get());
  if (!view) return v.ErrorPage(view.error());
  const Lookup l(view->outline);
  formats::CsvWriter csv(formats::kSpreadsheetCsv);
  csv.Row({"kind", "object_kind", "object_id", "object", "keep", "reports_saved_per_year"});
  for (const auto& c : view->candidates)
    csv.Row({std::string(ToString(c.kind)), std::string(ToString(c.object.kind)), std::to_string(c.object.id),
             ObjectLabel(v, l, c.object),
             c.keep_id ? ObjectLabel(v, l, {ObjectKind::kIndicator, *c.keep_id}) : std::string(),
             std::to_string(c.reports_saved)});
  Response r = Response::Text(200, csv.Take(), "text/csv; charset=utf-8");
  r.SetHeader("Content-Disposition", "attachment; filename=\"simplification.csv\"");
  return r;
}

}  // namespace

void RegisterBurdenPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/my/due", Due);
  AddPage(router, shared, "GET", "/my/due.csv", DueCsv);
  AddPage(router, shared, "GET", "/staff/burden", Burden);
  AddPage(router, shared, "GET", "/staff/burden.csv", BurdenCsv);
  AddPage(router, shared, "GET", "/staff/simplification", Simplification);
  AddPage(router, shared, "GET", "/staff/simplification.csv", SimplificationCsv);
}

}  // namespace jospar::web
