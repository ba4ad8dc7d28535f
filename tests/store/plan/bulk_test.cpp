// A bulk load the size of the Open SDG import (hundreds of indicators, tens of thousands of values) in
// one transaction, and a re-run that finds every value unchanged.
#include <chrono>

#include "core/plan/repository.hpp"
#include "store/store_fixture.hpp"

namespace jospar::testing {
namespace {

TEST_P(StoreContract, BulkImportInOneTransaction) {
  constexpr int kIndicators = 274;
  // 32,880 observations on SQLite (the default backend the import runs on); fewer on PostgreSQL, where
  // every value is a round trip, to keep the suite quick.
  const int kValuesEach = IsPostgres() ? 24 : 120;
  auto run = [&](UpsertOutcome expected) {
    auto tx = Write();
    for (int i = 0; i < kIndicators; ++i) {
      const std::string code = std::to_string(i / 20 + 1) + "." + std::to_string(i % 20 + 1) + ".1";
      Id id = 0;
      if (auto existing = tx->plan().GetIndicatorByCode(code)) {
        id = existing->id;
      } else {
        id = tx->plan().InsertIndicator(MakeIndicator(code)).value();
      }
      for (int v = 0; v < kValuesEach; ++v) {
        Observation o{
            id,      "SERIES", "PERCENT", std::to_string(2000 + v % 24), "SEX=" + std::to_string(v / 24),
            v * 1.5, false};
        auto r = tx->plan().UpsertObservation(o);
        ASSERT_TRUE(r) << r.error().detail;
        ASSERT_EQ(r->outcome, expected);
      }
    }
    ASSERT_TRUE(tx->Commit());
  };
  const auto start = std::chrono::steady_clock::now();
  run(UpsertOutcome::kInserted);
  const auto first = std::chrono::steady_clock::now() - start;
  run(UpsertOutcome::kUnchanged);
  const auto both = std::chrono::steady_clock::now() - start;
  auto tx = Read();
  EXPECT_EQ(tx->plan().CountObservations().value(), kIndicators * kValuesEach);
  std::cout << "[ bulk     ] " << GetParam() << ": first load "
            << std::chrono::duration_cast<std::chrono::milliseconds>(first).count() << " ms, re-run "
            << std::chrono::duration_cast<std::chrono::milliseconds>(both - first).count() << " ms\n";
  // Generous bound for the sanitizer build on a shared 2-core machine; the release build is far faster.
  if (!IsPostgres()) {
    EXPECT_LT(first, std::chrono::seconds(30));
  }
}

}  // namespace
}  // namespace jospar::testing
