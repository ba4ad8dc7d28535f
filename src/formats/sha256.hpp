// SHA-256 (FIPS 180-4) of bytes, through libsodium.
#pragma once

#include <string>
#include <string_view>

namespace jospar::formats {

// The digest as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view bytes);

}  // namespace jospar::formats
