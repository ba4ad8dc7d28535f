// Fuzzes the transparency log's parsers of outside input: the checkpoint note and the signed note, the
// verifier key, the entry text, the export's entries.jsonl and the API's JSON (key, checkpoints, entries,
// inclusion and consistency proofs) that `jospar ledger check` reads. No crash, no sanitizer report, every
// error located, and what is accepted is exactly what the writers produce.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/ledger/checkpoint.hpp"
#include "core/ledger/entry.hpp"
#include "core/ledger/merkle.hpp"
#include "formats/ledger_public.hpp"

namespace {

using namespace jospar;

const ledger::Verifier& TestVerifier() {
  static const ledger::Verifier v = [] {
    std::array<std::uint8_t, 32> seed{};
    seed[0] = 1;
    return *ledger::ParseVerifierKey(ledger::VerifierKeyText(*ledger::KeyFromSeed("fuzz.test/log", seed)));
  }();
  return v;
}

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);

  // Checkpoint text: what parses prints back the same.
  if (auto c = ledger::ParseCheckpointText(text)) Check(ledger::CheckpointText(*c) == text);
  if (auto note = ledger::ParseSignedNote(text)) {
    Check(note->text.size() <= text.size() && text.substr(0, note->text.size()) == note->text);
    (void)ledger::ParseCheckpointText(note->text);
  }
  (void)ledger::OpenCheckpoint(text, TestVerifier());
  if (auto v = ledger::ParseVerifierKey(text)) Check(ledger::ValidKeyName(v->name));
  (void)ledger::ParsePrivateKey(text);

  // Entry: the exact inverse of EncodeEntry.
  if (auto d = ledger::ParseEntry(text)) {
    Check(ledger::EncodeEntry(*d) == text);
    Check(static_cast<bool>(ledger::ValidateDecision(*d)));
  }

  // entries.jsonl: what parses is written back byte for byte.
  if (auto lines = formats::ParseEntryLines(text, "entries.jsonl", 3)) {
    std::string again;
    for (std::size_t i = 0; i < lines->size(); ++i) formats::AppendEntryLine(again, 3 + i, (*lines)[i]);
    Check(again == text);
  } else {
    Check(lines.error().detail.rfind("entries.jsonl line ", 0) == 0);
  }
  (void)formats::ParseFormatFile(text);
  (void)formats::ParseVerifierKeyFile(text);
  (void)formats::CheckpointFileSize(text);

  // The API's JSON.
  (void)formats::ParseKeyResponse(text);
  (void)formats::ParseCheckpointsResponse(text);
  (void)formats::ParseEntriesResponse(text, 5);
  if (auto p = formats::ParseInclusionProofResponse(text)) {
    if (p->tree_size > p->index && p->proof.size() < 70)
      (void)ledger::VerifyInclusion(p->index, p->tree_size, p->leaf_hash, p->proof, p->leaf_hash);
  }
  if (auto p = formats::ParseConsistencyResponse(text, 3, 7)) {
    ledger::Hash a{}, b{};
    (void)ledger::VerifyConsistency(3, 7, a, b, *p);
  }
  return 0;
}
