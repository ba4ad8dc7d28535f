#include "core/plan/usecases/coherence.hpp"
#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

namespace jospar::usecases {

Result<PlanCheck> CheckPlan(Store& store, const coherence::CheckOptions& options) {
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  // The watermark is read first: an edit committed while the snapshot loads is applied again later,
  // which is harmless (applying an object's current state twice gives the same findings).
  auto last = (*tx)->audit().LastHistoryId();
  if (!last) return Fail(last.error());
  auto snapshot = (*tx)->plan().LoadPlanSnapshot();
  if (!snapshot) return Fail(snapshot.error());
  PlanCheck check;
  check.history_watermark = *last;
  check.index = std::make_unique<coherence::CoherenceIndex>(std::move(*snapshot), options);
  return check;
}

Result<RefreshReport> RefreshPlanCheck(Store& store, PlanCheck& check, int max_entries) {
  RefreshReport report;
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  auto entries = (*tx)->audit().ListHistorySince(check.history_watermark, max_entries + 1);
  if (!entries) return Fail(entries.error());
  report.entries = static_cast<std::int64_t>(entries->size());
  if (entries->empty()) return report;
  const bool bulk = static_cast<int>(entries->size()) > max_entries ||
                    std::any_of(entries->begin(), entries->end(),
                                [](const HistoryEntry& e) { return e.action == "generate"; });
  if (bulk) {
    tx->reset();
    auto full = CheckPlan(store, check.index->options());
    if (!full) return Fail(full.error());
    check = std::move(*full);
    report.rebuilt = true;
    return report;
  }
  std::vector<ObjectRef> refs;
  for (const auto& e : *entries) switch (e.object.kind) {
      case ObjectKind::kDocument:
      case ObjectKind::kGoal:
      case ObjectKind::kIndicator:
      case ObjectKind::kMeasure:
      case ObjectKind::kLink:
        refs.push_back(e.object);
        break;
      default:
        break;
    }
  auto key = [](const ObjectRef& r) { return std::make_tuple(static_cast<int>(r.kind), r.id); };
  std::sort(refs.begin(), refs.end(),
            [&](const ObjectRef& a, const ObjectRef& b) { return key(a) < key(b); });
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  auto snapshot = (*tx)->plan().LoadPlanSnapshotOf(refs);
  if (!snapshot) return Fail(snapshot.error());
  coherence::Change change;
  auto present = [&](const ObjectRef& r) {
    auto has = [&](const auto& list) {
      return std::any_of(list.begin(), list.end(), [&](const auto& x) { return x.id == r.id; });
    };
    switch (r.kind) {
      case ObjectKind::kDocument:
        return has(snapshot->documents);
      case ObjectKind::kGoal:
        return has(snapshot->goals);
      case ObjectKind::kIndicator:
        return has(snapshot->indicators);
      case ObjectKind::kMeasure:
        return has(snapshot->measures);
      case ObjectKind::kLink:
        return has(snapshot->links);
      default:
        return true;
    }
  };
  for (const auto& r : refs)
    if (!present(r)) change.deleted.push_back(r);
  change.documents = std::move(snapshot->documents);
  change.goals = std::move(snapshot->goals);
  change.indicators = std::move(snapshot->indicators);
  change.measures = std::move(snapshot->measures);
  change.links = std::move(snapshot->links);
  report.rechecked = static_cast<std::int64_t>(check.index->Apply(change));
  check.history_watermark = entries->back().id;
  return report;
}

}  // namespace jospar::usecases
