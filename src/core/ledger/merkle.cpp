#include "core/ledger/merkle.hpp"

#include <algorithm>
#include <bit>
#include <string>

namespace jospar::ledger {
namespace {

// The largest power of two smaller than n (n > 1).
std::uint64_t SplitPoint(std::uint64_t n) { return std::bit_floor(n - 1); }

void InclusionRec(std::uint64_t m, LeafRange r, std::vector<LeafRange>& out) {
  const std::uint64_t n = r.end - r.begin;
  if (n <= 1) return;
  const std::uint64_t k = SplitPoint(n);
  if (m < r.begin + k) {
    InclusionRec(m, {r.begin, r.begin + k}, out);
    out.push_back({r.begin + k, r.end});
  } else {
    InclusionRec(m, {r.begin + k, r.end}, out);
    out.push_back({r.begin, r.begin + k});
  }
}

void SubproofRec(std::uint64_t m, LeafRange r, bool whole, std::vector<LeafRange>& out) {
  const std::uint64_t n = r.end - r.begin;
  if (m == n) {
    if (!whole) out.push_back(r);
    return;
  }
  const std::uint64_t k = SplitPoint(n);
  if (m <= k) {
    SubproofRec(m, {r.begin, r.begin + k}, whole, out);
    out.push_back({r.begin + k, r.end});
  } else {
    SubproofRec(m - k, {r.begin + k, r.end}, false, out);
    out.push_back({r.begin, r.begin + k});
  }
}

tl::unexpected<Error> ProofError(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.proof", std::move(detail));
}

}  // namespace

Hash LeafHash(std::string_view entry) {
  std::string buf;
  buf.reserve(entry.size() + 1);
  buf.push_back('\0');
  buf.append(entry);
  return Sha256(buf);
}

Hash NodeHash(const Hash& left, const Hash& right) {
  char buf[65];
  buf[0] = 1;
  for (int i = 0; i < 32; ++i) {
    buf[1 + i] = static_cast<char>(left[i]);
    buf[33 + i] = static_cast<char>(right[i]);
  }
  return Sha256(std::string_view(buf, sizeof buf));
}

Hash EmptyTreeHash() { return Sha256({}); }

namespace {
void AppendCompleteSubtrees(LeafRange r, std::vector<NodeId>& out) {
  std::uint64_t at = r.begin;
  while (at < r.end) {
    // The largest aligned power of two starting at `at` that fits.
    int level = std::bit_width(r.end - at) - 1;
    if (at != 0) level = std::min(level, std::countr_zero(at));
    out.push_back({level, at >> level});
    at += std::uint64_t{1} << level;
  }
}
}  // namespace

std::vector<NodeId> CompleteSubtrees(LeafRange r) {
  std::vector<NodeId> out;
  AppendCompleteSubtrees(r, out);
  return out;
}

Hash FoldSubtrees(std::span<const Hash> subtrees) {
  if (subtrees.empty()) return EmptyTreeHash();
  Hash h = subtrees.back();
  for (std::size_t i = subtrees.size() - 1; i-- > 0;) h = NodeHash(subtrees[i], h);
  return h;
}

std::vector<LeafRange> InclusionRanges(std::uint64_t index, std::uint64_t size) {
  std::vector<LeafRange> out;
  if (index < size) InclusionRec(index, {0, size}, out);
  return out;
}

std::vector<LeafRange> ConsistencyRanges(std::uint64_t m, std::uint64_t n) {
  std::vector<LeafRange> out;
  if (m > 0 && m < n) SubproofRec(m, {0, n}, true, out);
  return out;
}

Result<std::vector<Hash>> RangeHashes(const std::vector<LeafRange>& ranges, const NodeReader& read) {
  std::vector<NodeId> ids;
  ids.reserve(ranges.size() * 2);
  std::vector<std::size_t> ends;  // end of each range's nodes in `ids`
  ends.reserve(ranges.size());
  for (const auto& r : ranges) {
    AppendCompleteSubtrees(r, ids);
    ends.push_back(ids.size());
  }
  if (ids.empty()) return std::vector<Hash>(ranges.size(), EmptyTreeHash());
  auto nodes = read(ids);
  if (!nodes) return Fail(nodes.error());
  if (nodes->size() != ids.size()) return Fail(ErrorCode::kInternal, "error.internal", "node reader count");
  // Reuse the nodes' storage for the result: range i's hash goes to slot i (i <= its first node).
  std::size_t begin = 0;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const Hash h = FoldSubtrees(std::span<const Hash>(nodes->data() + begin, ends[i] - begin));
    begin = ends[i];
    (*nodes)[i] = h;
  }
  nodes->resize(ranges.size());
  return nodes;
}

Result<Hash> TreeHead(std::uint64_t size, const NodeReader& read) {
  if (size == 0) return EmptyTreeHash();
  auto h = RangeHashes({{0, size}}, read);
  if (!h) return Fail(h.error());
  return h->front();
}

Result<std::vector<Hash>> ProveInclusion(std::uint64_t index, std::uint64_t size, const NodeReader& read) {
  if (index >= size)
    return Fail(ErrorCode::kInvalidInput, "error.ledger.index",
                "index " + std::to_string(index) + " is not below the tree size " + std::to_string(size));
  return RangeHashes(InclusionRanges(index, size), read);
}

Result<std::vector<Hash>> ProveConsistency(std::uint64_t m, std::uint64_t n, const NodeReader& read) {
  if (m > n)
    return Fail(ErrorCode::kInvalidInput, "error.ledger.index",
                "first size " + std::to_string(m) + " is above the second " + std::to_string(n));
  return RangeHashes(ConsistencyRanges(m, n), read);
}

Status VerifyInclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root) {
  if (index >= size)
    return ProofError("leaf index " + std::to_string(index) + " is not below the tree size " +
                      std::to_string(size));
  std::uint64_t fn = index;
  std::uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return ProofError("inclusion proof is longer than the tree allows");
    if ((fn & 1) != 0 || fn == sn) {
      r = NodeHash(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return ProofError("inclusion proof is shorter than the tree needs");
  if (r != root) return ProofError("inclusion proof does not lead to the root hash");
  return {};
}

Status VerifyConsistency(std::uint64_t m, std::uint64_t n, const Hash& root_m, const Hash& root_n,
                         std::span<const Hash> proof) {
  if (m > n)
    return ProofError("first size " + std::to_string(m) + " is above the second " + std::to_string(n));
  if (m == n) {
    if (!proof.empty()) return ProofError("a consistency proof between equal sizes must be empty");
    if (root_m != root_n) return ProofError("two different root hashes for the same tree size");
    return {};
  }
  if (m == 0) {
    if (!proof.empty()) return ProofError("a consistency proof from the empty tree must be empty");
    return {};
  }
  if (proof.empty()) return ProofError("the consistency proof is empty");
  std::vector<Hash> path;
  if (std::has_single_bit(m)) path.push_back(root_m);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = m - 1;
  std::uint64_t sn = n - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return ProofError("consistency proof is longer than the trees allow");
    if ((fn & 1) != 0 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return ProofError("consistency proof is shorter than the trees need");
  if (fr != root_m) return ProofError("consistency proof does not lead to the first root hash");
  if (sr != root_n) return ProofError("consistency proof does not lead to the second root hash");
  return {};
}

std::vector<NodeId> AppendSiblings(std::uint64_t index) {
  std::vector<NodeId> out;
  for (int level = 0; ((index >> level) & 1) != 0; ++level) out.push_back({level, (index >> level) - 1});
  return out;
}

std::vector<std::pair<NodeId, Hash>> AppendNodes(std::uint64_t index, const Hash& leaf_hash,
                                                 std::span<const Hash> siblings) {
  std::vector<std::pair<NodeId, Hash>> out;
  out.push_back({{0, index}, leaf_hash});
  Hash h = leaf_hash;
  for (std::size_t level = 0; level < siblings.size(); ++level) {
    h = NodeHash(siblings[level], h);
    out.push_back({{static_cast<int>(level) + 1, index >> (level + 1)}, h});
  }
  return out;
}

void MemoryTree::Append(const Hash& leaf_hash) {
  const std::uint64_t index = size();
  std::vector<Hash> siblings;
  for (const NodeId& id : AppendSiblings(index)) siblings.push_back(levels_[id.level][id.index]);
  for (auto& [id, h] : AppendNodes(index, leaf_hash, siblings)) {
    if (levels_.size() <= static_cast<std::size_t>(id.level)) levels_.resize(id.level + 1);
    levels_[id.level].push_back(h);
  }
}

Result<std::vector<Hash>> MemoryTree::Read(const std::vector<NodeId>& ids) const {
  std::vector<Hash> out;
  out.reserve(ids.size());
  for (const NodeId& id : ids) {
    if (id.level < 0 || static_cast<std::size_t>(id.level) >= levels_.size() ||
        id.index >= levels_[id.level].size())
      return Fail(ErrorCode::kNotFound, "error.not_found",
                  "node " + std::to_string(id.level) + "/" + std::to_string(id.index));
    out.push_back(levels_[id.level][id.index]);
  }
  return out;
}

}  // namespace jospar::ledger
