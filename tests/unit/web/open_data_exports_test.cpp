// The open-data files shared by the server's threads: with background refresh, any number of threads may
// find the files stale at once; each gets the files there are, and the worker thread that rebuilds them is
// started, joined and replaced safely (run this suite under the tsan preset to check the last part).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/open.hpp"
#include "web/opendata/open_data.hpp"

namespace jospar::web {
namespace {

TEST(OpenDataExports, ManyThreadsFindingTheFilesStaleAtOnce) {
  auto store = store::OpenStore("sqlite::memory:");
  ASSERT_TRUE(store) << store.error().detail;
  std::atomic<std::int64_t> now{1'700'000'000};
  // A time to live of one second and a clock that moves on every call: every call finds the files stale
  // and may start a rebuild, which finishes quickly (an empty store).
  OpenDataExports exports(
      **store, "", [&now] { return now.fetch_add(1); }, 1, /*background_refresh=*/true);
  ASSERT_TRUE(exports.Current());
  constexpr int kThreads = 4;
  constexpr int kCalls = 150;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCalls; ++i) {
        auto files = exports.Current();
        if (!files || *files == nullptr) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace jospar::web
