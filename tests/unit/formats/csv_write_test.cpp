// CSV writing: RFC 4180 quoting and CRLF rows for every CSV; the spreadsheet style (downloads) adds a UTF-8
// byte order mark and defuses formulas, the exact style (open data) keeps the text exactly.
#include "formats/csv_write.hpp"

#include <gtest/gtest.h>

namespace jospar::formats {
namespace {

TEST(CsvWriter, QuotesOnlyWhatNeedsQuoting) {
  CsvWriter w(kSpreadsheetCsv);
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
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\")", kSpreadsheetCsv), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvField("+1", kSpreadsheetCsv), "'+1");
  EXPECT_EQ(CsvField("@SUM(A1)", kSpreadsheetCsv), "'@SUM(A1)");
  EXPECT_EQ(CsvField("-3.5", kSpreadsheetCsv), "-3.5");  // negative numbers stay numbers
  EXPECT_EQ(CsvField("", kSpreadsheetCsv), "");
}

TEST(CsvWriter, ExactStyleKeepsFormulasAndHasNoByteOrderMark) {
  CsvWriter w(kExactCsv);
  w.Row({"=1+1", "+7", "@a", "\tx"});
  EXPECT_EQ(w.str(), "=1+1,+7,@a,\tx\r\n");
}

TEST(CsvWriter, BothStylesQuoteEdgeSpacesAndReplaceInvalidUtf8) {
  for (const CsvStyle& style : {kSpreadsheetCsv, kExactCsv}) {
    EXPECT_EQ(CsvField(" padded ", style), "\" padded \"");
    EXPECT_EQ(CsvField("a\xFF"
                       "b",
                       style),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(CsvField("Ақмола", style), "Ақмола");
  }
}

}  // namespace
}  // namespace jospar::formats
