// Documents: the filtered, sorted, paged list (and its CSV download) and the page of one document.
#include <map>
#include <set>

#include "core/audit/history.hpp"
#include "core/ledger/repository.hpp"
#include "core/plan/access.hpp"
#include "core/plan/lifecycle.hpp"
#include "core/plan/repository.hpp"
#include "formats/csv_write.hpp"
#include "web/pages/portal.hpp"
#include "web/plan/svg_chart.hpp"

namespace jospar::web {
namespace {

const std::vector<std::string> kSortFields = {"code", "title", "tier", "start_year", "status"};

struct BrowseQuery {
  std::string q;
  std::optional<Tier> tier;
  std::optional<DocStatus> status;
  std::optional<Id> body;
  std::string type;
  std::string sort = "code";
  bool descending = false;
  std::string cursor;
  std::vector<std::string> prev;  // cursors of the pages before this one, oldest first

  // Query string of the filters and sort (no cursor).
  std::vector<std::pair<std::string, std::string>> FilterParams() const {
    std::vector<std::pair<std::string, std::string>> p;
    if (!q.empty()) p.emplace_back("q", q);
    if (tier) p.emplace_back("tier", std::to_string(static_cast<int>(*tier)));
    if (status) p.emplace_back("status", std::string(ToString(*status)));
    if (body) p.emplace_back("body", std::to_string(*body));
    if (!type.empty()) p.emplace_back("type", type);
    if (sort != "code") p.emplace_back("sort", sort);
    if (descending) p.emplace_back("dir", "desc");
    return p;
  }
  DocumentFilter Filter() const {
    DocumentFilter f;
    f.tier = tier;
    f.status = status;
    f.owner_body_id = body;
    f.type = type;
    f.search = q;
    return f;
  }
};

std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string s;
  for (const auto& [k, v] : params) {
    s += s.empty() ? "?" : "&";
    s += UrlEncode(k) + "=" + UrlEncode(v);
  }
  return s;
}

BrowseQuery ParseBrowse(const Request& req) {
  BrowseQuery b;
  for (const auto& [k, val] : req.query) {
    if (k == "q") {
      b.q = val.substr(0, 200);
    } else if (k == "tier") {
      if (auto n = ParseInt(val)) b.tier = ParseTier(*n);
    } else if (k == "status") {
      b.status = ParseDocStatus(val);
    } else if (k == "body") {
      b.body = ParseId(val);
    } else if (k == "type") {
      if (val.size() <= 64) b.type = val;
    } else if (k == "sort") {
      if (std::find(kSortFields.begin(), kSortFields.end(), val) != kSortFields.end()) b.sort = val;
    } else if (k == "dir") {
      b.descending = val == "desc";
    } else if (k == "cursor") {
      b.cursor = val;
    } else if (k == "prev") {
      if (b.prev.size() < 1000) b.prev.push_back(val);
    }
  }
  return b;
}

std::map<Id, StateBody> AllBodies(Tx& tx, Lang lang) {
  std::map<Id, StateBody> out;
  if (auto list = ListAllBodies(tx, {}, lang))
    for (auto& b : *list) out.emplace(b.id, std::move(b));
  return out;
}

TemplateData Option(const std::string& value, const std::string& label, bool selected) {
  TemplateData o{TemplateData::type::object};
  o.set("value", value);
  o.set("label", label);
  o.set("selected", selected);
  return o;
}

std::string BadgeHtml(const View& v, DocStatus s) {
  return "<span class=\"badge badge-" + std::string(ToString(s)) + "\">" + HtmlEscape(StatusLabel(v, s)) +
         "</span>";
}

Response Browse(View& v, Request& req) {
  const BrowseQuery b = ParseBrowse(req);
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  PageRequest pr;
  pr.sort = b.sort;
  pr.descending = b.descending;
  pr.cursor = b.cursor;
  pr.limit = 25;
  pr.lang = v.lang();
  auto page = (*tx)->plan().ListDocuments(b.Filter(), pr);
  if (!page && page.error().code == ErrorCode::kInvalidInput && !b.cursor.empty()) {
    pr.cursor.clear();  // a stale or forged cursor: start again from the first page
    page = (*tx)->plan().ListDocuments(b.Filter(), pr);
  }
  if (!page) return v.ErrorPage(page.error());
  const auto bodies = AllBodies(**tx, v.lang());

  TemplateData rows{TemplateData::type::list};
  for (const auto& d : page->items) {
    TemplateData r{TemplateData::type::object};
    r.set("code", d.code);
    r.set("href", v.Href("/documents/" + std::to_string(d.id)));
    r.set("title_html", v.TextHtml(d.title));
    r.set("tier", TierLabel(v, d.tier));
    r.set("type", DocTypeLabel(v, d.type));
    std::string owner;
    if (d.owner_body_id)
      if (auto it = bodies.find(*d.owner_body_id); it != bodies.end()) owner = v.TextHtml(it->second.title);
    r.set("owner_html", owner);
    r.set("horizon", Horizon(d));
    r.set("status_html", BadgeHtml(v, d.status));
    r.set("demo", d.demo);
    rows.push_back(r);
  }

  TemplateData tiers{TemplateData::type::list};
  for (int t = 1; t <= 5; ++t)
    tiers.push_back(Option(std::to_string(t), TierLabel(v, static_cast<Tier>(t)),
                           b.tier && static_cast<int>(*b.tier) == t));
  TemplateData statuses{TemplateData::type::list};
  for (DocStatus s : {DocStatus::kDraft, DocStatus::kApproved, DocStatus::kInForce, DocStatus::kExpired,
                      DocStatus::kRepealed, DocStatus::kMerged})
    statuses.push_back(Option(std::string(ToString(s)), StatusLabel(v, s), b.status == s));
  TemplateData types{TemplateData::type::list};
  for (const auto& t : DocumentTypes()) types.push_back(Option(t, DocTypeLabel(v, t), b.type == t));
  TemplateData body_opts{TemplateData::type::list};
  for (const auto& [id, body] : bodies)
    body_opts.push_back(Option(std::to_string(id), v.TextPlain(body.title), b.body == id));
  TemplateData sorts{TemplateData::type::list};
  for (const auto& s : kSortFields) sorts.push_back(Option(s, v.T("sort." + s), b.sort == s));

  const auto filter_params = b.FilterParams();
  TemplateData d{TemplateData::type::object};
  d.set("action", v.Href("/documents"));
  d.set("q", b.q);
  d.set("tiers", tiers);
  d.set("statuses", statuses);
  d.set("types", types);
  d.set("bodies", body_opts);
  d.set("sorts", sorts);
  d.set("desc", b.descending);
  d.set("rows", rows);
  d.set("has_rows", !page->items.empty());
  d.set("caption", v.Format("documents.caption", {{"n", std::to_string(page->total)}}));
  d.set("csv_href", v.Href("/documents.csv") + QueryString(filter_params));
  if (!page->next_cursor.empty()) {
    auto p = filter_params;
    for (const auto& c : b.prev) p.emplace_back("prev", c);
    p.emplace_back("prev", b.cursor);
    p.emplace_back("cursor", page->next_cursor);
    d.set("next_href", v.Href("/documents") + QueryString(p));
  }
  if (!b.cursor.empty()) {
    auto p = filter_params;
    for (size_t i = 0; i + 1 < b.prev.size(); ++i) p.emplace_back("prev", b.prev[i]);
    if (!b.prev.empty() && !b.prev.back().empty()) p.emplace_back("cursor", b.prev.back());
    d.set("prev_href", v.Href("/documents") + QueryString(p));
  }
  const std::string title = v.T("documents.title");
  return v.Page(200, "documents", std::move(d), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

Response BrowseCsv(View& v, Request& req) {
  const BrowseQuery b = ParseBrowse(req);
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  PageRequest pr;
  pr.sort = b.sort;
  pr.descending = b.descending;
  pr.lang = v.lang();
  auto docs = ListAllDocuments(**tx, b.Filter(), pr, 100000);
  if (!docs) return v.ErrorPage(docs.error());
  const auto bodies = AllBodies(**tx, v.lang());
  formats::CsvWriter csv(formats::kSpreadsheetCsv);
  csv.Row({"code", "title", "tier", "type", "owner_body", "start_year", "end_year", "status",
           "legal_act_kind", "legal_act_number", "legal_act_date", "parent_id", "id", "demo"});
  for (const auto& d : *docs) {
    std::string owner;
    if (d.owner_body_id)
      if (auto it = bodies.find(*d.owner_body_id); it != bodies.end()) owner = it->second.code;
    csv.Row({d.code, v.TextPlain(d.title), std::to_string(static_cast<int>(d.tier)), d.type, owner,
             d.start_year ? std::to_string(*d.start_year) : "", d.end_year ? std::to_string(*d.end_year) : "",
             std::string(ToString(d.status)), d.act.kind, d.act.number, d.act.date,
             d.parent_id ? std::to_string(*d.parent_id) : "", std::to_string(d.id),
             d.demo ? "true" : "false"});
  }
  Response r = Response::Text(200, csv.Take(), "text/csv; charset=utf-8");
  r.SetHeader("Content-Disposition", "attachment; filename=\"documents-" + std::string(v.code()) + ".csv\"");
  return r;
}

// ---- One document -------------------------------------------------------------------------------------

TemplateData DocLink(const View& v, const Document& d) {
  TemplateData o{TemplateData::type::object};
  o.set("href", v.Href("/documents/" + std::to_string(d.id)));
  o.set("title_html", v.TextHtml(d.title));
  o.set("code", d.code);
  o.set("status_html", BadgeHtml(v, d.status));
  o.set("tier", TierLabel(v, d.tier));
  return o;
}

// Where a "contributes to" link points, as a link for the page. Empty href when it cannot be resolved.
TemplateData LinkTarget(const View& v, Tx& tx, const Link& l) {
  TemplateData o{TemplateData::type::object};
  std::string label, href, kind;
  switch (l.to.kind) {
    case ObjectKind::kSdgGoal:
    case ObjectKind::kSdgTarget:
      if (auto n = tx.plan().GetSdgNode(l.to.id)) {
        kind = v.T(n->kind == SdgKind::kGoal ? "sdg.goal" : "sdg.target") + " " + n->code;
        label = v.TextHtml(n->title);
        href = v.Href(std::string(n->kind == SdgKind::kGoal ? "/sdg/goals/" : "/sdg/targets/") + n->code);
      }
      break;
    case ObjectKind::kGoal:
      if (auto g = tx.plan().GetGoal(l.to.id)) {
        kind = v.T("document.goal") + " " + g->code;
        label = v.TextHtml(g->title);
        href = v.Href("/documents/" + std::to_string(g->document_id) + "#goal-" + std::to_string(g->id));
      }
      break;
    case ObjectKind::kIndicator:
      if (auto i = tx.plan().GetIndicator(l.to.id)) {
        kind = v.T("indicator.label") + " " + i->code;
        label = v.TextHtml(i->title);
        href = v.Href("/indicators/" + std::to_string(i->id));
      }
      break;
    default:
      break;
  }
  o.set("kind", kind);
  o.set("label_html", label);
  o.set("href", href);
  o.set("link_id", std::to_string(l.id));
  return o;
}

}  // namespace

TemplateData HistoryList(const View& v, const std::vector<HistoryEntry>& entries) {
  TemplateData list{TemplateData::type::list};
  for (const auto& e : entries) {
    TemplateData o{TemplateData::type::object};
    o.set("at", e.at);
    o.set("actor", e.actor);
    std::string action_key = "history.action." + e.action;
    for (char& c : action_key)
      if (c == ':') c = '_';
    o.set("action", v.shared().locales->Has(v.lang(), action_key) ? v.T(action_key) : e.action);
    std::string changes;
    for (const auto& c : e.changes) {
      if (!changes.empty()) changes += "; ";
      changes += c.field;
      if (!c.before.empty() || !c.after.empty()) changes += ": " + c.before + " \u2192 " + c.after;
    }
    o.set("changes", changes);
    list.push_back(o);
  }
  return list;
}

namespace {

std::string ValueText(double value, const Text& unit, const View& v) {
  std::string s = FormatNumber(value, 4);
  std::string u = v.TextPlain(unit);
  if (!u.empty()) s += " " + u;
  return s;
}

Response DocumentPage(View& v, Request& req) {
  auto id = ParseId(req.params["id"]);
  if (!id) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  Tx& t = **tx;
  auto doc = t.plan().GetDocument(*id);
  if (!doc) return v.ErrorPage(doc.error());
  const Document& d = *doc;

  TemplateData data{TemplateData::type::object};
  data.set("id", std::to_string(d.id));
  data.set("code", d.code);
  data.set("title_html", v.TextHtml(d.title));
  data.set("summary_html", v.TextHtml(d.summary, "document.no_summary"));
  data.set("tier", TierLabel(v, d.tier));
  data.set("type", DocTypeLabel(v, d.type));
  data.set("status_html", BadgeHtml(v, d.status));
  data.set("horizon", Horizon(d));
  data.set("edition", std::to_string(d.edition));
  data.set("demo", d.demo);
  const bool has_act = !d.act.kind.empty() || !d.act.number.empty() || !d.act.date.empty();
  data.set("has_act", has_act);
  if (has_act) {
    const std::string kind_key = "act." + d.act.kind;
    data.set("act_kind", v.shared().locales->Has(v.lang(), kind_key) ? v.T(kind_key) : d.act.kind);
    data.set("act_number", d.act.number);
    data.set("act_date", d.act.date);
  }
  if (d.owner_body_id) {
    if (auto b = t.plan().GetBody(*d.owner_body_id)) {
      data.set("owner_html", v.TextHtml(b->title));
      data.set("owner_href", v.Href("/bodies/" + std::to_string(b->id)));
    }
  }
  if (d.merged_into_id) {
    if (auto m = t.plan().GetDocument(*d.merged_into_id)) data.set("merged_into", DocLink(v, *m));
  }
  std::vector<Crumb> crumbs = {{v.T("nav.home"), v.Href("/")},
                               {v.T("documents.title"), v.Href("/documents")}};
  if (d.parent_id) {
    if (auto p = t.plan().GetDocument(*d.parent_id)) {
      data.set("parent", DocLink(v, *p));
      crumbs.push_back({v.TextPlain(p->title), v.Href("/documents/" + std::to_string(p->id))});
    }
  }
  crumbs.push_back({v.TextPlain(d.title), ""});

  DocumentFilter cf;
  cf.parent_id = d.id;
  PageRequest pr;
  pr.lang = v.lang();
  auto children = ListAllDocuments(t, cf, pr, 500);
  if (!children) return v.ErrorPage(children.error());
  TemplateData child_list{TemplateData::type::list};
  for (const auto& c : *children) child_list.push_back(DocLink(v, c));
  data.set("children", child_list);
  data.set("has_children", !children->empty());

  // Goals -> tasks -> indicators (latest value against target), measures, links.
  GoalFilter gf;
  gf.document_id = d.id;
  PageRequest gp;
  gp.limit = 500;
  gp.lang = v.lang();
  auto goals = t.plan().ListGoals(gf, gp);
  if (!goals) return v.ErrorPage(goals.error());
  IndicatorFilter inf;
  inf.document_id = d.id;
  auto indicators = ListAllIndicators(t, inf, gp, 2000);
  if (!indicators) return v.ErrorPage(indicators.error());
  std::multimap<Id, const Indicator*> ind_by_goal;
  for (const auto& i : *indicators)
    if (i.goal_id) ind_by_goal.emplace(*i.goal_id, &i);

  const bool can_edit = CanEditPlan(req.principal);
  auto goal_data = [&](const Goal& g) {
    TemplateData o{TemplateData::type::object};
    o.set("id", std::to_string(g.id));
    o.set("code", g.code);
    o.set("title_html", v.TextHtml(g.title));
    o.set("demo", g.demo);
    o.set("edit_href", v.Href("/staff/goals/" + std::to_string(g.id) + "/edit"));
    o.set("new_indicator_href", v.Href("/staff/goals/" + std::to_string(g.id) + "/indicators/new"));
    o.set("new_link_href", v.Href("/staff/links/new?from=goal:" + std::to_string(g.id)));
    TemplateData inds{TemplateData::type::list};
    auto [b, e] = ind_by_goal.equal_range(g.id);
    for (auto it = b; it != e; ++it) {
      const Indicator& i = *it->second;
      TemplateData io{TemplateData::type::object};
      io.set("href", v.Href("/indicators/" + std::to_string(i.id)));
      io.set("code", i.code);
      io.set("title_html", v.TextHtml(i.title));
      io.set("demo", i.demo);
      if (auto obs = t.plan().ListObservations(i.id)) {
        if (auto latest = LatestTotal(*obs)) {
          io.set("latest", ValueText(latest->value, i.unit, v));
          io.set("latest_period", latest->period);
          if (latest->demo) io.set("demo", true);
        }
      }
      if (i.target_value) {
        io.set("target", ValueText(*i.target_value, i.unit, v));
        io.set("target_year", i.target_year ? std::to_string(*i.target_year) : "");
      }
      inds.push_back(io);
    }
    o.set("indicators", inds);
    o.set("has_indicators", !inds.is_empty_list());
    MeasureFilter mf;
    mf.goal_id = g.id;
    PageRequest mp;
    mp.limit = 200;
    mp.lang = v.lang();
    TemplateData measures{TemplateData::type::list};
    if (auto ms = t.plan().ListMeasures(mf, mp)) {
      for (const auto& m : ms->items) {
        TemplateData mo{TemplateData::type::object};
        mo.set("title_html", v.TextHtml(m.title));
        mo.set("deadline", m.deadline);
        mo.set("budget_programme", m.budget_programme);
        mo.set("demo", m.demo);
        measures.push_back(mo);
      }
    }
    o.set("measures", measures);
    o.set("has_measures", !measures.is_empty_list());
    TemplateData links{TemplateData::type::list};
    if (auto ls = t.plan().ListLinksFrom({ObjectKind::kGoal, g.id}))
      for (const auto& l : *ls) links.push_back(LinkTarget(v, t, l));
    o.set("links", links);
    o.set("has_links", !links.is_empty_list());
    return o;
  };
  TemplateData goal_list{TemplateData::type::list};
  std::multimap<Id, const Goal*> tasks_by_goal;
  for (const auto& g : goals->items)
    if (g.parent_id) tasks_by_goal.emplace(*g.parent_id, &g);
  for (const auto& g : goals->items) {
    if (g.parent_id) continue;
    TemplateData go = goal_data(g);
    TemplateData tasks{TemplateData::type::list};
    auto [b, e] = tasks_by_goal.equal_range(g.id);
    for (auto it = b; it != e; ++it) tasks.push_back(goal_data(*it->second));
    go.set("tasks", tasks);
    go.set("has_tasks", !tasks.is_empty_list());
    goal_list.push_back(go);
  }
  data.set("goals", goal_list);
  data.set("has_goals", !goal_list.is_empty_list());

  auto editions = t.plan().ListDocumentEditions(d.id);
  TemplateData edition_list{TemplateData::type::list};
  if (editions) {
    for (const auto& e : *editions) {
      TemplateData o{TemplateData::type::object};
      o.set("edition", std::to_string(e.edition));
      o.set("title_html", v.TextHtml(e.title));
      o.set("status", StatusLabel(v, e.status));
      o.set("act", e.act.number.empty() ? "" : e.act.kind + " " + e.act.number + " " + e.act.date);
      edition_list.push_back(o);
    }
  }
  data.set("editions", edition_list);
  data.set("has_editions", !edition_list.is_empty_list());

  auto history = t.audit().ListHistory({ObjectKind::kDocument, d.id}, 30);
  auto logged = t.ledger().ListLogEntriesFor("document", std::to_string(d.id), 100);
  TemplateData hist = !history ? TemplateData{TemplateData::type::list}
                      : logged ? HistoryList(v, *history, *logged)
                               : HistoryList(v, *history);
  data.set("has_history", !hist.is_empty_list());
  data.set("history", hist);

  // Staff actions.
  data.set("can_edit", can_edit);
  if (can_edit) {
    data.set("csrf", req.csrf_token);
    data.set("editable_in_place", d.status == DocStatus::kDraft);
    data.set("edit_href", v.Href("/staff/documents/" + std::to_string(d.id) + "/edit"));
    data.set("amend_href", v.Href("/staff/documents/" + std::to_string(d.id) + "/amend"));
    data.set("status_action", v.Href("/staff/documents/" + std::to_string(d.id) + "/status"));
    data.set("new_goal_href", v.Href("/staff/documents/" + std::to_string(d.id) + "/goals/new"));
    data.set("version", std::to_string(d.version));
    TemplateData next{TemplateData::type::list};
    bool can_merge = false;
    for (DocStatus s : {DocStatus::kApproved, DocStatus::kInForce, DocStatus::kExpired, DocStatus::kRepealed,
                        DocStatus::kMerged})
      if (CanTransition(d.status, s)) {
        next.push_back(Option(std::string(ToString(s)), StatusLabel(v, s), false));
        can_merge = can_merge || s == DocStatus::kMerged;
      }
    data.set("has_next_statuses", !next.is_empty_list());
    data.set("can_merge", can_merge);
    data.set("next_statuses", next);
  }
  return v.Page(200, "document", std::move(data), v.TextPlain(d.title), crumbs);
}

}  // namespace

void RegisterDocumentPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/documents", Browse);
  AddPage(router, shared, "GET", "/documents.csv", BrowseCsv);
  AddPage(router, shared, "GET", "/documents/{id}", DocumentPage);
}

}  // namespace jospar::web
