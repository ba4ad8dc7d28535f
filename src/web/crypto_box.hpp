// Fields encrypted at rest with libsodium's secretbox (XSalsa20-Poly1305): a random nonce per seal, the
// result as lowercase hex (nonce then ciphertext). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jospar::web {

// `key` is crypto_secretbox_KEYBYTES (32) raw bytes.
std::string SealHex(std::string_view key, std::string_view plaintext);
// nullopt when `sealed` was not made under `key`, was changed, or is not hex.
std::optional<std::string> OpenHex(std::string_view key, std::string_view sealed);
// Keyed BLAKE2b-256 of `data` as hex (crypto_generichash); `key` is 32 raw bytes.
std::string KeyedHashHex(std::string_view key, std::string_view data);

std::string BytesToHex(std::string_view bytes);
std::optional<std::string> HexToBytes(std::string_view hex);

}  // namespace jospar::web
