// Importing a legacy programme (documents, goals and tasks, indicators, values) read from Jospar's
// template, all or nothing, through the plan use cases so that every change has its history entry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/accounts/access.hpp"
#include "core/audit/history.hpp"
#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"
#include "core/plan/legacy.hpp"
#include "core/plan/usecases/import_opensdg.hpp"
#include "core/plan/usecases/plan.hpp"

namespace jospar::usecases {

enum class LegacyChange { kNew, kChanged, kUnchanged };

// What the import did (or, in a dry run, would do) to one object of the file.
struct LegacyObjectChange {
  ObjectKind kind = ObjectKind::kDocument;  // kDocument, kGoal, kIndicator (values: kIndicator)
  std::string what;                         // "document", "goal", "indicator", "value", "planned"
  std::string key;  // "NDP-2029", "NDP-2029/1.2", "IND-7", "IND-7 2020", "IND-7 2020 SEX=F"
  Id id = 0;        // the object's id (of the indicator for values); 0 when not known
  LegacyChange change = LegacyChange::kUnchanged;
  std::vector<FieldChange> fields;  // before -> after; `before` empty for new objects
  SheetLocation at;
};

struct LegacyImportReport {
  bool dry_run = false;
  bool written = false;  // the changes were committed (never in a dry run or with problems)
  // When written: the transparency-log entries of its changes, entries ledger_first..ledger_last (one
  // transaction, so consecutive); nullopt when it changed nothing.
  std::optional<std::uint64_t> ledger_first, ledger_last;
  // Problems with the input; when not empty nothing was written and `objects` is empty.
  std::vector<LegacyProblem> problems;
  std::vector<LegacyObjectChange> objects;  // in the order of the file
  ImportCounts documents, goals, indicators, values;
  std::int64_t Changes() const {
    return documents.Changed() + goals.Changed() + indicators.Changed() + values.Changed();
  }
};

// kUnauthenticated / kForbidden unless the principal may edit the plan (planners and admins), so that a
// caller can refuse before reading an upload.
Status AllowLegacyImport(const Principal& principal);

// Imports `programme` in ONE write transaction. Matching: documents and indicators by code, goals and
// tasks by (document, code), actual values by (indicator, period, disaggregation), planned values by
// (indicator, year). A row is the full content of its object: columns left empty clear the field. New
// documents start as drafts and move along the lifecycle to the row's status (each step recorded);
// existing ones may move forward only. Planned values are merged into the indicator's planned series.
//
// First every row is checked against core's rules and the store (codes that do not resolve, repeated
// keys, impossible status changes, bad periods): all problems are returned at once with their place
// (report.problems) and nothing is written. Then the objects are written through the plan use cases
// (CreateDocument, UpdateDocument, TransitionDocument, CreateGoal, ..., ReportValue) with `caller` as the
// actor, so that each change gets its history entry; a use case refusing a row (e.g. a changed document
// that is no longer a draft: "error.amendment_required") ends the import with that row's problem and
// nothing written. Otherwise the transaction commits, unless `options.dry_run`, which rolls back and reports
// exactly what would have changed. Importing the same file again changes nothing (Changes() == 0) and
// writes no history.
//
// Errors (nothing written): those of AllowLegacyImport; kConflict when another writer changed an object
// meanwhile; kUnavailable from the store.
struct LegacyImportOptions {
  bool dry_run = false;  // check and apply inside the transaction, then roll back
  // Problems found while reading the files (formats::ReadLegacyFiles). When not empty the rows are still
  // checked, so that every problem is reported at once, but nothing is written.
  std::vector<LegacyProblem> read_problems;
  ImportProgress progress;  // one step per row
};

Result<LegacyImportReport> ImportLegacy(Store& store, const Caller& caller, const LegacyProgramme& programme,
                                        const LegacyImportOptions& options);

}  // namespace jospar::usecases
