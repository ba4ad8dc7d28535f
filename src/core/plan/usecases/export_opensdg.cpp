#include "core/plan/usecases/export_opensdg.hpp"
#include "core/plan/repository.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace jospar::usecases {

Result<OpenSdgDataset> ExportOpenSdg(Tx& tx) {
  OpenSdgDataset ds;
  std::map<Id, std::string> target_codes;
  auto goals = tx.plan().ListSdgNodes(std::nullopt);
  if (!goals) return Fail(goals.error());
  for (const auto& g : *goals) {
    ds.goals.push_back(SdgGoalEntry{g.code, g.title, {}});
    auto targets = tx.plan().ListSdgNodes(g.id);
    if (!targets) return Fail(targets.error());
    for (const auto& t : *targets) {
      ds.targets.push_back(SdgTargetEntry{t.code, g.code, t.title});
      target_codes.emplace(t.id, t.code);
    }
  }
  std::sort(ds.goals.begin(), ds.goals.end(),
            [](const SdgGoalEntry& a, const SdgGoalEntry& b) { return NaturalCodeLess(a.code, b.code); });
  std::stable_sort(
      ds.targets.begin(), ds.targets.end(),
      [](const SdgTargetEntry& a, const SdgTargetEntry& b) { return NaturalCodeLess(a.code, b.code); });

  PageRequest p;
  p.sort = "id";
  p.limit = 500;
  std::vector<Indicator> indicators;
  for (;;) {
    auto page = tx.plan().ListIndicators(IndicatorFilter{}, p);
    if (!page) return Fail(page.error());
    for (auto& i : page->items)
      if (!i.goal_id) indicators.push_back(std::move(i));
    if (page->next_cursor.empty()) break;
    p.cursor = page->next_cursor;
  }
  for (const auto& i : indicators) {
    NationalIndicator n;
    n.code = i.code;
    if (i.sdg_target_id)
      if (auto it = target_codes.find(*i.sdg_target_id); it != target_codes.end()) n.target_code = it->second;
    n.title = i.title;
    n.unit = i.unit;
    n.source = i.source;
    auto obs = tx.plan().ListObservations(i.id);
    if (!obs) return Fail(obs.error());
    n.observations = std::move(*obs);
    for (auto& o : n.observations) o.indicator_id = 0;
    std::sort(n.observations.begin(), n.observations.end(), [](const Observation& a, const Observation& b) {
      return std::tie(a.series, a.unit, a.period, a.disaggregation) <
             std::tie(b.series, b.unit, b.period, b.disaggregation);
    });
    for (const auto& o : n.observations)
      if (!o.series.empty() && (n.series.empty() || n.series.back() != o.series))
        n.series.push_back(o.series);
    std::sort(n.series.begin(), n.series.end());
    n.series.erase(std::unique(n.series.begin(), n.series.end()), n.series.end());
    ds.indicators.push_back(std::move(n));
  }
  std::stable_sort(
      ds.indicators.begin(), ds.indicators.end(),
      [](const NationalIndicator& a, const NationalIndicator& b) { return NaturalCodeLess(a.code, b.code); });

  auto names = tx.plan().ListCodeNames("");
  if (!names) return Fail(names.error());
  ds.code_names = std::move(*names);
  std::sort(ds.code_names.begin(), ds.code_names.end(), [](const CodeName& a, const CodeName& b) {
    return std::tie(a.dimension, a.code) < std::tie(b.dimension, b.code);
  });
  return ds;
}

}  // namespace jospar::usecases
