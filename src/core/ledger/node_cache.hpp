// Serves the stored complete-subtree hashes of the transparency log with few reads, for proofs on big
// logs. A proof on a log of n entries needs about log2(n) nodes scattered over the whole node table; read
// one by one, each is a random page read. Instead:
//   - nodes at levels >= kBlockLevel are kept in memory (a hash per 2^kBlockLevel leaves and level, so
//     about 32 / 2^(kBlockLevel-1) bytes per log entry: 1 MB per million entries), loaded level by level
//     in one ordered range read the first time a level is asked for and extended as the log grows;
//   - a node below kBlockLevel is computed from the stored leaf hashes it covers (at most 2^kBlockLevel,
//     read as one contiguous range), so an inclusion proof reads one short run of leaves.
// Stored nodes never change once written (the log is append-only), so what the cache holds stays true.
// It must only be filled from committed data (read transactions); a tampered store is still caught by
// `jospar ledger verify`, which reads the tables directly. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <utility>
#include <vector>

#include "core/base/error.hpp"
#include "core/ledger/hash.hpp"
#include "core/ledger/merkle.hpp"

namespace jospar::ledger {

// Reads stored nodes of one level with index >= begin, in index order, at most `limit` of them
// (Tx::ListLogNodes).
using LevelReader = std::function<Result<std::vector<std::pair<std::uint64_t, Hash>>>(
    int level, std::uint64_t begin, int limit)>;

class NodeCache {
 public:
  static constexpr int kBlockLevel = 6;

  // The hashes of `ids` in the order asked (a NodeReader's contract); kNotFound if one is not stored.
  Result<std::vector<Hash>> Read(const std::vector<NodeId>& ids, const LevelReader& read);

  // Bytes held by the upper levels.
  std::size_t MemoryBytes() const;

 private:
  // Makes levels_[level - kBlockLevel] hold every stored node up to `index` if there is one.
  Status Extend(int level, std::uint64_t index, const LevelReader& read);

  std::mutex fill_mu_;
  mutable std::shared_mutex mu_;
  std::vector<std::vector<Hash>> levels_;  // levels_[l - kBlockLevel][i] = node {l, i}
};

}  // namespace jospar::ledger
