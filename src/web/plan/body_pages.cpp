// State bodies: the list, and one body's page (documents it owns, indicators it reports, sub-bodies, and
// the history of the body's own record, each decision linked to its transparency-log entry).
#include "core/audit/history.hpp"
#include "core/ledger/repository.hpp"
#include "core/plan/repository.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

std::string Badge(const View& v, DocStatus s) {
  return "<span class=\"badge badge-" + std::string(ToString(s)) + "\">" + HtmlEscape(StatusLabel(v, s)) +
         "</span>";
}

TemplateData BodyItem(const View& v, const StateBody& b) {
  TemplateData o{TemplateData::type::object};
  o.set("href", v.Href("/bodies/" + std::to_string(b.id)));
  o.set("title_html", v.TextHtml(b.title));
  o.set("code", b.code);
  o.set("kind", BodyKindLabel(v, b.kind));
  return o;
}

Response BodiesIndex(View& v, Request&) {
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  auto bodies = ListAllBodies(**tx, {}, v.lang());
  if (!bodies) return v.ErrorPage(bodies.error());
  TemplateData groups{TemplateData::type::list};
  for (BodyKind k :
       {BodyKind::kGovernment, BodyKind::kMinistry, BodyKind::kAgency, BodyKind::kAkimat, BodyKind::kOther}) {
    TemplateData items{TemplateData::type::list};
    for (const auto& b : *bodies)
      if (b.kind == k) items.push_back(BodyItem(v, b));
    if (items.is_empty_list()) continue;
    TemplateData g{TemplateData::type::object};
    g.set("kind", v.T("bodykinds." + std::string(ToString(k))));
    g.set("bodies", items);
    groups.push_back(g);
  }
  TemplateData d{TemplateData::type::object};
  d.set("groups", groups);
  d.set("has_groups", !bodies->empty());
  const std::string title = v.T("bodies.title");
  return v.Page(200, "bodies", std::move(d), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

Response BodyPage(View& v, Request& req) {
  auto id = ParseId(req.params["id"]);
  if (!id) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  Tx& t = **tx;
  auto body = t.plan().GetBody(*id);
  if (!body) return v.ErrorPage(body.error());
  TemplateData d{TemplateData::type::object};
  d.set("title_html", v.TextHtml(body->title));
  d.set("code", body->code);
  d.set("kind", BodyKindLabel(v, body->kind));
  if (body->parent_id)
    if (auto p = t.plan().GetBody(*body->parent_id)) d.set("parent", BodyItem(v, *p));

  DocumentFilter df;
  df.owner_body_id = body->id;
  PageRequest pr;
  pr.lang = v.lang();
  pr.sort = "tier";
  auto docs = ListAllDocuments(t, df, pr, 1000);
  if (!docs) return v.ErrorPage(docs.error());
  TemplateData dl{TemplateData::type::list};
  for (const auto& doc : *docs) {
    TemplateData o{TemplateData::type::object};
    o.set("href", v.Href("/documents/" + std::to_string(doc.id)));
    o.set("title_html", v.TextHtml(doc.title));
    o.set("tier", TierLabel(v, doc.tier));
    o.set("status_html", Badge(v, doc.status));
    dl.push_back(o);
  }
  IndicatorFilter inf;
  inf.responsible_body_id = body->id;
  PageRequest ip;
  ip.lang = v.lang();
  auto inds = ListAllIndicators(t, inf, ip, 2000);
  if (!inds) return v.ErrorPage(inds.error());
  TemplateData il{TemplateData::type::list};
  for (const auto& i : *inds) {
    TemplateData o{TemplateData::type::object};
    o.set("href", v.Href("/indicators/" + std::to_string(i.id)));
    o.set("code", i.code);
    o.set("title_html", v.TextHtml(i.title));
    o.set("demo", i.demo);
    il.push_back(o);
  }
  BodyFilter bf;
  bf.parent_id = body->id;
  auto subs = ListAllBodies(t, bf, v.lang());
  TemplateData sl{TemplateData::type::list};
  if (subs)
    for (const auto& s : *subs) sl.push_back(BodyItem(v, s));

  d.set("documents", dl);
  d.set("has_documents", !docs->empty());
  d.set("indicators", il);
  d.set("has_indicators", !inds->empty());
  auto history = t.audit().ListHistory({ObjectKind::kBody, body->id}, 30);
  auto logged = t.ledger().ListLogEntriesFor("body", std::to_string(body->id), 100);
  TemplateData hist = !history ? TemplateData{TemplateData::type::list}
                      : logged ? HistoryList(v, *history, *logged)
                               : HistoryList(v, *history);
  d.set("has_history", !hist.is_empty_list());
  d.set("history", hist);

  d.set("subs", sl);
  d.set("has_subs", !sl.is_empty_list());
  return v.Page(200, "body", std::move(d), v.TextPlain(body->title),
                {{v.T("nav.home"), v.Href("/")},
                 {v.T("bodies.title"), v.Href("/bodies")},
                 {v.TextPlain(body->title), ""}});
}

}  // namespace

void RegisterBodyPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/bodies", BodiesIndex);
  AddPage(router, shared, "GET", "/bodies/{id}", BodyPage);
}

}  // namespace jospar::web
