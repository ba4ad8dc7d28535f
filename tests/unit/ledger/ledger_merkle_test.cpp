// RFC 6962 / 9162 Merkle hashing, proofs and their verification (core/ledger/merkle.hpp), checked against
// a direct recursive implementation of the RFC's definitions.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/ledger/merkle.hpp"

namespace jospar::ledger {
namespace {

std::vector<Hash> Leaves(std::size_t n) {
  std::vector<Hash> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(LeafHash("leaf " + std::to_string(i)));
  return out;
}

// MTH(D[begin:end]) straight from RFC 9162 2.1.1.
Hash Mth(const std::vector<Hash>& l, std::size_t begin, std::size_t end) {
  const std::size_t n = end - begin;
  if (n == 0) return EmptyTreeHash();
  if (n == 1) return l[begin];
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  return NodeHash(Mth(l, begin, begin + k), Mth(l, begin + k, end));
}

std::vector<Hash> RefPath(const std::vector<Hash>& l, std::size_t m, std::size_t begin, std::size_t end) {
  const std::size_t n = end - begin;
  if (n <= 1) return {};
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  std::vector<Hash> p;
  if (m < k) {
    p = RefPath(l, m, begin, begin + k);
    p.push_back(Mth(l, begin + k, end));
  } else {
    p = RefPath(l, m - k, begin + k, end);
    p.push_back(Mth(l, begin, begin + k));
  }
  return p;
}

std::vector<Hash> RefSubproof(const std::vector<Hash>& l, std::size_t m, std::size_t begin, std::size_t end,
                              bool b) {
  const std::size_t n = end - begin;
  if (m == n) return b ? std::vector<Hash>{} : std::vector<Hash>{Mth(l, begin, end)};
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  std::vector<Hash> p;
  if (m <= k) {
    p = RefSubproof(l, m, begin, begin + k, b);
    p.push_back(Mth(l, begin + k, end));
  } else {
    p = RefSubproof(l, m - k, begin + k, end, false);
    p.push_back(Mth(l, begin, begin + k));
  }
  return p;
}

TEST(LedgerMerkle, KnownVectors) {
  // RFC 6962 test vectors (certificate-transparency-go's merkle tests): the empty tree, and one leaf
  // holding the empty string.
  EXPECT_EQ(ToHex(EmptyTreeHash()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(LeafHash("")), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

TEST(LedgerMerkle, TreeHeadMatchesTheRfcDefinition) {
  const auto leaves = Leaves(300);
  MemoryTree tree;
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    tree.Append(leaves[n - 1]);
    auto head = TreeHead(n, tree.Reader());
    ASSERT_TRUE(head) << n;
    ASSERT_EQ(*head, Mth(leaves, 0, n)) << n;
  }
}

TEST(LedgerMerkle, ProofsEqualTheRfcDefinitionOnSmallTrees) {
  const auto leaves = Leaves(64);
  MemoryTree tree;
  for (const auto& l : leaves) tree.Append(l);
  for (std::size_t n = 1; n <= 64; ++n) {
    for (std::size_t m = 0; m < n; ++m) {
      auto p = ProveInclusion(m, n, tree.Reader());
      ASSERT_TRUE(p);
      ASSERT_EQ(*p, RefPath(leaves, m, 0, n)) << m << "/" << n;
    }
    for (std::size_t m = 1; m < n; ++m) {
      auto p = ProveConsistency(m, n, tree.Reader());
      ASSERT_TRUE(p);
      ASSERT_EQ(*p, RefSubproof(leaves, m, 0, n, true)) << m << "->" << n;
    }
  }
}

TEST(LedgerMerkle, EveryInclusionProofOfEveryLeafUpTo1000) {
  const auto leaves = Leaves(1000);
  MemoryTree tree;
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    tree.Append(leaves[n - 1]);
    auto root = TreeHead(n, tree.Reader());
    ASSERT_TRUE(root);
    for (std::size_t m = 0; m < n; ++m) {
      auto p = ProveInclusion(m, n, tree.Reader());
      ASSERT_TRUE(p);
      auto ok = VerifyInclusion(m, n, leaves[m], *p, *root);
      ASSERT_TRUE(ok) << m << "/" << n << ": " << ok.error().detail;
      // The proof of one leaf does not prove its neighbour (checked on a sample, to keep the test fast).
      const std::size_t other = (m + 1) % n;
      if (other != m && m % 16 == 0) {
        ASSERT_FALSE(VerifyInclusion(m, n, leaves[other], *p, *root));
      }
    }
  }
}

TEST(LedgerMerkle, EveryConsistencyProofUpTo200) {
  const auto leaves = Leaves(200);
  MemoryTree tree;
  std::vector<Hash> roots{EmptyTreeHash()};
  for (const auto& l : leaves) {
    tree.Append(l);
    roots.push_back(*TreeHead(tree.size(), tree.Reader()));
  }
  for (std::size_t n = 1; n <= 200; ++n) {
    for (std::size_t m = 1; m < n; ++m) {
      auto p = ProveConsistency(m, n, tree.Reader());
      ASSERT_TRUE(p);
      auto ok = VerifyConsistency(m, n, roots[m], roots[n], *p);
      ASSERT_TRUE(ok) << m << "->" << n << ": " << ok.error().detail;
      // A wrong first or second root (another size's) must fail.
      if ((m + n) % 8 != 0) continue;
      ASSERT_FALSE(VerifyConsistency(m, n, roots[m - 1], roots[n], *p)) << m << "->" << n;
      ASSERT_FALSE(VerifyConsistency(m, n, roots[m], roots[n - 1], *p)) << m << "->" << n;
    }
  }
}

TEST(LedgerMerkle, TamperedProofsFail) {
  const auto leaves = Leaves(37);
  MemoryTree tree;
  for (const auto& l : leaves) tree.Append(l);
  const Hash root = *TreeHead(37, tree.Reader());
  for (std::size_t m = 0; m < 37; ++m) {
    auto p = *ProveInclusion(m, 37, tree.Reader());
    for (std::size_t i = 0; i < p.size(); ++i) {
      for (int byte : {0, 17, 31}) {
        auto bad = p;
        bad[i][byte] ^= 1;
        EXPECT_FALSE(VerifyInclusion(m, 37, leaves[m], bad, root));
      }
    }
    auto shorter = p;
    shorter.pop_back();
    EXPECT_FALSE(VerifyInclusion(m, 37, leaves[m], shorter, root));
    auto longer = p;
    longer.push_back(root);
    EXPECT_FALSE(VerifyInclusion(m, 37, leaves[m], longer, root));
  }
  EXPECT_FALSE(VerifyInclusion(37, 37, leaves[0], {}, root));
  auto c = *ProveConsistency(10, 37, tree.Reader());
  const Hash r10 = *TreeHead(10, tree.Reader());
  for (std::size_t i = 0; i < c.size(); ++i) {
    auto bad = c;
    bad[i][5] ^= 0x80;
    EXPECT_FALSE(VerifyConsistency(10, 37, r10, root, bad));
  }
  EXPECT_FALSE(VerifyConsistency(10, 37, r10, root, {}));
  EXPECT_TRUE(VerifyConsistency(37, 37, root, root, {}));
  EXPECT_FALSE(VerifyConsistency(37, 37, root, r10, {}));
  EXPECT_FALSE(VerifyConsistency(38, 37, root, root, {}));
}

TEST(LedgerMerkle, ProofNeedsFewStoredNodes) {
  // A proof in a tree of 10^7 leaves reads at most 2*log2(n) nodes (the whole point of storing every
  // complete subtree).
  const std::uint64_t n = 10'000'000;
  std::size_t nodes = 0;
  for (const auto& r : InclusionRanges(n - 1, n)) nodes += CompleteSubtrees(r).size();
  EXPECT_LE(nodes, 48u);
  EXPECT_EQ(InclusionRanges(0, n).size(), 24u);
}

}  // namespace
}  // namespace jospar::ledger
