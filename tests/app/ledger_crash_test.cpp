// A server killed with SIGKILL at random moments while clients write leaves a log that verifies, and every
// write it acknowledged (2xx) has its entry: the real `jospar serve` on a SQLite file, restarted each round.
#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/app_fixture.hpp"
#include "core/ledger/repository.hpp"
#include "store/open.hpp"

namespace jospar::testing {
namespace {

TEST(LedgerCrash, KilledServerLosesNoAcknowledgedEntryAndTheLogVerifies) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.path() + "/crash.db";
  const std::string data = dir.path() + "/var";
  ASSERT_EQ(RunJospar({"migrate", "--db", db}).exit_code, 0);
  ASSERT_EQ(RunJospar({"user", "add", "writer", "--role", "admin", "--db", db}).exit_code, 0);
  auto token_run = RunJospar({"user", "token", "writer", "--db", db});
  ASSERT_EQ(token_run.exit_code, 0) << token_run.output;
  // The token is the one output line starting with "jsp_" (the rest is a notice on stderr).
  std::string token;
  for (std::size_t at = token_run.output.find("jsp_"); at != std::string::npos && token.empty();
       at = token_run.output.find("jsp_", at + 1))
    if (at == 0 || token_run.output[at - 1] == '\n')
      token = token_run.output.substr(at, token_run.output.find('\n', at) - at);
  ASSERT_FALSE(token.empty()) << token_run.output;

  std::mt19937 rng(20261123);
  std::mutex mu;
  std::set<std::int64_t> acknowledged;  // body ids answered with 201
  int rounds = 0, killed_with_requests_in_flight = 0;
  const auto started = std::chrono::steady_clock::now();
  for (int round = 0; round < 10; ++round) {
    ServerProcess server(db, data, dir.path() + "/serve.log");
    ASSERT_TRUE(server.Start()) << "round " << round << ": " << ReadAll(dir.path() + "/serve.log");
    std::atomic<bool> stop{false};
    std::atomic<int> in_flight{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 3; ++t) {
      clients.emplace_back([&, t] {
        for (int k = 0; !stop; ++k) {
          const std::string code =
              "K" + std::to_string(round) + "-" + std::to_string(t) + "-" + std::to_string(k);
          ++in_flight;
          auto r = HttpRequest(server.port(), "POST", "/api/v1/bodies",
                               R"({"code":")" + code + R"(","title":{"en":"Crash test body"}})", token, 3000);
          --in_flight;
          if (r.status == 201) {
            auto j = nlohmann::json::parse(r.body, nullptr, false);
            ASSERT_TRUE(j.is_object() && j.contains("id")) << r.body;
            std::lock_guard lock(mu);
            acknowledged.insert(j["id"].get<std::int64_t>());
          } else if (r.status == 0) {
            return;  // the server is gone
          } else {
            ASSERT_EQ(r.status, 429) << r.body;  // the write limiter; nothing acknowledged
          }
          // One client also asks for checkpoints, so that signing happens under the kills too.
          if (t == 0 && k % 5 == 0)
            HttpRequest(server.port(), "GET", "/api/v1/ledger/checkpoint", "", "", 3000);
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(80, 600)(rng)));
    if (in_flight > 0) ++killed_with_requests_in_flight;
    server.Stop(SIGKILL);
    stop = true;
    for (auto& c : clients) c.join();
    ++rounds;
    if (std::chrono::steady_clock::now() - started > std::chrono::seconds(22))
      break;  // a slow or busy machine: fewer rounds
  }
  ASSERT_GE(rounds, 5);
  EXPECT_GT(killed_with_requests_in_flight, 0);
  ASSERT_GT(acknowledged.size(), 10u);

  // Recomputed from the store: every entry, node and checkpoint.
  auto verify = RunJospar({"ledger", "verify", "--db", db, "--data-dir", data});
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  // Every acknowledged write has its entry.
  auto store = store::OpenStore(db);
  ASSERT_TRUE(store) << store.error().detail;
  auto tx = (*store)->Begin(TxMode::kRead);
  ASSERT_TRUE(tx);
  for (std::int64_t id : acknowledged) {
    auto entries = (*tx)->ledger().ListLogEntriesFor("body", std::to_string(id), 5);
    ASSERT_TRUE(entries) << entries.error().detail;
    EXPECT_FALSE(entries->empty()) << "body " << id << " was acknowledged but has no log entry";
  }
  std::cout << rounds << " rounds, " << acknowledged.size() << " acknowledged writes, "
            << killed_with_requests_in_flight << " kills with requests in flight\n";
}

}  // namespace
}  // namespace jospar::testing
