#include "core/accounts/totp.hpp"

#include <cctype>
#include <ctime>

#include <liboath/oath.h>

namespace jospar::accounts {
namespace {

const int kOathReady = [] { return oath_init(); }();

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

}  // namespace

bool RequiresSecondFactor(Role role) { return role == Role::kAdmin; }

std::int64_t TotpStep(std::int64_t unix_time, int step_seconds) {
  return unix_time >= 0 ? unix_time / step_seconds : -((-unix_time + step_seconds - 1) / step_seconds);
}

std::string TotpCode(std::string_view secret, std::int64_t unix_time, int digits, int step_seconds) {
  if (kOathReady != OATH_OK || digits < 6 || digits > 8) return {};
  char out[16] = {};
  if (oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(unix_time),
                         static_cast<unsigned>(step_seconds), 0, static_cast<unsigned>(digits),
                         out) != OATH_OK)
    return {};
  return std::string(out);
}

TotpCheck CheckTotp(std::string_view secret, std::string_view code, std::int64_t now,
                    std::int64_t last_step) {
  std::string digits;
  for (char c : code)
    if (c != ' ') digits.push_back(c);
  TotpCheck out;
  if (digits.size() != static_cast<std::size_t>(kTotpDigits)) return out;
  for (char c : digits)
    if (c < '0' || c > '9') return out;
  const std::int64_t current = TotpStep(now);
  // Newest step first, so that a code valid at two steps (a coincidence) counts as the newer one.
  for (std::int64_t step = current + kTotpDriftSteps; step >= current - kTotpDriftSteps; --step) {
    const std::string expected = TotpCode(secret, step * kTotpStepSeconds);
    if (expected.empty() || expected != digits) continue;
    if (step <= last_step) {
      out.outcome = TotpCheck::Outcome::kReplayed;
      continue;
    }
    out.outcome = TotpCheck::Outcome::kAccepted;
    out.step = step;
    return out;
  }
  return out;
}

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == ' ' || ch == '=') continue;
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= '2' && c <= '7') v = c - '2' + 26;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

std::string OtpAuthUri(std::string_view user_name, std::string_view secret_base32) {
  std::string name;
  static const char* kHex = "0123456789ABCDEF";
  for (unsigned char c : user_name) {
    if (std::isalnum(c) || c == '.' || c == '_' || c == '-') {
      name.push_back(static_cast<char>(c));
    } else {
      name.push_back('%');
      name.push_back(kHex[c >> 4]);
      name.push_back(kHex[c & 15]);
    }
  }
  return "otpauth://totp/Jospar:" + name + "?secret=" + std::string(secret_base32) + "&issuer=Jospar";
}

std::string NormalizeRecoveryCode(std::string_view code) {
  std::string out;
  for (unsigned char c : code)
    if (c != ' ' && c != '-') out.push_back(static_cast<char>(std::tolower(c)));
  return out;
}

}  // namespace jospar::accounts
