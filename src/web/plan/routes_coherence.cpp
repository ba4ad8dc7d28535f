// JSON API of the plan's coherence findings: the findings (planners and admins) and their counts (public).
#include <charconv>

#include "core/plan/access.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"
#include "web/i18n.hpp"
#include "web/plan/coherence_format.hpp"
#include "web/plan/coherence_service.hpp"

namespace jospar::web::api {

namespace {

// Filters of the findings from the query: rule, severity, kind; bad values are field errors.
CoherenceFilter ReadCoherenceFilter(QueryReader& q) {
  CoherenceFilter f;
  f.rule = q.Enum<coherence::Rule>("rule", coherence::ParseRule);
  f.severity = q.Enum<coherence::Severity>("severity", coherence::ParseSeverity);
  f.kind = q.Enum<ObjectKind>("kind", ParseObjectKind);
  return f;
}

const Locales& LocalesOf(const AppContext& ctx) {
  static const Locales kEmpty;
  return ctx.locales ? *ctx.locales : kEmpty;
}

}  // namespace

void RegisterCoherenceApi(Router& router, AppContext& ctx) {
  CoherenceService& service = EnsureCoherenceService(ctx);
  RouteOptions list{
      .api = true, .summary = "Coherence findings of the plan (planners and admins)", .tag = "coherence"};
  list.response_schema = "CoherenceFindings";
  router.Add(
      "GET", "/api/v1/plan/coherence",
      [&ctx, &service](Request& req) {
        if (!CanEditPlan(req.principal)) {
          return ErrorOf(ctx, req,
                         req.principal.IsSignedIn()
                             ? Error{ErrorCode::kForbidden, "error.forbidden", {}, {}}
                             : Error{ErrorCode::kUnauthenticated, "error.unauthenticated", {}, {}});
        }
        QueryReader q(req, {"rule", "severity", "kind", "cursor", "limit"});
        const CoherenceFilter filter = ReadCoherenceFilter(q);
        std::int64_t offset = 0, limit = 50;
        if (auto c = q.Str("cursor")) {
          const auto r = std::from_chars(c->data(), c->data() + c->size(), offset);
          if (r.ec != std::errc() || r.ptr != c->data() + c->size() || offset < 0) {
            q.Bad("cursor", "error.field.cursor");
            offset = 0;
          }
        }
        if (auto l = q.Int("limit")) {
          if (*l < 1 || *l > 500) {
            q.Bad("limit", "error.field.enum", "1-500");
          } else {
            limit = *l;
          }
        }
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto page = service.Read(ctx.store, filter, offset, limit);
        if (!page) return ErrorOf(ctx, req, page.error());
        const Locales& loc = LocalesOf(ctx);
        json items = json::array();
        for (const auto& item : page->items) items.push_back(CoherenceItemJson(item, loc, req.lang));
        const std::int64_t next = offset + static_cast<std::int64_t>(page->items.size());
        return JsonResponse(200,
                            {{"items", std::move(items)},
                             {"total", page->total},
                             {"next_cursor", next < page->total ? json(std::to_string(next)) : json(nullptr)},
                             {"counts", CoherenceCountsJson(page->counts, loc, req.lang)}});
      },
      list);
  RouteOptions summary{.api = true,
                       .summary = "Counts of the plan's coherence findings per rule and severity",
                       .tag = "coherence"};
  summary.response_schema = "CoherenceSummary";
  router.Add(
      "GET", "/api/v1/plan/coherence/summary",
      [&ctx, &service](Request& req) {
        QueryReader q(req, {});
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto page = service.Read(ctx.store, {}, 0, 0);
        if (!page) return ErrorOf(ctx, req, page.error());
        json j = CoherenceCountsJson(page->counts, LocalesOf(ctx), req.lang);
        j["objects"] = page->objects;
        return JsonResponse(200, j);
      },
      summary);
}

}  // namespace jospar::web::api
