// RFC 6962 / RFC 9162 Merkle tree hashing, proofs and their verification. Pure functions: the stored
// tree is reached through a NodeReader, so the same code serves the store, the in-memory tree of the
// offline checker and the tests.
//
// A node is the hash of a *complete* subtree: NodeId{level, index} covers the 2^level leaves
// [index << level, (index + 1) << level). A store keeps every such node (about 2 per leaf), so that the
// hash of any range of leaves needs at most 2*log2(n) stored nodes and no leaf is ever re-read.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"
#include "core/ledger/hash.hpp"

namespace jospar::ledger {

struct NodeId {
  int level = 0;
  std::uint64_t index = 0;
  friend bool operator==(const NodeId&, const NodeId&) = default;
};

// Leaves [begin, end).
struct LeafRange {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};

Hash LeafHash(std::string_view entry);               // SHA-256(0x00 || entry)
Hash NodeHash(const Hash& left, const Hash& right);  // SHA-256(0x01 || left || right)
Hash EmptyTreeHash();                                // SHA-256 of the empty string

// The complete subtrees that make up [begin, end), left to right. Empty when begin >= end.
std::vector<NodeId> CompleteSubtrees(LeafRange r);
// MTH(D[begin:end]) for a range whose RFC 9162 split points are its complete subtrees (every range that
// an inclusion or consistency proof, or a tree head, asks for), from the hashes of CompleteSubtrees(r)
// in order: folded right to left.
Hash FoldSubtrees(std::span<const Hash> subtrees);

// The ranges whose hashes form the RFC 9162 inclusion proof of leaf `index` in a tree of `size`
// leaves, in proof order (bottom up). Requires index < size.
std::vector<LeafRange> InclusionRanges(std::uint64_t index, std::uint64_t size);
// The ranges of the RFC 9162 consistency proof from size `m` to size `n`, in proof order. Requires
// 0 < m < n; empty otherwise.
std::vector<LeafRange> ConsistencyRanges(std::uint64_t m, std::uint64_t n);

// Reads stored complete-subtree hashes, in the order asked. kNotFound (or another error) if one is
// missing.
using NodeReader = std::function<Result<std::vector<Hash>>(const std::vector<NodeId>&)>;

// Hashes of `ranges`, reading every needed node in one call of `read`.
Result<std::vector<Hash>> RangeHashes(const std::vector<LeafRange>& ranges, const NodeReader& read);
Result<Hash> TreeHead(std::uint64_t size, const NodeReader& read);
// kInvalidInput when index >= size (or m > n for consistency).
Result<std::vector<Hash>> ProveInclusion(std::uint64_t index, std::uint64_t size, const NodeReader& read);
Result<std::vector<Hash>> ProveConsistency(std::uint64_t m, std::uint64_t n, const NodeReader& read);

// RFC 9162 2.1.3.2. Success, or kInvalidInput ("error.ledger.proof") with a detail saying what failed.
Status VerifyInclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root);
// RFC 9162 2.1.4.2; also m == n (empty proof, equal roots) and m == 0 (empty proof).
Status VerifyConsistency(std::uint64_t m, std::uint64_t n, const Hash& root_m, const Hash& root_n,
                         std::span<const Hash> proof);

// Appending leaf number `index`: the stored nodes it needs (its left siblings, one per trailing 1 bit of
// `index`), and the nodes it completes given their hashes in that order: {0, index} first, then up.
std::vector<NodeId> AppendSiblings(std::uint64_t index);
std::vector<std::pair<NodeId, Hash>> AppendNodes(std::uint64_t index, const Hash& leaf_hash,
                                                 std::span<const Hash> siblings);

// The whole tree in memory (every complete subtree), for the offline checker and tests. Not
// thread-safe.
class MemoryTree {
 public:
  void Append(const Hash& leaf_hash);
  std::uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  // Reads nodes of this tree; kNotFound for a node not (yet) complete.
  Result<std::vector<Hash>> Read(const std::vector<NodeId>& ids) const;
  NodeReader Reader() const {
    return [this](const std::vector<NodeId>& ids) { return Read(ids); };
  }
  const std::vector<std::vector<Hash>>& levels() const { return levels_; }

 private:
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace jospar::ledger
