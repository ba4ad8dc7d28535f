// Time-based one-time passwords (RFC 6238 over RFC 4226, HMAC-SHA-1) for the second factor of sign-in,
// and which roles must use one. Pure functions of a secret and a time: no clock, no randomness, no I/O
// (the HMAC is liboath's, which computes only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/accounts/access.hpp"

namespace jospar::accounts {

inline constexpr int kTotpDigits = 6;
inline constexpr int kTotpStepSeconds = 30;
// Codes of this many steps before or after the current one are accepted (clock drift of the device).
inline constexpr int kTotpDriftSteps = 1;
inline constexpr std::size_t kTotpSecretBytes = 20;
inline constexpr int kRecoveryCodeCount = 10;

// Whether an account of this role must have a second factor before it may do anything but enrol. The one
// place that says so: the staff roles of new modules are added here.
bool RequiresSecondFactor(Role role);

// The time step of a unix time (seconds): floor(unix_time / step_seconds).
std::int64_t TotpStep(std::int64_t unix_time, int step_seconds = kTotpStepSeconds);

// The code of `secret` (raw bytes) at `unix_time`: `digits` decimal digits with leading zeros (6..8).
// Empty when liboath refuses (a digit count it does not support).
std::string TotpCode(std::string_view secret, std::int64_t unix_time, int digits = kTotpDigits,
                     int step_seconds = kTotpStepSeconds);

// What a code entered at `now` is worth.
struct TotpCheck {
  enum class Outcome { kAccepted, kWrong, kReplayed };
  Outcome outcome = Outcome::kWrong;
  std::int64_t step = 0;  // kAccepted: the step of the code, to be stored as the new last step
};
// Checks `code` (kTotpDigits digits; spaces ignored) against the steps within kTotpDriftSteps of `now`.
// A code of a step <= `last_step` (the last accepted one, 0 when none) is kReplayed, never kAccepted: each
// code opens one sign-in only.
TotpCheck CheckTotp(std::string_view secret, std::string_view code, std::int64_t now, std::int64_t last_step);

// RFC 4648 base32 without padding (what authenticator apps read) and back; nullopt for a character outside
// the alphabet (case and spaces are ignored when decoding).
std::string Base32Encode(std::string_view bytes);
std::optional<std::string> Base32Decode(std::string_view text);

// otpauth://totp/Jospar:<name>?secret=<base32>&issuer=Jospar (name percent-encoded), for an authenticator
// app or a QR code.
std::string OtpAuthUri(std::string_view user_name, std::string_view secret_base32);

// A recovery code as typed: lowercase, without spaces and dashes (its stored form is the SHA-256 of this).
std::string NormalizeRecoveryCode(std::string_view code);

}  // namespace jospar::accounts
