// Reporting burden: what each state body must report and when, which values it is asked for more than
// once, and what could be removed or merged to spare the effort. Pure functions over a PlanOutline.
//
// Rules (Jospar's defaults; the page states them):
// - An indicator is reported once a year: the actual value of year Y is due by kAnnualReportDue of year
//   Y + 1, from the year after its baseline up to its target year (every year when it has none), while its
//   document is approved or in force (an indicator without a document, e.g. a national SDG indicator, while
//   it has a responsible body).
// - An indicator that "contributes to" another indicator and has no value of its own is fed by that
//   indicator: its body reports nothing for it (reported once, used everywhere).
// - A measure is reported once, on its deadline, while its document is approved or in force.
// - An indicator used by several documents (its own goal's and any goal linked to or from it) is one due
//   item listing all of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/unit_of_work.hpp"
#include "core/plan/plan.hpp"
#include "core/plan/repository.hpp"

namespace jospar {

// Month and day by which the annual value of the previous year is due.
inline constexpr std::string_view kAnnualReportDue = "04-01";

struct DueItem {
  enum class Kind { kIndicator, kMeasure };
  Kind kind = Kind::kIndicator;
  Id id = 0;
  std::string due;               // yyyy-mm-dd
  std::string period;            // the reported period ("2025") for an indicator; empty for a measure
  std::vector<Id> document_ids;  // every document the value feeds, sorted
};

// A value a body is asked to report more than once: several of its indicators that say the same thing.
struct RepeatGroup {
  enum class Why {
    kSameTitle,     // same title and unit, in different places, not linked to each other
    kBothReported,  // linked by "contributes to" yet both carry values of their own (entered twice)
    kDuplicate,     // reported as a duplicate by the duplicates detection
  };
  Why why = Why::kSameTitle;
  std::vector<Id> indicator_ids;  // sorted; the first one is kept, the others are the extra reports
};

struct BodyBurden {
  Id body_id = 0;
  std::int64_t indicators = 0;       // indicators it is responsible for
  std::int64_t fed_indicators = 0;   // of which fed by another indicator (nothing to report)
  std::int64_t measures = 0;         // measures it is responsible for
  std::vector<DueItem> due;          // due in the year asked for, sorted by date, then kind, then id
  std::vector<RepeatGroup> repeats;  // values asked more than once
  std::int64_t ReportsInYear() const { return static_cast<std::int64_t>(due.size()); }
};

struct BurdenOptions {
  int year = 2026;  // the calendar year whose due dates are listed
  // Pairs of indicators found to be near-duplicates by another method (e.g. text similarity); optional.
  std::vector<std::pair<Id, Id>> duplicate_pairs;
};

// The burden of every body that owns at least one indicator or measure, sorted by body id.
std::vector<BodyBurden> ComputeBurden(const PlanOutline& plan, const BurdenOptions& options);
// The burden of one body (empty lists when it owns nothing).
BodyBurden ComputeBodyBurden(const PlanOutline& plan, Id body_id, const BurdenOptions& options);

// Candidates to remove or merge, each with the reports a year it would spare.
struct SimplificationCandidate {
  enum class Kind {
    kDuplicate,              // an indicator that repeats another (merge into the kept one)
    kUnusedIndicator,        // an indicator below the top tier that feeds nothing above it
    kDocumentNoActiveGoals,  // a document approved or in force with no goal still active
  };
  Kind kind = Kind::kDuplicate;
  ObjectRef object;                // the indicator or document to remove or merge
  std::optional<Id> keep_id;       // kDuplicate: the indicator to keep
  std::int64_t reports_saved = 0;  // reports a year that would no longer be asked
};

// Sorted by reports_saved (most first), then kind, then id.
std::vector<SimplificationCandidate> FindSimplifications(const PlanOutline& plan,
                                                         const BurdenOptions& options);

std::string_view ToString(RepeatGroup::Why why);                // "same_title", "both_reported", "duplicate"
std::string_view ToString(SimplificationCandidate::Kind kind);  // "duplicate", "unused_indicator",
                                                                // "document_no_active_goals"

}  // namespace jospar
