#include "core/plan/usecases/import_opensdg.hpp"
#include "core/audit/audit.hpp"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/audit/decisions.hpp"
#include "core/audit/history.hpp"
#include "core/ledger/repository.hpp"
#include "core/plan/lifecycle.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/plan.hpp"
#include "core/plan/usecases/plan_support.hpp"

namespace jospar::usecases {
namespace {

constexpr const char* kActor = "import";

class Importer {
 public:
  Importer(Tx& tx, const OpenSdgDataset& ds, std::string_view now, const ImportProgress& progress)
      : tx_(tx), ds_(ds), now_(now), progress_(progress) {
    total_ = static_cast<std::int64_t>(ds.goals.size() + ds.targets.size() + ds.indicators.size() +
                                       ds.code_names.size());
  }

  Result<ImportReport> Run() {
    report_.warnings = static_cast<std::int64_t>(ds_.warnings.size());
    for (const auto& g : ds_.goals) {
      JOSPAR_TRY(Node(g.code, SdgKind::kGoal, std::nullopt, g.title, report_.goals));
      Step();
    }
    for (const auto& t : ds_.targets) {
      auto goal = ids_.find(t.goal_code);
      std::optional<Id> parent;
      if (goal != ids_.end()) parent = goal->second;
      JOSPAR_TRY(Node(t.code, SdgKind::kTarget, parent, t.title, report_.targets));
      Step();
    }
    for (const auto& c : ds_.code_names) {
      auto outcome = tx_.plan().UpsertCodeName(c);
      if (!outcome) return Fail(outcome.error());
      Count(*outcome, report_.code_names);
      Step();
    }
    for (const auto& n : ds_.indicators) {
      JOSPAR_TRY(NationalIndicator(n));
      Step();
    }
    if (progress_ && done_ != total_) progress_(total_, total_);
    return report_;
  }

 private:
  static void Count(UpsertOutcome o, ImportCounts& c) {
    switch (o) {
      case UpsertOutcome::kInserted:
        ++c.inserted;
        break;
      case UpsertOutcome::kUpdated:
        ++c.updated;
        break;
      case UpsertOutcome::kUnchanged:
        ++c.unchanged;
        break;
    }
  }

  void Step() {
    ++done_;
    if (progress_) progress_(done_, total_);
  }

  // Bulk loads: the logged content is what the load established (the new values it recorded).
  Status Record(ObjectKind kind, Id id, std::string action, std::vector<FieldChange> changes) {
    ++report_.history_entries;
    auto recorded =
        audit::Record(tx_, {kActor, "system", now_}, {kind, id}, std::move(action), std::move(changes));
    if (!recorded) return Fail(recorded.error());
    return {};
  }

  static void DiffText(const Text& before, const Text& after, const std::string& field,
                       std::vector<FieldChange>& out) {
    for (Lang l : kLangs) {
      if (before.Get(l) != after.Get(l))
        out.push_back({field + "." + std::string(LangCode(l)), before.Get(l), after.Get(l)});
    }
  }

  static std::string IdText(std::optional<Id> id) { return id ? std::to_string(*id) : std::string(); }

  Status Node(const std::string& code, SdgKind kind, std::optional<Id> parent, const Text& title,
              ImportCounts& counts) {
    ObjectKind object = kind == SdgKind::kGoal ? ObjectKind::kSdgGoal : ObjectKind::kSdgTarget;
    SdgNode node;
    node.code = code;
    node.kind = kind;
    node.parent_id = parent;
    node.title = title;
    auto existing = tx_.plan().GetSdgNodeByCode(code);
    if (!existing && existing.error().code != ErrorCode::kNotFound) return Fail(existing.error());
    std::vector<FieldChange> changes;
    SdgNode before;
    if (existing) before = *existing;
    if (before.code != node.code) changes.push_back({"code", before.code, node.code});
    if (existing && before.kind != node.kind)
      changes.push_back({"kind", std::string(ToString(before.kind)), std::string(ToString(node.kind))});
    if (before.parent_id != node.parent_id)
      changes.push_back({"parent_id", IdText(before.parent_id), IdText(node.parent_id)});
    DiffText(before.title, node.title, "title", changes);
    if (existing && changes.empty()) {
      ++counts.unchanged;
      ids_[code] = existing->id;
      return {};
    }
    auto id = tx_.plan().UpsertSdgNode(node);
    if (!id) return Fail(id.error());
    ids_[code] = *id;
    if (existing) {
      ++counts.updated;
      return Record(object, *id, "update", std::move(changes));
    }
    ++counts.inserted;
    return Record(object, *id, "create", std::move(changes));
  }

  Status NationalIndicator(const jospar::NationalIndicator& n) {
    std::optional<Id> target;
    if (auto it = ids_.find(n.target_code); it != ids_.end()) target = it->second;
    Indicator desired = ToIndicator(n, target);
    if (auto valid = ValidateIndicator(desired); !valid) {
      Error e = valid.error();
      e.detail = "indicator " + n.code;
      return Fail(std::move(e));
    }
    auto existing = tx_.plan().GetIndicatorByCode(n.code);
    if (!existing && existing.error().code != ErrorCode::kNotFound) return Fail(existing.error());
    Id id = 0;
    bool is_new = !existing;
    if (!existing) {
      auto inserted = tx_.plan().InsertIndicator(desired);
      if (!inserted) return Fail(inserted.error());
      id = *inserted;
      ++report_.indicators.inserted;
      desired.id = id;
      JOSPAR_TRY(Record(ObjectKind::kIndicator, id, "create", Diff(Indicator{}, desired)));
    } else {
      id = existing->id;
      Indicator updated = *existing;  // keeps what the import does not own (goal, targets, owner, ...)
      updated.title = desired.title;
      updated.unit = desired.unit;
      updated.source = desired.source;
      updated.sdg_target_id = desired.sdg_target_id;
      auto changes = Diff(*existing, updated);
      if (changes.empty()) {
        ++report_.indicators.unchanged;
      } else {
        // `updated.version` is the version just read: a concurrent change gives kConflict.
        JOSPAR_TRY(tx_.plan().UpdateIndicator(updated));
        ++report_.indicators.updated;
        JOSPAR_TRY(Record(ObjectKind::kIndicator, id, "update", std::move(changes)));
      }
    }
    return Observations(n, id, is_new);
  }

  static std::string Key(const Observation& o) {
    return o.series + '\x1f' + o.unit + '\x1f' + o.period + '\x1f' + o.disaggregation;
  }

  Status Observations(const jospar::NationalIndicator& n, Id indicator_id, bool is_new) {
    // The values already stored, read once, so that unchanged ones cost no write (a re-import is mostly
    // reads; on PostgreSQL this saves a round trip per value).
    std::unordered_map<std::string, double> stored;
    if (!is_new) {
      auto list = tx_.plan().ListObservations(indicator_id);
      if (!list) return Fail(list.error());
      stored.reserve(list->size());
      for (const auto& o : *list) stored.emplace(Key(o), o.value);
    }
    std::int64_t added = 0;
    std::vector<FieldChange> changes;
    for (const auto& source : n.observations) {
      Observation o = source;
      o.indicator_id = indicator_id;
      if (auto valid = ValidateObservation(o); !valid) {
        Error e = valid.error();
        e.detail = "indicator " + n.code + ", period " + o.period;
        return Fail(std::move(e));
      }
      if (auto it = stored.find(Key(o)); it != stored.end() && it->second == o.value) {
        ++report_.observations.unchanged;
        continue;
      }
      auto r = tx_.plan().UpsertObservation(o);
      if (!r) return Fail(r.error());
      Count(r->outcome, report_.observations);
      if (r->outcome == UpsertOutcome::kInserted) {
        ++added;
      } else if (r->outcome == UpsertOutcome::kUpdated) {
        changes.push_back({"value[" + o.period + "|" + o.series + "|" + o.unit + "|" + o.disaggregation + "]",
                           r->previous_value ? FormatNumber(*r->previous_value) : std::string(),
                           FormatNumber(o.value)});
      }
    }
    if (added > 0) changes.insert(changes.begin(), {"observations.added", "", std::to_string(added)});
    if (changes.empty()) return {};
    return Record(ObjectKind::kIndicator, indicator_id, "import", std::move(changes));
  }

  Tx& tx_;
  const OpenSdgDataset& ds_;
  std::string now_;
  const ImportProgress& progress_;
  ImportReport report_;
  std::map<std::string, Id> ids_;  // SDG node code -> id
  std::int64_t done_ = 0, total_ = 0;
};

}  // namespace

Result<ImportReport> ImportOpenSdg(Store& store, const OpenSdgDataset& dataset, std::string_view now,
                                   const ImportProgress& progress) {
  // A folder that yields no indicator is not the data the user meant (another country's repository, a
  // folder of unrelated files): goals and code lists alone would "succeed" with nothing of use imported.
  if (dataset.indicators.empty()) {
    std::string detail =
        "no indicator found: expected data/indicator_G-T-I.csv with meta/G-T-I.yml giving the indicator a "
        "title in kk, ru or en";
    if (!dataset.warnings.empty())
      detail += " (" + std::to_string(dataset.warnings.size()) + " warnings say what was skipped)";
    return Fail(ErrorCode::kInvalidInput, "error.import.no_indicator", std::move(detail));
  }
  // All or nothing: an error rolls the whole import back.
  return audit::InWriteTx(store, [&](Tx& tx) { return Importer(tx, dataset, now, progress).Run(); });
}

}  // namespace jospar::usecases
