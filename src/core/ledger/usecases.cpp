#include "core/ledger/usecases.hpp"
#include "core/ledger/repository.hpp"

#include <algorithm>
#include <map>

namespace jospar::usecases {
namespace {

tl::unexpected<Error> Corrupt(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.corrupt", std::move(detail));
}

ledger::NodeReader TxReader(Tx& tx) {
  return [&tx](const std::vector<ledger::NodeId>& ids) { return tx.ledger().ReadLogNodes(ids); };
}

// Builds the tree leaf by leaf keeping only the right edge (one hash per level), emitting every node
// that becomes complete.
class StreamingTree {
 public:
  template <class Emit>
  void Append(const ledger::Hash& leaf, Emit&& emit) {
    ledger::Hash h = leaf;
    std::uint64_t index = size_;
    int level = 0;
    emit(level, index, h);
    while ((index & 1) != 0) {
      h = ledger::NodeHash(edge_[level], h);
      index >>= 1;
      ++level;
      emit(level, index, h);
    }
    if (edge_.size() <= static_cast<std::size_t>(level)) edge_.resize(level + 1);
    edge_[level] = h;
    ++size_;
  }
  // The root of the leaves appended so far.
  ledger::Hash Root() const {
    if (size_ == 0) return ledger::EmptyTreeHash();
    std::vector<ledger::Hash> subtrees;
    for (int level = 63; level >= 0; --level)
      if (((size_ >> level) & 1) != 0) subtrees.push_back(edge_[level]);
    return ledger::FoldSubtrees(subtrees);
  }
  std::uint64_t size() const { return size_; }

 private:
  std::uint64_t size_ = 0;
  std::vector<ledger::Hash> edge_;
};

}  // namespace

Result<StoredCheckpoint> CurrentCheckpoint(Store& store, const ledger::SigningKey& key,
                                           const std::string& now) {
  {
    auto rd = store.Begin(TxMode::kRead);
    if (!rd) return Fail(rd.error());
    auto size = (*rd)->ledger().LogSize();
    if (!size) return Fail(size.error());
    auto latest = (*rd)->ledger().LatestCheckpoint();
    if (!latest) return Fail(latest.error());
    if (*latest && (*latest)->size == *size) return **latest;
  }
  auto tx = store.Begin(TxMode::kWrite);
  if (!tx) return Fail(tx.error());
  auto size = (*tx)->ledger().LogSize();
  if (!size) return Fail(size.error());
  auto root = ledger::TreeHead(*size, TxReader(**tx));
  if (!root) return Fail(root.error());
  ledger::Checkpoint c{key.name, *size, *root, now};
  StoredCheckpoint stored{*size, ledger::SignNote(ledger::CheckpointText(c), key)};
  auto saved = (*tx)->ledger().SaveCheckpoint(stored);
  if (!saved) {
    if (saved.error().code != ErrorCode::kConflict) return Fail(saved.error());
    // Another writer signed this size first: serve its checkpoint.
    tx->reset();
    auto rd = store.Begin(TxMode::kRead);
    if (!rd) return Fail(rd.error());
    auto all = (*rd)->ledger().ListCheckpoints();
    if (!all) return Fail(all.error());
    for (const auto& cp : *all)
      if (cp.size == *size) return cp;
    return Fail(saved.error());
  }
  if (auto ok = (*tx)->Commit(); !ok) return Fail(ok.error());
  return stored;
}

Result<EntryProof> ProveEntry(Store& store, std::uint64_t index, std::uint64_t tree_size) {
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  auto size = (*tx)->ledger().LogSize();
  if (!size) return Fail(size.error());
  if (tree_size > *size || index >= tree_size)
    return Fail(ErrorCode::kNotFound, "error.not_found",
                "entry " + std::to_string(index) + " in a tree of " + std::to_string(tree_size) +
                    " (log size " + std::to_string(*size) + ")");
  auto bytes = (*tx)->ledger().ListLogEntryBytes(index, index + 1);
  if (!bytes) return Fail(bytes.error());
  if (bytes->size() != 1)
    return Fail(ErrorCode::kNotFound, "error.not_found", "entry " + std::to_string(index));
  auto proof = ledger::ProveInclusion(index, tree_size, TxReader(**tx));
  if (!proof) return Fail(proof.error());
  EntryProof out;
  out.index = index;
  out.entry = std::move(bytes->front());
  out.leaf_hash = ledger::LeafHash(out.entry);
  out.tree_size = tree_size;
  out.proof = std::move(*proof);
  return out;
}

Result<std::vector<ledger::Hash>> ProveLogConsistency(Store& store, std::uint64_t first,
                                                      std::uint64_t second) {
  if (first > second)
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "first > second",
                {{"first", "error.ledger.index", "first <= second"}});
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  auto size = (*tx)->ledger().LogSize();
  if (!size) return Fail(size.error());
  if (second > *size)
    return Fail(ErrorCode::kNotFound, "error.not_found",
                "tree size " + std::to_string(second) + " (log size " + std::to_string(*size) + ")");
  return ledger::ProveConsistency(first, second, TxReader(**tx));
}

Result<LogVerifyReport> VerifyStoredLog(Store& store, const ledger::Verifier& verifier) {
  auto tx = store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  auto size = (*tx)->ledger().LogSize();
  if (!size) return Fail(size.error());
  LogVerifyReport report;
  constexpr std::uint64_t kChunk = 8192;
  // Per level: the stored nodes read ahead, compared in index order with the recomputed ones.
  struct LevelCursor {
    std::vector<std::pair<std::uint64_t, ledger::Hash>> buffer;
    std::size_t at = 0;
    std::uint64_t next = 0;  // next index to read
  };
  std::vector<LevelCursor> cursors(64);
  Status node_status;
  auto check_node = [&](int level, std::uint64_t index, const ledger::Hash& h) {
    if (!node_status) return;
    LevelCursor& c = cursors[level];
    if (c.at == c.buffer.size()) {
      auto more = (*tx)->ledger().ListLogNodes(level, c.next, static_cast<int>(kChunk));
      if (!more) {
        // A stored value that is not a hash is a change, not a failure of the store.
        node_status =
            more.error().code == ErrorCode::kInternal ? Corrupt(more.error().detail) : Fail(more.error());
        return;
      }
      c.buffer = std::move(*more);
      c.at = 0;
      if (!c.buffer.empty()) c.next = c.buffer.back().first + 1;
    }
    const std::string where = "node " + std::to_string(level) + "/" + std::to_string(index) + ": ";
    if (c.at == c.buffer.size() || c.buffer[c.at].first != index) {
      node_status = Corrupt(where + "missing from the store");
      return;
    }
    if (c.buffer[c.at].second != h) {
      node_status = Corrupt(where + "the stored hash differs from the one recomputed from the entries");
      return;
    }
    ++c.at;
    ++report.nodes;
  };
  StreamingTree tree;
  std::map<std::uint64_t, ledger::Hash> roots;  // at the sizes of stored checkpoints
  auto checkpoints = (*tx)->ledger().ListCheckpoints();
  if (!checkpoints) return Fail(checkpoints.error());
  for (const auto& cp : *checkpoints) roots[cp.size] = {};
  if (roots.count(0) != 0) roots[0] = ledger::EmptyTreeHash();
  for (std::uint64_t begin = 0; begin < *size; begin += kChunk) {
    const std::uint64_t end = std::min(*size, begin + kChunk);
    auto bytes = (*tx)->ledger().ListLogEntryBytes(begin, end);
    if (!bytes) {
      if (bytes.error().code == ErrorCode::kNotFound) return Corrupt(bytes.error().detail);
      return Fail(bytes.error());
    }
    if (bytes->size() != end - begin)
      return Corrupt("entry " + std::to_string(begin + bytes->size()) + ": missing from the store");
    for (std::size_t i = 0; i < bytes->size(); ++i) {
      const std::uint64_t index = begin + i;
      const std::string& b = (*bytes)[i];
      auto d = ledger::ParseEntry(b);
      if (!d) return Corrupt("entry " + std::to_string(index) + ": " + d.error().detail);
      if (ledger::EncodeEntry(*d) != b) return Corrupt("entry " + std::to_string(index) + ": not canonical");
      tree.Append(ledger::LeafHash(b), check_node);
      if (!node_status) return Fail(node_status.error());
      ++report.entries;
      if (auto it = roots.find(tree.size()); it != roots.end()) it->second = tree.Root();
    }
  }
  // Nothing stored beyond what the entries give.
  if (auto extra = (*tx)->ledger().ListLogEntryBytes(*size, *size + 1); extra && !extra->empty())
    return Corrupt("entry " + std::to_string(*size) + ": stored beyond the log size");
  for (int level = 0; level < 64; ++level) {
    const std::uint64_t count = *size >> level;
    auto extra = (*tx)->ledger().ListLogNodes(level, count, 1);
    if (!extra) return Fail(extra.error());
    if (!extra->empty())
      return Corrupt("node " + std::to_string(level) + "/" + std::to_string(extra->front().first) +
                     ": stored but not part of the tree");
    if (count == 0) break;
  }
  for (const auto& cp : *checkpoints) {
    const std::string where = "checkpoint of size " + std::to_string(cp.size) + ": ";
    auto c = ledger::OpenCheckpoint(cp.note, verifier);
    if (!c) return Corrupt(where + c.error().detail);
    if (c->size != cp.size) return Corrupt(where + "the note names size " + std::to_string(c->size));
    if (cp.size > *size) return Corrupt(where + "larger than the log");
    if (c->root != roots[cp.size]) return Corrupt(where + "the signed root is not the root of the entries");
    ++report.checkpoints;
  }
  return report;
}

Result<PublicLogReport> CheckPublicLog(const std::vector<std::string>& entries,
                                       const std::vector<std::string>& checkpoint_notes,
                                       const ledger::Verifier& verifier) {
  PublicLogReport report;
  // Two signed checkpoints of one size with different roots: the log showed two different histories.
  auto by_size = ledger::SignedRootsBySize(checkpoint_notes, verifier);
  if (!by_size) return Fail(by_size.error());
  ledger::MemoryTree tree;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto d = ledger::ParseEntry(entries[i]);
    if (!d) return Corrupt("entry " + std::to_string(i) + ": " + d.error().detail);
    if (ledger::EncodeEntry(*d) != entries[i])
      return Corrupt("entry " + std::to_string(i) + ": not canonical");
    tree.Append(ledger::LeafHash(entries[i]));
  }
  report.entries = entries.size();
  // Every pair of consecutive signed sizes must be consistent; proofs come from the rebuilt tree when the
  // entries reach that far.
  const ledger::Hash* prev_root = nullptr;
  std::uint64_t prev_size = 0;
  std::size_t prev_note = 0;
  for (const auto& [size, signed_root] : *by_size) {
    const auto& [root, note] = signed_root;
    if (size <= tree.size()) {
      auto head = ledger::TreeHead(size, tree.Reader());
      if (!head) return Fail(head.error());
      if (*head != root) {
        if (prev_root != nullptr)
          return Fail(ErrorCode::kInvalidInput, "error.ledger.split_view",
                      "split view or changed entries: checkpoint " + std::to_string(note + 1) + " (size " +
                          std::to_string(size) + ") does not match the entries that checkpoint " +
                          std::to_string(prev_note + 1) + " (size " + std::to_string(prev_size) +
                          ") agrees with");
        return Corrupt("checkpoint " + std::to_string(note + 1) + " (size " + std::to_string(size) +
                       "): the entries give a different root hash");
      }
      if (prev_root != nullptr) {
        auto proof = ledger::ProveConsistency(prev_size, size, tree.Reader());
        if (!proof) return Fail(proof.error());
        if (auto ok = ledger::VerifyConsistency(prev_size, size, *prev_root, root, *proof); !ok)
          return Fail(ErrorCode::kInvalidInput, "error.ledger.split_view",
                      "split view: checkpoints of sizes " + std::to_string(prev_size) + " and " +
                          std::to_string(size) + " are inconsistent: " + ok.error().detail);
      }
    }
    prev_root = &root;
    prev_size = size;
    prev_note = note;
    ++report.checkpoints;
    report.largest_checkpoint = std::max(report.largest_checkpoint, size);
  }
  if (report.largest_checkpoint < entries.size())
    return Corrupt("entries " + std::to_string(report.largest_checkpoint) + ".." +
                   std::to_string(entries.size() - 1) + " are not covered by a signed checkpoint");
  return report;
}

}  // namespace jospar::usecases
