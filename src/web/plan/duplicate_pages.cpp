// The planner's "Duplicates" page: ranked near-duplicate pairs with their score and shared words, paged;
// "merge B into A" through a confirmation page (a plain link, then a POST form: works without
// JavaScript), "not a duplicate" as a POST form. Handlers parse the request and call the use cases of
// core/usecases/duplicates.hpp.
#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/plan/access.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/duplicates.hpp"
#include "web/api/handlers.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

constexpr int kPageSize = 25;

std::optional<Response> RequirePlanner(const View& v, const Request& req) {
  if (auto r = RequireStaffPage(v, req)) return r;
  if (!CanEditPlan(req.principal))
    return v.ErrorPage(Error{ErrorCode::kForbidden, "error.forbidden", "", {}});
  return std::nullopt;
}

std::string QueryValue(const Request& req, const std::string& name) { return req.Query(name).value_or(""); }

DuplicateKind KindOf(std::string_view s) { return ParseDuplicateKind(s).value_or(DuplicateKind::kIndicator); }

std::string ListHref(const View& v, DuplicateKind kind, std::int64_t offset) {
  std::string href = v.Href("/staff/duplicates") + "?kind=" + std::string(ToString(kind));
  if (offset > 0) href += "&offset=" + std::to_string(offset);
  return href;
}

Response ListPage(View& v, Request& req) {
  if (auto r = RequirePlanner(v, req)) return *r;
  const DuplicateKind kind = KindOf(QueryValue(req, "kind"));
  std::int64_t offset = ParseInt(QueryValue(req, "offset")).value_or(0);
  if (offset < 0) offset = 0;
  auto list = usecases::ListDuplicates(v.store(), api::CallerOf(v.shared().ctx, req),
                                       *v.shared().ctx.pair_finder, kind, offset, kPageSize);
  if (!list) return v.ErrorPage(list.error());
  TemplateData d{TemplateData::type::object};
  d.set("action", v.Href("/staff/duplicates"));
  TemplateData kinds{TemplateData::type::list};
  for (DuplicateKind k : {DuplicateKind::kIndicator, DuplicateKind::kGoal, DuplicateKind::kDocument}) {
    TemplateData o{TemplateData::type::object};
    o.set("value", std::string(ToString(k)));
    o.set("label", v.T("duplicates.kinds." + std::string(ToString(k))));
    o.set("selected", k == kind);
    kinds.push_back(o);
  }
  d.set("kinds", kinds);
  d.set("kind_label", v.T("duplicates.kinds." + std::string(ToString(kind))));
  d.set("total", std::to_string(list->total));
  TemplateData rows{TemplateData::type::list};
  for (const auto& c : list->items) {
    TemplateData r{TemplateData::type::object};
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", c.score);
    r.set("score", std::string(score));
    r.set("kind", std::string(ToString(kind)));
    r.set("a_id", std::to_string(c.a_id));
    r.set("b_id", std::to_string(c.b_id));
    r.set("a_code", c.a_code);
    r.set("b_code", c.b_code);
    r.set("a_html", v.TextHtml(c.a_title));
    r.set("b_html", v.TextHtml(c.b_title));
    std::string shared;
    for (const auto& s : c.shared_terms) shared += (shared.empty() ? "" : ", ") + s;
    r.set("shared", shared);
    r.set("offset", std::to_string(offset));
    r.set("confirm_href", v.Href("/staff/duplicates/confirm") + "?kind=" + std::string(ToString(kind)) +
                              "&keep=" + std::to_string(c.a_id) + "&merged=" + std::to_string(c.b_id));
    r.set("dismiss_action", v.Href("/staff/duplicates/dismiss"));
    r.set("csrf", req.csrf_token);
    rows.push_back(r);
  }
  d.set("has_rows", !rows.is_empty_list());
  d.set("rows", rows);
  if (offset > 0) d.set("prev_href", ListHref(v, kind, std::max<std::int64_t>(0, offset - kPageSize)));
  if (offset + kPageSize < list->total) d.set("next_href", ListHref(v, kind, offset + kPageSize));
  const std::string title = v.T("duplicates.title");
  return v.Page(200, "duplicates", std::move(d), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

// Loads the code and title of one object of `kind` for the confirmation page.
Result<std::pair<std::string, Text>> Describe(Tx& tx, DuplicateKind kind, Id id) {
  switch (kind) {
    case DuplicateKind::kIndicator: {
      auto o = tx.plan().GetIndicator(id);
      if (!o) return Fail(o.error());
      return std::make_pair(o->code, o->title);
    }
    case DuplicateKind::kGoal: {
      auto o = tx.plan().GetGoal(id);
      if (!o) return Fail(o.error());
      return std::make_pair(o->code, o->title);
    }
    case DuplicateKind::kDocument: {
      auto o = tx.plan().GetDocument(id);
      if (!o) return Fail(o.error());
      return std::make_pair(o->code, o->title);
    }
  }
  return Fail(ErrorCode::kNotFound, "error.not_found");
}

Response ConfirmPage(View& v, Request& req) {
  if (auto r = RequirePlanner(v, req)) return *r;
  const DuplicateKind kind = KindOf(QueryValue(req, "kind"));
  auto keep = ParseId(QueryValue(req, "keep"));
  auto merged = ParseId(QueryValue(req, "merged"));
  if (!keep || !merged) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  auto a = Describe(**tx, kind, *keep);
  if (!a) return v.ErrorPage(a.error());
  auto b = Describe(**tx, kind, *merged);
  if (!b) return v.ErrorPage(b.error());
  TemplateData d{TemplateData::type::object};
  d.set("kind", std::string(ToString(kind)));
  d.set("a_id", std::to_string(*keep));
  d.set("b_id", std::to_string(*merged));
  d.set("a_code", a->first);
  d.set("b_code", b->first);
  d.set("a_html", v.TextHtml(a->second));
  d.set("b_html", v.TextHtml(b->second));
  d.set("merge_action", v.Href("/staff/duplicates/merge"));
  d.set("cancel_href", ListHref(v, kind, 0));
  const std::string title = v.T("duplicates.confirm_title");
  return v.Page(
      200, "duplicate_confirm", std::move(d), title,
      {{v.T("nav.home"), v.Href("/")}, {v.T("duplicates.title"), ListHref(v, kind, 0)}, {title, ""}});
}

Response Decide(View& v, Request& req, bool merge) {
  if (auto r = RequirePlanner(v, req)) return *r;
  auto form = req.Form();
  auto value = [&](const std::string& k) {
    for (auto& [name, val] : form)
      if (name == k) return val;
    return std::string();
  };
  const DuplicateKind kind = KindOf(value("kind"));
  auto a = ParseId(value(merge ? "keep" : "a"));
  auto b = ParseId(value(merge ? "merged" : "b"));
  if (!a || !b) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.not_found", "", {}});
  auto st = merge ? usecases::MergeDuplicate(v.store(), api::CallerOf(v.shared().ctx, req), kind, *a, *b)
                  : usecases::DismissDuplicate(v.store(), api::CallerOf(v.shared().ctx, req), kind, *a, *b);
  if (!st) return v.ErrorPage(st.error());
  v.shared().cache.Invalidate();
  Response resp = Response::Redirect(ListHref(v, kind, merge ? 0 : ParseInt(value("offset")).value_or(0)));
  SetFlash(resp, merge ? "flash.duplicate_merged" : "flash.duplicate_dismissed");
  return resp;
}

}  // namespace

void RegisterDuplicatePages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/staff/duplicates", ListPage);
  AddPage(router, shared, "GET", "/staff/duplicates/confirm", ConfirmPage);
  AddPage(router, shared, "POST", "/staff/duplicates/merge",
          [](View& v, Request& req) { return Decide(v, req, true); });
  AddPage(router, shared, "POST", "/staff/duplicates/dismiss",
          [](View& v, Request& req) { return Decide(v, req, false); });
}

}  // namespace jospar::web
