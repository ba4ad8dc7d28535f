// JSON API of the frameworks and cross-cutting records: SDG goals and targets, disaggregation code
// lists, "contributes to" links and the history of changes.
#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"

namespace jospar::web::api {

namespace uc = usecases;

namespace {

RouteOptions Opt(const std::string& summary, const std::string& tag, const std::string& response,
                 const std::string& request = "") {
  RouteOptions o{.api = true, .summary = summary, .tag = tag};
  o.response_schema = response;
  o.request_schema = request;
  return o;
}

json Items(const auto& list) {
  json items = json::array();
  for (const auto& x : list) items.push_back(ToJson(x));
  return {{"items", std::move(items)}};
}

// An SDG node of the given kind by id (kNotFound when it is of the other kind).
Result<SdgNode> GetSdg(Tx& tx, Id id, SdgKind kind) {
  auto n = tx.plan().GetSdgNode(id);
  if (!n) return n;
  if (n->kind != kind) return Fail(ErrorCode::kNotFound, "error.not_found");
  return n;
}

}  // namespace

void RegisterRefsApi(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/sdg/goals",
      [&ctx](Request& req) {
        QueryReader q(req, {});
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto list = WithRead(ctx, [&](Tx& tx) { return tx.plan().ListSdgNodes(std::nullopt); });
        if (!list) return ErrorOf(ctx, req, list.error());
        return JsonResponse(200, Items(*list));
      },
      Opt("The 17 Sustainable Development Goals", "sdg", "SdgList"));
  router.Add(
      "GET", "/api/v1/sdg/goals/{id}",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto n = WithRead(ctx, [&](Tx& tx) { return GetSdg(tx, *id, SdgKind::kGoal); });
        if (!n) return ErrorOf(ctx, req, n.error());
        return JsonResponse(200, ToJson(*n));
      },
      Opt("One SDG goal", "sdg", "SdgNode"));
  router.Add(
      "GET", "/api/v1/sdg/goals/{id}/targets",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto list = WithRead(ctx, [&](Tx& tx) -> Result<std::vector<SdgNode>> {
          auto n = GetSdg(tx, *id, SdgKind::kGoal);
          if (!n) return Fail(n.error());
          return tx.plan().ListSdgNodes(*id);
        });
        if (!list) return ErrorOf(ctx, req, list.error());
        return JsonResponse(200, Items(*list));
      },
      Opt("The targets of an SDG goal", "sdg", "SdgList"));
  router.Add(
      "GET", "/api/v1/sdg/targets/{id}",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto n = WithRead(ctx, [&](Tx& tx) { return GetSdg(tx, *id, SdgKind::kTarget); });
        if (!n) return ErrorOf(ctx, req, n.error());
        return JsonResponse(200, ToJson(*n));
      },
      Opt("One SDG target", "sdg", "SdgNode"));

  router.Add(
      "GET", "/api/v1/codes",
      [&ctx](Request& req) {
        QueryReader q(req, {"dimension"});
        const std::string dim = q.Str("dimension").value_or("");
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto list = WithRead(ctx, [&](Tx& tx) { return tx.plan().ListCodeNames(dim); });
        if (!list) return ErrorOf(ctx, req, list.error());
        return JsonResponse(200, Items(*list));
      },
      Opt("Disaggregation code lists (filter: dimension, e.g. SEX)", "codes", "CodeList"));

  router.Add(
      "GET", "/api/v1/links",
      [&ctx](Request& req) {
        QueryReader q(req, {"from_kind", "from_id", "to_kind", "to_id"});
        auto from_kind = q.Enum<ObjectKind>("from_kind", ParseObjectKind);
        auto from_id = q.IdParam("from_id");
        auto to_kind = q.Enum<ObjectKind>("to_kind", ParseObjectKind);
        auto to_id = q.IdParam("to_id");
        const bool by_from = from_kind && from_id, by_to = to_kind && to_id;
        if (by_from == by_to)
          return ErrorOf(ctx, req,
                         Error{ErrorCode::kInvalidInput,
                               "error.invalid_input",
                               "from_kind+from_id or to_kind+to_id",
                               {{"from_id", "error.field.required", "from_kind+from_id or to_kind+to_id"}}});
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto list = WithRead(ctx, [&](Tx& tx) {
          return by_from ? tx.plan().ListLinksFrom({*from_kind, *from_id})
                         : tx.plan().ListLinksTo({*to_kind, *to_id});
        });
        if (!list) return ErrorOf(ctx, req, list.error());
        return JsonResponse(200, Items(*list));
      },
      Opt("Links from an object (from_kind, from_id) or to an object (to_kind, to_id)", "links", "LinkList"));
  router.Add(
      "GET", "/api/v1/links/{id}",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto l = WithRead(ctx, [&](Tx& tx) { return tx.plan().GetLink(*id); });
        if (!l) return ErrorOf(ctx, req, l.error());
        return JsonResponse(200, ToJson(*l));
      },
      Opt("One link", "links", "Link"));
  router.Add(
      "POST", "/api/v1/links",
      [&ctx](Request& req) {
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        Link link;
        Reader r(*body);
        r.Ref("from", link.from);
        r.Ref("to", link.to);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto created = uc::CreateLink(ctx.store, CallerOf(ctx, req), link);
        if (!created) return ErrorOf(ctx, req, created.error());
        Response resp = JsonResponse(201, ToJson(*created));
        resp.SetHeader("Location", "/api/v1/links/" + std::to_string(created->id));
        return resp;
      },
      Opt("Link a goal or indicator to what it contributes to (planners)", "links", "Link", "LinkInput"));
  router.Add(
      "DELETE", "/api/v1/links/{id}",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto st = uc::DeleteLink(ctx.store, CallerOf(ctx, req), *id);
        if (!st) return ErrorOf(ctx, req, st.error());
        Response resp;
        resp.status = 204;
        return resp;
      },
      Opt("Delete a link (planners)", "links", ""));

  router.Add(
      "GET", "/api/v1/history",
      [&ctx](Request& req) {
        QueryReader q(req, {"kind", "id", "limit"});
        auto kind = q.Enum<ObjectKind>("kind", ParseObjectKind);
        auto id = q.IdParam("id");
        int limit = q.Int("limit").value_or(50);
        std::vector<FieldError> missing;
        if (!kind && !req.Query("kind")) missing.push_back({"kind", "error.field.required", {}});
        if (!id && !req.Query("id")) missing.push_back({"id", "error.field.required", {}});
        if (limit < 1 || limit > 500) missing.push_back({"limit", "error.field.enum", "1-500"});
        if (auto st = q.Finish(); !st) {
          auto e = st.error();
          for (auto& m : missing) e.fields.push_back(m);
          return ErrorOf(ctx, req, e);
        }
        if (!missing.empty())
          return ErrorOf(ctx, req,
                         Error{ErrorCode::kInvalidInput, "error.invalid_input", {}, std::move(missing)});
        auto list = WithRead(ctx, [&](Tx& tx) { return tx.audit().ListHistory({*kind, *id}, limit); });
        if (!list) return ErrorOf(ctx, req, list.error());
        return JsonResponse(200, Items(*list));
      },
      Opt("History of changes of one object, newest first (kind, id, limit)", "history", "HistoryList"));
}

}  // namespace jospar::web::api
