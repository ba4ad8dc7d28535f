// The plan's coherence findings for the web layer and the CLI: one checked plan per process, built on
// first use and brought up to date from the history before every read (core/usecases/coherence.hpp), so
// that the findings shown are current after an edit without a full re-run. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/base/unit_of_work.hpp"
#include "core/plan/coherence.hpp"
#include "core/plan/usecases/coherence.hpp"

namespace jospar::web {

struct CoherenceFilter {
  std::optional<coherence::Rule> rule;
  std::optional<coherence::Severity> severity;
  std::optional<ObjectKind> kind;  // of the subject
};

// One finding ready to show: the finding and the codes of its objects.
struct CoherenceItem {
  coherence::Finding finding;
  std::string subject_label;
  std::string related_label;
  std::optional<Id> document_id;  // the document the subject belongs to (for links to the portal)
};

struct CoherencePage {
  std::vector<CoherenceItem> items;
  std::int64_t total = 0;    // findings matching the filter
  coherence::Counts counts;  // of every finding, unfiltered
  std::size_t objects = 0;   // objects checked
};

class CoherenceService {
 public:
  // `year` gives the options of the check (current year, today's date); called at every read so that a
  // new year starts a full check.
  using OptionsSource = std::function<coherence::CheckOptions()>;
  explicit CoherenceService(OptionsSource options);

  // Findings matching `filter`, from `offset`, at most `limit` (0: none, only the counts; negative: all).
  // kUnavailable when the store cannot be reached.
  Result<CoherencePage> Read(Store& store, const CoherenceFilter& filter, std::int64_t offset,
                             std::int64_t limit);

 private:
  Status Refresh(Store& store);

  OptionsSource options_;
  std::mutex mu_;
  std::optional<usecases::PlanCheck> check_;
  std::shared_ptr<const std::vector<coherence::Finding>> sorted_;  // cache, reset by every change
};

// The check options for a Unix time: its year, its date, two periods for the "lost" rules.
coherence::CheckOptions CheckOptionsAt(std::int64_t unix_seconds);

}  // namespace jospar::web

namespace jospar::web {
struct AppContext;
// ctx.coherence, created (options from ctx.clock) when it is still null. Call while registering routes
// (single-threaded), never from a handler.
CoherenceService& EnsureCoherenceService(AppContext& ctx);
}  // namespace jospar::web
