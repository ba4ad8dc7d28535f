#include "core/ledger/frontier.hpp"

#include <bit>
#include <string>

#include "core/ledger/merkle.hpp"

namespace jospar::ledger {

Result<Frontier> Frontier::FromHashes(std::uint64_t size, std::vector<Hash> subtrees) {
  if (subtrees.size() != static_cast<std::size_t>(std::popcount(size)))
    return Fail(ErrorCode::kInvalidInput, "error.ledger.state",
                "a tree of " + std::to_string(size) + " leaves has " + std::to_string(std::popcount(size)) +
                    " complete subtrees, not " + std::to_string(subtrees.size()));
  Frontier f;
  f.size_ = size;
  f.subtrees_ = std::move(subtrees);
  return f;
}

void Frontier::Append(const Hash& leaf_hash) {
  // Like a binary counter: the new leaf merges with the smallest subtrees while they are of its size.
  Hash h = leaf_hash;
  for (std::uint64_t index = size_; (index & 1) != 0; index >>= 1) {
    h = NodeHash(subtrees_.back(), h);
    subtrees_.pop_back();
  }
  subtrees_.push_back(h);
  ++size_;
}

Hash Frontier::Root() const {
  if (subtrees_.empty()) return EmptyTreeHash();
  return FoldSubtrees(subtrees_);
}

}  // namespace jospar::ledger
