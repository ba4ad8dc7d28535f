// Search across documents, goals and indicators. The store matches the query in all three languages,
// case-folded, with Kazakh Cyrillic and Latin spellings folded together.
#include "core/plan/repository.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

constexpr int kPerKind = 20;

Response Search(View& v, Request& req) {
  std::string q = req.Query("q").value_or("");
  if (q.size() > 200) q.resize(200);
  TemplateData d{TemplateData::type::object};
  d.set("q", q);
  d.set("action", v.Href("/search"));
  d.set("searched", !q.empty());
  if (!q.empty()) {
    auto tx = v.store().Begin(TxMode::kRead);
    if (!tx) return v.ErrorPage(tx.error());
    Tx& t = **tx;
    PageRequest pr;
    pr.limit = kPerKind;
    pr.lang = v.lang();

    DocumentFilter df;
    df.search = q;
    auto docs = t.plan().ListDocuments(df, pr);
    if (!docs) return v.ErrorPage(docs.error());
    TemplateData dl{TemplateData::type::list};
    for (const auto& doc : docs->items) {
      TemplateData o{TemplateData::type::object};
      o.set("href", v.Href("/documents/" + std::to_string(doc.id)));
      o.set("title_html", v.TextHtml(doc.title));
      o.set("meta", doc.code + " · " + TierLabel(v, doc.tier) + " · " + StatusLabel(v, doc.status));
      dl.push_back(o);
    }
    GoalFilter gf;
    gf.search = q;
    auto goals = t.plan().ListGoals(gf, pr);
    if (!goals) return v.ErrorPage(goals.error());
    TemplateData gl{TemplateData::type::list};
    for (const auto& g : goals->items) {
      TemplateData o{TemplateData::type::object};
      o.set("href", v.Href("/documents/" + std::to_string(g.document_id) + "#goal-" + std::to_string(g.id)));
      o.set("title_html", v.TextHtml(g.title));
      o.set("meta", v.T(g.parent_id ? "document.task" : "document.goal") + " " + g.code);
      gl.push_back(o);
    }
    IndicatorFilter inf;
    inf.search = q;
    auto inds = t.plan().ListIndicators(inf, pr);
    if (!inds) return v.ErrorPage(inds.error());
    TemplateData il{TemplateData::type::list};
    for (const auto& i : inds->items) {
      TemplateData o{TemplateData::type::object};
      o.set("href", v.Href("/indicators/" + std::to_string(i.id)));
      o.set("title_html", v.TextHtml(i.title));
      o.set("meta", v.T("indicator.label") + " " + i.code);
      il.push_back(o);
    }
    auto section = [&](const char* key, TemplateData items, std::int64_t total, const std::string& more) {
      TemplateData s{TemplateData::type::object};
      s.set("heading", v.T(key));
      s.set("count", v.Format("search.count", {{"n", std::to_string(total)}}));
      s.set("items", items);
      s.set("has_items", !items.is_empty_list());
      s.set("more_href", total > kPerKind ? more : "");
      return s;
    };
    TemplateData sections{TemplateData::type::list};
    sections.push_back(section("search.documents", dl, docs->total, v.Href("/documents?q=" + UrlEncode(q))));
    sections.push_back(section("search.goals", gl, goals->total, ""));
    sections.push_back(section("search.indicators", il, inds->total, ""));
    d.set("sections", sections);
    d.set("summary", v.Format("search.summary",
                              {{"q", q}, {"n", std::to_string(docs->total + goals->total + inds->total)}}));
  }
  const std::string title = q.empty() ? v.T("search.title") : v.Format("search.title_for", {{"q", q}});
  return v.Page(200, "search", std::move(d), title,
                {{v.T("nav.home"), v.Href("/")}, {v.T("search.title"), ""}});
}

}  // namespace

void RegisterSearchPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/search", Search);
}

}  // namespace jospar::web
