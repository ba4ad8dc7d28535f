// Legacy programme import: check every row, then write through the plan use cases in one transaction.
#include "core/plan/usecases/import_legacy.hpp"
#include "core/plan/access.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <utility>

#include "core/base/shared_tx.hpp"
#include "core/ledger/repository.hpp"
#include "core/plan/lifecycle.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/plan_support.hpp"

namespace jospar::usecases {
namespace {

// Lookup: the object, nullopt when there is none, or the store's error.
template <class T>
Result<std::optional<T>> Found(Result<T> r) {
  if (r) return std::optional<T>(std::move(*r));
  if (r.error().code == ErrorCode::kNotFound) return std::optional<T>();
  return Fail(r.error());
}

// The template column of a use case's field name ("title.en" -> "title_en", "owner_body_id" -> "owner_body").
std::string ColumnOf(const std::string& field) {
  if (field == "title") return "title_kk, title_ru, title_en";
  if (field.rfind("planned", 0) == 0) return "value";
  std::string c = field;
  std::replace(c.begin(), c.end(), '.', '_');
  if (c.size() > 3 && c.compare(c.size() - 3, 3, "_id") == 0) c.resize(c.size() - 3);
  return c;
}

// The statuses a document passes through from `from` to `to` (excluding `from`), or nullopt when the
// lifecycle has no such path. Merging is never a step of an import.
std::optional<std::vector<DocStatus>> LifecyclePath(DocStatus from, DocStatus to) {
  if (from == to) return std::vector<DocStatus>{};
  const DocStatus all[] = {DocStatus::kDraft, DocStatus::kApproved, DocStatus::kInForce, DocStatus::kExpired,
                           DocStatus::kRepealed};
  std::map<DocStatus, DocStatus> came_from;
  std::deque<DocStatus> queue{from};
  while (!queue.empty()) {
    DocStatus s = queue.front();
    queue.pop_front();
    for (DocStatus n : all) {
      if (n == from || came_from.count(n) || !CanTransition(s, n)) continue;
      came_from[n] = s;
      if (n == to) {
        std::vector<DocStatus> path{to};
        for (DocStatus p = came_from[to]; p != from; p = came_from[p]) path.push_back(p);
        std::reverse(path.begin(), path.end());
        return path;
      }
      queue.push_back(n);
    }
  }
  return std::nullopt;
}

std::string ValueKey(const LegacyValue& v) {
  std::string k = v.indicator + " " + v.period;
  if (v.kind == LegacyValueKind::kPlanned) k += " planned";
  if (!v.disaggregation.empty()) k += " " + v.disaggregation;
  return k;
}

bool IsYear(const std::string& p) {
  return p.size() == 4 && std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class Importer {
 public:
  Importer(Tx& tx, Store& inner, const Caller& caller, const LegacyProgramme& p,
           const ImportProgress& progress)
      : tx_(tx), store_(inner), caller_(caller), p_(p), progress_(progress) {}

  // Checks every row; problems go to the report.
  Status Check() {
    // Documents: unique codes, valid fields, references.
    for (std::size_t i = 0; i < p_.documents.size(); ++i) {
      const auto& d = p_.documents[i];
      if (!d.document.code.empty() && !doc_rows_.emplace(d.document.code, i).second)
        Problem(d.at, "code", "error.legacy.duplicate", "each document once", d.document.code);
    }
    for (const auto& d : p_.documents) {
      jospar::Document probe = d.document;
      ValidationProblems(ValidateDocument(probe), d.at);
      if (!d.owner_body.empty()) JOSPAR_TRY(BodyRef(d.owner_body, d.at, "owner_body"));
      if (!d.parent.empty()) {
        if (d.parent == d.document.code) {
          Problem(d.at, "parent", "error.field.self_reference", "another document's code", d.parent);
        } else if (!doc_rows_.count(d.parent)) {
          auto found = Found(tx_.plan().GetDocumentByCode(d.parent));
          if (!found) return Fail(found.error());
          if (!*found) Problem(d.at, "parent", "error.legacy.unknown_document", "a document code", d.parent);
        }
      }
      if (d.document.code.empty()) continue;
      auto existing = Found(tx_.plan().GetDocumentByCode(d.document.code));
      if (!existing) return Fail(existing.error());
      if (d.status) {
        DocStatus from = *existing ? (*existing)->status : DocStatus::kDraft;
        if (!LifecyclePath(from, *d.status))
          Problem(d.at, "status", "error.legacy.status_path",
                  "a status reachable from " + std::string(ToString(from)), std::string(ToString(*d.status)));
      }
    }
    // Goals: unique (document, code), the document and the parent goal resolve.
    std::set<std::pair<std::string, std::string>> goal_keys;
    for (const auto& g : p_.goals)
      if (!g.code.empty() && !goal_keys.insert({g.document, g.code}).second)
        Problem(g.at, "code", "error.legacy.duplicate", "each goal of a document once", g.code);
    for (const auto& g : p_.goals) {
      jospar::Goal probe;
      probe.code = g.code;
      probe.title = g.title;
      probe.document_id = 1;
      ValidationProblems(ValidateGoal(probe), g.at);
      JOSPAR_TRY(DocumentRef(g.document, g.at, "document"));
      if (!g.parent.empty()) {
        if (g.parent == g.code)
          Problem(g.at, "parent", "error.field.self_reference", "the code of another goal", g.parent);
        else
          JOSPAR_TRY(GoalRef(g.document, g.parent, goal_keys, g.at, "parent"));
      }
    }
    // Indicators.
    std::set<std::string> indicator_codes;
    for (const auto& i : p_.indicators)
      if (!i.indicator.code.empty() && !indicator_codes.insert(i.indicator.code).second)
        Problem(i.at, "code", "error.legacy.duplicate", "each indicator once", i.indicator.code);
    for (const auto& i : p_.indicators) {
      ValidationProblems(ValidateIndicator(i.indicator), i.at);
      JOSPAR_TRY(DocumentRef(i.document, i.at, "document"));
      if (!i.goal.empty()) JOSPAR_TRY(GoalRef(i.document, i.goal, goal_keys, i.at, "goal"));
      if (!i.responsible_body.empty()) JOSPAR_TRY(BodyRef(i.responsible_body, i.at, "responsible_body"));
    }
    // Values.
    std::set<std::string> value_keys;
    for (const auto& v : p_.values) {
      if (!v.period.empty() && !value_keys.insert(ValueKey(v)).second)
        Problem(v.at, "period", "error.legacy.duplicate", "each value of an indicator and period once",
                v.period);
      if (v.indicator.empty()) continue;
      if (!indicator_codes.count(v.indicator)) {
        auto found = Found(tx_.plan().GetIndicatorByCode(v.indicator));
        if (!found) return Fail(found.error());
        if (!*found)
          Problem(v.at, "indicator", "error.legacy.unknown_indicator", "an indicator code", v.indicator);
      }
      Observation probe;
      probe.indicator_id = 1;
      probe.period = v.period;
      probe.value = v.value;
      if (!v.period.empty()) ValidationProblems(ValidateObservation(probe), v.at, v.period);
      if (v.kind == LegacyValueKind::kPlanned && !v.period.empty() && !IsYear(v.period))
        Problem(v.at, "period", "error.legacy.planned_year", "a year, e.g. 2030", v.period);
      if (v.kind == LegacyValueKind::kPlanned && !v.disaggregation.empty())
        Problem(v.at, "disaggregation", "error.legacy.planned_total", "empty (planned values are totals)",
                v.disaggregation);
    }
    return {};
  }

  // Writes everything through the use cases on `store_` (which shares the transaction).
  Status Apply() {
    total_ = static_cast<std::int64_t>(p_.Rows());
    JOSPAR_TRY(Documents());
    JOSPAR_TRY(Goals());
    JOSPAR_TRY(Indicators());
    JOSPAR_TRY(Values());
    if (progress_) progress_(total_, total_);
    return {};
  }

  LegacyImportReport& report() { return report_; }

 private:
  // ---- Checking -------------------------------------------------------------------------------------

  void Problem(const SheetLocation& row, const std::string& column, std::string key, std::string expected,
               std::string found) {
    SheetLocation at = row;
    at.column = column;
    report_.problems.push_back({std::move(at), std::move(key), std::move(expected), std::move(found)});
  }

  void ValidationProblems(const Status& st, const SheetLocation& at, const std::string& found = {}) {
    if (st) return;
    for (const auto& f : st.error().fields) Problem(at, ColumnOf(f.field), f.message_key, f.detail, found);
  }

  Status BodyRef(const std::string& code, const SheetLocation& at, const char* column) {
    if (bodies_.count(code)) return {};
    auto b = Found(tx_.plan().GetBodyByCode(code));
    if (!b) return Fail(b.error());
    if (!*b) {
      Problem(at, column, "error.legacy.unknown_body", "the code of a state body in Jospar", code);
      return {};
    }
    bodies_[code] = (*b)->id;
    return {};
  }

  Status DocumentRef(const std::string& code, const SheetLocation& at, const char* column) {
    if (code.empty() || doc_rows_.count(code)) return {};
    auto d = Found(tx_.plan().GetDocumentByCode(code));
    if (!d) return Fail(d.error());
    if (!*d)
      Problem(at, column, "error.legacy.unknown_document", "a document code in this file or in Jospar", code);
    return {};
  }

  Status GoalRef(const std::string& doc, const std::string& code,
                 const std::set<std::pair<std::string, std::string>>& in_file, const SheetLocation& at,
                 const char* column) {
    if (doc.empty() || in_file.count({doc, code})) return {};
    auto d = Found(tx_.plan().GetDocumentByCode(doc));
    if (!d) return Fail(d.error());
    if (*d) {
      JOSPAR_TRY(LoadGoals((*d)->id));
      if (goals_.count({(*d)->id, code})) return {};
    }
    Problem(at, column, "error.legacy.unknown_goal", "the code of a goal of document " + doc, code);
    return {};
  }

  Status LoadGoals(Id document_id) {
    if (!loaded_goals_.insert(document_id).second) return {};
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

  // ---- Writing --------------------------------------------------------------------------------------

  void Step() {
    ++done_;
    if (progress_ && (done_ % 64 == 0)) progress_(done_, total_);
  }

  // A use case refused a row: its problem, located; other errors end the import as errors.
  Status Refused(const Error& e, const SheetLocation& at) {
    if (e.code != ErrorCode::kInvalidInput && e.code != ErrorCode::kConflict) return Fail(e);
    if (e.fields.empty()) {
      Problem(at, "", e.message_key, e.detail, "");
    } else {
      for (const auto& f : e.fields) Problem(at, ColumnOf(f.field), f.message_key, f.detail, "");
    }
    return Fail(ErrorCode::kInvalidInput, "error.legacy.invalid");
  }

  void Count(LegacyChange c, ImportCounts& counts) {
    if (c == LegacyChange::kNew)
      ++counts.inserted;
    else if (c == LegacyChange::kChanged)
      ++counts.updated;
    else
      ++counts.unchanged;
  }

  void Object(ObjectKind kind, std::string what, std::string key, Id id, LegacyChange change,
              std::vector<FieldChange> fields, const SheetLocation& at, ImportCounts& counts) {
    Count(change, counts);
    report_.objects.push_back({kind, std::move(what), std::move(key), id, change, std::move(fields), at});
  }

  Status Documents() {
    std::vector<const LegacyDocument*> pending;
    for (const auto& d : p_.documents) pending.push_back(&d);
    std::map<std::string, Id> done;
    while (!pending.empty()) {
      std::vector<const LegacyDocument*> later;
      for (const auto* d : pending) {
        bool ready = d->parent.empty() || !doc_rows_.count(d->parent) || done.count(d->parent);
        if (!ready) {
          later.push_back(d);
          continue;
        }
        auto id = ApplyDocument(*d);
        if (!id) return Fail(id.error());
        done[d->document.code] = *id;
        Step();
      }
      if (later.size() == pending.size()) {
        Problem(later.front()->at, "parent", "error.field.cycle",
                "documents whose parents do not form a cycle", later.front()->parent);
        return Fail(ErrorCode::kInvalidInput, "error.legacy.invalid");
      }
      pending = std::move(later);
    }
    return {};
  }

  Result<Id> DocumentId(const std::string& code) {
    auto d = tx_.plan().GetDocumentByCode(code);
    if (!d) return Fail(d.error());
    return d->id;
  }

  Result<Id> ApplyDocument(const LegacyDocument& row) {
    auto existing = Found(tx_.plan().GetDocumentByCode(row.document.code));
    if (!existing) return Fail(existing.error());
    jospar::Document want = *existing ? **existing : row.document;
    const auto& src = row.document;
    want.code = src.code;
    want.tier = src.tier;
    want.type = src.type;
    want.title = src.title;
    want.summary = src.summary;
    want.act = src.act;
    want.start_year = src.start_year;
    want.end_year = src.end_year;
    want.owner_body_id.reset();
    if (!row.owner_body.empty()) want.owner_body_id = bodies_.at(row.owner_body);
    want.parent_id.reset();
    if (!row.parent.empty()) {
      auto pid = DocumentId(row.parent);
      if (!pid) return Fail(pid.error());
      want.parent_id = *pid;
    }
    jospar::Document before = *existing ? **existing : jospar::Document{};
    jospar::Document current;
    LegacyChange change = LegacyChange::kUnchanged;
    if (!*existing) {
      auto created = CreateDocument(store_, caller_, want);
      if (!created) return Refuse(created.error(), row.at);
      current = *created;
      change = LegacyChange::kNew;
    } else {
      current = before;
      want.version = before.version;
      if (!Diff(before, want).empty()) {
        auto updated = UpdateDocument(store_, caller_, want);
        if (!updated) return Refuse(updated.error(), row.at);
        current = *updated;
        change = LegacyChange::kChanged;
      }
    }
    if (row.status && *row.status != current.status) {
      auto path = LifecyclePath(current.status, *row.status);
      if (!path) return Refuse(Error{ErrorCode::kConflict, "error.legacy.status_path", {}, {}}, row.at);
      for (DocStatus step : *path) {
        auto moved = TransitionDocument(store_, caller_, current.id, current.version, step, std::nullopt);
        if (!moved) return Refuse(moved.error(), row.at);
        current = *moved;
      }
      if (change == LegacyChange::kUnchanged) change = LegacyChange::kChanged;
    }
    auto fields = Diff(before, current);
    if (change == LegacyChange::kNew)
      for (auto& f : fields) f.before.clear();
    Object(ObjectKind::kDocument, "document", current.code, current.id, change, std::move(fields), row.at,
           report_.documents);
    return current.id;
  }

  Result<Id> Refuse(const Error& e, const SheetLocation& at) {
    auto st = Refused(e, at);
    return Fail(st.error());
  }

  Status Goals() {
    std::vector<const LegacyGoal*> pending;
    for (const auto& g : p_.goals) pending.push_back(&g);
    std::set<std::pair<std::string, std::string>> in_file, done;
    for (const auto& g : p_.goals) in_file.insert({g.document, g.code});
    while (!pending.empty()) {
      std::vector<const LegacyGoal*> later;
      for (const auto* g : pending) {
        bool ready = g->parent.empty() || !in_file.count({g->document, g->parent}) ||
                     done.count({g->document, g->parent});
        if (!ready) {
          later.push_back(g);
          continue;
        }
        JOSPAR_TRY(ApplyGoal(*g));
        done.insert({g->document, g->code});
        Step();
      }
      if (later.size() == pending.size()) {
        Problem(later.front()->at, "parent", "error.field.cycle", "tasks whose goals do not form a cycle",
                later.front()->parent);
        return Fail(ErrorCode::kInvalidInput, "error.legacy.invalid");
      }
      pending = std::move(later);
    }
    return {};
  }

  Status ApplyGoal(const LegacyGoal& row) {
    auto doc_id = DocumentId(row.document);
    if (!doc_id) return Fail(doc_id.error());
    JOSPAR_TRY(LoadGoals(*doc_id));
    jospar::Goal want;
    want.document_id = *doc_id;
    want.code = row.code;
    want.title = row.title;
    if (!row.parent.empty()) want.parent_id = goals_.at({*doc_id, row.parent}).id;
    auto it = goals_.find({*doc_id, row.code});
    jospar::Goal result;
    if (it == goals_.end()) {
      auto created = CreateGoal(store_, caller_, want);
      if (!created) return Refused(created.error(), row.at);
      result = *created;
      Object(ObjectKind::kGoal, "goal", row.document + "/" + row.code, result.id, LegacyChange::kNew,
             detail::Created(Diff(jospar::Goal{}, result)), row.at, report_.goals);
    } else {
      const jospar::Goal before = it->second;
      want.id = before.id;
      want.version = before.version;
      want.demo = before.demo;
      auto changes = Diff(before, want);
      result = before;
      if (!changes.empty()) {
        auto updated = UpdateGoal(store_, caller_, want);
        if (!updated) return Refused(updated.error(), row.at);
        result = *updated;
      }
      Object(ObjectKind::kGoal, "goal", row.document + "/" + row.code, result.id,
             changes.empty() ? LegacyChange::kUnchanged : LegacyChange::kChanged, std::move(changes), row.at,
             report_.goals);
    }
    goals_[{*doc_id, row.code}] = result;
    return {};
  }

  // Planned values of the file for `code`, merged into `planned` (sorted by year).
  std::vector<YearValue> MergePlanned(const std::string& code, std::vector<YearValue> planned) {
    for (const auto& v : p_.values) {
      if (v.kind != LegacyValueKind::kPlanned || v.indicator != code) continue;
      int year = std::stoi(v.period);
      auto it =
          std::find_if(planned.begin(), planned.end(), [&](const YearValue& y) { return y.year == year; });
      if (it != planned.end())
        it->value = v.value;
      else
        planned.push_back({year, v.value});
    }
    std::sort(planned.begin(), planned.end(),
              [](const YearValue& a, const YearValue& b) { return a.year < b.year; });
    return planned;
  }

  Status Indicators() {
    std::set<std::string> in_sheet;
    for (const auto& row : p_.indicators) {
      in_sheet.insert(row.indicator.code);
      auto existing = Found(tx_.plan().GetIndicatorByCode(row.indicator.code));
      if (!existing) return Fail(existing.error());
      Indicator want = *existing ? **existing : Indicator{};
      const auto& src = row.indicator;
      want.code = src.code;
      want.kind = src.kind;
      want.title = src.title;
      want.unit = src.unit;
      want.direction = src.direction;
      want.baseline_year = src.baseline_year;
      want.baseline_value = src.baseline_value;
      want.target_year = src.target_year;
      want.target_value = src.target_value;
      want.source = src.source;
      want.responsible_body_id.reset();
      if (!row.responsible_body.empty()) want.responsible_body_id = bodies_.at(row.responsible_body);
      auto doc_id = DocumentId(row.document);
      if (!doc_id) return Fail(doc_id.error());
      JOSPAR_TRY(LoadGoals(*doc_id));
      want.goal_id = goals_.at({*doc_id, row.goal}).id;
      want.planned = MergePlanned(src.code, want.planned);
      JOSPAR_TRY(SaveIndicator(existing->has_value() ? &**existing : nullptr, want, row.at));
      Step();
    }
    // Planned values of indicators that are not in the indicators sheet.
    std::set<std::string> others;
    for (const auto& v : p_.values)
      if (v.kind == LegacyValueKind::kPlanned && !in_sheet.count(v.indicator)) others.insert(v.indicator);
    for (const auto& code : others) {
      auto before = tx_.plan().GetIndicatorByCode(code);
      if (!before) return Fail(before.error());
      Indicator want = *before;
      want.planned = MergePlanned(code, want.planned);
      if (Diff(*before, want).empty()) continue;
      auto updated = UpdateIndicator(store_, caller_, want);
      if (!updated) return Refused(updated.error(), {});
    }
    return {};
  }

  Status SaveIndicator(const Indicator* before, Indicator want, const SheetLocation& at) {
    if (!before) {
      auto created = CreateIndicator(store_, caller_, want);
      if (!created) return Refused(created.error(), at);
      Object(ObjectKind::kIndicator, "indicator", created->code, created->id, LegacyChange::kNew,
             detail::Created(Diff(Indicator{}, *created)), at, report_.indicators);
      return {};
    }
    want.version = before->version;
    // Planned values are reported per value row, not as a change of the indicator row.
    Indicator compare = want;
    compare.planned = before->planned;
    auto changes = Diff(*before, compare);
    if (!Diff(*before, want).empty()) {
      auto updated = UpdateIndicator(store_, caller_, want);
      if (!updated) return Refused(updated.error(), at);
    }
    Object(ObjectKind::kIndicator, "indicator", want.code, want.id,
           changes.empty() ? LegacyChange::kUnchanged : LegacyChange::kChanged, std::move(changes), at,
           report_.indicators);
    return {};
  }

  Status Values() {
    // Planned values before this import, for the report.
    for (const auto& v : p_.values) {
      auto ind = tx_.plan().GetIndicatorByCode(v.indicator);
      if (!ind) return Fail(ind.error());
      if (v.kind == LegacyValueKind::kPlanned) {
        int year = std::stoi(v.period);
        std::optional<double> old;
        auto orig = original_planned_.find(v.indicator);
        const std::vector<YearValue>& series = orig != original_planned_.end() ? orig->second : ind->planned;
        for (const auto& y : series)
          if (y.year == year) old = y.value;
        LegacyChange c = !old              ? LegacyChange::kNew
                         : *old == v.value ? LegacyChange::kUnchanged
                                           : LegacyChange::kChanged;
        std::vector<FieldChange> f;
        if (c != LegacyChange::kUnchanged)
          f.push_back({"planned." + v.period, old ? FormatNumber(*old) : "", FormatNumber(v.value)});
        Object(ObjectKind::kIndicator, "planned", ValueKey(v), ind->id, c, std::move(f), v.at,
               report_.values);
      } else {
        Observation o;
        o.indicator_id = ind->id;
        o.period = v.period;
        o.disaggregation = v.disaggregation;
        o.value = v.value;
        auto r = ReportValue(store_, caller_, o);
        if (!r) return Refused(r.error(), v.at);
        LegacyChange c = r->outcome == UpsertOutcome::kInserted  ? LegacyChange::kNew
                         : r->outcome == UpsertOutcome::kUpdated ? LegacyChange::kChanged
                                                                 : LegacyChange::kUnchanged;
        std::vector<FieldChange> f;
        if (c != LegacyChange::kUnchanged)
          f.push_back(
              {"value", r->previous_value ? FormatNumber(*r->previous_value) : "", FormatNumber(v.value)});
        Object(ObjectKind::kIndicator, "value", ValueKey(v), ind->id, c, std::move(f), v.at, report_.values);
      }
      Step();
    }
    return {};
  }

 public:
  // Remembers the planned series of every indicator the file gives planned values for, before writing.
  Status SnapshotPlanned() {
    for (const auto& v : p_.values) {
      if (v.kind != LegacyValueKind::kPlanned || original_planned_.count(v.indicator)) continue;
      auto ind = Found(tx_.plan().GetIndicatorByCode(v.indicator));
      if (!ind) return Fail(ind.error());
      original_planned_[v.indicator] = *ind ? (*ind)->planned : std::vector<YearValue>{};
    }
    return {};
  }

 private:
  Tx& tx_;
  Store& store_;
  const Caller& caller_;
  const LegacyProgramme& p_;
  const ImportProgress& progress_;
  LegacyImportReport report_;
  std::map<std::string, std::size_t> doc_rows_;
  std::map<std::string, Id> bodies_;
  std::map<std::pair<Id, std::string>, jospar::Goal> goals_;
  std::set<Id> loaded_goals_;
  std::map<std::string, std::vector<YearValue>> original_planned_;
  std::int64_t done_ = 0, total_ = 0;
};

}  // namespace

Status AllowLegacyImport(const Principal& principal) {
  return detail::Allow(principal, CanEditPlan(principal));
}

Result<LegacyImportReport> ImportLegacy(Store& store, const Caller& caller, const LegacyProgramme& programme,
                                        const LegacyImportOptions& options) {
  JOSPAR_TRY(AllowLegacyImport(caller.principal));
  const bool dry_run = options.dry_run;
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return Fail(tx.error());
  // Appends are serialised until this transaction ends, so the entries it appends are consecutive from
  // the log's size now.
  auto log_before = (*tx)->ledger().LogSize();
  if (!log_before) return Fail(log_before.error());
  SharedTxStore shared(**tx, store.Backend());
  Importer importer(**tx, shared, caller, programme, options.progress);
  LegacyImportReport& report = importer.report();
  report.problems = options.read_problems;
  JOSPAR_TRY(importer.Check());
  report.dry_run = dry_run;
  if (!report.problems.empty()) return std::move(report);
  JOSPAR_TRY(importer.SnapshotPlanned());
  if (auto st = importer.Apply(); !st) {
    if (report.problems.empty()) return Fail(st.error());
    report.objects.clear();
    report.documents = report.goals = report.indicators = report.values = {};
    return std::move(report);  // the transaction rolls back
  }
  if (!dry_run) {
    auto log_after = (*tx)->ledger().LogSize();
    if (!log_after) return Fail(log_after.error());
    JOSPAR_TRY((*tx)->Commit());
    report.written = true;
    if (*log_after > *log_before) {
      report.ledger_first = *log_before;
      report.ledger_last = *log_after - 1;
    }
  }
  return std::move(report);
}

}  // namespace jospar::usecases
