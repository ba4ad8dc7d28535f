// Domain types of the state plan registry: state bodies, planning documents, goals and tasks, indicators
// with their values, measures, the SDG framework and "contributes to" links. Plain values, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/history.hpp"
#include "core/base/error.hpp"
#include "core/base/ids.hpp"
#include "core/base/text.hpp"

namespace jospar {

// ---- State bodies -------------------------------------------------------------------------------------

enum class BodyKind { kGovernment, kMinistry, kAgency, kAkimat, kOther };

struct StateBody {
  Id id = 0;
  std::string code;  // stable public code, e.g. "MNE" or "AKIMAT-ALA"
  BodyKind kind = BodyKind::kOther;
  std::optional<Id> parent_id;
  Text title;
  std::int64_t version = 1;  // row version for optimistic concurrency
};

// ---- Planning documents -------------------------------------------------------------------------------

// The five tiers of Kazakhstan's state planning system, top (1) to bottom (5).
enum class Tier {
  kLongTermStrategy = 1,     // Kazakhstan-2050
  kNationalPlan = 2,         // national development plan, national priorities
  kConceptsAndProjects = 3,  // concepts, national projects
  kBodyAndRegionPlans = 4,   // development plans of state bodies, regional plans
  kOperational = 5,          // operational plans
};

enum class DocStatus { kDraft, kApproved, kInForce, kExpired, kRepealed, kMerged };

struct LegalAct {
  std::string kind;  // "decree", "resolution", "order", "law"
  std::string number;
  std::string date;  // ISO 8601 yyyy-mm-dd or empty
  friend bool operator==(const LegalAct&, const LegalAct&) = default;
};

struct Document {
  Id id = 0;
  std::string code;  // stable public code, e.g. "KZ-2050"
  Tier tier = Tier::kOperational;
  std::string type;  // strategy, national_plan, national_project, concept, state_programme, ...
  Text title;
  Text summary;
  LegalAct act;
  std::optional<Id> owner_body_id;
  std::optional<int> start_year;
  std::optional<int> end_year;
  DocStatus status = DocStatus::kDraft;
  std::optional<Id> merged_into_id;  // set iff status == kMerged
  std::optional<Id> parent_id;       // the document above it in the hierarchy
  int edition = 1;                   // incremented by every amendment of an approved document
  bool demo = false;                 // illustrative content, marked as such on the portal
  std::int64_t version = 1;
};

// A goal (parent_id empty) or a task under a goal (parent_id set) of one document.
struct Goal {
  Id id = 0;
  Id document_id = 0;
  std::optional<Id> parent_id;
  std::string code;  // "1", "1.2"
  Text title;
  bool demo = false;
  std::int64_t version = 1;
};

enum class IndicatorKind { kTarget, kResult };
enum class Direction { kIncrease, kDecrease, kKeep };

struct YearValue {
  int year = 0;
  double value = 0;
  friend bool operator==(const YearValue&, const YearValue&) = default;
};

struct Indicator {
  Id id = 0;
  std::string code;                 // "1.1.1" for national SDG indicators, "NDP-1.1" for plan ones
  std::optional<Id> goal_id;        // the goal or task it measures (plan indicators)
  std::optional<Id> sdg_target_id;  // the SDG target it belongs to (SDG framework indicators)
  IndicatorKind kind = IndicatorKind::kTarget;
  Text title;
  Text unit;
  Direction direction = Direction::kIncrease;
  std::optional<int> baseline_year;
  std::optional<double> baseline_value;
  std::optional<int> target_year;
  std::optional<double> target_value;
  std::vector<YearValue> planned;  // planned value per year, sorted by year
  std::optional<Id> responsible_body_id;
  Text source;  // data source
  bool demo = false;
  std::int64_t version = 1;
};

// One actual value of an indicator for a period, optionally for one disaggregation.
// `disaggregation` is canonical: "DIM=CODE" pairs sorted by DIM and joined by '|', empty for the total.
struct Observation {
  Id indicator_id = 0;
  std::string series;  // SDMX series code, empty if the indicator has one series
  std::string unit;    // UNIT_MEASURE code, may be empty
  std::string period;  // "2020" (a year) or "2020-Q1" / "2020-06"
  std::string disaggregation;
  double value = 0;
  bool demo = false;
  friend bool operator==(const Observation&, const Observation&) = default;
};

struct Measure {
  Id id = 0;
  Id goal_id = 0;
  Text title;            // the deliverable
  std::string deadline;  // yyyy-mm-dd
  std::optional<Id> responsible_body_id;
  std::string budget_programme;    // budget programme code, e.g. "001"
  std::vector<YearValue> amounts;  // planned amounts per year, thousands of tenge
  bool demo = false;
  std::int64_t version = 1;
};

// ---- Frameworks ---------------------------------------------------------------------------------------

enum class SdgKind { kGoal, kTarget };

struct SdgNode {
  Id id = 0;
  std::string code;  // "1" for a goal, "1.1" for a target
  SdgKind kind = SdgKind::kGoal;
  std::optional<Id> parent_id;
  Text title;
};

// A code of a disaggregation dimension resolved to names, e.g. ("SEX", "F", {"әйелдер","женщины","female"}).
struct CodeName {
  std::string dimension;
  std::string code;
  Text title;
  friend bool operator==(const CodeName&, const CodeName&) = default;
};

// ---- Links ------------------------------------------------------------------------------------------

// "from contributes to to". From is a goal or an indicator; to is a higher goal, an indicator, an SDG goal
// or an SDG target.
struct Link {
  Id id = 0;
  ObjectRef from;
  ObjectRef to;
};

// ---- Names of enums (stable, used in API, URLs and the store) -----------------------------------------

std::string_view ToString(BodyKind v);
std::string_view ToString(DocStatus v);
std::string_view ToString(IndicatorKind v);
std::string_view ToString(Direction v);
std::string_view ToString(SdgKind v);
std::optional<BodyKind> ParseBodyKind(std::string_view s);
std::optional<DocStatus> ParseDocStatus(std::string_view s);
std::optional<IndicatorKind> ParseIndicatorKind(std::string_view s);
std::optional<Direction> ParseDirection(std::string_view s);
std::optional<SdgKind> ParseSdgKind(std::string_view s);
std::optional<Tier> ParseTier(int tier);

}  // namespace jospar
