// The retention of personal data as a scheduled job: accounts::ApplyRetention (core/accounts/
// personal_data.hpp) erases every person account that is due — never confirmed 7 days after registration,
// or not signed in for 3 years. `jospar serve` runs it in the background every --retention-interval
// seconds; `jospar persons retention` runs it once. A log line gives the counts only, never a person.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/accounts/personal_data.hpp"
#include "core/base/unit_of_work.hpp"

namespace jospar::app {

// ApplyRetention at `now` with fresh anonymous names.
Result<accounts::RetentionReport> RunRetention(Store& store, std::int64_t now);

class RetentionJob {
 public:
  explicit RetentionJob(Store& store) : store_(store) {}
  ~RetentionJob() { Stop(); }
  // A background thread running RunRetention with the system clock every `interval` (first run at once).
  void Start(std::chrono::seconds interval);
  void Stop();

 private:
  Store& store_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace jospar::app
