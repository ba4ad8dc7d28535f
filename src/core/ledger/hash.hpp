// SHA-256 and the encodings the transparency log uses (hex, standard base64). Pure functions over bytes:
// they call libsodium's hashing and nothing that does I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jospar::ledger {

using Hash = std::array<std::uint8_t, 32>;

Hash Sha256(std::string_view bytes);
// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

// Lower-case hex of `bytes` / of a hash.
std::string ToHex(std::string_view bytes);
std::string ToHex(const Hash& h);
// Parses exactly 64 hex digits (either case); nullopt otherwise.
std::optional<Hash> HashFromHex(std::string_view hex);

// Standard base64 (RFC 4648 section 4) with padding.
std::string ToBase64(std::string_view bytes);
std::string ToBase64(const Hash& h);
// Strict: rejects missing padding, characters outside the alphabet and non-canonical trailing bits.
std::optional<std::string> FromBase64(std::string_view text);

inline std::string_view AsBytes(const Hash& h) { return {reinterpret_cast<const char*>(h.data()), h.size()}; }

}  // namespace jospar::ledger
