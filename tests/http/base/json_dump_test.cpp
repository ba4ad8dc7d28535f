// The API's JSON writer (api::Dump) must produce exactly what nlohmann's dump() produces, and fall back
// to replacing invalid UTF-8 rather than throwing.
#include <gtest/gtest.h>

#include "web/api/handlers.hpp"
#include "web/dispatch.hpp"

namespace jospar::web::api {
namespace {

std::string Reference(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

TEST(JsonDump, MatchesNlohmannOnEveryKindOfValue) {
  const json docs[] = {
      json(nullptr),
      json(true),
      json(false),
      json(0),
      json(-42),
      json(std::uint64_t{18446744073709551615u}),
      json(std::int64_t{-9223372036854775807LL - 1}),
      json(1.0),
      json(0.1),
      json(-2.5e-300),
      json(1e300),
      json("plain"),
      json(""),
      json("Қазақстан — Доля населения, ünïcode 🙂"),
      json("quote \" backslash \\ slash / controls \b\f\n\r\t \x01 \x1f \x7f end"),
      json::array(),
      json::object(),
      json::parse(R"({"b":[1,2,{"c":null}],"a":"x","Ә":{"k":[]}})"),
  };
  for (const auto& d : docs) EXPECT_EQ(Dump(d), Reference(d)) << Reference(d);
}

TEST(JsonDump, ReplacesInvalidUtf8LikeTheReference) {
  json doc = {{"ok", "fine"},
              {"bad", std::string("a\xff\xfe"
                                  "b")}};
  EXPECT_EQ(Dump(doc), Reference(doc));
  json bad_key = {{std::string("k\xc3"), 1}};
  EXPECT_EQ(Dump(bad_key), Reference(bad_key));
}

}  // namespace
}  // namespace jospar::web::api

namespace jospar::web {
namespace {

TEST(Utf8, AcceptsValidTextAtEveryAlignmentAndRejectsMalformedSequences) {
  const std::string valid_tails[] = {"Қ", "ә", "€", "🙂", "z"};
  const std::string invalid_tails[] = {"\xc3",
                                       "\xe2\x82",
                                       "\xc0\xaf" /* overlong */,
                                       "\xed\xa0\x80" /* surrogate */,
                                       "\xf4\x90\x80\x80" /* > U+10FFFF */,
                                       "\x80",
                                       "\xff"};
  for (std::size_t prefix = 0; prefix < 20; ++prefix) {
    const std::string ascii(prefix, 'a');
    for (const auto& t : valid_tails) {
      EXPECT_TRUE(IsValidUtf8(ascii + t)) << prefix;
      EXPECT_TRUE(IsValidUtf8(ascii + t + ascii)) << prefix;
    }
    for (const auto& t : invalid_tails) {
      EXPECT_FALSE(IsValidUtf8(ascii + t)) << prefix;
      EXPECT_FALSE(IsValidUtf8(ascii + t + ascii)) << prefix;
    }
  }
}

}  // namespace
}  // namespace jospar::web
