// SDG goal page (its targets and their indicators) and SDG target page (indicators, and the plan goals and
// indicators that contribute to it through "contributes to" links).
#include <map>

#include "core/plan/repository.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

TemplateData IndicatorItem(const View& v, const Indicator& i) {
  TemplateData o{TemplateData::type::object};
  o.set("href", v.Href("/indicators/" + std::to_string(i.id)));
  o.set("code", i.code);
  o.set("title_html", v.TextHtml(i.title));
  o.set("demo", i.demo);
  return o;
}

Response GoalPage(View& v, Request& req) {
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  Tx& t = **tx;
  auto goal = t.plan().GetSdgNodeByCode(req.params["code"]);
  if (!goal || goal->kind != SdgKind::kGoal)
    return v.ErrorPage(goal ? Error{ErrorCode::kNotFound, "error.not_found", "", {}} : goal.error());
  auto targets = t.plan().ListSdgNodes(goal->id);
  if (!targets) return v.ErrorPage(targets.error());
  IndicatorFilter f;
  f.sdg_goal_id = goal->id;
  PageRequest pr;
  pr.lang = v.lang();
  auto inds = ListAllIndicators(t, f, pr, 2000);
  if (!inds) return v.ErrorPage(inds.error());
  std::multimap<Id, const Indicator*> by_target;
  for (const auto& i : *inds)
    if (i.sdg_target_id) by_target.emplace(*i.sdg_target_id, &i);

  TemplateData list{TemplateData::type::list};
  for (const auto& target : *targets) {
    TemplateData o{TemplateData::type::object};
    o.set("code", target.code);
    o.set("title_html", v.TextHtml(target.title));
    o.set("href", v.Href("/sdg/targets/" + target.code));
    TemplateData il{TemplateData::type::list};
    auto [b, e] = by_target.equal_range(target.id);
    for (auto it = b; it != e; ++it) il.push_back(IndicatorItem(v, *it->second));
    o.set("has_indicators", !il.is_empty_list());
    o.set("indicators", il);
    list.push_back(o);
  }
  TemplateData d{TemplateData::type::object};
  d.set("code", goal->code);
  d.set("title_html", v.TextHtml(goal->title));
  d.set("targets", list);
  d.set("has_targets", !targets->empty());
  d.set("indicator_count", v.Format("sdg.indicator_count", {{"n", std::to_string(inds->size())}}));
  const std::string title = v.T("sdg.goal") + " " + goal->code;
  return v.Page(200, "sdg_goal", std::move(d), title + ": " + v.TextPlain(goal->title),
                {{v.T("nav.home"), v.Href("/")}, {v.T("nav.sdg"), v.Href("/sdg")}, {title, ""}});
}

Response TargetPage(View& v, Request& req) {
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  Tx& t = **tx;
  auto target = t.plan().GetSdgNodeByCode(req.params["code"]);
  if (!target || target->kind != SdgKind::kTarget)
    return v.ErrorPage(target ? Error{ErrorCode::kNotFound, "error.not_found", "", {}} : target.error());
  std::vector<Crumb> crumbs = {{v.T("nav.home"), v.Href("/")}, {v.T("nav.sdg"), v.Href("/sdg")}};
  TemplateData d{TemplateData::type::object};
  if (target->parent_id) {
    if (auto goal = t.plan().GetSdgNode(*target->parent_id)) {
      crumbs.push_back({v.T("sdg.goal") + " " + goal->code, v.Href("/sdg/goals/" + goal->code)});
      d.set("goal_href", v.Href("/sdg/goals/" + goal->code));
      d.set("goal_code", goal->code);
      d.set("goal_html", v.TextHtml(goal->title));
    }
  }
  const std::string title = v.T("sdg.target") + " " + target->code;
  crumbs.push_back({title, ""});

  IndicatorFilter f;
  f.sdg_target_id = target->id;
  PageRequest pr;
  pr.lang = v.lang();
  auto inds = ListAllIndicators(t, f, pr, 1000);
  if (!inds) return v.ErrorPage(inds.error());
  TemplateData il{TemplateData::type::list};
  for (const auto& i : *inds) il.push_back(IndicatorItem(v, i));

  // Plan goals and indicators linked to this target (or to one of its indicators).
  TemplateData contrib{TemplateData::type::list};
  auto add_from = [&](const Link& l) {
    TemplateData o{TemplateData::type::object};
    if (l.from.kind == ObjectKind::kGoal) {
      auto g = t.plan().GetGoal(l.from.id);
      if (!g) return;
      auto doc = t.plan().GetDocument(g->document_id);
      o.set("kind", v.T("document.goal") + " " + g->code);
      o.set("title_html", v.TextHtml(g->title));
      o.set("href",
            v.Href("/documents/" + std::to_string(g->document_id) + "#goal-" + std::to_string(g->id)));
      if (doc) o.set("document_html", v.TextHtml(doc->title));
    } else if (l.from.kind == ObjectKind::kIndicator) {
      auto i = t.plan().GetIndicator(l.from.id);
      if (!i) return;
      o.set("kind", v.T("indicator.label") + " " + i->code);
      o.set("title_html", v.TextHtml(i->title));
      o.set("href", v.Href("/indicators/" + std::to_string(i->id)));
      if (i->goal_id)
        if (auto g = t.plan().GetGoal(*i->goal_id))
          if (auto doc = t.plan().GetDocument(g->document_id)) o.set("document_html", v.TextHtml(doc->title));
    } else {
      return;
    }
    contrib.push_back(o);
  };
  if (auto links = t.plan().ListLinksTo({ObjectKind::kSdgTarget, target->id}))
    for (const auto& l : *links) add_from(l);
  for (const auto& i : *inds)
    if (auto links = t.plan().ListLinksTo({ObjectKind::kIndicator, i.id}))
      for (const auto& l : *links) add_from(l);

  d.set("code", target->code);
  d.set("title_html", v.TextHtml(target->title));
  d.set("indicators", il);
  d.set("has_indicators", !il.is_empty_list());
  d.set("contributions", contrib);
  d.set("has_contributions", !contrib.is_empty_list());
  return v.Page(200, "sdg_target", std::move(d), title + ": " + v.TextPlain(target->title), crumbs);
}

}  // namespace

void RegisterSdgPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/sdg/goals/{code}", GoalPage);
  AddPage(router, shared, "GET", "/sdg/targets/{code}", TargetPage);
}

}  // namespace jospar::web
