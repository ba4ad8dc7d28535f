// The transparency log's node cache (core/ledger/node_cache.hpp): proofs and tree heads served through it
// equal those read node by node from the whole tree, while the log grows under one cache; a missing stored
// node is reported, never invented.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "core/ledger/merkle.hpp"
#include "core/ledger/node_cache.hpp"

namespace jospar::ledger {
namespace {

// Tx::ListLogNodes over an in-memory tree; counts the calls and the rows read.
struct Levels {
  const MemoryTree* tree = nullptr;
  int calls = 0;
  std::size_t rows = 0;
  std::uint64_t hole_level = ~0ULL, hole_index = ~0ULL;  // a node the "store" lacks

  LevelReader Reader() {
    return [this](int level, std::uint64_t begin,
                  int limit) -> Result<std::vector<std::pair<std::uint64_t, Hash>>> {
      ++calls;
      std::vector<std::pair<std::uint64_t, Hash>> out;
      const auto& levels = tree->levels();
      if (static_cast<std::size_t>(level) >= levels.size()) return out;
      const auto& row = levels[static_cast<std::size_t>(level)];
      for (std::uint64_t i = begin; i < row.size() && out.size() < static_cast<std::size_t>(limit); ++i) {
        if (static_cast<std::uint64_t>(level) == hole_level && i == hole_index) continue;
        out.emplace_back(i, row[i]);
      }
      rows += out.size();
      return out;
    };
  }
};

TEST(LedgerNodeCache, ProofsAndHeadsMatchTheWholeTreeWhileTheLogGrows) {
  MemoryTree tree;
  NodeCache cache;
  Levels levels{&tree};
  const LevelReader list = levels.Reader();
  const NodeReader cached = [&](const std::vector<NodeId>& ids) { return cache.Read(ids, list); };
  for (std::uint64_t n = 1; n <= 300; ++n) {
    tree.Append(LeafHash("entry " + std::to_string(n - 1)));
    // Sizes around the block and level boundaries in full, the others sampled.
    const bool full = n <= 66 || n % 64 <= 1 || n % 64 == 63 || n == 300;
    auto head = TreeHead(n, cached);
    ASSERT_TRUE(head) << n;
    ASSERT_EQ(*head, *TreeHead(n, tree.Reader())) << n;
    for (std::uint64_t i = 0; i < n; i += full ? 1 : 17) {
      auto p = ProveInclusion(i, n, cached);
      ASSERT_TRUE(p) << i << " of " << n;
      ASSERT_EQ(*p, *ProveInclusion(i, n, tree.Reader())) << i << " of " << n;
      ASSERT_TRUE(VerifyInclusion(i, n, tree.levels()[0][i], *p, *head));
    }
    for (std::uint64_t m = 1; m < n; m += full ? 1 : 23) {
      auto c = ProveConsistency(m, n, cached);
      ASSERT_TRUE(c) << m << " to " << n;
      ASSERT_EQ(*c, *ProveConsistency(m, n, tree.Reader())) << m << " to " << n;
    }
  }
  // Upper levels (>= 6) of 300 leaves: 4 + 2 + 1 nodes.
  EXPECT_GE(cache.MemoryBytes(), 7 * sizeof(Hash));
}

TEST(LedgerNodeCache, AnInclusionProofReadsAtMostTwoRunsOfLeavesOnceTheUpperLevelsAreLoaded) {
  MemoryTree tree;
  for (int i = 0; i < 5000; ++i) tree.Append(LeafHash("e" + std::to_string(i)));
  NodeCache cache;
  Levels levels{&tree};
  const LevelReader list = levels.Reader();
  const NodeReader cached = [&](const std::vector<NodeId>& ids) { return cache.Read(ids, list); };
  ASSERT_TRUE(ProveInclusion(0, 5000, cached));  // loads the upper levels
  levels.calls = 0;
  levels.rows = 0;
  for (std::uint64_t i : {1ULL, 77ULL, 2048ULL, 4095ULL, 4999ULL}) {
    const int before = levels.calls;
    auto p = ProveInclusion(i, 5000, cached);
    ASSERT_TRUE(p);
    EXPECT_EQ(*p, *ProveInclusion(i, 5000, tree.Reader()));
    // The leaf's own block, and the last (incomplete) block of the log when the proof reaches it.
    EXPECT_LE(levels.calls - before, 2) << i;
  }
  EXPECT_LE(levels.rows, 5u * 2u * 64u);
}

TEST(LedgerNodeCache, AMissingNodeIsReportedNotInvented) {
  MemoryTree tree;
  for (int i = 0; i < 300; ++i) tree.Append(LeafHash("e" + std::to_string(i)));
  {
    NodeCache cache;
    Levels levels{&tree};
    levels.hole_level = 0;
    levels.hole_index = 130;
    const LevelReader list = levels.Reader();
    auto p = ProveInclusion(131, 300, [&](const std::vector<NodeId>& ids) { return cache.Read(ids, list); });
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, ErrorCode::kNotFound);
    EXPECT_NE(p.error().detail.find("0/130"), std::string::npos) << p.error().detail;
  }
  {
    NodeCache cache;
    Levels levels{&tree};
    levels.hole_level = 7;
    levels.hole_index = 1;
    const LevelReader list = levels.Reader();
    auto p = ProveInclusion(3, 300, [&](const std::vector<NodeId>& ids) { return cache.Read(ids, list); });
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, ErrorCode::kNotFound);
    EXPECT_NE(p.error().detail.find("7/1"), std::string::npos) << p.error().detail;
  }
}

TEST(LedgerNodeCache, ConcurrentReadersGetTheSameProofs) {
  MemoryTree tree;
  for (int i = 0; i < 3000; ++i) tree.Append(LeafHash("e" + std::to_string(i)));
  NodeCache cache;
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Levels levels{&tree};  // one reader per thread, as one connection per transaction
      const LevelReader list = levels.Reader();
      for (std::uint64_t i = static_cast<std::uint64_t>(t); i < 3000; i += 13) {
        auto p =
            ProveInclusion(i, 3000, [&](const std::vector<NodeId>& ids) { return cache.Read(ids, list); });
        if (!p || *p != *ProveInclusion(i, 3000, tree.Reader())) ++wrong[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace jospar::ledger
