// Use cases of goals and tasks, indicators, measures, links and reported values.
#include "core/plan/access.hpp"
#include "core/plan/lifecycle.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/plan.hpp"
#include "core/plan/usecases/plan_support.hpp"

namespace jospar::usecases {

using namespace detail;

namespace {

// The goal's parent must be another goal of the same document, and no cycle may form.
Status CheckGoalRefs(Tx& tx, const Goal& g) {
  std::vector<FieldError> errors;
  JOSPAR_TRY(Exists(tx.plan().GetDocument(g.document_id), "document_id", errors));
  std::optional<Id> cur = g.parent_id;
  for (int depth = 0; cur && depth < 64; ++depth) {
    if (g.id != 0 && *cur == g.id) {
      errors.push_back({"parent_id", depth == 0 ? "error.field.self_reference" : "error.field.cycle", {}});
      break;
    }
    auto parent = tx.plan().GetGoal(*cur);
    if (!parent) {
      if (depth == 0)
        JOSPAR_TRY(Exists(parent, "parent_id", errors));
      else
        return Fail(parent.error());
      break;
    }
    if (depth == 0 && parent->document_id != g.document_id) {
      errors.push_back({"parent_id", "error.field.other_document", {}});
      break;
    }
    cur = parent->parent_id;
  }
  return FieldErrors(std::move(errors));
}

Status CheckIndicatorRefs(Tx& tx, const Indicator& i) {
  std::vector<FieldError> errors;
  if (i.goal_id) JOSPAR_TRY(Exists(tx.plan().GetGoal(*i.goal_id), "goal_id", errors));
  if (i.sdg_target_id) {
    auto t = tx.plan().GetSdgNode(*i.sdg_target_id);
    JOSPAR_TRY(Exists(t, "sdg_target_id", errors));
    if (t && t->kind != SdgKind::kTarget)
      errors.push_back({"sdg_target_id", "error.field.not_sdg_target", {}});
  }
  if (i.responsible_body_id)
    JOSPAR_TRY(Exists(tx.plan().GetBody(*i.responsible_body_id), "responsible_body_id", errors));
  return FieldErrors(std::move(errors));
}

Status CheckMeasureRefs(Tx& tx, const Measure& m) {
  std::vector<FieldError> errors;
  JOSPAR_TRY(Exists(tx.plan().GetGoal(m.goal_id), "goal_id", errors));
  if (m.responsible_body_id)
    JOSPAR_TRY(Exists(tx.plan().GetBody(*m.responsible_body_id), "responsible_body_id", errors));
  return FieldErrors(std::move(errors));
}

// kConflict "error.delete_not_draft" unless the document of goal `goal_id` is a draft.
Status RequireDraftGoal(Tx& tx, std::optional<Id> goal_id) {
  if (!goal_id) return Fail(ErrorCode::kConflict, "error.delete_not_draft", "not part of a plan document");
  auto goal = tx.plan().GetGoal(*goal_id);
  if (!goal) return Fail(goal.error());
  auto doc = tx.plan().GetDocument(goal->document_id);
  if (!doc) return Fail(doc.error());
  if (doc->status != DocStatus::kDraft)
    return Fail(ErrorCode::kConflict, "error.delete_not_draft", std::string(ToString(doc->status)));
  return {};
}

// Reads an end of a link: kInvalidInput naming `field` when it does not exist or is of a kind that a
// link cannot have at that end.
Status CheckLinkEnd(Tx& tx, const ObjectRef& ref, bool is_from, const std::string& field,
                    std::vector<FieldError>& errors) {
  switch (ref.kind) {
    case ObjectKind::kGoal:
      return Exists(tx.plan().GetGoal(ref.id), field, errors);
    case ObjectKind::kIndicator:
      return Exists(tx.plan().GetIndicator(ref.id), field, errors);
    case ObjectKind::kSdgGoal:
    case ObjectKind::kSdgTarget: {
      if (is_from) break;
      auto node = tx.plan().GetSdgNode(ref.id);
      JOSPAR_TRY(Exists(node, field, errors));
      const SdgKind want = ref.kind == ObjectKind::kSdgGoal ? SdgKind::kGoal : SdgKind::kTarget;
      if (node && node->kind != want) errors.push_back({field, "error.field.not_found", {}});
      return {};
    }
    default:
      break;
  }
  errors.push_back({field + ".kind", "error.field.link_kind",
                    is_from ? "goal, indicator" : "goal, indicator, sdg_goal, sdg_target"});
  return {};
}

std::string ObservationKey(const Observation& o) {
  std::string key = "value[" + o.period;
  if (!o.series.empty()) key += " " + o.series;
  if (!o.unit.empty()) key += " " + o.unit;
  if (!o.disaggregation.empty()) key += " " + o.disaggregation;
  return key + "]";
}

}  // namespace

// ---- Goals --------------------------------------------------------------------------------------------

Result<Goal> CreateGoal(Store& store, const Caller& caller, Goal goal) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  goal.id = 0;
  goal.version = 1;
  JOSPAR_TRY(ValidateGoal(goal));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Goal> {
    JOSPAR_TRY(CheckGoalRefs(tx, goal));
    auto id = tx.plan().InsertGoal(goal);
    if (!id) return Fail(id.error());
    auto created = tx.plan().GetGoal(*id);
    if (!created) return Fail(created.error());
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kGoal, *id, "create", Created(Diff(Goal{}, *created)),
                      Diff(Goal{}, *created)));
    return created;
  });
}

Result<Goal> UpdateGoal(Store& store, const Caller& caller, const Goal& goal) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  JOSPAR_TRY(ValidateGoal(goal));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Goal> {
    auto before = tx.plan().GetGoal(goal.id);
    if (!before) return Fail(before.error());
    JOSPAR_TRY(CheckVersion(before->version, goal.version));
    if (goal.document_id != before->document_id)
      return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {},
                  {{"document_id", "error.field.read_only", {}}});
    JOSPAR_TRY(CheckGoalRefs(tx, goal));
    auto changes = Diff(*before, goal);
    if (changes.empty()) return before;
    JOSPAR_TRY(tx.plan().UpdateGoal(goal));
    auto after = tx.plan().GetGoal(goal.id);
    if (!after) return Fail(after.error());
    JOSPAR_TRY(
        Record(tx, caller, ObjectKind::kGoal, goal.id, "update", std::move(changes), Diff(Goal{}, *after)));
    return after;
  });
}

Status DeleteGoal(Store& store, const Caller& caller, Id id, std::optional<std::int64_t> expected_version) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto before = tx.plan().GetGoal(id);
    if (!before) return Fail(before.error());
    if (expected_version) JOSPAR_TRY(CheckVersion(before->version, *expected_version));
    JOSPAR_TRY(RequireDraftGoal(tx, id));
    JOSPAR_TRY(tx.plan().DeleteGoal(id));
    JOSPAR_TRY(
        Record(tx, caller, ObjectKind::kGoal, id, "delete", Diff(*before, Goal{}), Diff(Goal{}, *before)));
    return Status{};
  });
}

// ---- Indicators ---------------------------------------------------------------------------------------

Result<Indicator> CreateIndicator(Store& store, const Caller& caller, Indicator ind) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  ind.id = 0;
  ind.version = 1;
  JOSPAR_TRY(ValidateIndicator(ind));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Indicator> {
    JOSPAR_TRY(CheckIndicatorRefs(tx, ind));
    auto id = tx.plan().InsertIndicator(ind);
    if (!id) return Fail(id.error());
    auto created = tx.plan().GetIndicator(*id);
    if (!created) return Fail(created.error());
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kIndicator, *id, "create", Created(Diff(Indicator{}, *created)),
                      Diff(Indicator{}, *created)));
    return created;
  });
}

Result<Indicator> UpdateIndicator(Store& store, const Caller& caller, const Indicator& ind) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  JOSPAR_TRY(ValidateIndicator(ind));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Indicator> {
    auto before = tx.plan().GetIndicator(ind.id);
    if (!before) return Fail(before.error());
    JOSPAR_TRY(CheckVersion(before->version, ind.version));
    JOSPAR_TRY(CheckIndicatorRefs(tx, ind));
    auto changes = Diff(*before, ind);
    if (changes.empty()) return before;
    JOSPAR_TRY(tx.plan().UpdateIndicator(ind));
    auto after = tx.plan().GetIndicator(ind.id);
    if (!after) return Fail(after.error());
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kIndicator, ind.id, "update", std::move(changes),
                      Diff(Indicator{}, *after)));
    return after;
  });
}

Status DeleteIndicator(Store& store, const Caller& caller, Id id,
                       std::optional<std::int64_t> expected_version) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto before = tx.plan().GetIndicator(id);
    if (!before) return Fail(before.error());
    if (expected_version) JOSPAR_TRY(CheckVersion(before->version, *expected_version));
    JOSPAR_TRY(RequireDraftGoal(tx, before->goal_id));
    JOSPAR_TRY(tx.plan().DeleteIndicator(id));
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kIndicator, id, "delete", Diff(*before, Indicator{}),
                      Diff(Indicator{}, *before)));
    return Status{};
  });
}

// ---- Measures -----------------------------------------------------------------------------------------

Result<Measure> CreateMeasure(Store& store, const Caller& caller, Measure measure) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  measure.id = 0;
  measure.version = 1;
  JOSPAR_TRY(ValidateMeasure(measure));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Measure> {
    JOSPAR_TRY(CheckMeasureRefs(tx, measure));
    auto id = tx.plan().InsertMeasure(measure);
    if (!id) return Fail(id.error());
    auto created = tx.plan().GetMeasure(*id);
    if (!created) return Fail(created.error());
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kMeasure, *id, "create", Created(Diff(Measure{}, *created)),
                      Diff(Measure{}, *created)));
    return created;
  });
}

Result<Measure> UpdateMeasure(Store& store, const Caller& caller, const Measure& measure) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  JOSPAR_TRY(ValidateMeasure(measure));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Measure> {
    auto before = tx.plan().GetMeasure(measure.id);
    if (!before) return Fail(before.error());
    JOSPAR_TRY(CheckVersion(before->version, measure.version));
    JOSPAR_TRY(CheckMeasureRefs(tx, measure));
    auto changes = Diff(*before, measure);
    if (changes.empty()) return before;
    JOSPAR_TRY(tx.plan().UpdateMeasure(measure));
    auto after = tx.plan().GetMeasure(measure.id);
    if (!after) return Fail(after.error());
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kMeasure, measure.id, "update", std::move(changes),
                      Diff(Measure{}, *after)));
    return after;
  });
}

Status DeleteMeasure(Store& store, const Caller& caller, Id id,
                     std::optional<std::int64_t> expected_version) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto before = tx.plan().GetMeasure(id);
    if (!before) return Fail(before.error());
    if (expected_version) JOSPAR_TRY(CheckVersion(before->version, *expected_version));
    JOSPAR_TRY(RequireDraftGoal(tx, before->goal_id));
    JOSPAR_TRY(tx.plan().DeleteMeasure(id));
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kMeasure, id, "delete", Diff(*before, Measure{}),
                      Diff(Measure{}, *before)));
    return Status{};
  });
}

// ---- Links --------------------------------------------------------------------------------------------

Result<Link> CreateLink(Store& store, const Caller& caller, Link link) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  link.id = 0;
  if (link.from == link.to)
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {},
                {{"to", "error.field.self_reference", {}}});
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Link> {
    std::vector<FieldError> errors;
    JOSPAR_TRY(CheckLinkEnd(tx, link.from, true, "from", errors));
    JOSPAR_TRY(CheckLinkEnd(tx, link.to, false, "to", errors));
    JOSPAR_TRY(FieldErrors(std::move(errors)));
    auto id = tx.plan().InsertLink(link);
    if (!id) return Fail(id.error());
    link.id = *id;
    const auto describe = [](const ObjectRef& r) {
      return std::string(ToString(r.kind)) + ":" + std::to_string(r.id);
    };
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kLink, *id, "create",
                      {{"from", "", describe(link.from)}, {"to", "", describe(link.to)}},
                      {{"from", "", describe(link.from)}, {"to", "", describe(link.to)}}));
    return link;
  });
}

Status DeleteLink(Store& store, const Caller& caller, Id id) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto before = tx.plan().GetLink(id);
    if (!before) return Fail(before.error());
    JOSPAR_TRY(tx.plan().DeleteLink(id));
    const auto describe = [](const ObjectRef& r) {
      return std::string(ToString(r.kind)) + ":" + std::to_string(r.id);
    };
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kLink, id, "delete",
                      {{"from", describe(before->from), ""}, {"to", describe(before->to), ""}},
                      {{"from", "", describe(before->from)}, {"to", "", describe(before->to)}}));
    return Status{};
  });
}

// ---- Actual values ------------------------------------------------------------------------------------

Result<UpsertResult> ReportValue(Store& store, const Caller& caller, const Observation& obs) {
  JOSPAR_TRY(Allow(caller.principal, caller.principal.IsStaff()));
  JOSPAR_TRY(ValidateObservation(obs));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<UpsertResult> {
    auto ind = tx.plan().GetIndicator(obs.indicator_id);
    if (!ind) return Fail(ind.error());
    JOSPAR_TRY(Allow(caller.principal, CanReportValue(caller.principal, *ind)));
    auto outcome = tx.plan().UpsertObservation(obs);
    if (!outcome) return Fail(outcome.error());
    if (outcome->outcome == UpsertOutcome::kUnchanged) return outcome;
    std::string before = outcome->previous_value ? FormatNumber(*outcome->previous_value) : std::string();
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kIndicator, obs.indicator_id, "report",
                      {{ObservationKey(obs), before, FormatNumber(obs.value)}},
                      {{ObservationKey(obs), "", FormatNumber(obs.value)}}));
    return outcome;
  });
}

}  // namespace jospar::usecases
