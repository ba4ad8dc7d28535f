// JSON API of near-duplicate review (planners and admins): the ranked candidate pairs, dismissing a
// pair, merging B into A, and the decisions taken.
#include "core/plan/usecases/duplicates.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"

namespace jospar::web::api {

namespace uc = usecases;

namespace {

json CandidateJson(const DuplicateCandidate& c) {
  return json{{"kind", std::string(ToString(c.kind))},
              {"a", {{"id", c.a_id}, {"code", c.a_code}, {"title", ToJson(c.a_title)}}},
              {"b", {{"id", c.b_id}, {"code", c.b_code}, {"title", ToJson(c.b_title)}}},
              {"score", std::round(c.score * 1000) / 1000},
              {"shared_terms", c.shared_terms}};
}

json DecisionJson(const DuplicateDecision& d) {
  return json{{"id", d.id},     {"kind", std::string(ToString(d.kind))},       {"a_id", d.a_id},
              {"b_id", d.b_id}, {"verdict", std::string(ToString(d.verdict))}, {"actor", d.actor},
              {"at", d.at}};
}

constexpr const char* kKinds = "indicator, goal, document";

}  // namespace

void RegisterDuplicatesApi(Router& router, AppContext& ctx) {
  RouteOptions o{.api = true,
                 .summary =
                     "Near-duplicate pairs of indicators, goals or documents, highest score first, "
                     "without dismissed pairs and merged objects (planners; kind, offset, limit)",
                 .tag = "duplicates"};
  router.Add(
      "GET", "/api/v1/duplicates",
      [&ctx](Request& req) {
        QueryReader q(req, {"kind", "offset", "limit"});
        auto kind = q.Enum<DuplicateKind>("kind", ParseDuplicateKind).value_or(DuplicateKind::kIndicator);
        const int offset = q.Int("offset").value_or(0);
        const int limit = q.Int("limit").value_or(50);
        if (offset < 0) q.Bad("offset", "error.duplicate.offset", ">= 0");
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto list = uc::ListDuplicates(ctx.store, CallerOf(ctx, req), *ctx.pair_finder, kind, offset, limit);
        if (!list) return ErrorOf(ctx, req, list.error());
        json items = json::array();
        for (const auto& c : list->items) items.push_back(CandidateJson(c));
        return JsonResponse(200, json{{"items", items}, {"total", list->total}, {"offset", offset}});
      },
      o);

  o.summary = "Decisions taken on near-duplicate pairs, oldest first (planners; kind)";
  router.Add(
      "GET", "/api/v1/duplicates/decisions",
      [&ctx](Request& req) {
        QueryReader q(req, {"kind"});
        auto kind = q.Enum<DuplicateKind>("kind", ParseDuplicateKind).value_or(DuplicateKind::kIndicator);
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto list = uc::ListDuplicateDecisions(ctx.store, CallerOf(ctx, req), kind);
        if (!list) return ErrorOf(ctx, req, list.error());
        json items = json::array();
        for (const auto& d : *list) items.push_back(DecisionJson(d));
        return JsonResponse(200, json{{"items", items}});
      },
      o);

  o.summary = "Dismiss a near-duplicate pair: it is not shown again (body: kind, a_id, b_id)";
  router.Add(
      "POST", "/api/v1/duplicates/dismiss",
      [&ctx](Request& req) {
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        Reader r(*body);
        DuplicateKind kind = DuplicateKind::kIndicator;
        Id a = 0, b = 0;
        r.Enum("kind", kind, true, ParseDuplicateKind, kKinds);
        r.ReqId("a_id", a);
        r.ReqId("b_id", b);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto st = uc::DismissDuplicate(ctx.store, CallerOf(ctx, req), kind, a, b);
        if (!st) return ErrorOf(ctx, req, st.error());
        return JsonResponse(201, json{{"kind", std::string(ToString(kind))},
                                      {"a_id", std::min(a, b)},
                                      {"b_id", std::max(a, b)},
                                      {"verdict", "dismissed"}});
      },
      o);

  o.summary =
      "Merge B into A: links move to A, B is marked merged into A, the decision is recorded "
      "(body: kind, keep_id, merged_id)";
  router.Add(
      "POST", "/api/v1/duplicates/merge",
      [&ctx](Request& req) {
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        Reader r(*body);
        DuplicateKind kind = DuplicateKind::kIndicator;
        Id keep = 0, merged = 0;
        r.Enum("kind", kind, true, ParseDuplicateKind, kKinds);
        r.ReqId("keep_id", keep);
        r.ReqId("merged_id", merged);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto st = uc::MergeDuplicate(ctx.store, CallerOf(ctx, req), kind, keep, merged);
        if (!st) return ErrorOf(ctx, req, st.error());
        return JsonResponse(201, json{{"kind", std::string(ToString(kind))},
                                      {"a_id", keep},
                                      {"b_id", merged},
                                      {"verdict", "merged"}});
      },
      o);
}

}  // namespace jospar::web::api
