// Use cases of the plan registry: every write to bodies, documents, goals and tasks, indicators, measures,
// links and reported values goes through one of these functions. Each opens one unit of work, checks who
// may act (deny by default), loads what it needs, applies core's rules, saves, appends a HistoryEntry with
// the field-level changes, and commits. No I/O of its own: the store and the clock come from the caller.
//
// Errors shared by every function (nothing is written when one is returned):
// - kUnauthenticated ("error.unauthenticated") for the anonymous caller, kForbidden ("error.forbidden")
//   for a signed-in caller whose role does not allow the change;
// - kNotFound when the object (or, for creates, nothing) does not exist; kInvalidInput with field errors
//   for bad input, including references to objects that do not exist ("error.field.not_found");
// - kConflict ("error.version_conflict") when `version` of the input is not the stored one;
// - kUnavailable when the store cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/plan/access.hpp"
#include "core/plan/plan.hpp"
#include "core/plan/repository.hpp"

namespace jospar::usecases {

// Who acts, and when (UTC ISO 8601 "2026-01-31T12:00:00Z", from the caller's clock: core reads no clock).
struct Caller {
  Principal principal;
  std::string now;
};

// ---- State bodies (admins) ----------------------------------------------------------------------------
Result<StateBody> CreateBody(Store& store, const Caller& caller, StateBody body);
// `body.version` is the version the caller last read. Returns the stored body after the update.
Result<StateBody> UpdateBody(Store& store, const Caller& caller, const StateBody& body);
// kConflict when the body is still referenced (the store's foreign keys).
Status DeleteBody(Store& store, const Caller& caller, Id id, std::optional<std::int64_t> expected_version);

// ---- Planning documents (planners, admins) -------------------------------------------------------------
// A new document is always a draft of edition 1 (status, edition and merged_into_id of the input are
// ignored).
Result<Document> CreateDocument(Store& store, const Caller& caller, Document doc);
// Edits a draft in place. Status, edition and merged_into_id are not changed here (see Transition and
// Amend). For a document that is no longer a draft, any change of content is kConflict
// ("error.amendment_required").
Result<Document> UpdateDocument(Store& store, const Caller& caller, const Document& doc);
// Drafts only: kConflict ("error.delete_not_draft") otherwise.
Status DeleteDocument(Store& store, const Caller& caller, Id id,
                      std::optional<std::int64_t> expected_version);
// A lifecycle step (core/lifecycle.hpp). `merged_into` must name another existing document iff `to` is
// kMerged.
Result<Document> TransitionDocument(Store& store, const Caller& caller, Id id, std::int64_t expected_version,
                                    DocStatus to, std::optional<Id> merged_into);
// Changes the content of an approved or later document: the previous edition is kept as a snapshot
// together with `amending_act` (whose number is required), the edition is incremented and the content of
// `amended` (same fields as UpdateDocument) is saved. kConflict ("error.amend_draft") for a draft, which
// is edited in place.
Result<Document> AmendDocument(Store& store, const Caller& caller, const Document& amended,
                               const LegalAct& amending_act);

// ---- Goals and tasks (planners, admins) ---------------------------------------------------------------
// A task is a goal whose parent_id names a goal of the same document. The document of a goal cannot change.
Result<Goal> CreateGoal(Store& store, const Caller& caller, Goal goal);
Result<Goal> UpdateGoal(Store& store, const Caller& caller, const Goal& goal);
// Only while the goal's document is a draft (kConflict "error.delete_not_draft" otherwise).
Status DeleteGoal(Store& store, const Caller& caller, Id id, std::optional<std::int64_t> expected_version);

// ---- Indicators (planners, admins) --------------------------------------------------------------------
Result<Indicator> CreateIndicator(Store& store, const Caller& caller, Indicator ind);
Result<Indicator> UpdateIndicator(Store& store, const Caller& caller, const Indicator& ind);
// Only for an indicator of a goal of a draft document (kConflict "error.delete_not_draft" otherwise).
Status DeleteIndicator(Store& store, const Caller& caller, Id id,
                       std::optional<std::int64_t> expected_version);

// ---- Measures (planners, admins) ----------------------------------------------------------------------
Result<Measure> CreateMeasure(Store& store, const Caller& caller, Measure measure);
Result<Measure> UpdateMeasure(Store& store, const Caller& caller, const Measure& measure);
Status DeleteMeasure(Store& store, const Caller& caller, Id id, std::optional<std::int64_t> expected_version);

// ---- "Contributes to" links (planners, admins) --------------------------------------------------------
// From a goal or an indicator to a goal, an indicator, an SDG goal or an SDG target; both ends must exist
// and differ. kConflict when the same link exists.
Result<Link> CreateLink(Store& store, const Caller& caller, Link link);
Status DeleteLink(Store& store, const Caller& caller, Id id);

// ---- Actual values ------------------------------------------------------------------------------------
// Reports (inserts or corrects) one actual value. Executors only for indicators their body is responsible
// for (core::CanReportValue); planners and admins for any. Reporting the same value again changes nothing
// and writes no history (outcome kUnchanged).
Result<UpsertResult> ReportValue(Store& store, const Caller& caller, const Observation& obs);

// ---- Field-level differences, as recorded in the history ----------------------------------------------
// Every field whose value differs, by its API name ("title.kk", "act.number", "planned", ...), with both
// values as text (empty for "none"). The id and version are never listed.
std::vector<FieldChange> Diff(const StateBody& before, const StateBody& after);
std::vector<FieldChange> Diff(const Document& before, const Document& after);
std::vector<FieldChange> Diff(const Goal& before, const Goal& after);
std::vector<FieldChange> Diff(const Indicator& before, const Indicator& after);
std::vector<FieldChange> Diff(const Measure& before, const Measure& after);

// Formats a number the way the history and the API show it: the shortest text that reads back exactly.
std::string FormatNumber(double v);

}  // namespace jospar::usecases
