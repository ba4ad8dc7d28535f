// Progress of indicators against their targets, and its roll-up to goals, documents, state bodies and SDG
// goals. Pure functions over plain values; no I/O.
//
// The method is the one Open SDG platforms publish for quantitative targets (sdg-build,
// sdg/ProgressMeasure.py, "methodology 2"):
//
//   observed rate  r_o = (current / base) ^ (1 / (current_year - base_year)) - 1      (compound annual)
//   needed rate    r_n = (target  / base) ^ (1 / (target_year  - base_year)) - 1
//   ratio          p   = sign(base) * d * r_o / |r_n|          d = +1 for "increase", -1 for "decrease"
//
//   target met           the latest actual is at or beyond the target in the wanted direction
//   on track             p >= 0.95
//   needs acceleration   0.60 <= p < 0.95
//   limited progress     0 <= p < 0.60
//   deteriorating        p < 0
//   no data              the ratio cannot be computed (reason says why)
//
// Like Open SDG: a base or target of exactly 0 is replaced by 0.001; a base and a latest actual of
// different signs cannot be compared (no data); at least two points are needed (the baseline and one actual
// in a later year).
// Jospar's additions, each shown on the page:
// - the base is the indicator's baseline (year, value); the latest actual is the latest annual total
//   ("YYYY" period, no disaggregation) after the baseline year;
// - a target equal to the base (r_n = 0): met when the latest actual is at or beyond it, else deteriorating;
// - "keep" (hold a level): met when the latest actual is within 5% of the target (0.001 when the target is
//   0); when the baseline itself was within that band, any departure from it is deteriorating; otherwise
//   it is assessed as "increase" (target above the baseline) or "decrease" (below);
// - the target year has passed (latest actual in or after the target year) and the target is not met:
//   "on track" is not possible, such an indicator is at best "needs acceleration" (flag target_year_passed).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/plan.hpp"

namespace jospar {

enum class ProgressStatus {
  kTargetMet,
  kOnTrack,
  kNeedsAcceleration,
  kLimitedProgress,
  kDeteriorating,
  kNoData,
};
inline constexpr int kProgressStatusCount = 6;
inline constexpr std::array<ProgressStatus, kProgressStatusCount> kProgressStatuses = {
    ProgressStatus::kTargetMet,       ProgressStatus::kOnTrack,       ProgressStatus::kNeedsAcceleration,
    ProgressStatus::kLimitedProgress, ProgressStatus::kDeteriorating, ProgressStatus::kNoData};

// Thresholds of the ratio p (Open SDG's defaults for quantitative targets).
inline constexpr double kOnTrackRatio = 0.95;
inline constexpr double kAccelerationRatio = 0.60;
inline constexpr double kLimitedRatio = 0.0;
// Open SDG's replacement of a zero base or target.
inline constexpr double kZeroReplacement = 0.001;
// "keep": relative tolerance around the target.
inline constexpr double kKeepTolerance = 0.05;

// Why a status is "no data".
enum class NoDataReason {
  kNone,              // the status is not "no data"
  kNoBaseline,        // baseline year or value missing
  kNoTarget,          // target year or value missing
  kNoActual,          // no annual total after the baseline year
  kTargetBeforeBase,  // target year not after the baseline year
  kSignChange,        // base and latest actual of different signs
};

// "target_met", "on_track", "needs_acceleration", "limited_progress", "deteriorating", "no_data".
std::string_view ToString(ProgressStatus s);
std::optional<ProgressStatus> ParseProgressStatus(std::string_view s);
// "", "no_baseline", "no_target", "no_actual", "target_before_base", "sign_change".
std::string_view ToString(NoDataReason r);

// Points of the status in the weighted summary (0..100); no data has no weight and is left out.
// target met 100, on track 75, needs acceleration 50, limited progress 25, deteriorating 0.
int ProgressWeight(ProgressStatus s);

struct ActualPoint {
  int year = 0;
  double value = 0;
};

// What the assessment needs of an indicator.
struct ProgressBasis {
  Direction direction = Direction::kIncrease;
  std::optional<int> baseline_year;
  std::optional<double> baseline_value;
  std::optional<int> target_year;
  std::optional<double> target_value;
};

// The numbers behind a status (all set when status is not kNoData, except where noted).
struct ProgressAssessment {
  ProgressStatus status = ProgressStatus::kNoData;
  NoDataReason reason = NoDataReason::kNoBaseline;
  std::optional<int> base_year;
  std::optional<double> base_value;
  std::optional<int> current_year;  // the latest actual
  std::optional<double> current_value;
  std::optional<double> observed_rate;  // r_o, per year (0.05 = 5%)
  std::optional<double> needed_rate;    // r_n, per year; unset when the target equals the base
  std::optional<double> ratio;          // p; unset for a target equal to the base and for "keep" met
  bool target_year_passed = false;
};

// Assesses one indicator. `actuals` are its annual totals in any order (one per year; a repeated year keeps
// the last). Never fails: what cannot be computed is kNoData with a reason.
ProgressAssessment AssessProgress(const ProgressBasis& basis, std::span<const ActualPoint> actuals);

// Annual totals from observations: periods of exactly four digits with an empty disaggregation, of the
// first (series, unit) in lexicographic order that has any; sorted by year.
std::vector<ActualPoint> AnnualTotals(std::span<const Observation> observations);

// ---- Roll-up ------------------------------------------------------------------------------------------

// The plan as the roll-up sees it: ids and numbers only (titles are looked up by whoever shows it).
struct ProgressPlan {
  struct Doc {
    Id id = 0;
    Tier tier = Tier::kOperational;
  };
  struct GoalRef {
    Id id = 0;
    Id document_id = 0;
    std::optional<Id> parent_id;
  };
  struct Ind {
    Id id = 0;
    std::optional<Id> goal_id;
    std::optional<Id> sdg_target_id;
    std::optional<Id> body_id;
    ProgressBasis basis;
    std::vector<ActualPoint> actuals;  // its own annual totals
  };
  struct SdgRef {
    Id id = 0;
    std::optional<Id> parent_id;  // set for a target: its goal
  };
  std::vector<Doc> documents;
  std::vector<GoalRef> goals;
  std::vector<Ind> indicators;
  std::vector<SdgRef> sdg;
  std::vector<Link> links;
};

struct ProgressFilter {
  std::optional<Tier> tier;       // of the indicator's own document
  std::optional<Id> body_id;      // responsible body
  std::optional<Id> sdg_goal_id;  // the indicator counts for this SDG goal (see RollUpProgress)
  std::optional<Id> document_id;  // the indicator counts for this document
};

struct StatusCounts {
  std::array<std::int64_t, kProgressStatusCount> n{};  // indexed by ProgressStatus
  std::int64_t total = 0;
  std::int64_t Count(ProgressStatus s) const { return n[static_cast<int>(s)]; }
  // Weighted summary: the mean ProgressWeight of the indicators with a status other than "no data";
  // nullopt when all are "no data".
  std::optional<double> Index() const;
  void Add(ProgressStatus s) {
    ++n[static_cast<int>(s)];
    ++total;
  }
};

struct IndicatorProgress {
  Id id = 0;
  ProgressAssessment assessment;
  std::optional<Id> fed_by;  // the actuals came from this indicator (see RollUpProgress)
  bool included = false;     // passes the filter
};

struct RollupEntry {
  Id id = 0;
  StatusCounts counts;
};

struct ProgressRollup {
  std::vector<IndicatorProgress> indicators;  // parallel to plan.indicators
  StatusCounts overall;
  std::vector<RollupEntry> goals;      // goals and tasks; sorted by id
  std::vector<RollupEntry> documents;  // sorted by id
  std::vector<RollupEntry> bodies;     // sorted by id
  std::vector<RollupEntry> sdg_goals;  // sorted by id
};

// Assesses every indicator and counts statuses per aggregate, over the indicators that pass `filter`.
// An indicator counts once for each aggregate it belongs to:
// - goals: the goal it measures and, for a task, the task's goal; and any goal it has a "contributes to"
//   link to or from (and that goal's parent goal);
// - documents: the documents of those goals;
// - bodies: its responsible body;
// - SDG goals: the goal of its SDG target; SDG goals and targets it, or any of its goals, links to.
// Reported once, used everywhere: an indicator with no annual total of its own that "contributes to"
// another indicator with annual totals takes that indicator's totals (IndicatorProgress::fed_by), so the
// value is entered once, for the indicator it was reported to, and feeds every document that uses either.
ProgressRollup RollUpProgress(const ProgressPlan& plan, const ProgressFilter& filter = {});

}  // namespace jospar
