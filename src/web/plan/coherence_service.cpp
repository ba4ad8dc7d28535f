#include "web/plan/coherence_service.hpp"

#include <algorithm>

#include "web/context.hpp"

namespace jospar::web {

coherence::CheckOptions CheckOptionsAt(std::int64_t unix_seconds) {
  coherence::CheckOptions o;
  const std::string iso = IsoTime(unix_seconds);  // 2026-01-31T12:00:00Z
  o.today = iso.substr(0, 10);
  o.current_year = std::stoi(iso.substr(0, 4));
  o.lost_periods = 2;
  return o;
}

CoherenceService::CoherenceService(OptionsSource options) : options_(std::move(options)) {}

Status CoherenceService::Refresh(Store& store) {
  const coherence::CheckOptions options = options_();
  if (!check_ || check_->index->options().current_year != options.current_year ||
      check_->index->options().today != options.today) {
    auto full = usecases::CheckPlan(store, options);
    if (!full) return Fail(full.error());
    check_ = std::move(*full);
    sorted_.reset();
    return {};
  }
  auto r = usecases::RefreshPlanCheck(store, *check_);
  if (!r) return Fail(r.error());
  if (r->entries > 0) sorted_.reset();
  return {};
}

Result<CoherencePage> CoherenceService::Read(Store& store, const CoherenceFilter& filter, std::int64_t offset,
                                             std::int64_t limit) {
  std::lock_guard lock(mu_);
  if (auto st = Refresh(store); !st) return Fail(st.error());
  if (!sorted_) sorted_ = std::make_shared<const std::vector<coherence::Finding>>(check_->index->Findings());
  CoherencePage page;
  page.counts = check_->index->CountFindings();
  page.objects = check_->index->object_count();
  std::int64_t seen = 0;
  for (const auto& f : *sorted_) {
    if (filter.rule && f.rule != *filter.rule) continue;
    if (filter.severity && coherence::Info(f.rule).severity != *filter.severity) continue;
    if (filter.kind && f.subject.kind != *filter.kind) continue;
    if (seen >= offset && (limit < 0 || static_cast<std::int64_t>(page.items.size()) < limit)) {
      CoherenceItem item{f, check_->index->Label(f.subject), {}, check_->index->DocumentIdOf(f.subject)};
      if (f.related) item.related_label = check_->index->Label(*f.related);
      page.items.push_back(std::move(item));
    }
    ++seen;
  }
  page.total = seen;
  return page;
}

}  // namespace jospar::web

namespace jospar::web {
CoherenceService& EnsureCoherenceService(AppContext& ctx) {
  if (!ctx.coherence)
    ctx.coherence = std::make_shared<CoherenceService>([&ctx] { return CheckOptionsAt(ctx.clock()); });
  return *ctx.coherence;
}
}  // namespace jospar::web
