#include "web/crypto_box.hpp"

#include <sodium.h>

namespace jospar::web {
namespace {

const int kSodiumReady = [] { return sodium_init(); }();

const unsigned char* U(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::string BytesToHex(std::string_view bytes) {
  std::string out(bytes.size() * 2, '\0');
  static const char* kHex = "0123456789abcdef";
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kHex[b >> 4];
    out[2 * i + 1] = kHex[b & 15];
  }
  return out;
}

std::optional<std::string> HexToBytes(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  std::string out(hex.size() / 2, '\0');
  std::size_t n = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(),
                     nullptr, &n, nullptr) != 0 ||
      n != out.size())
    return std::nullopt;
  return out;
}

std::string SealHex(std::string_view key, std::string_view plaintext) {
  (void)kSodiumReady;
  std::string nonce(crypto_secretbox_NONCEBYTES, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  std::string out(crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(out.data()), U(plaintext), plaintext.size(),
                        U(nonce), U(key));
  return BytesToHex(nonce + out);
}

std::optional<std::string> OpenHex(std::string_view key, std::string_view sealed) {
  auto raw = HexToBytes(sealed);
  if (!raw || raw->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES ||
      key.size() != crypto_secretbox_KEYBYTES)
    return std::nullopt;
  const std::size_t clen = raw->size() - crypto_secretbox_NONCEBYTES;
  std::string out(clen - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 U(*raw) + crypto_secretbox_NONCEBYTES, clen, U(*raw), U(key)) != 0)
    return std::nullopt;
  return out;
}

std::string KeyedHashHex(std::string_view key, std::string_view data) {
  (void)kSodiumReady;
  unsigned char out[32];
  crypto_generichash(out, sizeof out, U(data), data.size(), U(key), key.size());
  return BytesToHex(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

}  // namespace jospar::web
