// The lifecycle of a planning document:
//   draft -> approved -> in_force -> expired | repealed | merged (into another document)
// plus approved -> repealed (never entered into force) and draft -> (deleted, not a status).
#pragma once

#include <optional>

#include "core/base/error.hpp"
#include "core/plan/plan.hpp"

namespace jospar {

// True when a document may go from `from` to `to`.
bool CanTransition(DocStatus from, DocStatus to);

// Applies a status change to `doc` in place. `merged_into` must be set iff `to` is kMerged and must not be
// the document itself. Returns kConflict (message "error.invalid_transition") for a transition the
// lifecycle does not allow, kInvalidInput for a bad merge target; `doc` is unchanged on error.
Status ApplyTransition(Document& doc, DocStatus to, std::optional<Id> merged_into);

// Content (titles, summary, act, horizon, parent, owner, tier, type) may be edited in place only in draft;
// an approved or later document changes only through an amendment, which creates a new edition.
bool ContentEditableInPlace(DocStatus status);

// Structural checks of a document's own fields (required fields, horizon order, year range).
// Returns every problem at once as field errors (kInvalidInput), or success.
Status ValidateDocument(const Document& doc);
Status ValidateIndicator(const Indicator& ind);
Status ValidateGoal(const Goal& goal);
Status ValidateBody(const StateBody& body);
Status ValidateMeasure(const Measure& measure);
// A reported actual value: the period must be a year (1900..2200) or year-Qn or year-mm.
Status ValidateObservation(const Observation& obs);

}  // namespace jospar
