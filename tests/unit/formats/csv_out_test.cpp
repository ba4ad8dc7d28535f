// CSV downloads: RFC 4180 quoting, CRLF rows, a UTF-8 byte order mark, and no formulas for spreadsheets.
#include "web/pages/csv_out.hpp"

#include <gtest/gtest.h>

namespace jospar::web {
namespace {

TEST(CsvWriter, QuotesOnlyWhatNeedsQuoting) {
  CsvWriter w;
  w.Row({"code", "title"});
  w.Row({"KZ-2050", "Стратегия \"Казахстан-2050\", редакция 2"});
  w.Row({"a\nb", "plain"});
  EXPECT_EQ(w.str(),
            "\xEF\xBB\xBF"
            "code,title\r\n"
            "KZ-2050,\"Стратегия \"\"Казахстан-2050\"\", редакция 2\"\r\n"
            "\"a\nb\",plain\r\n");
}

TEST(CsvWriter, DefusesFormulas) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvField("+1"), "'+1");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("-3.5"), "-3.5");  // negative numbers stay numbers
  EXPECT_EQ(CsvField(""), "");
}

}  // namespace
}  // namespace jospar::web
