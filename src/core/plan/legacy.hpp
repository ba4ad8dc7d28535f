// A legacy programme as read from Jospar's import template (XLSX or CSV): documents, goals and tasks,
// indicators and values, each row with the place it came from, so that every problem can be shown where
// the planner can fix it. Plain values; the reading lives in src/formats/legacy.hpp, the import in
// core/usecases/import_legacy.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"

namespace jospar {

// A place in an uploaded file. `row` is the 1-based row of the sheet (or line of the CSV file); `column`
// the template's column name ("end_year"), empty when the problem is with the whole row or file.
struct SheetLocation {
  std::string file;
  std::string sheet;
  int row = 0;
  std::string column;
  friend bool operator==(const SheetLocation&, const SheetLocation&) = default;
};

// "plan.xlsx, sheet documents, row 5, column end_year" (parts that are empty are left out).
std::string DescribeLocation(const SheetLocation& at);

// One problem found in the input. `message_key` is a locale key ("error.legacy.number", ...); `expected`
// an untranslated hint of what the cell should hold ("a whole number, e.g. 2030", "one of: draft, ...").
struct LegacyProblem {
  SheetLocation at;
  std::string message_key;
  std::string expected;
  std::string found;  // the cell's text as read (may be empty)
};

// Rows of the template. References between them are by code: a goal names its document by code, a task
// its parent goal by code within the same document, an indicator its document and goal, a value its
// indicator. Codes of state bodies refer to bodies that already exist in Jospar.
struct LegacyDocument {
  SheetLocation at;
  Document document;  // id, version, edition, parent, owner and status are not used
  std::string owner_body;
  std::string parent;
  std::optional<DocStatus> status;  // empty: draft for a new document, unchanged for an existing one
};

struct LegacyGoal {
  SheetLocation at;
  std::string document;
  std::string code;
  std::string parent;  // empty for a goal; the parent goal's code for a task
  Text title;
};

struct LegacyIndicator {
  SheetLocation at;
  std::string document;
  std::string goal;
  Indicator indicator;  // id, goal_id, responsible_body_id and planned are not used
  std::string responsible_body;
};

enum class LegacyValueKind { kActual, kPlanned };

struct LegacyValue {
  SheetLocation at;
  std::string indicator;
  LegacyValueKind kind = LegacyValueKind::kActual;
  std::string period;  // "2020", "2020-Q1", "2020-06" (planned values: a year)
  double value = 0;
  std::string disaggregation;  // canonical "DIM=CODE|..." sorted by DIM, empty for the total
};

struct LegacyProgramme {
  std::vector<LegacyDocument> documents;
  std::vector<LegacyGoal> goals;
  std::vector<LegacyIndicator> indicators;
  std::vector<LegacyValue> values;
  std::size_t Rows() const { return documents.size() + goals.size() + indicators.size() + values.size(); }
};

}  // namespace jospar
