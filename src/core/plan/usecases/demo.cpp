#include "core/plan/usecases/demo.hpp"
#include "core/audit/audit.hpp"

#include <map>
#include <memory>
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

constexpr const char* kActor = "demo";

Error Named(Error e, const std::string& what) {
  e.detail = what + (e.detail.empty() ? "" : ": " + e.detail);
  for (const auto& f : e.fields) e.detail += " [" + f.field + ": " + f.message_key + "]";
  return e;
}

class SeedLoader {
 public:
  SeedLoader(Tx& tx, const PlanSeed& seed, std::string_view now) : tx_(tx), seed_(seed), now_(now) {}

  Result<PlanSeedReport> Run() {
    for (const auto& b : seed_.bodies) JOSPAR_TRY(Body(b));
    JOSPAR_TRY(Documents());
    for (const auto& d : seed_.documents) {
      JOSPAR_TRY(LoadGoalsOf(documents_.at(d.document.code)));
      for (const auto& g : d.goals) JOSPAR_TRY(Goal(d.document.code, g, std::nullopt));
    }
    for (const auto& l : links_) JOSPAR_TRY(Link(l.from, l.label, *l.target));
    return report_;
  }

 private:
  static void Count(bool inserted, bool changed, ImportCounts& c) {
    if (inserted)
      ++c.inserted;
    else if (changed)
      ++c.updated;
    else
      ++c.unchanged;
  }

  // Bulk loads: the logged content is what the load established (the new values it recorded).
  Status Record(ObjectKind kind, Id id, std::string action, std::vector<FieldChange> changes) {
    ++report_.history_entries;
    auto recorded =
        audit::Record(tx_, {kActor, "system", now_}, {kind, id}, std::move(action), std::move(changes));
    if (!recorded) return Fail(recorded.error());
    return {};
  }

  // The id of a body of the seed; a code the seed does not define is left out with a warning.
  std::optional<Id> BodyId(const std::string& code) {
    if (code.empty()) return std::nullopt;
    auto it = bodies_.find(code);
    if (it != bodies_.end()) return it->second;
    report_.warnings.push_back("body " + code + " is not defined in the seed; reference left out");
    return std::nullopt;
  }

  // Lookup by code: the object, nullopt when there is none, or the store's error.
  template <class T>
  static Result<std::optional<T>> Found(Result<T> r) {
    if (r) return std::optional<T>(std::move(*r));
    if (r.error().code == ErrorCode::kNotFound) return std::optional<T>();
    return Fail(r.error());
  }

  Status Body(const SeedBody& s) {
    StateBody b;
    b.code = s.code;
    b.kind = s.kind;
    b.parent_id = BodyId(s.parent);
    b.title = s.title;
    if (auto v = ValidateBody(b); !v) return Fail(Named(v.error(), "body " + s.code));
    auto existing = Found(tx_.plan().GetBodyByCode(s.code));
    if (!existing) return Fail(existing.error());
    if (!*existing) {
      auto id = tx_.plan().InsertBody(b);
      if (!id) return Fail(id.error());
      bodies_[s.code] = *id;
      b.id = *id;
      Count(true, false, report_.bodies);
      return Record(ObjectKind::kBody, *id, "create", Diff(StateBody{}, b));
    }
    const StateBody& before = **existing;
    bodies_[s.code] = before.id;
    b.id = before.id;
    b.version = before.version;
    auto changes = Diff(before, b);
    Count(false, !changes.empty(), report_.bodies);
    if (changes.empty()) return {};
    JOSPAR_TRY(tx_.plan().UpdateBody(b));
    return Record(ObjectKind::kBody, b.id, "update", std::move(changes));
  }

  // Documents in an order where the parent and the merge target of each come first.
  Status Documents() {
    std::vector<const SeedDocument*> pending;
    for (const auto& d : seed_.documents) pending.push_back(&d);
    while (!pending.empty()) {
      std::vector<const SeedDocument*> later;
      for (const auto* d : pending) {
        bool ready = (d->parent.empty() || documents_.count(d->parent)) &&
                     (d->merged_into.empty() || documents_.count(d->merged_into));
        if (ready)
          JOSPAR_TRY(Document(*d));
        else
          later.push_back(d);
      }
      if (later.size() == pending.size()) {
        return Fail(ErrorCode::kInvalidInput, "error.invalid_input",
                    "document " + later.front()->document.code +
                        ": its parent or merged_into document is missing or forms a cycle");
      }
      pending = std::move(later);
    }
    return {};
  }

  Status Document(const SeedDocument& s) {
    jospar::Document d = s.document;
    d.id = 0;
    d.owner_body_id = BodyId(s.owner);
    d.parent_id = s.parent.empty() ? std::nullopt : std::optional<Id>(documents_.at(s.parent));
    d.merged_into_id = s.merged_into.empty() ? std::nullopt : std::optional<Id>(documents_.at(s.merged_into));
    if (auto v = ValidateDocument(d); !v) return Fail(Named(v.error(), "document " + d.code));
    auto existing = Found(tx_.plan().GetDocumentByCode(d.code));
    if (!existing) return Fail(existing.error());
    if (!*existing) {
      auto id = tx_.plan().InsertDocument(d);
      if (!id) return Fail(id.error());
      documents_[d.code] = *id;
      d.id = *id;
      Count(true, false, report_.documents);
      return Record(ObjectKind::kDocument, *id, "create", Diff(jospar::Document{}, d));
    }
    const jospar::Document& before = **existing;
    documents_[d.code] = before.id;
    d.id = before.id;
    d.version = before.version;
    d.edition = before.edition;
    auto changes = Diff(before, d);
    Count(false, !changes.empty(), report_.documents);
    if (changes.empty()) return {};
    JOSPAR_TRY(tx_.plan().UpdateDocument(d));
    return Record(ObjectKind::kDocument, d.id, "update", std::move(changes));
  }

  // Reads the existing goals of a document (by code) so that the seed's goals are matched to them.
  Status LoadGoalsOf(Id document_id) {
    GoalFilter f;
    f.document_id = document_id;
    PageRequest p;
    p.limit = 500;
    for (;;) {
      auto page = tx_.plan().ListGoals(f, p);
      if (!page) return Fail(page.error());
      for (auto& g : page->items) goals_[{document_id, g.code}] = g;
      if (page->next_cursor.empty()) break;
      p.cursor = page->next_cursor;
    }
    return {};
  }

  Status Goal(const std::string& doc_code, const SeedGoal& s, std::optional<Id> parent) {
    Id doc_id = documents_.at(doc_code);
    jospar::Goal g;
    g.document_id = doc_id;
    g.parent_id = parent;
    g.code = s.code;
    g.title = s.title;
    g.demo = s.demo;
    if (auto v = ValidateGoal(g); !v) return Fail(Named(v.error(), "goal " + doc_code + "/" + s.code));
    auto it = goals_.find({doc_id, s.code});
    if (it == goals_.end()) {
      auto id = tx_.plan().InsertGoal(g);
      if (!id) return Fail(id.error());
      g.id = *id;
      goals_[{doc_id, s.code}] = g;
      Count(true, false, report_.goals);
      JOSPAR_TRY(Record(ObjectKind::kGoal, *id, "create", Diff(jospar::Goal{}, g)));
    } else {
      g.id = it->second.id;
      g.version = it->second.version;
      auto changes = Diff(it->second, g);
      Count(false, !changes.empty(), report_.goals);
      if (!changes.empty()) {
        JOSPAR_TRY(tx_.plan().UpdateGoal(g));
        ++g.version;
        it->second = g;
        JOSPAR_TRY(Record(ObjectKind::kGoal, g.id, "update", std::move(changes)));
      }
    }
    for (const auto& t : s.contributes_to)
      links_.push_back({ObjectRef{ObjectKind::kGoal, g.id}, "goal " + doc_code + "/" + s.code, &t});
    for (const auto& task : s.tasks) JOSPAR_TRY(Goal(doc_code, task, g.id));
    for (const auto& i : s.indicators) JOSPAR_TRY(Indicator(i, g.id));
    for (const auto& m : s.measures) JOSPAR_TRY(Measure(m, g.id));
    return {};
  }

  Status Indicator(const SeedIndicator& s, Id goal_id) {
    jospar::Indicator ind = s.indicator;
    ind.goal_id = goal_id;
    ind.responsible_body_id = BodyId(s.responsible);
    if (auto v = ValidateIndicator(ind); !v) return Fail(Named(v.error(), "indicator " + ind.code));
    auto existing = Found(tx_.plan().GetIndicatorByCode(ind.code));
    if (!existing) return Fail(existing.error());
    if (!*existing) {
      auto id = tx_.plan().InsertIndicator(ind);
      if (!id) return Fail(id.error());
      ind.id = *id;
      Count(true, false, report_.indicators);
      JOSPAR_TRY(Record(ObjectKind::kIndicator, *id, "create", Diff(jospar::Indicator{}, ind)));
    } else {
      const jospar::Indicator& before = **existing;
      ind.id = before.id;
      ind.version = before.version;
      ind.sdg_target_id = before.sdg_target_id;
      auto changes = Diff(before, ind);
      Count(false, !changes.empty(), report_.indicators);
      if (!changes.empty()) {
        JOSPAR_TRY(tx_.plan().UpdateIndicator(ind));
        JOSPAR_TRY(Record(ObjectKind::kIndicator, ind.id, "update", std::move(changes)));
      }
    }
    for (const auto& t : s.contributes_to)
      links_.push_back({ObjectRef{ObjectKind::kIndicator, ind.id}, "indicator " + ind.code, &t});
    return {};
  }

  Status Measure(const SeedMeasure& s, Id goal_id) {
    jospar::Measure m = s.measure;
    m.goal_id = goal_id;
    m.responsible_body_id = BodyId(s.responsible);
    if (auto v = ValidateMeasure(m); !v) return Fail(Named(v.error(), "measure " + m.title.en));
    MeasureFilter f;
    f.goal_id = goal_id;
    PageRequest p;
    p.limit = 500;
    auto page = tx_.plan().ListMeasures(f, p);
    if (!page) return Fail(page.error());
    const jospar::Measure* before = nullptr;
    for (const auto& e : page->items)
      if (e.title == m.title) before = &e;
    if (!before) {
      auto id = tx_.plan().InsertMeasure(m);
      if (!id) return Fail(id.error());
      m.id = *id;
      Count(true, false, report_.measures);
      return Record(ObjectKind::kMeasure, *id, "create", Diff(jospar::Measure{}, m));
    }
    m.id = before->id;
    m.version = before->version;
    auto changes = Diff(*before, m);
    Count(false, !changes.empty(), report_.measures);
    if (changes.empty()) return {};
    JOSPAR_TRY(tx_.plan().UpdateMeasure(m));
    return Record(ObjectKind::kMeasure, m.id, "update", std::move(changes));
  }

  // Resolves a link target to an object in the database; nullopt (with a warning) when it is not there.
  Result<std::optional<ObjectRef>> Resolve(const std::string& label, const SeedLinkTarget& t) {
    using K = SeedLinkTarget::Kind;
    auto missing = [&](const std::string& what) -> Result<std::optional<ObjectRef>> {
      report_.warnings.push_back(label + ": link to " + t.text + " skipped: " + what);
      return std::optional<ObjectRef>();
    };
    if (t.kind == K::kSdg) {
      auto node = Found(tx_.plan().GetSdgNodeByCode(t.code));
      if (!node) return Fail(node.error());
      if (!*node) return missing("no SDG goal or target " + t.code + " (import the Open SDG data first)");
      return std::optional<ObjectRef>(ObjectRef{
          (*node)->kind == SdgKind::kGoal ? ObjectKind::kSdgGoal : ObjectKind::kSdgTarget, (*node)->id});
    }
    if (t.kind == K::kIndicator) {
      auto ind = Found(tx_.plan().GetIndicatorByCode(t.code));
      if (!ind) return Fail(ind.error());
      if (!*ind) return missing("no indicator " + t.code);
      return std::optional<ObjectRef>(ObjectRef{ObjectKind::kIndicator, (*ind)->id});
    }
    auto doc = documents_.find(t.document_code);
    if (doc == documents_.end()) return missing("no document " + t.document_code);
    auto goal = goals_.find({doc->second, t.code});
    if (goal == goals_.end()) return missing("no goal " + t.code + " in " + t.document_code);
    return std::optional<ObjectRef>(ObjectRef{ObjectKind::kGoal, goal->second.id});
  }

  Status Link(const ObjectRef& from, const std::string& label, const SeedLinkTarget& t) {
    auto to = Resolve(label, t);
    if (!to) return Fail(to.error());
    if (!*to) return {};
    auto existing = tx_.plan().ListLinksFrom(from);
    if (!existing) return Fail(existing.error());
    for (const auto& l : *existing) {
      if (l.to == **to) {
        ++report_.links.unchanged;
        return {};
      }
    }
    jospar::Link link;
    link.from = from;
    link.to = **to;
    auto id = tx_.plan().InsertLink(link);
    if (!id) return Fail(id.error());
    ++report_.links.inserted;
    return Record(ObjectKind::kLink, *id, "create",
                  {{"from", "", std::string(ToString(from.kind)) + ":" + std::to_string(from.id)},
                   {"to", "", std::string(ToString(link.to.kind)) + ":" + std::to_string(link.to.id)}});
  }

  Tx& tx_;
  const PlanSeed& seed_;
  std::string now_;
  PlanSeedReport report_;
  std::map<std::string, Id> bodies_, documents_;
  std::map<std::pair<Id, std::string>, jospar::Goal> goals_;
  struct PendingLink {
    ObjectRef from;
    std::string label;  // the seed object, e.g. "goal NDP-2029/1.1"
    const SeedLinkTarget* target;
  };
  std::vector<PendingLink> links_;
};

}  // namespace

Result<PlanSeedReport> LoadPlanSeed(Store& store, const PlanSeed& seed, std::string_view now) {
  return audit::InWriteTx(store, [&](Tx& tx) { return SeedLoader(tx, seed, now).Run(); });
}

}  // namespace jospar::usecases
