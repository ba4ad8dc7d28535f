#include "app/retention_job.hpp"

#include "core/base/clock.hpp"
#include "web/accounts/personal_data_web.hpp"
#include "web/dispatch.hpp"

#include <spdlog/spdlog.h>

namespace jospar::app {

Result<accounts::RetentionReport> RunRetention(Store& store, std::int64_t now) {
  return accounts::ApplyRetention(store, now, [] { return web::FreshAnonymousName(); });
}

void RetentionJob::Start(std::chrono::seconds interval) {
  thread_ = std::thread([this, interval] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      auto report = RunRetention(store_, SystemClock());
      if (!report) {
        web::LogEvent(spdlog::level::warn, "retention failed",
                      {{"error", std::string(ErrorCodeName(report.error().code))}});
      } else if (report->unconfirmed + report->inactive > 0) {
        web::LogEvent(spdlog::level::info, "retention erased accounts",
                      {{"unconfirmed", std::to_string(report->unconfirmed)},
                       {"inactive", std::to_string(report->inactive)}});
      }
      lock.lock();
      wake_.wait_for(lock, interval, [this] { return stop_; });
    }
  });
}

void RetentionJob::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace jospar::app
