// Who the client is behind a reverse proxy: X-Forwarded-For, believed only from trusted proxies.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"

namespace jospar::web {

// A set of proxy addresses and CIDR ranges ("192.0.2.10", "10.0.0.0/8", "::1", "fd00::/8"). IPv4 and
// IPv4-mapped IPv6 addresses ("::ffff:10.0.0.1") are the same address. Immutable once parsed, so safe to
// share between threads.
class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody

  // kInvalidInput naming the first entry that is neither an address nor a range.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& entries);

  bool empty() const { return ranges_.empty(); }
  // True when `address` (as the socket gives it, no port) is in one of the ranges; false when it is not
  // an address.
  bool Contains(std::string_view address) const;

 private:
  struct Range {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    int prefix_bits = 128;
  };
  std::vector<Range> ranges_;
};

// The client's address for a request whose socket peer is `peer` and whose X-Forwarded-For header
// lines are `forwarded_for` (in the order received; each a comma-separated list, the nearest hop
// last). A hop may carry a port ("203.0.113.5:51234", "[2001:db8::7]:443"); it is dropped. When the peer is
// not a trusted proxy, or nothing usable was forwarded: `peer`. Otherwise the right-most forwarded address
// that is not itself a trusted proxy (the left-most when all are); an entry that is not an address stops the
// walk and the last trusted hop before it is the answer.
std::string ClientAddress(const TrustedProxies& trusted, const std::string& peer,
                          const std::vector<std::string_view>& forwarded_for);

}  // namespace jospar::web
