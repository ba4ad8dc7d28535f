// A seed of the plan registry (state bodies, documents with goals, tasks, indicators, measures and
// "contributes to" links) whose objects refer to each other by public codes instead of ids, so that it can
// be written in a file (data/demo/plan.yml, read by formats/demo_plan.hpp) and loaded idempotently
// (core/usecases/demo.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"

namespace jospar {

// Target of a "contributes to" link, as written: "sdg:8" (SDG goal), "sdg:8.5" (SDG target),
// "indicator:1.2.1" (an indicator by code), "goal:DOC/1.2" (goal or task 1.2 of document DOC).
struct SeedLinkTarget {
  enum class Kind { kSdg, kIndicator, kGoal };
  Kind kind = Kind::kSdg;
  std::string code;           // SDG code, indicator code, or goal code
  std::string document_code;  // kGoal only
  std::string text;           // as written, for messages
  friend bool operator==(const SeedLinkTarget&, const SeedLinkTarget&) = default;
};

// Parses a link target; nullopt when it is not of one of the forms above.
std::optional<SeedLinkTarget> ParseSeedLinkTarget(const std::string& text);

struct SeedBody {
  std::string code;
  BodyKind kind = BodyKind::kOther;
  std::string parent;  // code of the parent body, empty for none
  Text title;
};

struct SeedIndicator {
  Indicator indicator;      // without ids; responsible_body_id unset
  std::string responsible;  // body code, may be empty
  std::vector<SeedLinkTarget> contributes_to;
};

struct SeedMeasure {
  Measure measure;  // without ids
  std::string responsible;
};

struct SeedGoal {
  std::string code;
  Text title;
  bool demo = false;
  std::vector<SeedGoal> tasks;  // only one level: tasks have no tasks
  std::vector<SeedIndicator> indicators;
  std::vector<SeedMeasure> measures;
  std::vector<SeedLinkTarget> contributes_to;
};

struct SeedDocument {
  Document document;        // without ids; owner, parent and merged_into given by the codes below
  std::string owner;        // body code
  std::string parent;       // document code
  std::string merged_into;  // document code, iff status is merged
  std::vector<SeedGoal> goals;
};

struct PlanSeed {
  std::vector<SeedBody> bodies;         // a parent comes before its children
  std::vector<SeedDocument> documents;  // a parent comes before its children
};

}  // namespace jospar
