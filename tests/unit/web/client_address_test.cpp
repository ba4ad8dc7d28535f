// X-Forwarded-For is believed only from trusted proxies, and only as far as the chain is trusted.
#include <gtest/gtest.h>

#include "web/client_address.hpp"

namespace jospar::web {
namespace {

TrustedProxies Trust(std::vector<std::string> entries) {
  auto t = TrustedProxies::Parse(entries);
  EXPECT_TRUE(t) << (t ? "" : t.error().detail);
  return t ? *t : TrustedProxies{};
}

TEST(TrustedProxies, MatchesAddressesAndRanges) {
  const auto t = Trust({"192.0.2.10", "10.0.0.0/8", "fd00::/8", " ::1 "});
  EXPECT_TRUE(t.Contains("192.0.2.10"));
  EXPECT_FALSE(t.Contains("192.0.2.11"));
  EXPECT_TRUE(t.Contains("10.255.0.1"));
  EXPECT_FALSE(t.Contains("11.0.0.1"));
  EXPECT_TRUE(t.Contains("::ffff:10.1.2.3"));  // IPv4-mapped, as a dual-stack socket reports it
  EXPECT_TRUE(t.Contains("fd12::1"));
  EXPECT_TRUE(t.Contains("::1"));
  EXPECT_FALSE(t.Contains("fe80::1"));
  EXPECT_FALSE(t.Contains("not an address"));
  EXPECT_FALSE(TrustedProxies{}.Contains("127.0.0.1"));
}

TEST(TrustedProxies, RejectsWhatIsNotAnAddressOrRange) {
  for (const std::string bad : {"proxy.example", "10.0.0.0/33", "10.0.0.0/", "::1/129", "10.0.0.1/8x"}) {
    auto t = TrustedProxies::Parse({bad});
    ASSERT_FALSE(t) << bad;
    EXPECT_NE(t.error().detail.find(bad), std::string::npos);
  }
}

TEST(ClientAddress, TakesTheRightMostAddressThatIsNotATrustedProxy) {
  const auto t = Trust({"192.0.2.10", "10.0.0.0/8"});
  EXPECT_EQ(ClientAddress(t, "198.51.100.7", {"203.0.113.5"}), "198.51.100.7");  // untrusted peer
  EXPECT_EQ(ClientAddress(TrustedProxies{}, "192.0.2.10", {"203.0.113.5"}), "192.0.2.10");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {}), "192.0.2.10");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"203.0.113.5"}), "203.0.113.5");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"1.1.1.1, 203.0.113.5"}), "203.0.113.5");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"203.0.113.5 , 10.0.0.2,10.0.0.3"}), "203.0.113.5");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"1.1.1.1", "203.0.113.5, 10.0.0.2"}), "203.0.113.5");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"10.0.0.2, 10.0.0.3"}), "10.0.0.2");  // all trusted
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"203.0.113.5, garbage, 10.0.0.3"}), "10.0.0.3");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"garbage"}), "192.0.2.10");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"2001:db8::7"}), "2001:db8::7");
}

TEST(ClientAddress, ReadsHopsThatCarryAPort) {
  const auto t = Trust({"192.0.2.10"});
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"203.0.113.5:51234"}), "203.0.113.5");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"[2001:db8::7]:443"}), "2001:db8::7");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"[2001:db8::7]"}), "2001:db8::7");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"203.0.113.5, 192.0.2.10:8080"}), "203.0.113.5");
  // Not an address with a port: the chain stops there.
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"203.0.113.5:port"}), "192.0.2.10");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"[2001:db8::7]x"}), "192.0.2.10");
  EXPECT_EQ(ClientAddress(t, "192.0.2.10", {"203.0.113.5:"}), "192.0.2.10");
}

}  // namespace
}  // namespace jospar::web
