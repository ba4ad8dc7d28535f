// The right edge of a Merkle tree: the hashes of the complete subtrees that make up leaves [0, size), left
// to right (one per 1 bit of size). That is all one needs to append more leaves and compute every later
// root without the earlier leaves, so a checker can keep it with a checkpoint it verified and resume from
// there (`jospar ledger check --state`).
#pragma once

#include <cstdint>
#include <vector>

#include "core/base/error.hpp"
#include "core/ledger/hash.hpp"

namespace jospar::ledger {

class Frontier {
 public:
  Frontier() = default;
  // A frontier of `size` leaves from its subtree hashes (CompleteSubtrees({0, size}) order). kInvalidInput
  // ("error.ledger.state") when the count is not the number of 1 bits of size.
  static Result<Frontier> FromHashes(std::uint64_t size, std::vector<Hash> subtrees);

  void Append(const Hash& leaf_hash);
  std::uint64_t size() const { return size_; }
  // The RFC 9162 root of the leaves so far (EmptyTreeHash() for none).
  Hash Root() const;
  const std::vector<Hash>& subtrees() const { return subtrees_; }

 private:
  std::uint64_t size_ = 0;
  std::vector<Hash> subtrees_;  // left (largest) to right (smallest)
};

}  // namespace jospar::ledger
