// JSON API of progress against targets (public) and of the reporting burden (staff; see
// core/usecases/progress.hpp for who may read what).
#include <ctime>

#include "core/plan/usecases/progress.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"

namespace jospar::web::api {

namespace {

RouteOptions Opt(const std::string& summary, const std::string& tag, const std::string& response) {
  RouteOptions o{.api = true, .summary = summary, .tag = tag};
  o.response_schema = response;
  return o;
}

json Opt(std::optional<double> x) { return x ? json(*x) : json(nullptr); }
json Opt(std::optional<int> x) { return x ? json(*x) : json(nullptr); }
json Opt(std::optional<Id> x) { return x ? json(*x) : json(nullptr); }

json CountsJson(const StatusCounts& c) {
  json counts = json::object();
  for (ProgressStatus s : kProgressStatuses) counts[std::string(ToString(s))] = c.Count(s);
  auto index = c.Index();
  return {{"counts", counts}, {"total", c.total}, {"index", index ? json(*index) : json(nullptr)}};
}

json EntriesJson(const std::vector<RollupEntry>& entries) {
  json a = json::array();
  for (const auto& e : entries) {
    json j = CountsJson(e.counts);
    j["id"] = e.id;
    a.push_back(std::move(j));
  }
  return a;
}

json MethodJson() {
  json weights = json::object();
  for (ProgressStatus s : kProgressStatuses)
    if (s != ProgressStatus::kNoData) weights[std::string(ToString(s))] = ProgressWeight(s);
  return {{"name", "Open SDG progress measure, methodology 2 (quantitative target)"},
          {"observed_rate", "(latest / base) ^ (1 / (latest_year - base_year)) - 1"},
          {"needed_rate", "(target / base) ^ (1 / (target_year - base_year)) - 1"},
          {"ratio", "sign(base) * direction * observed_rate / |needed_rate|"},
          {"thresholds",
           {{"on_track", kOnTrackRatio},
            {"needs_acceleration", kAccelerationRatio},
            {"limited_progress", kLimitedRatio}}},
          {"zero_replacement", kZeroReplacement},
          {"keep_tolerance", kKeepTolerance},
          {"weights", weights}};
}

// The filter of a progress request. Unknown parameters are errors.
struct ProgressQuery {
  ProgressFilter filter;
  std::optional<ProgressStatus> status;
  int limit = 100;
  int offset = 0;
};

Result<ProgressQuery> ReadProgressQuery(const Request& req, bool list) {
  std::set<std::string> allowed = {"tier", "body_id", "sdg_goal_id", "document_id"};
  if (list) allowed.insert({"status", "limit", "offset"});
  QueryReader q(req, allowed);
  ProgressQuery pq;
  if (auto t = q.Int("tier")) {
    pq.filter.tier = ParseTier(*t);
    if (!pq.filter.tier) q.Bad("tier", "error.field.enum", "1-5");
  }
  pq.filter.body_id = q.IdParam("body_id");
  pq.filter.sdg_goal_id = q.IdParam("sdg_goal_id");
  pq.filter.document_id = q.IdParam("document_id");
  if (list) {
    pq.status = q.Enum<ProgressStatus>("status", [](std::string_view s) { return ParseProgressStatus(s); });
    if (auto l = q.Int("limit")) {
      if (*l < 1 || *l > 1000)
        q.Bad("limit", "error.field.enum", "1-1000");
      else
        pq.limit = *l;
    }
    if (auto o = q.Int("offset")) {
      if (*o < 0)
        q.Bad("offset", "error.field.enum", ">= 0");
      else
        pq.offset = *o;
    }
  }
  if (auto st = q.Finish(); !st) return Fail(st.error());
  return pq;
}

json AssessmentJson(const Indicator& ind, const IndicatorProgress& r) {
  const auto& a = r.assessment;
  return {{"id", ind.id},
          {"code", ind.code},
          {"status", std::string(ToString(a.status))},
          {"no_data_reason",
           a.reason == NoDataReason::kNone ? json(nullptr) : json(std::string(ToString(a.reason)))},
          {"direction", std::string(ToString(ind.direction))},
          {"baseline_year", Opt(a.base_year)},
          {"baseline_value", Opt(a.base_value)},
          {"latest_year", Opt(a.current_year)},
          {"latest_value", Opt(a.current_value)},
          {"target_year", Opt(ind.target_year)},
          {"target_value", Opt(ind.target_value)},
          {"needed_rate", Opt(a.needed_rate)},
          {"actual_rate", Opt(a.observed_rate)},
          {"ratio", Opt(a.ratio)},
          {"target_year_passed", a.target_year_passed},
          {"values_of", Opt(r.fed_by)},
          {"responsible_body_id", Opt(ind.responsible_body_id)}};
}

int CurrentYear(const AppContext& ctx) { return UtcYear(ctx.clock()); }

Result<BurdenOptions> ReadBurdenQuery(const AppContext& ctx, const Request& req) {
  QueryReader q(req, {"year"});
  BurdenOptions o;
  o.year = CurrentYear(ctx);
  if (auto y = q.Int("year")) {
    if (*y < 1900 || *y > 2200)
      q.Bad("year", "error.field.enum", "1900-2200");
    else
      o.year = *y;
  }
  if (auto st = q.Finish(); !st) return Fail(st.error());
  return o;
}

json DueJson(const DueItem& d) {
  return {{"kind", d.kind == DueItem::Kind::kIndicator ? "indicator" : "measure"},
          {"id", d.id},
          {"due", d.due},
          {"period", d.period.empty() ? json(nullptr) : json(d.period)},
          {"document_ids", d.document_ids}};
}

json BodyBurdenJson(const BodyBurden& b, bool with_items) {
  json j = {{"body_id", b.body_id},
            {"indicators", b.indicators},
            {"fed_indicators", b.fed_indicators},
            {"measures", b.measures},
            {"reports_due", b.ReportsInYear()}};
  json repeats = json::array();
  for (const auto& g : b.repeats)
    repeats.push_back({{"why", std::string(ToString(g.why))}, {"indicator_ids", g.indicator_ids}});
  j["repeats"] = repeats;
  json due = json::array();
  if (with_items)
    for (const auto& d : b.due) due.push_back(DueJson(d));
  else
    for (const auto& d : b.due) due.push_back(d.due);
  j[with_items ? "due" : "due_dates"] = due;
  return j;
}

}  // namespace

void RegisterProgressApi(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/progress",
      [&ctx](Request& req) {
        auto q = ReadProgressQuery(req, false);
        if (!q) return ErrorOf(ctx, req, q.error());
        auto pv = usecases::LoadProgress(ctx.store, q->filter);
        if (!pv) return ErrorOf(ctx, req, pv.error());
        const auto& r = pv->rollup;
        return JsonResponse(200, {{"method", MethodJson()},
                                  {"overall", CountsJson(r.overall)},
                                  {"sdg_goals", EntriesJson(r.sdg_goals)},
                                  {"bodies", EntriesJson(r.bodies)},
                                  {"documents", EntriesJson(r.documents)},
                                  {"goals", EntriesJson(r.goals)}});
      },
      Opt("Progress against targets: counts per status and the weighted summary, overall and per SDG goal, "
          "body, document and goal (filters: tier, body_id, sdg_goal_id, document_id)",
          "progress", "ProgressSummary"));
  router.Add(
      "GET", "/api/v1/progress/indicators",
      [&ctx](Request& req) {
        auto q = ReadProgressQuery(req, true);
        if (!q) return ErrorOf(ctx, req, q.error());
        auto pv = usecases::LoadProgress(ctx.store, q->filter);
        if (!pv) return ErrorOf(ctx, req, pv.error());
        json items = json::array();
        std::int64_t total = 0;
        for (std::size_t i = 0; i < pv->rollup.indicators.size(); ++i) {
          const auto& r = pv->rollup.indicators[i];
          if (!r.included || (q->status && r.assessment.status != *q->status)) continue;
          if (total >= q->offset && total < static_cast<std::int64_t>(q->offset) + q->limit)
            items.push_back(AssessmentJson(pv->outline.indicators[i], r));
          ++total;
        }
        return JsonResponse(200, {{"items", items}, {"total", total}});
      },
      Opt("Progress status of each indicator with the numbers behind it (baseline, latest actual, target, "
          "needed and actual rate, ratio); filters as /progress plus status, limit, offset",
          "progress", "ProgressIndicatorList"));
  router.Add(
      "GET", "/api/v1/burden",
      [&ctx](Request& req) {
        auto o = ReadBurdenQuery(ctx, req);
        if (!o) return ErrorOf(ctx, req, o.error());
        auto v = usecases::BurdenOverview(ctx.store, req.principal, *o, ctx.pair_finder.get());
        if (!v) return ErrorOf(ctx, req, v.error());
        json items = json::array();
        for (const auto& b : v->bodies) items.push_back(BodyBurdenJson(b, false));
        return JsonResponse(200, {{"year", o->year}, {"items", items}});
      },
      Opt("Reporting burden of every state body in a year (planners, admins)", "burden", "BurdenList"));
  router.Add(
      "GET", "/api/v1/burden/bodies/{id}/due",
      [&ctx](Request& req) {
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto o = ReadBurdenQuery(ctx, req);
        if (!o) return ErrorOf(ctx, req, o.error());
        auto v = usecases::WhatIsDue(ctx.store, req.principal, *id, *o);
        if (!v) return ErrorOf(ctx, req, v.error());
        json j = BodyBurdenJson(v->bodies.front(), true);
        j["year"] = o->year;
        return JsonResponse(200, j);
      },
      Opt("What one state body must report in a year, each value once (planners, admins; an executor for "
          "its own body)",
          "burden", "BodyDue"));
  router.Add(
      "GET", "/api/v1/burden/simplification",
      [&ctx](Request& req) {
        auto o = ReadBurdenQuery(ctx, req);
        if (!o) return ErrorOf(ctx, req, o.error());
        auto v = usecases::Simplifications(ctx.store, req.principal, *o, ctx.pair_finder.get());
        if (!v) return ErrorOf(ctx, req, v.error());
        json items = json::array();
        for (const auto& c : v->candidates)
          items.push_back({{"kind", std::string(ToString(c.kind))},
                           {"object", {{"kind", std::string(ToString(c.object.kind))}, {"id", c.object.id}}},
                           {"keep_id", Opt(c.keep_id)},
                           {"reports_saved", c.reports_saved}});
        return JsonResponse(200, {{"year", o->year}, {"items", items}});
      },
      Opt("Candidates to remove or merge with the reports a year each would spare (planners, admins)",
          "burden", "SimplificationList"));
}

}  // namespace jospar::web::api
