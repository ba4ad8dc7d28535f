#include "web/client_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace jospar::web {

namespace {

// Parses an IPv4 or IPv6 address into IPv6 form (IPv4 as ::ffff:a.b.c.d). False when it is neither.
bool ParseAddress(std::string_view text, std::array<std::uint8_t, 16>& out) {
  if (text.empty() || text.size() > 45) return false;
  const std::string s(text);
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out.fill(0);
    out[10] = 0xff;
    out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return true;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return true;
  }
  return false;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// The address of one X-Forwarded-For hop, which proxies may write with a port: "203.0.113.5:51234",
// "[2001:db8::7]:443" or "[2001:db8::7]". A bare IPv6 address has several colons and is taken as it is.
// Returns "" for a bracket or port that is malformed.
std::string_view HopAddress(std::string_view hop) {
  if (!hop.empty() && hop.front() == '[') {
    const auto close = hop.find(']');
    if (close == std::string_view::npos) return {};
    const std::string_view rest = hop.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !AllDigits(rest.substr(1)))) return {};
    return hop.substr(1, close - 1);
  }
  const auto colon = hop.find(':');
  if (colon != std::string_view::npos && hop.find(':', colon + 1) == std::string_view::npos)
    return AllDigits(hop.substr(colon + 1)) ? hop.substr(0, colon) : std::string_view{};
  return hop;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  for (const auto& raw : entries) {
    const std::string_view entry = Trim(raw);
    if (entry.empty()) continue;
    const auto slash = entry.find('/');
    const std::string_view address = entry.substr(0, slash);
    Range r;
    bool ok = ParseAddress(address, r.bytes);
    const int max_bits = address.find(':') == std::string_view::npos ? 32 : 128;  // prefix of IPv4 text
    int bits = max_bits;
    if (ok && slash != std::string_view::npos) {
      const std::string_view p = entry.substr(slash + 1);
      auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), bits);
      ok = ec == std::errc() && ptr == p.data() + p.size() && !p.empty() && bits >= 0 && bits <= max_bits;
    }
    if (!ok)
      return Fail(ErrorCode::kInvalidInput, "error.invalid_trusted_proxy",
                  "trusted proxy \"" + std::string(entry) + "\" is not an address or an address/prefix");
    r.prefix_bits = bits + (max_bits == 32 ? 96 : 0);
    out.ranges_.push_back(r);
  }
  return out;
}

bool TrustedProxies::Contains(std::string_view address) const {
  if (ranges_.empty()) return false;
  std::array<std::uint8_t, 16> a{};
  if (!ParseAddress(address, a)) return false;
  for (const auto& r : ranges_) {
    const int full = r.prefix_bits / 8;
    const int rest = r.prefix_bits % 8;
    if (std::memcmp(a.data(), r.bytes.data(), static_cast<std::size_t>(full)) != 0) continue;
    if (rest != 0) {
      const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
      if ((a[full] & mask) != (r.bytes[full] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string ClientAddress(const TrustedProxies& trusted, const std::string& peer,
                          const std::vector<std::string_view>& forwarded_for) {
  if (forwarded_for.empty() || !trusted.Contains(peer)) return peer;
  std::vector<std::string_view> hops;
  for (std::string_view line : forwarded_for) {
    while (true) {
      const auto comma = line.find(',');
      hops.push_back(HopAddress(Trim(line.substr(0, comma))));
      if (comma == std::string_view::npos) break;
      line.remove_prefix(comma + 1);
    }
  }
  std::string client = peer;
  std::array<std::uint8_t, 16> ignored{};
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (!ParseAddress(*it, ignored)) break;  // written by someone we do not trust: stop here
    client = std::string(*it);
    if (!trusted.Contains(client)) break;
  }
  return client;
}

}  // namespace jospar::web
