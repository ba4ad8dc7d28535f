#include "core/plan/usecases/generate.hpp"

#include <string>

#include "core/audit/history.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/plan_support.hpp"

namespace jospar::usecases {

Result<GenerateReport> GenerateSyntheticPlan(Store& store, SyntheticPlanSpec spec,
                                             const SyntheticTexts& texts, std::string_view now,
                                             std::int64_t batch_documents,
                                             const std::function<void(std::int64_t)>& progress) {
  JOSPAR_TRY(ValidateSyntheticSpec(spec, texts));
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return Fail(tx.error());
  if (auto existing = (*tx)->plan().GetBodyByCode(spec.code_prefix + "-GOV")) {
    return Fail(ErrorCode::kConflict, "error.generated_plan_exists", spec.code_prefix);
  } else if (existing.error().code != ErrorCode::kNotFound) {
    return Fail(existing.error());
  }
  auto ids = (*tx)->plan().MaxPlanIds();
  if (!ids) return Fail(ids.error());
  spec.ids = *ids;
  spec.sdg_target_ids.clear();
  auto goals = (*tx)->plan().ListSdgNodes(std::nullopt);
  if (!goals) return Fail(goals.error());
  for (const auto& g : *goals) {
    auto targets = (*tx)->plan().ListSdgNodes(g.id);
    if (!targets) return Fail(targets.error());
    for (const auto& t : *targets) spec.sdg_target_ids.push_back(t.id);
  }

  GenerateReport report;
  SyntheticPlanGenerator gen(spec, texts);
  PlanBatch batch;
  Id first_document = 0;
  while (true) {
    batch.Clear();
    const bool more = gen.Next(batch, batch_documents);
    if (first_document == 0 && !batch.documents.empty()) first_document = batch.documents.front().id;
    report.bodies += static_cast<std::int64_t>(batch.bodies.size());
    report.documents += static_cast<std::int64_t>(batch.documents.size());
    report.goals += static_cast<std::int64_t>(batch.goals.size());
    report.indicators += static_cast<std::int64_t>(batch.indicators.size());
    report.observations += static_cast<std::int64_t>(batch.observations.size());
    report.measures += static_cast<std::int64_t>(batch.measures.size());
    report.links += static_cast<std::int64_t>(batch.links.size());
    JOSPAR_TRY((*tx)->plan().BulkInsertPlan(batch));
    if (progress) progress(gen.documents_done());
    if (!more) break;
  }
  HistoryEntry e;
  e.object = {ObjectKind::kDocument, first_document};
  e.actor = "generate";
  e.at = std::string(now);
  e.action = "generate";
  e.changes = {{"documents", "", std::to_string(report.documents)},
               {"indicators", "", std::to_string(report.indicators)},
               {"seed", "", std::to_string(spec.seed)}};
  JOSPAR_TRY((*tx)->audit().AppendHistory(e));
  JOSPAR_TRY((*tx)->Commit());
  return report;
}

}  // namespace jospar::usecases
