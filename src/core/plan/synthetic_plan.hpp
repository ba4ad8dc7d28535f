// A reproducible synthetic state plan for load tests and benchmarks (`jospar demo generate`): the five
// tiers with parent links, goals, tasks, indicators with baselines, targets, planned and actual values,
// measures and "contributes to" links, with texts drawn from the real SDG texts and with the gaps and
// faults a real plan has (documents without a parent, goals linked to nothing, missing units or targets,
// cycles, broken links, lost indicators ...), so that every coherence rule has something to find.
//
// Pure: no I/O, no clock, no global state. The same spec and texts give the same plan, object for object,
// whatever batch size the caller reads it in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/plan/opensdg.hpp"
#include "core/plan/plan_batch.hpp"

namespace jospar {

// Real texts the generator draws from, grouped by SDG goal ("theme").
struct SyntheticTheme {
  Text goal;                  // the SDG goal's short title
  std::vector<Text> targets;  // its targets' titles
  struct IndicatorText {
    Text title, unit, source;
  };
  std::vector<IndicatorText> indicators;  // its national indicators (title, unit, data source)
};
struct SyntheticTexts {
  std::vector<SyntheticTheme> themes;  // never empty for a usable generator
};

// The themes of an Open SDG dataset: every goal with at least one target; indicators without a unit get
// none (the plan then has an indicator without a unit, as real plans do).
SyntheticTexts SyntheticTextsFrom(const OpenSdgDataset& dataset);

struct SyntheticPlanSpec {
  std::int64_t documents = 1000;    // 1 .. 10,000,000
  std::int64_t indicators = 10000;  // 0 .. 100,000,000, spread evenly over the documents
  std::uint64_t seed = 1;
  int current_year = 2026;          // the year the plan is "now" in (statuses, actual values, deadlines)
  PlanIdBase ids;                   // ids in use; generated ids start after them
  std::vector<Id> sdg_target_ids;   // SDG targets in the store that goals may contribute to; may be empty
  std::string code_prefix = "GEN";  // every generated code starts with it
};

// Checks a spec: kInvalidInput with field errors ("documents", "indicators", "current_year", "texts").
Status ValidateSyntheticSpec(const SyntheticPlanSpec& spec, const SyntheticTexts& texts);

class SyntheticPlanGenerator {
 public:
  // `spec` and `texts` must have passed ValidateSyntheticSpec.
  SyntheticPlanGenerator(SyntheticPlanSpec spec, SyntheticTexts texts);

  // Appends the next objects to `batch`: on the first call the state bodies, then on every call up to
  // `max_documents` documents with their goals, tasks, indicators (planned values), actual values,
  // measures and links. Returns false (appending nothing) once the whole plan has been produced.
  bool Next(PlanBatch& batch, std::int64_t max_documents);

  std::int64_t documents_done() const { return next_doc_; }

 private:
  struct DocInfo {
    int tier = 5;
    bool live = false;  // approved or in force
    int region = -1;    // index into the regions, -1 for national documents
    Id owner = 0;
    int theme = 0;
    Id first_goal = 0;
    int top_goals = 0;
    Id first_indicator = 0;
    std::int64_t indicators = 0;
  };

  std::uint64_t Rand();
  std::uint64_t Below(std::uint64_t n);  // uniform in [0, n); 0 when n == 0
  bool Chance(double p);
  int TierOf(std::int64_t index) const;
  void EmitBodies(PlanBatch& batch);
  void EmitDocument(std::int64_t index, PlanBatch& batch);

  SyntheticPlanSpec spec_;
  SyntheticTexts texts_;
  std::uint64_t state_[4] = {};
  std::int64_t tier_end_[5] = {};  // documents [tier_end_[t-2], tier_end_[t-1]) have tier t
  std::vector<DocInfo> docs_;
  std::vector<std::int64_t> live_by_tier_[5];  // indexes of live documents per tier
  std::vector<std::int64_t> all_by_tier_[5];
  std::vector<std::int64_t> ended_by_tier_[5];  // expired or repealed: their goals may be carried on
  std::vector<std::int32_t> indicator_text_;    // per generated indicator: theme * 65536 + text index
  Id government_ = 0, first_ministry_ = 0, first_akimat_ = 0;
  int ministries_ = 0;
  Id next_goal_ = 0, next_indicator_ = 0, next_measure_ = 0, next_link_ = 0;
  std::int64_t next_doc_ = 0;
  bool bodies_done_ = false;
};

}  // namespace jospar
