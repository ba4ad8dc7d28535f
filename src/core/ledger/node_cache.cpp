#include "core/ledger/node_cache.hpp"

#include <algorithm>
#include <mutex>
#include <string>

namespace jospar::ledger {

namespace {

constexpr int kFillChunk = 65536;

tl::unexpected<Error> Missing(int level, std::uint64_t index) {
  return Fail(ErrorCode::kNotFound, "error.not_found",
              "ledger node " + std::to_string(level) + "/" + std::to_string(index) + " is missing");
}

// The root of the complete subtree over `leaves` (a power of two of them), reduced pairwise in place.
Hash SubtreeRoot(std::vector<Hash> leaves) {
  for (std::size_t n = leaves.size(); n > 1; n /= 2)
    for (std::size_t i = 0; i < n / 2; ++i) leaves[i] = NodeHash(leaves[2 * i], leaves[2 * i + 1]);
  return leaves.front();
}

}  // namespace

Status NodeCache::Extend(int level, std::uint64_t index, const LevelReader& read) {
  // One filler at a time (so that two do not read the same rows); readers go on meanwhile.
  std::lock_guard fill(fill_mu_);
  const auto slot = static_cast<std::size_t>(level - kBlockLevel);
  std::uint64_t have = 0;
  {
    std::shared_lock lock(mu_);
    if (slot < levels_.size()) have = levels_[slot].size();
  }
  while (have <= index) {
    auto rows = read(level, have, kFillChunk);
    if (!rows) return Fail(rows.error());
    std::vector<Hash> add;
    add.reserve(rows->size());
    for (const auto& [idx, h] : *rows) {
      if (idx != have + add.size()) break;  // a gap: stop at the last contiguous node
      add.push_back(h);
    }
    if (!add.empty()) {
      std::unique_lock lock(mu_);
      if (levels_.size() <= slot) levels_.resize(slot + 1);
      levels_[slot].insert(levels_[slot].end(), add.begin(), add.end());
      have = levels_[slot].size();
    }
    if (add.size() < static_cast<std::size_t>(kFillChunk)) break;
  }
  return {};
}

Result<std::vector<Hash>> NodeCache::Read(const std::vector<NodeId>& ids, const LevelReader& read) {
  std::vector<Hash> out(ids.size());
  std::vector<std::size_t> upper_missing, lower;
  auto lookup = [&](std::vector<std::size_t>& missing) {
    std::shared_lock lock(mu_);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i].level < kBlockLevel) continue;
      const auto slot = static_cast<std::size_t>(ids[i].level - kBlockLevel);
      if (slot < levels_.size() && ids[i].index < levels_[slot].size())
        out[i] = levels_[slot][ids[i].index];
      else
        missing.push_back(i);
    }
  };
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids[i].level < kBlockLevel) lower.push_back(i);
  lookup(upper_missing);
  if (!upper_missing.empty()) {
    for (std::size_t i : upper_missing)
      if (auto ok = Extend(ids[i].level, ids[i].index, read); !ok) return Fail(ok.error());
    std::vector<std::size_t> still;
    lookup(still);
    if (!still.empty()) return Missing(ids[still.front()].level, ids[still.front()].index);
  }
  if (lower.empty()) return out;

  // The leaves each lower node covers, read in as few runs as possible: runs inside one block merge.
  struct Span {
    std::uint64_t begin, end;
  };
  std::vector<Span> spans;
  for (std::size_t i : lower) {
    const std::uint64_t begin = ids[i].index << ids[i].level;
    spans.push_back({begin, begin + (std::uint64_t{1} << ids[i].level)});
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> runs;
  for (const Span& s : spans) {
    if (!runs.empty() && (s.begin >> kBlockLevel) == ((runs.back().end - 1) >> kBlockLevel))
      runs.back().end = std::max(runs.back().end, s.end);
    else
      runs.push_back(s);
  }
  std::vector<std::pair<std::uint64_t, Hash>> leaves;  // sorted by leaf index
  for (const Span& r : runs) {
    auto rows = read(0, r.begin, static_cast<int>(r.end - r.begin));
    if (!rows) return Fail(rows.error());
    leaves.insert(leaves.end(), rows->begin(), rows->end());
  }
  for (std::size_t i : lower) {
    const std::uint64_t begin = ids[i].index << ids[i].level;
    const std::uint64_t count = std::uint64_t{1} << ids[i].level;
    auto at = std::lower_bound(leaves.begin(), leaves.end(), begin,
                               [](const auto& leaf, std::uint64_t v) { return leaf.first < v; });
    std::vector<Hash> covered;
    covered.reserve(count);
    for (std::uint64_t k = 0; k < count; ++k, ++at) {
      if (at == leaves.end() || at->first != begin + k) return Missing(0, begin + k);
      covered.push_back(at->second);
    }
    out[i] = SubtreeRoot(std::move(covered));
  }
  return out;
}

std::size_t NodeCache::MemoryBytes() const {
  std::shared_lock lock(mu_);
  std::size_t bytes = 0;
  for (const auto& level : levels_) bytes += level.capacity() * sizeof(Hash);
  return bytes;
}

}  // namespace jospar::ledger
