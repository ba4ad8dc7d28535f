#include "core/plan/progress.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>

namespace jospar {

std::string_view ToString(ProgressStatus s) {
  switch (s) {
    case ProgressStatus::kTargetMet:
      return "target_met";
    case ProgressStatus::kOnTrack:
      return "on_track";
    case ProgressStatus::kNeedsAcceleration:
      return "needs_acceleration";
    case ProgressStatus::kLimitedProgress:
      return "limited_progress";
    case ProgressStatus::kDeteriorating:
      return "deteriorating";
    case ProgressStatus::kNoData:
      return "no_data";
  }
  return "no_data";
}

std::optional<ProgressStatus> ParseProgressStatus(std::string_view s) {
  for (ProgressStatus st : kProgressStatuses)
    if (ToString(st) == s) return st;
  return std::nullopt;
}

std::string_view ToString(NoDataReason r) {
  switch (r) {
    case NoDataReason::kNone:
      return "";
    case NoDataReason::kNoBaseline:
      return "no_baseline";
    case NoDataReason::kNoTarget:
      return "no_target";
    case NoDataReason::kNoActual:
      return "no_actual";
    case NoDataReason::kTargetBeforeBase:
      return "target_before_base";
    case NoDataReason::kSignChange:
      return "sign_change";
  }
  return "";
}

int ProgressWeight(ProgressStatus s) {
  switch (s) {
    case ProgressStatus::kTargetMet:
      return 100;
    case ProgressStatus::kOnTrack:
      return 75;
    case ProgressStatus::kNeedsAcceleration:
      return 50;
    case ProgressStatus::kLimitedProgress:
      return 25;
    case ProgressStatus::kDeteriorating:
      return 0;
    case ProgressStatus::kNoData:
      return 0;
  }
  return 0;
}

std::optional<double> StatusCounts::Index() const {
  std::int64_t counted = total - Count(ProgressStatus::kNoData);
  if (counted <= 0) return std::nullopt;
  double sum = 0;
  for (ProgressStatus s : kProgressStatuses)
    if (s != ProgressStatus::kNoData) sum += static_cast<double>(ProgressWeight(s)) * Count(s);
  return sum / static_cast<double>(counted);
}

namespace {

// Compound annual growth rate from (y0, v0) to (y1, v1); both values of the same sign and non-zero.
double Cagr(double v1, double v0, int y1, int y0) {
  return std::pow(v1 / v0, 1.0 / static_cast<double>(y1 - y0)) - 1.0;
}

ProgressAssessment NoData(ProgressAssessment a, NoDataReason reason) {
  a.status = ProgressStatus::kNoData;
  a.reason = reason;
  a.observed_rate.reset();
  a.needed_rate.reset();
  a.ratio.reset();
  return a;
}

ProgressStatus FromRatio(double p) {
  if (p >= kOnTrackRatio) return ProgressStatus::kOnTrack;
  if (p >= kAccelerationRatio) return ProgressStatus::kNeedsAcceleration;
  if (p >= kLimitedRatio) return ProgressStatus::kLimitedProgress;
  return ProgressStatus::kDeteriorating;
}

}  // namespace

ProgressAssessment AssessProgress(const ProgressBasis& basis, std::span<const ActualPoint> actuals) {
  ProgressAssessment a;
  a.base_year = basis.baseline_year;
  a.base_value = basis.baseline_value;
  if (!basis.baseline_year || !basis.baseline_value) return NoData(a, NoDataReason::kNoBaseline);
  if (!basis.target_year || !basis.target_value) return NoData(a, NoDataReason::kNoTarget);
  const int by = *basis.baseline_year;
  const int ty = *basis.target_year;
  const double b = *basis.baseline_value;
  const double t = *basis.target_value;
  if (ty <= by) return NoData(a, NoDataReason::kTargetBeforeBase);

  // The latest annual actual after the baseline year (a repeated year keeps the last one given).
  const ActualPoint* latest = nullptr;
  for (const ActualPoint& p : actuals)
    if (p.year > by && (latest == nullptr || p.year >= latest->year)) latest = &p;
  if (latest == nullptr) return NoData(a, NoDataReason::kNoActual);
  const int cy = latest->year;
  const double c = latest->value;
  a.current_year = cy;
  a.current_value = c;
  a.target_year_passed = cy >= ty;

  // The wanted direction: +1 up, -1 down.
  int d = basis.direction == Direction::kDecrease ? -1 : 1;
  if (basis.direction == Direction::kKeep) {
    const double tol = t == 0 ? kZeroReplacement : kKeepTolerance * std::fabs(t);
    if (std::fabs(c - t) <= tol) {
      a.status = ProgressStatus::kTargetMet;
      a.reason = NoDataReason::kNone;
      return a;
    }
    if (std::fabs(b - t) <= tol) {
      a.status = ProgressStatus::kDeteriorating;
      a.reason = NoDataReason::kNone;
      return a;
    }
    d = t > b ? 1 : -1;
  }
  const bool met = d > 0 ? c >= t : c <= t;

  const double base = b == 0 ? kZeroReplacement : b;
  const double target = t == 0 ? kZeroReplacement : t;
  if (c / base >= 0) a.observed_rate = Cagr(c, base, cy, by);
  if (target / base > 0 && t != b) a.needed_rate = Cagr(target, base, ty, by);

  if (met) {
    a.status = ProgressStatus::kTargetMet;
    a.reason = NoDataReason::kNone;
    if (a.observed_rate && a.needed_rate && *a.needed_rate != 0) {
      const double sign = base < 0 ? -1.0 : 1.0;
      a.ratio = sign * d * *a.observed_rate / std::fabs(*a.needed_rate);
    }
    return a;
  }
  if (t == b) {  // nothing to gain, and the latest actual fell short of it
    a.status = ProgressStatus::kDeteriorating;
    a.reason = NoDataReason::kNone;
    return a;
  }
  if (!a.observed_rate || !a.needed_rate || *a.needed_rate == 0) return NoData(a, NoDataReason::kSignChange);
  const double sign = base < 0 ? -1.0 : 1.0;
  const double p = sign * d * *a.observed_rate / std::fabs(*a.needed_rate);
  a.ratio = p;
  a.reason = NoDataReason::kNone;
  a.status = FromRatio(p);
  if (a.target_year_passed && a.status == ProgressStatus::kOnTrack)
    a.status = ProgressStatus::kNeedsAcceleration;
  return a;
}

std::vector<ActualPoint> AnnualTotals(std::span<const Observation> observations) {
  std::pair<std::string, std::string> key;
  bool have = false;
  auto annual = [](const Observation& o) {
    return o.disaggregation.empty() && o.period.size() == 4 &&
           std::all_of(o.period.begin(), o.period.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  };
  for (const Observation& o : observations) {
    if (!annual(o)) continue;
    std::pair<std::string, std::string> k{o.series, o.unit};
    if (!have || k < key) {
      key = std::move(k);
      have = true;
    }
  }
  std::vector<ActualPoint> out;
  if (!have) return out;
  for (const Observation& o : observations)
    if (annual(o) && o.series == key.first && o.unit == key.second)
      out.push_back({std::stoi(o.period), o.value});
  std::stable_sort(out.begin(), out.end(),
                   [](const ActualPoint& x, const ActualPoint& y) { return x.year < y.year; });
  // A repeated year keeps the last one.
  std::vector<ActualPoint> unique;
  for (const ActualPoint& p : out) {
    if (!unique.empty() && unique.back().year == p.year)
      unique.back() = p;
    else
      unique.push_back(p);
  }
  return unique;
}

namespace {

// Maps ids to positions: a flat table when the ids are dense, a hash map otherwise.
class IdIndex {
 public:
  template <class T>
  explicit IdIndex(const std::vector<T>& items) {
    Id max_id = 0;
    for (const T& x : items) max_id = std::max(max_id, x.id);
    if (max_id >= 0 && static_cast<std::size_t>(max_id) <= 4 * items.size() + 1024) {
      dense_.assign(static_cast<std::size_t>(max_id) + 1, -1);
      for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].id >= 0) dense_[static_cast<std::size_t>(items[i].id)] = static_cast<std::int32_t>(i);
    } else {
      sparse_.reserve(items.size());
      for (std::size_t i = 0; i < items.size(); ++i) sparse_[items[i].id] = static_cast<std::int32_t>(i);
    }
  }
  // Position of `id`, or -1.
  std::int32_t Find(Id id) const {
    if (!dense_.empty() || sparse_.empty()) {
      if (id < 0 || static_cast<std::size_t>(id) >= dense_.size()) return -1;
      return dense_[static_cast<std::size_t>(id)];
    }
    auto it = sparse_.find(id);
    return it == sparse_.end() ? -1 : it->second;
  }

 private:
  std::vector<std::int32_t> dense_;
  std::unordered_map<Id, std::int32_t> sparse_;
};

// (owner, value) pairs by owner position, stored as compressed rows after Seal() (O(1) per owner).
struct Adjacency {
  std::vector<std::pair<std::int32_t, std::int32_t>> pairs;
  std::vector<std::int32_t> offsets, values;
  void Add(std::int32_t owner, std::int32_t value) { pairs.emplace_back(owner, value); }
  void Seal(std::size_t owners) {
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    offsets.assign(owners + 1, 0);
    for (const auto& [o, v] : pairs) ++offsets[static_cast<std::size_t>(o) + 1];
    for (std::size_t i = 1; i < offsets.size(); ++i) offsets[i] += offsets[i - 1];
    values.reserve(pairs.size());
    for (const auto& [o, v] : pairs) values.push_back(v);
    pairs.clear();
    pairs.shrink_to_fit();
  }
  template <class F>
  void ForEach(std::int32_t owner, F&& f) const {
    const auto o = static_cast<std::size_t>(owner);
    for (auto i = offsets[o]; i < offsets[o + 1]; ++i) f(values[static_cast<std::size_t>(i)]);
  }
};

void SortUnique(std::vector<std::int32_t>& v) {
  if (v.size() < 2) return;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

template <class T>
std::vector<RollupEntry> Entries(const std::vector<StatusCounts>& counts, const std::vector<T>& items) {
  std::vector<RollupEntry> out;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i].total > 0) out.push_back({items[i].id, counts[i]});
  std::sort(out.begin(), out.end(), [](const RollupEntry& x, const RollupEntry& y) { return x.id < y.id; });
  return out;
}

}  // namespace

ProgressRollup RollUpProgress(const ProgressPlan& plan, const ProgressFilter& filter) {
  const IdIndex doc_ix(plan.documents);
  const IdIndex goal_ix(plan.goals);
  const IdIndex ind_ix(plan.indicators);
  const IdIndex sdg_ix(plan.sdg);

  // The SDG goal of an SDG node (itself for a goal), by position.
  auto sdg_goal_of = [&](std::int32_t s) -> std::int32_t {
    if (s < 0) return -1;
    const auto& n = plan.sdg[static_cast<std::size_t>(s)];
    if (!n.parent_id) return s;
    return sdg_ix.Find(*n.parent_id);
  };

  Adjacency ind_goals, goal_sdg, ind_sdg, ind_feeders;
  for (const Link& l : plan.links) {
    const bool from_ind = l.from.kind == ObjectKind::kIndicator;
    const bool from_goal = l.from.kind == ObjectKind::kGoal;
    const bool to_goal = l.to.kind == ObjectKind::kGoal;
    const bool to_ind = l.to.kind == ObjectKind::kIndicator;
    const bool to_sdg = l.to.kind == ObjectKind::kSdgGoal || l.to.kind == ObjectKind::kSdgTarget;
    if (from_ind && to_goal) {
      auto i = ind_ix.Find(l.from.id), g = goal_ix.Find(l.to.id);
      if (i >= 0 && g >= 0) ind_goals.Add(i, g);
    } else if (from_goal && to_ind) {
      auto i = ind_ix.Find(l.to.id), g = goal_ix.Find(l.from.id);
      if (i >= 0 && g >= 0) ind_goals.Add(i, g);
    } else if (from_ind && to_ind) {
      auto i = ind_ix.Find(l.from.id), j = ind_ix.Find(l.to.id);
      if (i >= 0 && j >= 0 && i != j) ind_feeders.Add(i, j);
    } else if (from_ind && to_sdg) {
      auto i = ind_ix.Find(l.from.id), s = sdg_goal_of(sdg_ix.Find(l.to.id));
      if (i >= 0 && s >= 0) ind_sdg.Add(i, s);
    } else if (from_goal && to_sdg) {
      auto g = goal_ix.Find(l.from.id), s = sdg_goal_of(sdg_ix.Find(l.to.id));
      if (g >= 0 && s >= 0) goal_sdg.Add(g, s);
    }
  }
  ind_goals.Seal(plan.indicators.size());
  goal_sdg.Seal(plan.goals.size());
  ind_sdg.Seal(plan.indicators.size());
  ind_feeders.Seal(plan.indicators.size());

  ProgressRollup out;
  out.indicators.resize(plan.indicators.size());
  std::vector<StatusCounts> goal_counts(plan.goals.size()), doc_counts(plan.documents.size()),
      sdg_counts(plan.sdg.size());
  // Bodies by id: a flat table when the ids are small, else a hash map.
  Id max_body = 0;
  for (const auto& ind : plan.indicators)
    if (ind.body_id) max_body = std::max(max_body, *ind.body_id);
  const bool flat_bodies =
      max_body >= 0 && static_cast<std::size_t>(max_body) <= 4 * plan.indicators.size() + 1024;
  std::vector<StatusCounts> body_flat(flat_bodies ? static_cast<std::size_t>(max_body) + 1 : 0);
  std::unordered_map<Id, StatusCounts> body_counts;

  std::vector<std::int32_t> goals, docs, sdgs;
  for (std::size_t k = 0; k < plan.indicators.size(); ++k) {
    const auto& ind = plan.indicators[k];
    const auto ik = static_cast<std::int32_t>(k);
    IndicatorProgress& res = out.indicators[k];
    res.id = ind.id;

    // Goals, documents and SDG goals it counts for.
    goals.clear();
    docs.clear();
    sdgs.clear();
    std::int32_t own_goal = ind.goal_id ? goal_ix.Find(*ind.goal_id) : -1;
    auto add_goal = [&](std::int32_t g) {
      if (g < 0) return;
      goals.push_back(g);
      const auto& gr = plan.goals[static_cast<std::size_t>(g)];
      if (gr.parent_id) {
        auto p = goal_ix.Find(*gr.parent_id);
        if (p >= 0) goals.push_back(p);
      }
    };
    add_goal(own_goal);
    ind_goals.ForEach(ik, add_goal);
    SortUnique(goals);
    for (auto g : goals) {
      auto d = doc_ix.Find(plan.goals[static_cast<std::size_t>(g)].document_id);
      if (d >= 0) docs.push_back(d);
      goal_sdg.ForEach(g, [&](std::int32_t s) { sdgs.push_back(s); });
    }
    SortUnique(docs);
    if (ind.sdg_target_id) {
      auto s = sdg_goal_of(sdg_ix.Find(*ind.sdg_target_id));
      if (s >= 0) sdgs.push_back(s);
    }
    ind_sdg.ForEach(ik, [&](std::int32_t s) { sdgs.push_back(s); });
    SortUnique(sdgs);

    std::optional<Tier> tier;
    if (own_goal >= 0) {
      auto d = doc_ix.Find(plan.goals[static_cast<std::size_t>(own_goal)].document_id);
      if (d >= 0) tier = plan.documents[static_cast<std::size_t>(d)].tier;
    }

    // Its actuals, or those of the indicator it contributes to.
    const std::vector<ActualPoint>* actuals = &ind.actuals;
    if (ind.actuals.empty()) {
      ind_feeders.ForEach(ik, [&](std::int32_t j) {
        const auto& other = plan.indicators[static_cast<std::size_t>(j)];
        if (!res.fed_by && !other.actuals.empty()) {
          res.fed_by = other.id;
          actuals = &other.actuals;
        }
      });
    }
    res.assessment = AssessProgress(ind.basis, *actuals);

    bool included = true;
    if (filter.tier && tier != filter.tier) included = false;
    if (filter.body_id && ind.body_id != filter.body_id) included = false;
    if (included && filter.sdg_goal_id) {
      auto s = sdg_ix.Find(*filter.sdg_goal_id);
      included = s >= 0 && std::binary_search(sdgs.begin(), sdgs.end(), s);
    }
    if (included && filter.document_id) {
      auto d = doc_ix.Find(*filter.document_id);
      included = d >= 0 && std::binary_search(docs.begin(), docs.end(), d);
    }
    res.included = included;
    if (!included) continue;

    const ProgressStatus st = res.assessment.status;
    out.overall.Add(st);
    for (auto g : goals) goal_counts[static_cast<std::size_t>(g)].Add(st);
    for (auto d : docs) doc_counts[static_cast<std::size_t>(d)].Add(st);
    for (auto s : sdgs) sdg_counts[static_cast<std::size_t>(s)].Add(st);
    if (ind.body_id) {
      if (flat_bodies && *ind.body_id >= 0)
        body_flat[static_cast<std::size_t>(*ind.body_id)].Add(st);
      else
        body_counts[*ind.body_id].Add(st);
    }
  }

  out.goals = Entries(goal_counts, plan.goals);
  out.documents = Entries(doc_counts, plan.documents);
  out.sdg_goals = Entries(sdg_counts, plan.sdg);
  for (auto& [id, c] : body_counts) out.bodies.push_back({id, c});
  for (std::size_t b = 0; b < body_flat.size(); ++b)
    if (body_flat[b].total > 0) out.bodies.push_back({static_cast<Id>(b), body_flat[b]});
  std::sort(out.bodies.begin(), out.bodies.end(),
            [](const RollupEntry& x, const RollupEntry& y) { return x.id < y.id; });
  return out;
}

}  // namespace jospar
