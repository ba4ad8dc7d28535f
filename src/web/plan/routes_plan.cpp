// JSON API of the plan registry: bodies, documents (with lifecycle, amendments and editions), goals and
// tasks, indicators with their observations, measures.
#include "core/plan/repository.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"

namespace jospar::web::api {

namespace uc = usecases;

namespace {

RouteOptions ListOptions(const std::string& summary, const std::string& tag, const std::string& schema) {
  RouteOptions o{.api = true, .summary = summary, .tag = tag};
  o.response_schema = schema;
  return o;
}

void RegisterBodies(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/bodies",
      [&ctx](Request& req) {
        QueryReader q(req, {"kind", "parent_id", "q", "sort", "order", "cursor", "limit"});
        BodyFilter f;
        f.kind = q.Enum<BodyKind>("kind", ParseBodyKind);
        f.parent_id = q.IdParam("parent_id");
        f.search = q.Search();
        PageRequest p = q.Page();
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto page = WithRead(ctx, [&](Tx& tx) { return tx.plan().ListBodies(f, p); });
        if (!page) return ErrorOf(ctx, req, page.error());
        return JsonResponse(200, PageJson(*page));
      },
      ListOptions("List state bodies (filters: kind, parent_id; q, sort, order, cursor, limit)", "bodies",
                  "BodyPage"));
  RegisterCrud<StateBody>(router, ctx,
                          {"/api/v1/bodies", [](Tx& tx, Id id) { return tx.plan().GetBody(id); },
                           uc::CreateBody, uc::UpdateBody, uc::DeleteBody},
                          "Body", "bodies", "state body (admins)");
}

void RegisterDocuments(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/documents",
      [&ctx](Request& req) {
        QueryReader q(req, {"tier", "status", "owner_body_id", "parent_id", "top", "type", "q", "sort",
                            "order", "cursor", "limit"});
        DocumentFilter f;
        if (auto t = q.Int("tier")) {
          f.tier = ParseTier(*t);
          if (!f.tier) q.Bad("tier", "error.field.enum", "1-5");
        }
        f.status = q.Enum<DocStatus>("status", ParseDocStatus);
        f.owner_body_id = q.IdParam("owner_body_id");
        f.parent_id = q.IdParam("parent_id");
        f.only_top = q.Flag("top");
        f.type = q.Str("type").value_or("");
        f.search = q.Search();
        PageRequest p = q.Page();
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto page = WithRead(ctx, [&](Tx& tx) { return tx.plan().ListDocuments(f, p); });
        if (!page) return ErrorOf(ctx, req, page.error());
        return JsonResponse(200, PageJson(*page));
      },
      ListOptions(
          "List planning documents (filters: tier, status, owner_body_id, parent_id, top, type; q, sort, "
          "order, cursor, limit)",
          "documents", "DocumentPage"));
  RegisterCrud<Document>(router, ctx,
                         {"/api/v1/documents", [](Tx& tx, Id id) { return tx.plan().GetDocument(id); },
                          uc::CreateDocument, uc::UpdateDocument, uc::DeleteDocument},
                         "Document", "documents",
                         "planning document (drafts are edited in place; delete: drafts only)");

  RouteOptions o{.api = true,
                 .summary =
                     "Move a document through its lifecycle (draft -> approved -> in_force -> "
                     "expired | repealed | merged)",
                 .tag = "documents"};
  o.request_schema = "Transition";
  o.response_schema = "Document";
  router.Add(
      "POST", "/api/v1/documents/{id}/transition",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        auto version = RequiredVersion(req, &*body);
        if (!version) return ErrorOf(ctx, req, version.error());
        Reader r(*body);
        DocStatus to = DocStatus::kDraft;
        std::optional<Id> merged_into;
        r.Enum("status", to, true, ParseDocStatus, "approved, in_force, expired, repealed, merged");
        r.OptId("merged_into_id", merged_into);
        r.Skip("version");
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto doc = uc::TransitionDocument(ctx.store, CallerOf(ctx, req), *id, *version, to, merged_into);
        if (!doc) return ErrorOf(ctx, req, doc.error());
        Response resp = JsonResponse(200, ToJson(*doc));
        resp.SetHeader("ETag", ETagOf(doc->version));
        return resp;
      },
      o);

  o.summary = "Amend an approved or later document: keeps the previous edition and records the amending act";
  o.request_schema = "Amendment";
  router.Add(
      "POST", "/api/v1/documents/{id}/amendments",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        auto version = RequiredVersion(req, &*body);
        if (!version) return ErrorOf(ctx, req, version.error());
        Reader top(*body);
        LegalAct act;
        top.Act("act", act, true);
        top.Skip("version");
        top.Skip("changes");
        const json* changes = body->contains("changes") ? &(*body)["changes"] : nullptr;
        if (!changes || !changes->is_object())
          top.Bad("changes", changes ? "error.field.type_object" : "error.field.required");
        if (auto st = top.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto current = WithRead(ctx, [&](Tx& tx) { return tx.plan().GetDocument(*id); });
        if (!current) return ErrorOf(ctx, req, current.error());
        const json current_json = ToJson(*current);
        json merged = current_json;
        merged.merge_patch(*changes);
        Document next{};
        Reader r(merged, "changes.");
        Read(r, next);
        for (const char* f : ReadOnlyFields(next)) r.ReadOnly(f, current_json[f]);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        next.id = *id;
        next.version = *version;
        auto doc = uc::AmendDocument(ctx.store, CallerOf(ctx, req), next, act);
        if (!doc) return ErrorOf(ctx, req, doc.error());
        Response resp = JsonResponse(200, ToJson(*doc));
        resp.SetHeader("ETag", ETagOf(doc->version));
        return resp;
      },
      o);

  o = ListOptions("Previous editions of a document (snapshots kept by amendments)", "documents",
                  "DocumentList");
  router.Add(
      "GET", "/api/v1/documents/{id}/editions",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto list = WithRead(ctx, [&](Tx& tx) -> Result<std::vector<Document>> {
          auto doc = tx.plan().GetDocument(*id);
          if (!doc) return Fail(doc.error());
          return tx.plan().ListDocumentEditions(*id);
        });
        if (!list) return ErrorOf(ctx, req, list.error());
        json items = json::array();
        for (const auto& d : *list) items.push_back(ToJson(d));
        return JsonResponse(200, {{"items", std::move(items)}});
      },
      o);
}

void RegisterGoals(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/goals",
      [&ctx](Request& req) {
        QueryReader q(req, {"document_id", "parent_id", "top", "q", "sort", "order", "cursor", "limit"});
        GoalFilter f;
        f.document_id = q.IdParam("document_id");
        f.parent_id = q.IdParam("parent_id");
        f.only_top = q.Flag("top");
        f.search = q.Search();
        PageRequest p = q.Page();
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto page = WithRead(ctx, [&](Tx& tx) { return tx.plan().ListGoals(f, p); });
        if (!page) return ErrorOf(ctx, req, page.error());
        return JsonResponse(200, PageJson(*page));
      },
      ListOptions(
          "List goals and tasks (tasks have parent_id; filters: document_id, parent_id, top; q, sort, order, "
          "cursor, limit)",
          "goals", "GoalPage"));
  RegisterCrud<Goal>(router, ctx,
                     {"/api/v1/goals", [](Tx& tx, Id id) { return tx.plan().GetGoal(id); }, uc::CreateGoal,
                      uc::UpdateGoal, uc::DeleteGoal},
                     "Goal", "goals", "goal or task (a task has parent_id)");
}

void RegisterIndicators(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/indicators",
      [&ctx](Request& req) {
        QueryReader q(req, {"goal_id", "document_id", "sdg_target_id", "sdg_goal_id", "responsible_body_id",
                            "q", "sort", "order", "cursor", "limit"});
        IndicatorFilter f;
        f.goal_id = q.IdParam("goal_id");
        f.document_id = q.IdParam("document_id");
        f.sdg_target_id = q.IdParam("sdg_target_id");
        f.sdg_goal_id = q.IdParam("sdg_goal_id");
        f.responsible_body_id = q.IdParam("responsible_body_id");
        f.search = q.Search();
        PageRequest p = q.Page();
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto page = WithRead(ctx, [&](Tx& tx) { return tx.plan().ListIndicators(f, p); });
        if (!page) return ErrorOf(ctx, req, page.error());
        return JsonResponse(200, PageJson(*page));
      },
      ListOptions(
          "List indicators (filters: goal_id, document_id, sdg_target_id, sdg_goal_id, responsible_body_id; "
          "q, sort, order, cursor, limit)",
          "indicators", "IndicatorPage"));
  RegisterCrud<Indicator>(router, ctx,
                          {"/api/v1/indicators", [](Tx& tx, Id id) { return tx.plan().GetIndicator(id); },
                           uc::CreateIndicator, uc::UpdateIndicator, uc::DeleteIndicator},
                          "Indicator", "indicators", "indicator with its planned values");

  router.Add(
      "GET", "/api/v1/indicators/{id}/observations",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto list = WithRead(ctx, [&](Tx& tx) -> Result<std::vector<Observation>> {
          auto ind = tx.plan().GetIndicator(*id);
          if (!ind) return Fail(ind.error());
          return tx.plan().ListObservations(*id);
        });
        if (!list) return ErrorOf(ctx, req, list.error());
        json items = json::array();
        for (const auto& o : *list) items.push_back(ToJson(o));
        return JsonResponse(200, {{"items", std::move(items)}});
      },
      ListOptions("Actual values of an indicator", "indicators", "ObservationList"));

  RouteOptions o{
      .api = true,
      .summary = "Report an actual value (executors: indicators of their body; planners, admins: any)",
      .tag = "indicators"};
  o.request_schema = "Report";
  o.response_schema = "ReportResult";
  router.Add(
      "POST", "/api/v1/indicators/{id}/observations",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        Observation obs;
        obs.indicator_id = *id;
        Reader r(*body);
        r.Str("period", obs.period, true);
        r.Num("value", obs.value, true);
        r.Str("series", obs.series, false);
        r.Str("unit", obs.unit, false);
        r.Str("disaggregation", obs.disaggregation, false);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto res = uc::ReportValue(ctx.store, CallerOf(ctx, req), obs);
        if (!res) return ErrorOf(ctx, req, res.error());
        const char* outcome = res->outcome == UpsertOutcome::kInserted  ? "inserted"
                              : res->outcome == UpsertOutcome::kUpdated ? "updated"
                                                                        : "unchanged";
        json out{{"outcome", outcome},
                 {"previous_value", res->previous_value ? json(*res->previous_value) : json(nullptr)},
                 {"observation", ToJson(obs)}};
        return JsonResponse(res->outcome == UpsertOutcome::kInserted ? 201 : 200, out);
      },
      o);
}

void RegisterMeasures(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/measures",
      [&ctx](Request& req) {
        QueryReader q(req, {"goal_id", "responsible_body_id", "q", "sort", "order", "cursor", "limit"});
        MeasureFilter f;
        f.goal_id = q.IdParam("goal_id");
        f.responsible_body_id = q.IdParam("responsible_body_id");
        f.search = q.Search();
        PageRequest p = q.Page("id");
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto page = WithRead(ctx, [&](Tx& tx) { return tx.plan().ListMeasures(f, p); });
        if (!page) return ErrorOf(ctx, req, page.error());
        return JsonResponse(200, PageJson(*page));
      },
      ListOptions("List measures (filters: goal_id, responsible_body_id; q, sort, order, cursor, limit)",
                  "measures", "MeasurePage"));
  RegisterCrud<Measure>(router, ctx,
                        {"/api/v1/measures", [](Tx& tx, Id id) { return tx.plan().GetMeasure(id); },
                         uc::CreateMeasure, uc::UpdateMeasure, uc::DeleteMeasure},
                        "Measure", "measures", "measure");
}

}  // namespace

void RegisterPlanApi(Router& router, AppContext& ctx) {
  RegisterBodies(router, ctx);
  RegisterDocuments(router, ctx);
  RegisterGoals(router, ctx);
  RegisterIndicators(router, ctx);
  RegisterMeasures(router, ctx);
}

}  // namespace jospar::web::api
