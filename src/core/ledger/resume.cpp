#include "core/ledger/resume.hpp"

#include <map>

#include "core/ledger/checkpoint.hpp"
#include "core/ledger/entry.hpp"
#include "core/ledger/merkle.hpp"

namespace jospar::usecases {
namespace {

tl::unexpected<Error> Corrupt(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.corrupt", std::move(detail));
}
tl::unexpected<Error> SplitView(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.split_view", "split view: " + std::move(detail));
}
tl::unexpected<Error> BadState(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.state", std::move(detail));
}

}  // namespace

TrustedLogState EmptyLogState(std::string verifier_key) {
  TrustedLogState s;
  s.verifier_key = std::move(verifier_key);
  return s;
}

Result<ledger::Checkpoint> OpenLogState(const TrustedLogState& state, const ledger::Verifier& verifier) {
  if (state.note.empty()) {
    if (state.frontier.size() != 0) return BadState("a frontier without a checkpoint");
    ledger::Checkpoint empty;
    empty.origin = verifier.name;
    empty.size = 0;
    empty.root = ledger::EmptyTreeHash();
    return empty;
  }
  auto c = ledger::OpenCheckpoint(state.note, verifier);
  if (!c) return BadState("the trusted checkpoint: " + c.error().detail);
  if (c->size != state.frontier.size())
    return BadState("the trusted checkpoint signs size " + std::to_string(c->size) +
                    " but the frontier has " + std::to_string(state.frontier.size()) + " leaves");
  if (state.frontier.Root() != c->root)
    return BadState("the frontier does not give the trusted checkpoint's root");
  return *c;
}

Result<ResumeReport> ResumePublicLogCheck(TrustedLogState& state, const std::vector<std::string>& new_entries,
                                          const std::vector<std::string>& checkpoint_notes,
                                          const std::optional<std::vector<ledger::Hash>>& consistency,
                                          const ledger::Verifier& verifier) {
  auto trusted = OpenLogState(state, verifier);
  if (!trusted) return Fail(trusted.error());
  const std::uint64_t m = trusted->size;
  ResumeReport report;
  report.trusted_size = m;

  auto signed_roots = ledger::SignedRootsBySize(checkpoint_notes, verifier);
  if (!signed_roots) return Fail(signed_roots.error());
  const auto& by_size = *signed_roots;
  if (auto at_m = by_size.find(m); at_m != by_size.end() && at_m->second.root != trusted->root)
    return SplitView("checkpoint " + std::to_string(at_m->second.note + 1) + " signs size " +
                     std::to_string(m) + " with another root than the trusted checkpoint");
  if (by_size.empty()) return Corrupt("no signed checkpoint");
  const auto& [n, newest] = *by_size.rbegin();
  const ledger::Hash root_n = newest.root;
  if (n < m)
    return SplitView("the log's newest signed checkpoint has size " + std::to_string(n) +
                     ", fewer entries than the trusted checkpoint of size " + std::to_string(m) +
                     ": the log was cut back or shows another history");
  // Without a proof (an export), appending the new entries to the trusted frontier must give the newest
  // root, checked below: that is the consistency of the two checkpoints.
  if (consistency)
    if (auto ok = ledger::VerifyConsistency(m, n, trusted->root, root_n, *consistency); !ok)
      return SplitView("the log's checkpoint of size " + std::to_string(n) +
                       " is not consistent with the trusted checkpoint of size " + std::to_string(m) +
                       " (an entry before " + std::to_string(m) +
                       " was changed, or another history): " + ok.error().detail);
  if (new_entries.size() != n - m)
    return Corrupt(std::to_string(new_entries.size()) + " new entries where the checkpoints sign " +
                   std::to_string(n - m) + " (entries " + std::to_string(m) + ".." + std::to_string(n) + ")");

  ledger::Frontier frontier = state.frontier;
  auto next = by_size.upper_bound(m);
  for (std::size_t k = 0; k < new_entries.size(); ++k) {
    const std::uint64_t index = m + k;
    auto d = ledger::ParseEntry(new_entries[k]);
    if (!d) return Corrupt("entry " + std::to_string(index) + ": " + d.error().detail);
    if (ledger::EncodeEntry(*d) != new_entries[k])
      return Corrupt("entry " + std::to_string(index) + ": not canonical");
    frontier.Append(ledger::LeafHash(new_entries[k]));
    if (next != by_size.end() && next->first == frontier.size()) {
      if (frontier.Root() != next->second.root)
        return Corrupt("checkpoint " + std::to_string(next->second.note + 1) + " (size " +
                       std::to_string(next->first) + "): the entries " + std::to_string(m) + ".." +
                       std::to_string(next->first - 1) +
                       " appended to the trusted checkpoint give a different root hash (a new entry was "
                       "changed, or the checkpoint does not extend the trusted one)");
      ++report.checkpoints;
      ++next;
    }
  }
  report.new_entries = new_entries.size();
  report.largest_checkpoint = n;
  state.note = checkpoint_notes[newest.note];
  state.frontier = std::move(frontier);
  return report;
}

}  // namespace jospar::usecases
