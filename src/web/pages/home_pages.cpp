// Home page: the plan hierarchy at a glance, the SDG goals and a search box; the SDG index page.
#include <map>

#include "core/plan/repository.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

std::string StatusBadge(const View& v, DocStatus s) {
  return "<span class=\"badge badge-" + std::string(ToString(s)) + "\">" + HtmlEscape(StatusLabel(v, s)) +
         "</span>";
}

// Nested list of documents under `parent` (roots when nullopt). Depth-limited against cycles.
void RenderTree(const View& v, const std::multimap<std::optional<Id>, const Document*>& by_parent,
                std::optional<Id> parent, int depth, std::string& out) {
  auto [begin, end] = by_parent.equal_range(parent);
  if (begin == end || depth > 8) return;
  out += depth == 0 ? "<ul class=\"tree\">" : "<ul>";
  for (auto it = begin; it != end; ++it) {
    const Document& d = *it->second;
    out += "<li><a href=\"" + HtmlEscape(v.Href("/documents/" + std::to_string(d.id))) + "\">" +
           v.TextHtml(d.title) + "</a> <span class=\"meta\">" + HtmlEscape(TierLabel(v, d.tier)) +
           "</span> " + StatusBadge(v, d.status);
    if (d.demo) out += " <span class=\"badge badge-demo\">" + HtmlEscape(v.T("demo.badge")) + "</span>";
    RenderTree(v, by_parent, d.id, depth + 1, out);
    out += "</li>";
  }
  out += "</ul>";
}

TemplateData SdgGoalCards(const View& v, const std::vector<SdgNode>& goals) {
  TemplateData list{TemplateData::type::list};
  for (const auto& g : goals) {
    TemplateData item{TemplateData::type::object};
    item.set("code", g.code);
    item.set("title_html", v.TextHtml(g.title));
    item.set("href", v.Href("/sdg/goals/" + g.code));
    list.push_back(item);
  }
  return list;
}

Response Home(View& v, Request&) {
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  PageRequest pr;
  pr.sort = "tier";
  pr.lang = v.lang();
  auto docs = ListAllDocuments(**tx, {}, pr, 2000);
  if (!docs) return v.ErrorPage(docs.error());
  auto goals = (*tx)->plan().ListSdgNodes(std::nullopt);
  if (!goals) return v.ErrorPage(goals.error());

  std::map<Id, const Document*> by_id;
  for (const auto& d : *docs) by_id[d.id] = &d;
  std::multimap<std::optional<Id>, const Document*> by_parent;
  for (const auto& d : *docs) {
    std::optional<Id> p = d.parent_id && by_id.count(*d.parent_id) ? d.parent_id : std::nullopt;
    by_parent.emplace(p, &d);
  }
  std::string tree;
  RenderTree(v, by_parent, std::nullopt, 0, tree);

  TemplateData tiers{TemplateData::type::list};
  for (int t = 1; t <= 5; ++t) {
    int n = 0;
    for (const auto& d : *docs) n += static_cast<int>(d.tier) == t;
    TemplateData item{TemplateData::type::object};
    item.set("label", TierLabel(v, static_cast<Tier>(t)));
    item.set("count", std::to_string(n));
    item.set("href", v.Href("/documents?tier=" + std::to_string(t)));
    tiers.push_back(item);
  }

  TemplateData d{TemplateData::type::object};
  d.set("tree_html", tree);
  d.set("has_documents", !docs->empty());
  d.set("tiers", tiers);
  d.set("documents_total", v.Format("home.documents_total", {{"n", std::to_string(docs->size())}}));
  d.set("goals", SdgGoalCards(v, *goals));
  d.set("has_goals", !goals->empty());
  d.set("search_action", v.Href("/search"));
  d.set("documents_href", v.Href("/documents"));
  return v.Page(200, "home", std::move(d), v.T("home.title"), {});
}

Response SdgIndex(View& v, Request&) {
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  auto goals = (*tx)->plan().ListSdgNodes(std::nullopt);
  if (!goals) return v.ErrorPage(goals.error());
  TemplateData d{TemplateData::type::object};
  d.set("goals", SdgGoalCards(v, *goals));
  d.set("has_goals", !goals->empty());
  const std::string title = v.T("sdg.index_title");
  return v.Page(200, "sdg_index", std::move(d), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

}  // namespace

void RegisterHomePages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "", Home);
  AddPage(router, shared, "GET", "/", Home);
  AddPage(router, shared, "GET", "/sdg", SdgIndex);
}

}  // namespace jospar::web
