// CSV reader: RFC 4180 quoting, located errors (line and character column), tolerated ragged rows.
#include <gtest/gtest.h>

#include "formats/csv.hpp"

namespace jospar::formats {
namespace {

TEST(Csv, ReadsQuotedFieldsDoubledQuotesAndCrlf) {
  auto t = ParseCsv("a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\"multi\nline\",,\r\n", "t.csv");
  ASSERT_TRUE(t) << t.error().detail;
  ASSERT_EQ(t->header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][1], "x, \"y\"");
  EXPECT_EQ(t->rows[1][0], "multi\nline");
  EXPECT_EQ(t->rows[1][2], "");
  EXPECT_EQ(t->row_lines, (std::vector<int>{2, 3}));
}

TEST(Csv, SkipsBomAndBlankLinesAndAllowsNoFinalNewline) {
  auto t = ParseCsv("\xEF\xBB\xBFYear,Value\n\n2020,1\n\n\n2021,2", "t.csv");
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->header[0], "Year");
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->row_lines, (std::vector<int>{3, 6}));
}

TEST(Csv, TrailingCommaAtEndOfTextIsAnEmptyField) {
  auto t = ParseCsv("a,b\n1,", "t.csv");
  ASSERT_TRUE(t) << t.error().detail;
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0][1], "");
}

TEST(Csv, FieldPositionsCountCharactersNotBytes) {
  auto t = ParseCsv("аты,жасы\nҚазақ,\"5\"\n", "t.csv");
  ASSERT_TRUE(t) << t.error().detail;
  EXPECT_EQ(t->Pos(0, 0).line, 2);
  EXPECT_EQ(t->Pos(0, 0).column, 1);
  EXPECT_EQ(t->Pos(0, 1).column, 7);
}

TEST(Csv, WrongFieldCountIsALocatedError) {
  auto t = ParseCsv("a,b\n1,2\n3\n", "x.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(t.error().detail, "x.csv:3:1: expected 2 fields, found 1");
}

TEST(Csv, RaggedRowsCanBeSkippedAndReported) {
  auto t = ParseCsv("a,b\n1,2\n3\n4,5\n", "x.csv", CsvOptions{.skip_ragged_rows = true});
  ASSERT_TRUE(t) << t.error().detail;
  ASSERT_EQ(t->rows.size(), 2u);
  ASSERT_EQ(t->skipped.size(), 1u);
  EXPECT_EQ(t->skipped[0].line, 3);
  EXPECT_EQ(t->skipped[0].fields, 1u);
}

TEST(Csv, UnterminatedQuoteNamesWhereTheFieldStarts) {
  auto t = ParseCsv("a,b\n1,\"open\n\n", "q.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().detail, "q.csv:2:3: unterminated quoted field");
}

TEST(Csv, TextAfterClosingQuoteIsAnError) {
  auto t = ParseCsv("a,b\n\"x\"y,2\n", "q.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().detail, "q.csv:2:4: expected ',' or end of line after a closing quote");
}

TEST(Csv, QuoteInsideUnquotedFieldIsAnError) {
  auto t = ParseCsv("a,b\nab\"c,2\n", "q.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().detail, "q.csv:2:3: unexpected '\"' inside an unquoted field");
}

TEST(Csv, InvalidUtf8IsLocated) {
  auto t = ParseCsv("a,b\nок,\xFF\n", "u.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().detail, "u.csv:2:4: invalid UTF-8");
}

TEST(Csv, EmptyTextHasNoHeader) {
  auto t = ParseCsv("", "e.csv");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().detail, "e.csv:1:1: expected a header row");
}

}  // namespace
}  // namespace jospar::formats
