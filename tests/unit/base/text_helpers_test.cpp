// The shared text helpers of core/base/text.hpp: UTF-8 checks and repair, trimming, ASCII lower case; and
// the one JSON string escaping (formats/json_text.hpp), which must always give valid JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/text.hpp"
#include "formats/json_text.hpp"

namespace jospar {
namespace {

TEST(Utf8Repair, ReplacesEachMaximalIllFormedSubpartOnce) {
  EXPECT_EQ(ValidUtf8("Қазақ"), "Қазақ");
  EXPECT_EQ(ValidUtf8("a\xFF"
                      "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(ValidUtf8("\xE2\x82x"), "\xEF\xBF\xBDx");                            // truncated euro sign
  EXPECT_EQ(ValidUtf8("\xF0\x9F\x99"), "\xEF\xBF\xBD");                          // truncated at the end
  EXPECT_TRUE(IsValidUtf8(ValidUtf8("\xF4\x90\x80\x80 \x80 \xC3")));
}

TEST(Trim, RemovesAsciiSpaceOrTheGivenBytes) {
  EXPECT_EQ(Trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(Trim("\nx\n", " \t"), "\nx\n");
  EXPECT_EQ(AsciiLower("Bearer ÄB"), "bearer Äb");
}

TEST(JsonString, IsAlwaysValidJsonThatReadsBackToTheRepairedText) {
  const std::string samples[] = {"plain",
                                 "q\"b\\s/",
                                 std::string("nul\0x", 5),
                                 "\b\f\n\r\t\x01\x1f\x7f",
                                 "Қазақ 🙂",
                                 "bad \xFF\xFE tail \xE2\x82",
                                 "\xC3"};
  for (const auto& s : samples)
    for (auto style : {formats::JsonControlEscapes::kShort, formats::JsonControlEscapes::kUnicode}) {
      const std::string text = formats::JsonString(s, style);
      ASSERT_TRUE(IsValidUtf8(text)) << text;
      EXPECT_EQ(nlohmann::json::parse(text).get<std::string>(), ValidUtf8(s)) << text;
    }
  EXPECT_EQ(formats::JsonString("\b\f\x01"), "\"\\b\\f\\u0001\"");
  EXPECT_EQ(formats::JsonString("\b\f", formats::JsonControlEscapes::kUnicode), "\"\\u0008\\u000c\"");
}

}  // namespace
}  // namespace jospar
