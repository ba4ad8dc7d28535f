#include "core/ledger/checkpoint.hpp"

#include <sodium.h>

#include <cstring>

namespace jospar::ledger {
namespace {

constexpr std::string_view kEmDash = "\xE2\x80\x94";  // U+2014
constexpr std::size_t kMaxNote = 64 * 1024;
constexpr std::uint8_t kEd25519 = 0x01;

tl::unexpected<Error> CheckpointError(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.checkpoint", std::move(detail));
}
tl::unexpected<Error> NoteError(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.note", std::move(detail));
}
tl::unexpected<Error> KeyError(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.key", std::move(detail));
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

std::string Hex8(std::uint32_t v) {
  char buf[9];
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 7; i >= 0; --i) {
    buf[i] = kDigits[v & 15];
    v >>= 4;
  }
  buf[8] = 0;
  return buf;
}

std::optional<std::uint32_t> ParseHex8(std::string_view s) {
  if (s.size() != 8) return std::nullopt;
  std::uint32_t v = 0;
  for (char c : s) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (d < 0) return std::nullopt;
    v = v * 16 + static_cast<std::uint32_t>(d);
  }
  return v;
}

// "NAME+HEX8+BASE64" -> parts; the name may not hold '+'.
struct KeyParts {
  std::string name;
  std::uint32_t id = 0;
  std::string bytes;
};

Result<KeyParts> SplitKey(std::string_view text, std::string_view what) {
  const std::size_t p1 = text.find('+');
  const std::size_t p2 = p1 == std::string_view::npos ? p1 : text.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return KeyError(std::string(what) + ": expected NAME+KEYID+KEY");
  KeyParts k;
  k.name = text.substr(0, p1);
  if (!ValidKeyName(k.name)) return KeyError(std::string(what) + ": the key name is empty or holds a space");
  auto id = ParseHex8(text.substr(p1 + 1, p2 - p1 - 1));
  if (!id) return KeyError(std::string(what) + ": the key id must be 8 lower-case hex digits");
  k.id = *id;
  auto bytes = FromBase64(text.substr(p2 + 1));
  if (!bytes || bytes->size() != 33 || static_cast<std::uint8_t>((*bytes)[0]) != kEd25519)
    return KeyError(std::string(what) + ": expected base64 of 0x01 and a 32-byte Ed25519 key");
  k.bytes = bytes->substr(1);
  return k;
}

}  // namespace

std::string CheckpointText(const Checkpoint& c) {
  std::string out = c.origin + "\n" + std::to_string(c.size) + "\n" + ToBase64(c.root) + "\n";
  if (!c.time.empty()) out += "time " + c.time + "\n";
  return out;
}

Result<Checkpoint> ParseCheckpointText(std::string_view text) {
  if (text.empty() || text.back() != '\n')
    return CheckpointError("the checkpoint text must end with a newline");
  auto lines = SplitLines(text);
  if (lines.size() < 3) return CheckpointError("expected at least 3 lines (origin, size, root hash)");
  if (lines.size() > 4) return CheckpointError("line 5: unexpected extension line");
  Checkpoint c;
  c.origin = lines[0];
  if (!ValidKeyName(c.origin)) return CheckpointError("line 1: the origin is empty or holds a space or '+'");
  const std::string_view size = lines[1];
  if (size.empty() || size.size() > 19 || (size.size() > 1 && size[0] == '0'))
    return CheckpointError("line 2: expected the tree size in decimal without leading zeros");
  for (char ch : size)
    if (ch < '0' || ch > '9') return CheckpointError("line 2: expected the tree size in decimal");
  c.size = std::stoull(std::string(size));
  auto root = FromBase64(lines[2]);
  if (!root || root->size() != 32)
    return CheckpointError("line 3: expected the base64 of a 32-byte root hash");
  std::memcpy(c.root.data(), root->data(), 32);
  if (lines.size() == 4) {
    const std::string_view ext = lines[3];
    if (ext.substr(0, 5) != "time " || ext.size() != 25)
      return CheckpointError("line 4: expected \"time yyyy-mm-ddThh:mm:ssZ\"");
    c.time = ext.substr(5);
  }
  if (CheckpointText(c) != text) return CheckpointError("the checkpoint text is not in canonical form");
  return c;
}

bool ValidKeyName(std::string_view name) {
  if (name.empty() || name.size() > 200) return false;
  for (unsigned char ch : name)
    if (ch <= 0x20 || ch == '+' || ch == 0x7f) return false;
  return true;
}

Result<SignedNote> ParseSignedNote(std::string_view note) {
  if (note.size() > kMaxNote) return NoteError("the note is larger than 64 KiB");
  for (unsigned char ch : note)
    if (ch < 0x20 && ch != '\n') return NoteError("the note holds a control character");
  if (note.empty() || note.back() != '\n') return NoteError("the note must end with a newline");
  const std::size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) return NoteError("no blank line between the text and the signatures");
  SignedNote out;
  out.text = note.substr(0, split + 1);
  std::string_view sigs = note.substr(split + 2);
  int line_no = static_cast<int>(SplitLines(out.text).size()) + 2;
  for (std::string_view line : SplitLines(sigs)) {
    const std::string where = "line " + std::to_string(line_no++) + ": ";
    if (line.substr(0, kEmDash.size() + 1) != std::string(kEmDash) + " ")
      return NoteError(where + "a signature line starts with an em dash (U+2014) and a space");
    line.remove_prefix(kEmDash.size() + 1);
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) return NoteError(where + "expected \"— NAME SIGNATURE\"");
    NoteSignature s;
    s.key_name = line.substr(0, space);
    if (!ValidKeyName(s.key_name)) return NoteError(where + "invalid key name");
    auto bytes = FromBase64(line.substr(space + 1));
    if (!bytes || bytes->size() < 5)
      return NoteError(where + "the signature is not base64 of a key id and a signature");
    s.key_id = (static_cast<std::uint32_t>(static_cast<std::uint8_t>((*bytes)[0])) << 24) |
               (static_cast<std::uint32_t>(static_cast<std::uint8_t>((*bytes)[1])) << 16) |
               (static_cast<std::uint32_t>(static_cast<std::uint8_t>((*bytes)[2])) << 8) |
               static_cast<std::uint32_t>(static_cast<std::uint8_t>((*bytes)[3]));
    s.signature = bytes->substr(4);
    out.signatures.push_back(std::move(s));
    if (out.signatures.size() > 16) return NoteError("more than 16 signatures");
  }
  if (out.signatures.empty()) return NoteError("the note has no signature");
  return out;
}

std::uint32_t KeyId(std::string_view name, const std::array<std::uint8_t, 32>& public_key) {
  std::string buf(name);
  buf.push_back('\n');
  buf.push_back(static_cast<char>(kEd25519));
  buf.append(reinterpret_cast<const char*>(public_key.data()), public_key.size());
  const Hash h = Sha256(buf);
  return (static_cast<std::uint32_t>(h[0]) << 24) | (static_cast<std::uint32_t>(h[1]) << 16) |
         (static_cast<std::uint32_t>(h[2]) << 8) | h[3];
}

Result<SigningKey> KeyFromSeed(std::string_view name, const std::array<std::uint8_t, 32>& seed) {
  if (!ValidKeyName(name)) return KeyError("the key name is empty or holds a space or '+'");
  SigningKey k;
  k.name = name;
  k.seed = seed;
  crypto_sign_seed_keypair(k.public_key.data(), k.secret_key.data(), seed.data());
  return k;
}

std::string VerifierKeyText(const SigningKey& key) {
  std::string bytes(1, static_cast<char>(kEd25519));
  bytes.append(reinterpret_cast<const char*>(key.public_key.data()), 32);
  return key.name + "+" + Hex8(KeyId(key.name, key.public_key)) + "+" + ToBase64(bytes);
}

Result<Verifier> ParseVerifierKey(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  auto parts = SplitKey(text, "verifier key");
  if (!parts) return Fail(parts.error());
  Verifier v;
  v.name = parts->name;
  v.key_id = parts->id;
  std::memcpy(v.public_key.data(), parts->bytes.data(), 32);
  if (KeyId(v.name, v.public_key) != v.key_id)
    return KeyError("verifier key: the key id does not match the key");
  return v;
}

std::string PrivateKeyText(const SigningKey& key) {
  std::string bytes(1, static_cast<char>(kEd25519));
  bytes.append(reinterpret_cast<const char*>(key.seed.data()), 32);
  return "PRIVATE+KEY+" + key.name + "+" + Hex8(KeyId(key.name, key.public_key)) + "+" + ToBase64(bytes);
}

Result<SigningKey> ParsePrivateKey(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (text.substr(0, 12) != "PRIVATE+KEY+")
    return KeyError("private key: expected PRIVATE+KEY+NAME+KEYID+KEY");
  auto parts = SplitKey(text.substr(12), "private key");
  if (!parts) return Fail(parts.error());
  std::array<std::uint8_t, 32> seed{};
  std::memcpy(seed.data(), parts->bytes.data(), 32);
  auto key = KeyFromSeed(parts->name, seed);
  if (!key) return key;
  if (KeyId(key->name, key->public_key) != parts->id)
    return KeyError("private key: the key id does not match");
  return key;
}

std::string SignNote(std::string_view text, const SigningKey& key) {
  std::array<std::uint8_t, 64> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       key.secret_key.data());
  const std::uint32_t id = KeyId(key.name, key.public_key);
  std::string bytes;
  bytes.push_back(static_cast<char>(id >> 24));
  bytes.push_back(static_cast<char>(id >> 16));
  bytes.push_back(static_cast<char>(id >> 8));
  bytes.push_back(static_cast<char>(id));
  bytes.append(reinterpret_cast<const char*>(sig.data()), sig.size());
  std::string out(text);
  out += "\n";
  out += kEmDash;
  out += " " + key.name + " " + ToBase64(bytes) + "\n";
  return out;
}

Result<Checkpoint> OpenCheckpoint(std::string_view note, const Verifier& verifier) {
  auto parsed = ParseSignedNote(note);
  if (!parsed) return Fail(parsed.error());
  bool verified = false;
  for (const auto& s : parsed->signatures) {
    if (s.key_name != verifier.name || s.key_id != verifier.key_id) continue;  // unknown keys are ignored
    if (s.signature.size() != 64 ||
        crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(s.signature.data()),
                                    reinterpret_cast<const unsigned char*>(parsed->text.data()),
                                    parsed->text.size(), verifier.public_key.data()) != 0)
      return NoteError("the signature of " + verifier.name + " does not verify");
    verified = true;
  }
  if (!verified) return NoteError("no signature by the key " + verifier.name);
  auto c = ParseCheckpointText(parsed->text);
  if (!c) return c;
  if (c->origin != verifier.name) return CheckpointError("line 1: the origin is not the key's name");
  return c;
}

Result<std::map<std::uint64_t, SignedRoot>> SignedRootsBySize(const std::vector<std::string>& notes,
                                                              const Verifier& verifier) {
  std::map<std::uint64_t, SignedRoot> by_size;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    auto c = OpenCheckpoint(notes[i], verifier);
    if (!c) {
      Error e = c.error();
      e.detail = "checkpoint " + std::to_string(i + 1) + ": " + e.detail;
      return Fail(std::move(e));
    }
    auto [it, inserted] = by_size.emplace(c->size, SignedRoot{c->root, i});
    if (!inserted && it->second.root != c->root)
      return Fail(ErrorCode::kInvalidInput, "error.ledger.split_view",
                  "split view: checkpoints " + std::to_string(it->second.note + 1) + " and " +
                      std::to_string(i + 1) + " both sign size " + std::to_string(c->size) +
                      " with different root hashes");
  }
  return by_size;
}

}  // namespace jospar::ledger
