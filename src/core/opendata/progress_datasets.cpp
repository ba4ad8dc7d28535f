// The public dataset of progress against targets: one row per indicator with its status under the Open SDG
// method (core/progress.hpp) and the numbers behind it, ordered by indicator id. Computed from the same
// whole-plan read as the progress dashboard, so the file and the page agree.
#include <string>

#include "core/opendata/registry.hpp"
#include "core/plan/progress.hpp"
#include "core/plan/repository.hpp"
#include "core/plan/usecases/progress.hpp"

namespace jospar::opendata {
namespace {

Cell OptInt(std::optional<int> v) { return v ? Cell(std::int64_t{*v}) : Cell(); }
Cell OptNum(std::optional<double> v) { return v ? Cell(*v) : Cell(); }

DatasetSpec Progress() {
  using CT = ColumnType;
  DatasetSpec d;
  d.id = "progress";
  d.columns = {
      {"indicator_id", CT::kInteger, false},       {"indicator_code", CT::kString, false},
      {"direction", CT::kString, false},           {"status", CT::kString, false},
      {"no_data_reason", CT::kString, true},       {"base_year", CT::kInteger, true},
      {"base_value", CT::kNumber, true},           {"latest_year", CT::kInteger, true},
      {"latest_value", CT::kNumber, true},         {"target_year", CT::kInteger, true},
      {"target_value", CT::kNumber, true},         {"observed_rate", CT::kNumber, true},
      {"needed_rate", CT::kNumber, true},          {"ratio", CT::kNumber, true},
      {"target_year_passed", CT::kBoolean, false}, {"actuals_from_indicator_id", CT::kInteger, true}};
  d.rows = [](Tx& tx) -> Result<std::vector<Row>> {
    auto outline = tx.plan().LoadPlanOutline();
    if (!outline) return Fail(outline.error());
    const ProgressPlan plan = usecases::ToProgressPlan(*outline);
    const ProgressRollup rollup = RollUpProgress(plan);
    std::vector<Row> rows;
    rows.reserve(outline->indicators.size());
    for (std::size_t i = 0; i < outline->indicators.size(); ++i) {
      const Indicator& ind = outline->indicators[i];
      const ProgressAssessment& a = rollup.indicators[i].assessment;
      Row r;
      r.emplace_back(std::int64_t{ind.id});
      r.emplace_back(ind.code);
      r.emplace_back(std::string(ToString(ind.direction)));
      r.emplace_back(std::string(ToString(a.status)));
      const std::string reason(ToString(a.reason));
      r.emplace_back(reason.empty() ? Cell() : Cell(reason));
      r.push_back(OptInt(a.base_year));
      r.push_back(OptNum(a.base_value));
      r.push_back(OptInt(a.current_year));
      r.push_back(OptNum(a.current_value));
      r.push_back(OptInt(ind.target_year));
      r.push_back(OptNum(ind.target_value));
      r.push_back(OptNum(a.observed_rate));
      r.push_back(OptNum(a.needed_rate));
      r.push_back(OptNum(a.ratio));
      r.emplace_back(a.target_year_passed);
      const auto& fed = rollup.indicators[i].fed_by;
      r.push_back(fed ? Cell(std::int64_t{*fed}) : Cell());
      rows.push_back(std::move(r));
    }
    return rows;
  };
  return d;
}

}  // namespace

std::vector<DatasetSpec> ProgressDatasets() { return {Progress()}; }

}  // namespace jospar::opendata
