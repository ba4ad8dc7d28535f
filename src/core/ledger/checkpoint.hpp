// Signed checkpoints of the transparency log: the C2SP "tlog-checkpoint" note text signed as a C2SP
// "signed-note" with Ed25519 (signature type 0x01). Pure: keys are passed in (the app keeps them in the
// data directory); the Ed25519 functions are libsodium's.
//
//   <origin>\n<tree size>\n<base64 root hash>\n[time <yyyy-mm-ddThh:mm:ssZ>\n]
//   \n
//   — <key name> <base64(4-byte key id || 64-byte signature)>\n
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"
#include "core/ledger/hash.hpp"

namespace jospar::ledger {

struct Checkpoint {
  std::string origin;  // the log's identity, e.g. "jospar.example/ledger"; also the key name
  std::uint64_t size = 0;
  Hash root{};
  std::string time;  // optional extension line "time ..."; empty when absent
};

// The note text (ends with a newline).
std::string CheckpointText(const Checkpoint& c);
// kInvalidInput ("error.ledger.checkpoint") with "line N: ..." for anything else.
Result<Checkpoint> ParseCheckpointText(std::string_view text);

struct NoteSignature {
  std::string key_name;
  std::uint32_t key_id = 0;
  std::string signature;  // the bytes after the key id
};

struct SignedNote {
  std::string text;  // including its final newline
  std::vector<NoteSignature> signatures;
};

// Splits a signed note; kInvalidInput ("error.ledger.note") when it is not one (no blank line before the
// signatures, a signature line that is not "— NAME BASE64", control characters, more than 16 signatures,
// over 64 KiB).
Result<SignedNote> ParseSignedNote(std::string_view note);

struct Verifier {
  std::string name;
  std::uint32_t key_id = 0;
  std::array<std::uint8_t, 32> public_key{};
};

struct SigningKey {
  std::string name;
  std::array<std::uint8_t, 32> seed{};
  std::array<std::uint8_t, 32> public_key{};
  std::array<std::uint8_t, 64> secret_key{};  // libsodium's form: seed || public key
};

// key ID = SHA-256(name || 0x0A || 0x01 || public key)[:4], big-endian.
std::uint32_t KeyId(std::string_view name, const std::array<std::uint8_t, 32>& public_key);
// A key name must be non-empty, without spaces, '+' or control characters.
bool ValidKeyName(std::string_view name);

// Derives the Ed25519 key pair from a 32-byte seed (the caller draws the seed from a secure source).
Result<SigningKey> KeyFromSeed(std::string_view name, const std::array<std::uint8_t, 32>& seed);
// The verifier key text "NAME+KEYID(8 hex)+base64(0x01 || public key)" (golang.org/x/mod/sumdb/note).
std::string VerifierKeyText(const SigningKey& key);
Result<Verifier> ParseVerifierKey(std::string_view text);
// The private key text "PRIVATE+KEY+NAME+KEYID+base64(0x01 || seed)".
std::string PrivateKeyText(const SigningKey& key);
Result<SigningKey> ParsePrivateKey(std::string_view text);

// The signed note of `text` (which must end with a newline).
std::string SignNote(std::string_view text, const SigningKey& key);
// Verifies a signed checkpoint note with `verifier`: its signature must be present and valid, and the
// origin must equal the key name. Returns the checkpoint. kInvalidInput ("error.ledger.checkpoint" or
// "error.ledger.note") saying what failed.
Result<Checkpoint> OpenCheckpoint(std::string_view note, const Verifier& verifier);

// The root each of `notes` signs, by tree size, with the note's position (0-based). A note that does not
// open fails with "checkpoint N: ..." (N from 1); two notes that sign one size with different roots fail
// as a split view (kInvalidInput, "error.ledger.split_view").
struct SignedRoot {
  Hash root{};
  std::size_t note = 0;
};
Result<std::map<std::uint64_t, SignedRoot>> SignedRootsBySize(const std::vector<std::string>& notes,
                                                              const Verifier& verifier);

}  // namespace jospar::ledger
