// Use cases of state bodies and planning documents.
#include "core/plan/usecases/plan.hpp"
#include "core/plan/access.hpp"

#include "core/plan/lifecycle.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/plan_support.hpp"

namespace jospar::usecases {

using namespace detail;

namespace {

// Walks up the parents of a body or document starting at `parent`: kInvalidInput naming `field` when the
// chain returns to `self` (a cycle) or a parent does not exist.
template <class Get>
Status CheckParentChain(Id self, std::optional<Id> parent, const char* field, Get get,
                        std::vector<FieldError>& errors) {
  std::optional<Id> cur = parent;
  for (int depth = 0; cur && depth < 64; ++depth) {
    if (self != 0 && *cur == self) {
      errors.push_back({field, depth == 0 ? "error.field.self_reference" : "error.field.cycle", {}});
      return {};
    }
    auto r = get(*cur);
    if (!r) {
      if (depth == 0) return Exists(r, field, errors);
      return Fail(r.error());
    }
    cur = r->parent_id;
  }
  return {};
}

Status CheckBodyRefs(Tx& tx, const StateBody& b) {
  std::vector<FieldError> errors;
  JOSPAR_TRY(CheckParentChain(
      b.id, b.parent_id, "parent_id", [&](Id id) { return tx.plan().GetBody(id); }, errors));
  return FieldErrors(std::move(errors));
}

Status CheckDocumentRefs(Tx& tx, const Document& d) {
  std::vector<FieldError> errors;
  if (d.owner_body_id) JOSPAR_TRY(Exists(tx.plan().GetBody(*d.owner_body_id), "owner_body_id", errors));
  JOSPAR_TRY(CheckParentChain(
      d.id, d.parent_id, "parent_id", [&](Id id) { return tx.plan().GetDocument(id); }, errors));
  return FieldErrors(std::move(errors));
}

// The fields of a document that make up its content (everything but identity, lifecycle and edition).
void CopyContent(const Document& from, Document& to) {
  to.code = from.code;
  to.tier = from.tier;
  to.type = from.type;
  to.title = from.title;
  to.summary = from.summary;
  to.act = from.act;
  to.owner_body_id = from.owner_body_id;
  to.start_year = from.start_year;
  to.end_year = from.end_year;
  to.parent_id = from.parent_id;
  to.demo = from.demo;
}

}  // namespace

// ---- Bodies -------------------------------------------------------------------------------------------

Result<StateBody> CreateBody(Store& store, const Caller& caller, StateBody body) {
  JOSPAR_TRY(Allow(caller.principal, CanAdminister(caller.principal)));
  body.id = 0;
  body.version = 1;
  JOSPAR_TRY(ValidateBody(body));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<StateBody> {
    JOSPAR_TRY(CheckBodyRefs(tx, body));
    auto id = tx.plan().InsertBody(body);
    if (!id) return Fail(id.error());
    auto created = tx.plan().GetBody(*id);
    if (!created) return Fail(created.error());
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kBody, *id, "create", Created(Diff(StateBody{}, *created)),
                      Diff(StateBody{}, *created)));
    return created;
  });
}

Result<StateBody> UpdateBody(Store& store, const Caller& caller, const StateBody& body) {
  JOSPAR_TRY(Allow(caller.principal, CanAdminister(caller.principal)));
  JOSPAR_TRY(ValidateBody(body));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<StateBody> {
    auto before = tx.plan().GetBody(body.id);
    if (!before) return Fail(before.error());
    JOSPAR_TRY(CheckVersion(before->version, body.version));
    JOSPAR_TRY(CheckBodyRefs(tx, body));
    auto changes = Diff(*before, body);
    if (changes.empty()) return before;
    JOSPAR_TRY(tx.plan().UpdateBody(body));
    auto after = tx.plan().GetBody(body.id);
    if (!after) return Fail(after.error());
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kBody, body.id, "update", std::move(changes),
                      Diff(StateBody{}, *after)));
    return after;
  });
}

Status DeleteBody(Store& store, const Caller& caller, Id id, std::optional<std::int64_t> expected_version) {
  JOSPAR_TRY(Allow(caller.principal, CanAdminister(caller.principal)));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto before = tx.plan().GetBody(id);
    if (!before) return Fail(before.error());
    if (expected_version) JOSPAR_TRY(CheckVersion(before->version, *expected_version));
    JOSPAR_TRY(tx.plan().DeleteBody(id));
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kBody, id, "delete", Diff(*before, StateBody{}),
                      Diff(StateBody{}, *before)));
    return Status{};
  });
}

// ---- Documents ----------------------------------------------------------------------------------------

Result<Document> CreateDocument(Store& store, const Caller& caller, Document doc) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  doc.id = 0;
  doc.version = 1;
  doc.status = DocStatus::kDraft;
  doc.edition = 1;
  doc.merged_into_id.reset();
  JOSPAR_TRY(ValidateDocument(doc));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Document> {
    JOSPAR_TRY(CheckDocumentRefs(tx, doc));
    auto id = tx.plan().InsertDocument(doc);
    if (!id) return Fail(id.error());
    auto created = tx.plan().GetDocument(*id);
    if (!created) return Fail(created.error());
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kDocument, *id, "create", Created(Diff(Document{}, *created)),
                      Diff(Document{}, *created)));
    return created;
  });
}

Result<Document> UpdateDocument(Store& store, const Caller& caller, const Document& doc) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Document> {
    auto before = tx.plan().GetDocument(doc.id);
    if (!before) return Fail(before.error());
    JOSPAR_TRY(CheckVersion(before->version, doc.version));
    Document next = *before;
    CopyContent(doc, next);
    auto changes = Diff(*before, next);
    if (changes.empty()) return before;
    if (!ContentEditableInPlace(before->status))
      return Fail(ErrorCode::kConflict, "error.amendment_required", std::string(ToString(before->status)));
    JOSPAR_TRY(ValidateDocument(next));
    JOSPAR_TRY(CheckDocumentRefs(tx, next));
    JOSPAR_TRY(tx.plan().UpdateDocument(next));
    auto after = tx.plan().GetDocument(doc.id);
    if (!after) return Fail(after.error());
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kDocument, doc.id, "update", std::move(changes),
                      Diff(Document{}, *after)));
    return after;
  });
}

Status DeleteDocument(Store& store, const Caller& caller, Id id,
                      std::optional<std::int64_t> expected_version) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto before = tx.plan().GetDocument(id);
    if (!before) return Fail(before.error());
    if (expected_version) JOSPAR_TRY(CheckVersion(before->version, *expected_version));
    if (before->status != DocStatus::kDraft)
      return Fail(ErrorCode::kConflict, "error.delete_not_draft", std::string(ToString(before->status)));
    JOSPAR_TRY(tx.plan().DeleteDocument(id));
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kDocument, id, "delete", Diff(*before, Document{}),
                      Diff(Document{}, *before)));
    return Status{};
  });
}

Result<Document> TransitionDocument(Store& store, const Caller& caller, Id id, std::int64_t expected_version,
                                    DocStatus to, std::optional<Id> merged_into) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Document> {
    auto before = tx.plan().GetDocument(id);
    if (!before) return Fail(before.error());
    JOSPAR_TRY(CheckVersion(before->version, expected_version));
    Document next = *before;
    JOSPAR_TRY(ApplyTransition(next, to, merged_into));
    if (merged_into) {
      std::vector<FieldError> errors;
      JOSPAR_TRY(Exists(tx.plan().GetDocument(*merged_into), "merged_into_id", errors));
      JOSPAR_TRY(FieldErrors(std::move(errors)));
    }
    JOSPAR_TRY(tx.plan().UpdateDocument(next));
    auto after = tx.plan().GetDocument(id);
    if (!after) return Fail(after.error());
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kDocument, id, "status:" + std::string(ToString(to)),
                      Diff(*before, *after), Diff(Document{}, *after)));
    return after;
  });
}

Result<Document> AmendDocument(Store& store, const Caller& caller, const Document& amended,
                               const LegalAct& amending_act) {
  JOSPAR_TRY(Allow(caller.principal, CanEditPlan(caller.principal)));
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<Document> {
    auto before = tx.plan().GetDocument(amended.id);
    if (!before) return Fail(before.error());
    JOSPAR_TRY(CheckVersion(before->version, amended.version));
    if (before->status == DocStatus::kDraft)
      return Fail(ErrorCode::kConflict, "error.amend_draft", std::string(ToString(before->status)));
    std::vector<FieldError> errors;
    if (amending_act.number.empty()) errors.push_back({"act.number", "error.field.required", {}});
    Document probe;
    probe.code = "x";
    probe.type = "x";
    probe.title.en = "x";
    probe.act = amending_act;
    if (auto checked = ValidateDocument(probe); !checked)
      for (auto& f : checked.error().fields)
        if (f.field.rfind("act.", 0) == 0) errors.push_back(std::move(f));
    JOSPAR_TRY(FieldErrors(std::move(errors)));
    Document next = *before;
    CopyContent(amended, next);
    next.edition = before->edition + 1;
    JOSPAR_TRY(ValidateDocument(next));
    JOSPAR_TRY(CheckDocumentRefs(tx, next));
    JOSPAR_TRY(tx.plan().InsertDocumentEdition(before->id, before->edition, *before, amending_act));
    JOSPAR_TRY(tx.plan().UpdateDocument(next));
    auto after = tx.plan().GetDocument(amended.id);
    if (!after) return Fail(after.error());
    auto changes = Diff(*before, *after);
    changes.push_back(
        {"amending_act", "", amending_act.kind + " " + amending_act.number + " " + amending_act.date});
    JOSPAR_TRY(Record(tx, caller, ObjectKind::kDocument, amended.id, "amend", std::move(changes),
                      Diff(Document{}, *after)));
    return after;
  });
}

}  // namespace jospar::usecases
