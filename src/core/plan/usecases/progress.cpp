#include "core/plan/usecases/progress.hpp"
#include "core/plan/access.hpp"

#include <algorithm>

#include "core/plan/repository.hpp"
#include "core/plan/usecases/duplicates.hpp"
#include "core/plan/usecases/plan_support.hpp"

namespace jospar::usecases {

using detail::Allow;

ProgressPlan ToProgressPlan(const PlanOutline& o) {
  ProgressPlan p;
  p.documents.reserve(o.documents.size());
  for (const Document& d : o.documents) p.documents.push_back({d.id, d.tier});
  p.goals.reserve(o.goals.size());
  for (const Goal& g : o.goals) p.goals.push_back({g.id, g.document_id, g.parent_id});
  p.sdg.reserve(o.sdg.size());
  for (const SdgNode& n : o.sdg)
    p.sdg.push_back({n.id, n.kind == SdgKind::kGoal ? std::nullopt : n.parent_id});
  p.links = o.links;
  p.indicators.reserve(o.indicators.size());
  // o.totals is ordered by indicator id; o.indicators too.
  std::size_t t = 0;
  for (const Indicator& i : o.indicators) {
    ProgressPlan::Ind x;
    x.id = i.id;
    x.goal_id = i.goal_id;
    x.sdg_target_id = i.sdg_target_id;
    x.body_id = i.responsible_body_id;
    x.basis = {i.direction, i.baseline_year, i.baseline_value, i.target_year, i.target_value};
    while (t < o.totals.size() && o.totals[t].indicator_id < i.id) ++t;
    std::size_t end = t;
    while (end < o.totals.size() && o.totals[end].indicator_id == i.id) ++end;
    x.actuals = AnnualTotals(std::span<const Observation>(o.totals.data() + t, end - t));
    t = end;
    p.indicators.push_back(std::move(x));
  }
  return p;
}

namespace {

Result<PlanOutline> ReadOutline(Store& store) {
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  return (*tx)->plan().LoadPlanOutline();
}

}  // namespace

Result<ProgressView> LoadProgress(Store& store, const ProgressFilter& filter) {
  auto outline = ReadOutline(store);
  if (!outline) return Fail(outline.error());
  ProgressView v;
  v.outline = std::move(*outline);
  v.plan = ToProgressPlan(v.outline);
  v.rollup = RollUpProgress(v.plan, filter);
  return v;
}

bool CanSeeBodyBurden(const Principal& who, Id body_id) {
  if (CanEditPlan(who)) return true;
  return who.role == Role::kExecutor && who.body_id && *who.body_id == body_id;
}

namespace {

// The options plus the open near-duplicate indicator pairs `finder` sees (at most 500, highest score first).
Result<BurdenOptions> WithDuplicates(Store& store, const Principal& who, BurdenOptions options,
                                     const PairFinder* finder) {
  if (finder == nullptr) return options;
  auto pairs = ListDuplicates(store, Caller{who, {}}, *finder, DuplicateKind::kIndicator, 0, 500);
  if (!pairs) return Fail(pairs.error());
  for (const auto& c : pairs->items) options.duplicate_pairs.emplace_back(c.a_id, c.b_id);
  return options;
}

}  // namespace

namespace {

// Checks that `who` may see the staff reports, completes `options` with the duplicate pairs and reads the
// plan; the caller computes its part of the view.
Result<BurdenView> ReadForStaff(Store& store, const Principal& who, const PairFinder* finder,
                                BurdenOptions& options) {
  JOSPAR_TRY(Allow(who, CanEditPlan(who)));
  auto opts = WithDuplicates(store, who, options, finder);
  if (!opts) return Fail(opts.error());
  options = std::move(*opts);
  auto outline = ReadOutline(store);
  if (!outline) return Fail(outline.error());
  BurdenView v;
  v.outline = std::move(*outline);
  return v;
}

}  // namespace

Result<BurdenView> BurdenOverview(Store& store, const Principal& who, const BurdenOptions& given,
                                  const PairFinder* finder) {
  BurdenOptions options = given;
  auto v = ReadForStaff(store, who, finder, options);
  if (v) v->bodies = ComputeBurden(v->outline, options);
  return v;
}

Result<BurdenView> Simplifications(Store& store, const Principal& who, const BurdenOptions& given,
                                   const PairFinder* finder) {
  BurdenOptions options = given;
  auto v = ReadForStaff(store, who, finder, options);
  if (v) v->candidates = FindSimplifications(v->outline, options);
  return v;
}

Result<BurdenView> WhatIsDue(Store& store, const Principal& who, Id body_id, const BurdenOptions& options) {
  JOSPAR_TRY(Allow(who, CanSeeBodyBurden(who, body_id)));
  auto outline = ReadOutline(store);
  if (!outline) return Fail(outline.error());
  BurdenView v;
  v.outline = std::move(*outline);
  const bool exists = std::any_of(v.outline.bodies.begin(), v.outline.bodies.end(),
                                  [&](const StateBody& b) { return b.id == body_id; });
  if (!exists) return Fail(ErrorCode::kNotFound, "error.not_found");
  v.bodies.push_back(ComputeBodyBurden(v.outline, body_id, options));
  return v;
}

}  // namespace jospar::usecases
