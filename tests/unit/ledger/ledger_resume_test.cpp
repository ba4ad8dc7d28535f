// Resuming the public log check from a trusted checkpoint (usecases::ResumePublicLogCheck), the frontier it
// keeps, and the state file `jospar ledger check --state` writes.
#include <gtest/gtest.h>

#include "core/ledger/checkpoint.hpp"
#include "core/ledger/entry.hpp"
#include "core/ledger/frontier.hpp"
#include "core/ledger/merkle.hpp"
#include "core/ledger/resume.hpp"
#include "formats/ledger_state.hpp"

namespace jospar::usecases {
namespace {

using ledger::Hash;

ledger::SigningKey Key(std::uint8_t s = 4) {
  std::array<std::uint8_t, 32> seed{};
  seed[0] = s;
  return *ledger::KeyFromSeed("jospar.test/ledger", seed);
}

std::string Entry(int i, const std::string& action = "update") {
  ledger::Decision d{action,
                     "document",
                     std::to_string(i),
                     ledger::Sha256(std::to_string(i)),
                     "planner",
                     "2026-11-23T10:00:00Z"};
  return ledger::EncodeEntry(d);
}

// An append-only log held in memory: entries, the tree and checkpoints signed at chosen sizes.
struct Log {
  std::vector<std::string> entries;
  ledger::MemoryTree tree;
  std::vector<std::string> notes;
  ledger::SigningKey key = Key();

  void Add(int count) {
    for (int i = 0; i < count; ++i) {
      entries.push_back(Entry(static_cast<int>(entries.size())));
      tree.Append(ledger::LeafHash(entries.back()));
    }
  }
  Hash Root(std::uint64_t size) const { return *ledger::TreeHead(size, tree.Reader()); }
  std::string Sign() {
    ledger::Checkpoint c{"jospar.test/ledger", tree.size(), Root(tree.size()), "2026-11-23T10:00:00Z"};
    notes.push_back(ledger::SignNote(ledger::CheckpointText(c), key));
    return notes.back();
  }
  std::vector<Hash> Consistency(std::uint64_t m) const {
    return m == 0 ? std::vector<Hash>{} : *ledger::ProveConsistency(m, tree.size(), tree.Reader());
  }
  std::vector<std::string> From(std::uint64_t m) const { return {entries.begin() + m, entries.end()}; }
  ledger::Verifier Verifier() const { return *ledger::ParseVerifierKey(ledger::VerifierKeyText(key)); }
};

TEST(LedgerFrontier, GivesTheRootOfEverySize) {
  ledger::MemoryTree tree;
  ledger::Frontier f;
  EXPECT_EQ(f.Root(), ledger::EmptyTreeHash());
  for (int i = 0; i < 300; ++i) {
    const Hash leaf = ledger::LeafHash(Entry(i));
    tree.Append(leaf);
    f.Append(leaf);
    ASSERT_EQ(f.Root(), *ledger::TreeHead(tree.size(), tree.Reader())) << tree.size();
    auto again = ledger::Frontier::FromHashes(f.size(), f.subtrees());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->Root(), f.Root());
  }
  EXPECT_FALSE(ledger::Frontier::FromHashes(5, {Hash{}}));  // 5 = 101b has two complete subtrees
}

TEST(LedgerResume, FromNothingThenFromEachTrustedSizeOnAnAppendedLog) {
  Log log;
  log.Add(13);
  log.Sign();
  TrustedLogState state = EmptyLogState(ledger::VerifierKeyText(log.key));
  auto r = ResumePublicLogCheck(state, log.entries, log.notes, {}, log.Verifier());
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->new_entries, 13u);
  EXPECT_EQ(state.frontier.size(), 13u);
  for (int round = 0; round < 6; ++round) {
    const std::uint64_t m = state.frontier.size();
    log.Add(round * 7 + 1);
    log.Sign();
    if (round % 2 == 1) {  // two checkpoints since the trusted one
      log.Add(3);
      log.Sign();
    }
    r = ResumePublicLogCheck(state, log.From(m), log.notes, log.Consistency(m), log.Verifier());
    ASSERT_TRUE(r) << round << ": " << r.error().detail;
    EXPECT_EQ(r->trusted_size, m);
    EXPECT_EQ(r->new_entries, log.entries.size() - m);
    EXPECT_EQ(r->checkpoints, round % 2 == 1 ? 2u : 1u);
    EXPECT_EQ(state.frontier.size(), log.entries.size());
    EXPECT_EQ(state.note, log.notes.back());
  }
  // Nothing new: passes, state unchanged.
  const std::string note = state.note;
  r = ResumePublicLogCheck(state, {}, log.notes, {}, log.Verifier());
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->new_entries, 0u);
  EXPECT_EQ(state.note, note);
}

TEST(LedgerResume, AChangedOldEntryIsASplitViewAndAChangedNewEntryIsCorrupt) {
  Log log;
  log.Add(10);
  log.Sign();
  TrustedLogState trusted = EmptyLogState(ledger::VerifierKeyText(log.key));
  ASSERT_TRUE(ResumePublicLogCheck(trusted, log.entries, log.notes, {}, log.Verifier()));

  // Another history under the same key: entry 4 changed, more appended, re-signed.
  Log other;
  other.Add(10);
  other.entries[4] = Entry(4, "delete");
  other.tree = {};
  for (const auto& e : other.entries) other.tree.Append(ledger::LeafHash(e));
  other.Add(5);
  other.Sign();
  TrustedLogState state = trusted;
  auto r = ResumePublicLogCheck(state, other.From(10), other.notes, other.Consistency(10), other.Verifier());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.ledger.split_view");
  EXPECT_NE(r.error().detail.find("not consistent with the trusted checkpoint of size 10"), std::string::npos)
      << r.error().detail;
  EXPECT_EQ(state.note, trusted.note);  // not moved on

  // The honest log appended to, but a new entry changed after signing.
  log.Add(6);
  log.Sign();
  auto changed = log.From(10);
  changed[3] = Entry(13, "delete");
  r = ResumePublicLogCheck(state, changed, log.notes, log.Consistency(10), log.Verifier());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.ledger.corrupt");
  EXPECT_NE(r.error().detail.find("(size 16)"), std::string::npos) << r.error().detail;
  // The same without a proof (an export): the new entries must still give the newest root.
  r = ResumePublicLogCheck(state, changed, log.notes, std::nullopt, log.Verifier());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.ledger.corrupt");
  // ... and another history's entries do not extend the trusted checkpoint either.
  r = ResumePublicLogCheck(state, other.From(10), other.notes, std::nullopt, other.Verifier());
  ASSERT_FALSE(r);

  // The right data passes, with the server's proof or without one.
  TrustedLogState copy = state;
  r = ResumePublicLogCheck(copy, log.From(10), log.notes, std::nullopt, log.Verifier());
  ASSERT_TRUE(r) << r.error().detail;
  r = ResumePublicLogCheck(state, log.From(10), log.notes, log.Consistency(10), log.Verifier());
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(copy.note, state.note);
}

TEST(LedgerResume, ACutBackLogOrAnotherRootOfTheTrustedSizeIsASplitView) {
  Log log;
  log.Add(8);
  log.Sign();
  TrustedLogState state = EmptyLogState(ledger::VerifierKeyText(log.key));
  ASSERT_TRUE(ResumePublicLogCheck(state, log.entries, log.notes, {}, log.Verifier()));

  Log shorter;
  shorter.Add(5);
  shorter.Sign();
  auto r = ResumePublicLogCheck(state, {}, shorter.notes, {}, shorter.Verifier());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.ledger.split_view");

  Log forked;
  forked.Add(8);
  forked.entries[7] = Entry(7, "delete");
  forked.tree = {};
  for (const auto& e : forked.entries) forked.tree.Append(ledger::LeafHash(e));
  forked.Sign();
  r = ResumePublicLogCheck(state, {}, forked.notes, {}, forked.Verifier());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.ledger.split_view");
}

TEST(LedgerResume, AStateWhoseFrontierOrKeyDoesNotFitIsRefused) {
  Log log;
  log.Add(6);
  log.Sign();
  TrustedLogState state = EmptyLogState(ledger::VerifierKeyText(log.key));
  ASSERT_TRUE(ResumePublicLogCheck(state, log.entries, log.notes, {}, log.Verifier()));
  TrustedLogState bad = state;
  auto hashes = bad.frontier.subtrees();
  hashes[0][0] ^= 1;
  bad.frontier = *ledger::Frontier::FromHashes(6, hashes);
  auto r = ResumePublicLogCheck(bad, {}, log.notes, {}, log.Verifier());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.ledger.state");
  // A state signed by another key.
  auto other = *ledger::ParseVerifierKey(ledger::VerifierKeyText(Key(9)));
  r = ResumePublicLogCheck(state, {}, log.notes, {}, other);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.ledger.state");
}

TEST(LedgerCheckState, RoundTripsAndRejectsWithTheLine) {
  Log log;
  log.Add(11);
  log.Sign();
  TrustedLogState state = EmptyLogState(ledger::VerifierKeyText(log.key));
  ASSERT_TRUE(ResumePublicLogCheck(state, log.entries, log.notes, {}, log.Verifier()));
  const std::string text = formats::WriteLedgerCheckState(state);
  auto back = formats::ParseLedgerCheckState(text);
  ASSERT_TRUE(back) << back.error().detail;
  EXPECT_EQ(formats::WriteLedgerCheckState(*back), text);
  EXPECT_EQ(back->frontier.Root(), state.frontier.Root());
  EXPECT_TRUE(OpenLogState(*back, log.Verifier()));

  auto error = [](const std::string& bytes) {
    auto r = formats::ParseLedgerCheckState(bytes);
    return r ? std::string("accepted") : r.error().detail;
  };
  EXPECT_EQ(error("hello\n"),
            "state file line 1: expected \"jospar-ledger-check-state/v1\" (is this a state file?)");
  EXPECT_EQ(error("jospar-ledger-check-state/v1\nkey k\nsize 01\n"),
            "state file line 3: expected \"size N\" with N a whole number");
  EXPECT_EQ(error("jospar-ledger-check-state/v1\nkey k\nsize 1\nsubtree xyz\ncheckpoint\nnote\n"),
            "state file line 4: not the base64 of a SHA-256 hash");
  EXPECT_EQ(
      error("jospar-ledger-check-state/v1\nkey k\nsize 3\ncheckpoint\nnote\n").rfind("state file line 4", 0),
      0u);
  EXPECT_EQ(error("jospar-ledger-check-state/v1\nkey k\nsize 0\ncheckpoint\n"),
            "state file line 5: expected the signed checkpoint note");
}

}  // namespace
}  // namespace jospar::usecases
