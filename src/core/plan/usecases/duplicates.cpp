#include "core/plan/usecases/duplicates.hpp"
#include "core/plan/access.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "core/plan/lifecycle.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/plan_support.hpp"

namespace jospar::usecases {
namespace {

using detail::Allow;
using detail::Record;

struct Object {
  Id id = 0;
  std::string code;
  Text title;
};

// Every object of `kind`, in pages of 500.
Result<std::vector<Object>> LoadAll(Tx& tx, DuplicateKind kind) {
  std::vector<Object> out;
  PageRequest p;
  p.sort = "id";
  p.limit = 500;
  while (true) {
    std::string next;
    switch (kind) {
      case DuplicateKind::kIndicator: {
        auto page = tx.plan().ListIndicators({}, p);
        if (!page) return Fail(page.error());
        for (auto& i : page->items) out.push_back({i.id, i.code, i.title});
        next = page->next_cursor;
        break;
      }
      case DuplicateKind::kGoal: {
        auto page = tx.plan().ListGoals({}, p);
        if (!page) return Fail(page.error());
        for (auto& g : page->items) out.push_back({g.id, g.code, g.title});
        next = page->next_cursor;
        break;
      }
      case DuplicateKind::kDocument: {
        auto page = tx.plan().ListDocuments({}, p);
        if (!page) return Fail(page.error());
        for (auto& d : page->items)
          if (d.status != DocStatus::kMerged) out.push_back({d.id, d.code, d.title});
        next = page->next_cursor;
        break;
      }
    }
    if (next.empty()) break;
    p.cursor = next;
  }
  return out;
}

Status Exists(Tx& tx, DuplicateKind kind, Id id) {
  switch (kind) {
    case DuplicateKind::kIndicator: {
      auto r = tx.plan().GetIndicator(id);
      if (!r) return Fail(r.error());
      return {};
    }
    case DuplicateKind::kGoal: {
      auto r = tx.plan().GetGoal(id);
      if (!r) return Fail(r.error());
      return {};
    }
    case DuplicateKind::kDocument: {
      auto r = tx.plan().GetDocument(id);
      if (!r) return Fail(r.error());
      return {};
    }
  }
  return {};
}

Status CheckPair(Id a, Id b) {
  if (a != b) return {};
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {},
              {{"b", "error.duplicate.same_object", {}}});
}

// Ids merged into another object, from the decisions.
std::set<Id> MergedIds(const std::vector<DuplicateDecision>& decisions) {
  std::set<Id> out;
  for (const auto& d : decisions)
    if (d.verdict == DuplicateVerdict::kMerged) out.insert(d.b_id);
  return out;
}

// Moves the "contributes to" links of `from` to `to`.
Status MoveLinks(Tx& tx, ObjectRef from, ObjectRef to) {
  auto out = tx.plan().ListLinksFrom(from);
  if (!out) return Fail(out.error());
  auto in = tx.plan().ListLinksTo(from);
  if (!in) return Fail(in.error());
  auto move = [&](const Link& old, Link moved) -> Status {
    JOSPAR_TRY(tx.plan().DeleteLink(old.id));
    if (moved.from == moved.to) return {};
    auto id = tx.plan().InsertLink(moved);
    if (!id && id.error().code != ErrorCode::kConflict) return Fail(id.error());
    return {};
  };
  for (const Link& l : *out) JOSPAR_TRY(move(l, Link{0, to, l.to}));
  for (const Link& l : *in) JOSPAR_TRY(move(l, Link{0, l.from, to}));
  return {};
}

Status MoveChildren(Tx& tx, DuplicateKind kind, Id keep, Id merged) {
  PageRequest p;
  p.sort = "id";
  p.limit = 500;
  if (kind == DuplicateKind::kGoal) {
    auto keep_goal = tx.plan().GetGoal(keep);
    if (!keep_goal) return Fail(keep_goal.error());
    auto merged_goal = tx.plan().GetGoal(merged);
    if (!merged_goal) return Fail(merged_goal.error());
    // Indicators measure the kept goal from now on.
    while (true) {
      IndicatorFilter f;
      f.goal_id = merged;
      auto page = tx.plan().ListIndicators(f, p);
      if (!page) return Fail(page.error());
      if (page->items.empty()) break;
      for (Indicator i : page->items) {
        i.goal_id = keep;
        JOSPAR_TRY(tx.plan().UpdateIndicator(i));
      }
    }
    // Tasks move only within one document (a task belongs to a goal of its own document).
    if (keep_goal->document_id == merged_goal->document_id) {
      GoalFilter f;
      f.parent_id = merged;
      auto page = tx.plan().ListGoals(f, p);
      if (!page) return Fail(page.error());
      for (Goal g : page->items) {
        if (g.id == keep) continue;
        g.parent_id = keep;
        JOSPAR_TRY(tx.plan().UpdateGoal(g));
      }
    }
  }
  if (kind == DuplicateKind::kDocument) {
    DocumentFilter f;
    f.parent_id = merged;
    auto page = tx.plan().ListDocuments(f, p);
    if (!page) return Fail(page.error());
    for (Document d : page->items) {
      if (d.id == keep) continue;
      d.parent_id = keep;
      JOSPAR_TRY(tx.plan().UpdateDocument(d));
    }
  }
  return {};
}

}  // namespace

Result<DuplicateList> ListDuplicates(Store& store, const Caller& caller, const PairFinder& finder,
                                     DuplicateKind kind, std::int64_t offset, int limit) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  auto objects = LoadAll(**tx, kind);
  if (!objects) return Fail(objects.error());
  auto decisions = (*tx)->plan().ListDuplicateDecisions(kind);
  if (!decisions) return Fail(decisions.error());
  std::set<Id> merged = MergedIds(*decisions);
  std::set<std::pair<Id, Id>> dismissed;
  for (const auto& d : *decisions)
    if (d.verdict == DuplicateVerdict::kDismissed) dismissed.insert(std::minmax(d.a_id, d.b_id));
  std::vector<Object> live;
  for (auto& o : *objects)
    if (!merged.count(o.id)) live.push_back(std::move(o));
  std::vector<SimilarityItem> items;
  items.reserve(live.size());
  for (const auto& o : live) items.push_back({o.id, o.title});
  std::vector<DuplicateCandidate> all;
  for (ItemPair& p : finder.Find(items)) {
    const Object* a = &live[p.a];
    const Object* b = &live[p.b];
    if (a->id > b->id) std::swap(a, b);
    if (dismissed.count({a->id, b->id})) continue;
    all.push_back(
        {kind, a->id, b->id, a->code, b->code, a->title, b->title, p.score, std::move(p.shared_terms)});
  }
  DuplicateList out;
  out.total = static_cast<std::int64_t>(all.size());
  const auto first = static_cast<std::size_t>(std::clamp<std::int64_t>(offset, 0, out.total));
  const auto count =
      std::min<std::size_t>(static_cast<std::size_t>(std::clamp(limit, 1, 500)), all.size() - first);
  out.items.assign(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(first)),
                   std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(first + count)));
  return out;
}

Status DismissDuplicate(Store& store, const Caller& caller, DuplicateKind kind, Id a, Id b) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  JOSPAR_TRY(CheckPair(a, b));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    JOSPAR_TRY(Exists(tx, kind, a));
    JOSPAR_TRY(Exists(tx, kind, b));
    auto [lo, hi] = std::minmax(a, b);
    DuplicateDecision d{0, kind, lo, hi, DuplicateVerdict::kDismissed, caller.principal.name, caller.now};
    JOSPAR_TRY(tx.plan().InsertDuplicateDecision(d));
    const ObjectKind ok = ObjectKindOf(kind);
    JOSPAR_TRY(Record(tx, caller, ok, lo, "duplicate:dismissed",
                      {{"not_duplicate_of", "", std::to_string(hi)}},
                      {{"not_duplicate_of", "", std::to_string(hi)}}));
    JOSPAR_TRY(Record(tx, caller, ok, hi, "duplicate:dismissed",
                      {{"not_duplicate_of", "", std::to_string(lo)}},
                      {{"not_duplicate_of", "", std::to_string(lo)}}));
    return Status{};
  });
}

Status MergeDuplicate(Store& store, const Caller& caller, DuplicateKind kind, Id keep, Id merged) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  JOSPAR_TRY(CheckPair(keep, merged));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    JOSPAR_TRY(Exists(tx, kind, keep));
    JOSPAR_TRY(Exists(tx, kind, merged));
    auto decisions = tx.plan().ListDuplicateDecisions(kind);
    if (!decisions) return Fail(decisions.error());
    std::set<Id> gone = MergedIds(*decisions);
    if (gone.count(keep) || gone.count(merged))
      return Fail(ErrorCode::kConflict, "error.duplicate.merged", "one of the pair is merged already");
    if (kind == DuplicateKind::kDocument) {
      auto doc = tx.plan().GetDocument(merged);
      if (!doc) return Fail(doc.error());
      Document next = *doc;
      JOSPAR_TRY(ApplyTransition(next, DocStatus::kMerged, keep));
      JOSPAR_TRY(tx.plan().UpdateDocument(next));
    }
    const ObjectKind ok = ObjectKindOf(kind);
    JOSPAR_TRY(MoveLinks(tx, {ok, merged}, {ok, keep}));
    JOSPAR_TRY(MoveChildren(tx, kind, keep, merged));
    DuplicateDecision d{0, kind, keep, merged, DuplicateVerdict::kMerged, caller.principal.name, caller.now};
    JOSPAR_TRY(tx.plan().InsertDuplicateDecision(d));
    JOSPAR_TRY(Record(tx, caller, ok, merged, "duplicate:merged", {{"merged_into", "", std::to_string(keep)}},
                      {{"merged_into", "", std::to_string(keep)}}));
    JOSPAR_TRY(Record(tx, caller, ok, keep, "duplicate:absorbed", {{"absorbed", "", std::to_string(merged)}},
                      {{"absorbed", "", std::to_string(merged)}}));
    return Status{};
  });
}

Result<std::vector<DuplicateDecision>> ListDuplicateDecisions(Store& store, const Caller& caller,
                                                              DuplicateKind kind) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  return (*tx)->plan().ListDuplicateDecisions(kind);
}

}  // namespace jospar::usecases
