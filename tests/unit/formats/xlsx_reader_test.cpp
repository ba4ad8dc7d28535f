// The XLSX reader on workbooks written by libxlsxwriter in the test and on a hand-made odd one (rich shared
// strings, phonetic runs, inline strings, missing cells and rows, custom date formats, the 1904 date system,
// absolute relationship targets), plus malformed files that must give located errors.
#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <map>
#include <string>

#include "formats/xlsx.hpp"
#include "unit/plan/import_fixture.hpp"

namespace jospar::formats {
namespace {

using jospar::testing::ReadWholeFile;
using jospar::testing::TempDir;

// Writes `parts` (name -> content) as a zip archive and returns its bytes.
std::string MakeZip(const std::map<std::string, std::string>& parts) {
  TempDir dir;
  const std::string path = (dir.path() / "odd.xlsx").string();
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) return {};
  for (const auto& [name, content] : parts) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE);
  }
  zip_close(z);
  return ReadWholeFile(path);
}

TEST(XlsxReader, ReadsWhatLibxlsxwriterWrites) {
  TempDir dir;
  const std::string path = (dir.path() / "book.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  ASSERT_NE(wb, nullptr);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* datetime = workbook_add_format(wb);
  format_set_num_format(datetime, "dd.mm.yyyy hh:mm");
  lxw_worksheet* first = workbook_add_worksheet(wb, "notes");
  worksheet_write_string(first, 0, 0, "ignored", nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "values");
  worksheet_write_string(ws, 0, 0, "indicator", nullptr);
  worksheet_write_string(ws, 0, 1, "Кедейлік деңгейі", nullptr);  // shared string, Kazakh Cyrillic
  worksheet_write_number(ws, 0, 2, 12.5, nullptr);
  worksheet_write_boolean(ws, 0, 3, 1, nullptr);
  lxw_datetime dt = {2024, 2, 29, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 0, &dt, date);
  lxw_datetime dt2 = {2023, 12, 31, 13, 45, 0};
  worksheet_write_datetime(ws, 1, 1, &dt2, datetime);
  worksheet_write_number(ws, 1, 2, -0.001, nullptr);
  worksheet_write_string(ws, 3, 4, "after a gap", nullptr);       // row 3 (index 2) stays empty
  worksheet_write_string(ws, 4, 0, "Кедейлік деңгейі", nullptr);  // the same shared string again
  worksheet_write_number(ws, 4, 1, 2030, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto book = ReadXlsx(ReadWholeFile(path), "book.xlsx");
  ASSERT_TRUE(book) << book.error().detail;
  ASSERT_EQ(book->sheets.size(), 2u);
  EXPECT_EQ(book->sheets[0].name, "notes");
  const XlsxSheet* s = book->Find("VALUES");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->At(0, 0).type, XlsxCellType::kString);
  EXPECT_EQ(s->At(0, 0).text, "indicator");
  EXPECT_EQ(s->At(0, 1).text, "Кедейлік деңгейі");
  EXPECT_EQ(s->At(0, 2).type, XlsxCellType::kNumber);
  EXPECT_DOUBLE_EQ(s->At(0, 2).number, 12.5);
  EXPECT_EQ(s->At(0, 2).text, "12.5");
  EXPECT_EQ(s->At(0, 3).type, XlsxCellType::kBool);
  EXPECT_EQ(s->At(0, 3).text, "TRUE");
  EXPECT_EQ(s->At(1, 0).type, XlsxCellType::kDate);
  EXPECT_EQ(s->At(1, 0).text, "2024-02-29");
  EXPECT_EQ(s->At(1, 1).type, XlsxCellType::kDate);
  EXPECT_EQ(s->At(1, 1).text, "2023-12-31T13:45:00");
  EXPECT_EQ(s->At(1, 2).text, "-0.001");
  EXPECT_EQ(s->At(2, 0).type, XlsxCellType::kEmpty);
  EXPECT_EQ(s->At(3, 0).type, XlsxCellType::kEmpty);
  EXPECT_EQ(s->At(3, 4).text, "after a gap");
  EXPECT_EQ(s->At(4, 0).text, "Кедейлік деңгейі");
  EXPECT_EQ(s->At(4, 1).text, "2030");
  EXPECT_EQ(s->At(99, 99).type, XlsxCellType::kEmpty);
  EXPECT_EQ(s->rows.size(), 5u);
  EXPECT_EQ(book->Find("missing"), nullptr);
}

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

std::map<std::string, std::string> OddParts() {
  return {
      {"[Content_Types].xml", kContentTypes},
      // No _rels/.rels: the reader falls back to xl/workbook.xml.
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
          xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <workbookPr date1904="1"/>
  <sheets><sheet name="Data" sheetId="7" r:id="rId3"/><sheet name="Chart" sheetId="8" r:id="rId4"/></sheets>
</workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/sheets/odd.xml"/>
  <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="charts/c.xml"/>
  <Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings/../sharedStrings.xml"/>
  <Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>)"},
      {"xl/sharedStrings.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
  <si><t>plain &amp; simple</t></si>
  <si><r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
  <si><t/></si>
</sst>)"},
      {"xl/styles.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;day&quot;\ 0.00"/></numFmts>
  <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
  <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs>
</styleSheet>)"},
      {"xl/sheets/odd.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <sheetData>
    <row r="2">
      <c r="B2" t="s"><v>0</v></c>
      <c r="D2" t="s"><v>1</v></c>
      <c r="E2" t="s"><v>2</v></c>
      <c r="F2" s="2"/>
    </row>
    <row>
      <c t="inlineStr"><is><t>inline</t></is></c>
      <c s="1"><v>0</v></c>
      <c s="2"><v>1.5E3</v></c>
      <c t="b"><v>0</v></c>
      <c t="e"><v>#N/A</v></c>
      <c t="str"><f>A1&amp;"x"</f><v>formula text</v></c>
      <c t="d"><v>2021-06-30T00:00:00</v></c>
      <c s="3"><v>45000.5</v></c>
    </row>
  </sheetData>
</worksheet>)"},
  };
}

TEST(XlsxReader, ReadsAHandMadeOddWorkbook) {
  auto book = ReadXlsx(MakeZip(OddParts()), "odd.xlsx");
  ASSERT_TRUE(book) << book.error().detail;
  ASSERT_EQ(book->sheets.size(), 1u);  // the chart sheet is not a worksheet
  const XlsxSheet& s = book->sheets[0];
  EXPECT_EQ(s.name, "Data");
  EXPECT_TRUE(s.rows[0].empty());  // row 1 is missing in the file
  EXPECT_EQ(s.At(1, 0).type, XlsxCellType::kEmpty);
  EXPECT_EQ(s.At(1, 1).text, "plain & simple");
  EXPECT_EQ(s.At(1, 2).type, XlsxCellType::kEmpty);  // C2 is not in the file
  EXPECT_EQ(s.At(1, 3).text, "Rich text");           // runs joined, phonetic run left out
  EXPECT_EQ(s.At(1, 4).type, XlsxCellType::kEmpty);  // an empty shared string
  EXPECT_EQ(s.At(1, 5).type, XlsxCellType::kEmpty);  // a styled cell without a value
  // Row 3 has no r attributes: cells follow one another from A.
  EXPECT_EQ(s.At(2, 0).text, "inline");
  EXPECT_EQ(s.At(2, 1).type, XlsxCellType::kDate);
  EXPECT_EQ(s.At(2, 1).text, "1904-01-01");           // serial 0 in the 1904 system
  EXPECT_EQ(s.At(2, 2).type, XlsxCellType::kNumber);  // "day" 0.00: quoted text is not a date
  EXPECT_DOUBLE_EQ(s.At(2, 2).number, 1500);
  EXPECT_EQ(s.At(2, 3).type, XlsxCellType::kBool);
  EXPECT_EQ(s.At(2, 3).text, "FALSE");
  EXPECT_EQ(s.At(2, 4).type, XlsxCellType::kError);
  EXPECT_EQ(s.At(2, 4).text, "#N/A");
  EXPECT_EQ(s.At(2, 5).text, "formula text");
  EXPECT_EQ(s.At(2, 6).type, XlsxCellType::kDate);
  EXPECT_EQ(s.At(2, 6).text, "2021-06-30");
  EXPECT_EQ(s.At(2, 7).text, "2027-03-16T12:00:00");  // 45000.5 in the 1904 system
}

TEST(XlsxReader, SerialDatesFollowExcelsCalendar) {
  EXPECT_EQ(XlsxSerialToIso(1, false), "1900-01-01");
  EXPECT_EQ(XlsxSerialToIso(59, false), "1900-02-28");
  EXPECT_EQ(XlsxSerialToIso(60, false), "1900-02-29");  // Excel's fictitious day
  EXPECT_EQ(XlsxSerialToIso(61, false), "1900-03-01");
  EXPECT_EQ(XlsxSerialToIso(45292, false), "2024-01-01");
  EXPECT_EQ(XlsxSerialToIso(45292.75, false), "2024-01-01T18:00:00");
  EXPECT_EQ(XlsxSerialToIso(0, true), "1904-01-01");
  EXPECT_EQ(XlsxSerialToIso(-1, false), "");
  EXPECT_EQ(XlsxSerialToIso(1e9, false), "");
  EXPECT_EQ(XlsxColumnName(0), "A");
  EXPECT_EQ(XlsxColumnName(25), "Z");
  EXPECT_EQ(XlsxColumnName(26), "AA");
  EXPECT_EQ(XlsxColumnName(16383), "XFD");
}

TEST(XlsxReader, MalformedFilesGiveLocatedErrors) {
  auto not_zip = ReadXlsx("name,value\n", "plan.xlsx");
  ASSERT_FALSE(not_zip);
  EXPECT_EQ(not_zip.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(not_zip.error().message_key, "error.xlsx.malformed");
  EXPECT_NE(not_zip.error().detail.find("plan.xlsx: not an XLSX file"), std::string::npos);

  auto parts = OddParts();
  parts["xl/sheets/odd.xml"] =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
         <row r="7"><c r="C7" t="s"><v>12</v></c></row></sheetData></worksheet>)";
  auto bad_index = ReadXlsx(MakeZip(parts), "plan.xlsx");
  ASSERT_FALSE(bad_index);
  EXPECT_EQ(bad_index.error().detail,
            "plan.xlsx [Data] C7: shared string 12 does not exist (the file has 3)");

  parts["xl/sheets/odd.xml"] =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
         <row r="2"><c r="2B"><v>1</v></c></row></sheetData></worksheet>)";
  auto bad_ref = ReadXlsx(MakeZip(parts), "plan.xlsx");
  ASSERT_FALSE(bad_ref);
  EXPECT_NE(bad_ref.error().detail.find("plan.xlsx [Data] row 2: cell reference \"2B\""), std::string::npos);

  parts["xl/sheets/odd.xml"] =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
         <row r="4"><c r="A4"><v>twelve</v></c></row></sheetData></worksheet>)";
  auto bad_number = ReadXlsx(MakeZip(parts), "plan.xlsx");
  ASSERT_FALSE(bad_number);
  EXPECT_EQ(bad_number.error().detail, "plan.xlsx [Data] A4: \"twelve\" is not a number");

  parts["xl/sheets/odd.xml"] = "<worksheet><sheetData><row>";
  auto broken = ReadXlsx(MakeZip(parts), "plan.xlsx");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().detail.find("not well-formed XML"), std::string::npos);

  parts.erase("xl/sheets/odd.xml");
  auto missing = ReadXlsx(MakeZip(parts), "plan.xlsx");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().detail, "plan.xlsx: part xl/sheets/odd.xml is missing");
}

TEST(XlsxReader, ASheetBeyondTheCellLimitIsRefused) {
  auto parts = OddParts();
  parts["xl/sheets/odd.xml"] =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
         <row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>)";
  auto r = ReadXlsx(MakeZip(parts), "big.xlsx", {.max_part_bytes = 1 << 20, .max_cells = 100000});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().detail.find("more than 100000 cells"), std::string::npos);
}

}  // namespace
}  // namespace jospar::formats
