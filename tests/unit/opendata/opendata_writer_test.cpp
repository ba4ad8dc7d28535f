// The open-data writers: CSV (RFC 4180 quoting, CRLF, UTF-8 kept, invalid UTF-8 replaced, empty for no
// value), JSON (valid, escaped, typed, null for no value), both deterministic and in the table's order;
// YAML scalars that read back exactly; a tar archive that tar can list; the registry's dictionary keys.
#include <gtest/gtest.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "core/ledger/hash.hpp"
#include "core/opendata/registry.hpp"
#include "formats/csv_write.hpp"
#include "formats/opendata_writer.hpp"
#include "formats/opensdg.hpp"
#include "formats/opensdg_writer.hpp"
#include "formats/tar.hpp"
#include "unit/plan/import_fixture.hpp"
#include "web/i18n.hpp"

namespace jospar {
namespace {

using opendata::Cell;
using opendata::ColumnType;
using opendata::Table;

Table Sample() {
  Table t;
  t.dataset = "sample";
  t.columns = {{"id", ColumnType::kInteger, false},
               {"name", ColumnType::kString, true},
               {"value", ColumnType::kNumber, true},
               {"demo", ColumnType::kBoolean, false}};
  t.rows = {
      {Cell(std::int64_t{2}), Cell(std::string("Қазақстан, \"2050\"")), Cell(0.1), Cell(true)},
      {Cell(std::int64_t{1}), Cell(std::string("line1\nline2")), Cell(), Cell(false)},
      {Cell(std::int64_t{-3}), Cell(), Cell(1e21), Cell(false)},
      {Cell(std::int64_t{4}), Cell(std::string(" padded ")), Cell(-2.5), Cell(false)},
  };
  return t;
}

TEST(OpenDataCsv, QuotesOnlyWhatNeedsQuotingAndEndsRowsWithCrlf) {
  EXPECT_EQ(formats::WriteOpenDataCsv(Sample()),
            "id,name,value,demo\r\n"
            "2,\"Қазақстан, \"\"2050\"\"\",0.1,true\r\n"
            "1,\"line1\nline2\",,false\r\n"
            "-3,,1e+21,false\r\n"
            "4,\" padded \",-2.5,false\r\n");
}

TEST(OpenDataCsv, KeepsUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(formats::CsvField("Ақмола", formats::kExactCsv), "Ақмола");
  EXPECT_EQ(formats::CsvField("a\xFF"
                              "b",
                              formats::kExactCsv),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(formats::CsvField("\xC0\xAF", formats::kExactCsv),
            "\xEF\xBF\xBD\xEF\xBF\xBD");  // an overlong '/'
  EXPECT_EQ(formats::CsvField("\xED\xA0\x80", formats::kExactCsv),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");                 // a surrogate
  EXPECT_EQ(formats::CsvField("=1+1", formats::kExactCsv), "=1+1");  // data kept exactly
}

TEST(OpenDataJson, IsValidTypedAndEscaped) {
  Table t = Sample();
  t.rows[1][1] = Cell(std::string("tab\tquote\" back\\ bell\x07 end"));
  const std::string text = formats::WriteOpenDataJson(t);
  auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["dataset"], "sample");
  ASSERT_EQ(j["columns"].size(), 4u);
  EXPECT_EQ(j["columns"][2]["type"], "number");
  EXPECT_EQ(j["columns"][2]["nullable"], true);
  ASSERT_EQ(j["records"].size(), 4u);
  EXPECT_EQ(j["records"][0]["id"], 2);  // the table's order, not sorted again
  EXPECT_EQ(j["records"][0]["name"], "Қазақстан, \"2050\"");
  EXPECT_EQ(j["records"][0]["value"].get<double>(), 0.1);
  EXPECT_EQ(j["records"][1]["name"], "tab\tquote\" back\\ bell\x07 end");
  EXPECT_TRUE(j["records"][1]["value"].is_null());
  EXPECT_TRUE(j["records"][2]["name"].is_null());
  EXPECT_EQ(j["records"][2]["value"].get<double>(), 1e21);
  EXPECT_EQ(j["records"][3]["demo"], false);
  // Kazakh text is written as UTF-8, not as \u escapes; one record per line; keys in column order.
  EXPECT_NE(text.find("Қазақстан"), std::string::npos);
  EXPECT_NE(text.find("\\u0007"), std::string::npos);
  EXPECT_NE(text.find("\n{\"id\":1,\"name\":"), std::string::npos);
}

// Exact bytes of both writers for text that needs escaping or quoting, pinned before the escaping and
// CSV writing were shared with the web layer (open-data files promise the same bytes for the same data).
TEST(OpenDataWriters, BytesForTrickyTextArePinned) {
  Table t;
  t.dataset = "tricky";
  t.columns = {{"text", ColumnType::kString, true}};
  for (const char* s : {"=SUM(A1)", "+1", "@x", "-2", "\ttab", "a\bb\fc\x01\x1f\x7f", "q\"u\\o/te",
                        "cr\rlf\n", " lead", "trail ", "Қазақ \xE2\x80\xA8 sep",
                        "\xEF\xBB\xBF"
                        "bom"})
    t.rows.push_back({Cell(std::string(s))});
  EXPECT_EQ(formats::WriteOpenDataCsv(t),
            "text\r\n=SUM(A1)\r\n+1\r\n@x\r\n-2\r\n\ttab\r\na\bb\fc\x1\x1F\x7F\r\n\"q\"\"u\\o/"
            "te\"\r\n\"cr\rlf\n\"\r\n\" lead\"\r\n\"trail \"\r\n\xD2\x9A\xD0\xB0\xD0\xB7\xD0\xB0\xD2\x9B "
            "\xE2\x80\xA8 sep\r\n\xEF\xBB\xBF"
            "bom\r\n");
  EXPECT_EQ(formats::WriteOpenDataJson(t),
            "{\"dataset\":\"tricky\",\"columns\":[{\"name\":\"text\",\"type\":\"string\",\"nullable\":true}],"
            "\"records\":[\n{\"text\":\"=SUM(A1)\"},\n{\"text\":\"+1\"},\n{\"text\":\"@x\"},\n{\"text\":\"-"
            "2\"},\n{\"text\":\"\\ttab\"},\n{\"text\":\"a\\u0008b\\u000cc\\u0001\\u001f\x7F\"},\n{\"text\":"
            "\"q\\\"u\\\\o/te\"},\n{\"text\":\"cr\\rlf\\n\"},\n{\"text\":\" lead\"},\n{\"text\":\"trail "
            "\"},\n{\"text\":\"\xD2\x9A\xD0\xB0\xD0\xB7\xD0\xB0\xD2\x9B \xE2\x80\xA8 "
            "sep\"},\n{\"text\":\"\xEF\xBB\xBF"
            "bom\"}\n]}\n");
}

TEST(OpenDataJson, EmptyTableIsValid) {
  Table t = Sample();
  t.rows.clear();
  auto j = nlohmann::json::parse(formats::WriteOpenDataJson(t));
  EXPECT_TRUE(j["records"].empty());
  EXPECT_EQ(formats::WriteOpenDataCsv(t), "id,name,value,demo\r\n");
}

TEST(OpenDataWriters, SameTableGivesSameBytes) {
  EXPECT_EQ(formats::WriteOpenDataCsv(Sample()), formats::WriteOpenDataCsv(Sample()));
  EXPECT_EQ(formats::WriteOpenDataJson(Sample()), formats::WriteOpenDataJson(Sample()));
  Table other = Sample();
  std::swap(other.rows[0], other.rows[1]);
  EXPECT_NE(formats::WriteOpenDataCsv(Sample()), formats::WriteOpenDataCsv(other));
}

TEST(OpenDataWriters, NumbersReadBackExactly) {
  for (double v : {0.1, 1.0 / 3, 123456789.125, -0.000123, 5e-324, 1.7976931348623157e308, 42.0}) {
    const std::string s = formats::ShortestNumber(v);
    double back = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), back);
    EXPECT_TRUE(ec == std::errc() && end == s.data() + s.size()) << s;
    EXPECT_EQ(back, v) << s;
  }
  EXPECT_EQ(formats::ShortestNumber(42.0), "42");
}

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(ledger::Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ledger::Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(OpenSdgWriter, YamlScalarsReadBackExactly) {
  const std::vector<std::string> texts = {"plain",
                                          "with: colon",
                                          "# hash",
                                          "'single' \"double\"",
                                          "back\\slash",
                                          "new\nline",
                                          "tab\there",
                                          "  spaces  ",
                                          "Қазақстан Республикасы",
                                          "null",
                                          "true",
                                          "123",
                                          "- dash",
                                          "nel\xC2\x85x",
                                          "ls\xE2\x80\xA8x",
                                          "nbsp\xC2\xA0x",
                                          "bom\xEF\xBB\xBFx",
                                          "ctl\x01x",
                                          "",
                                          "{braces}",
                                          "[list]",
                                          "*star",
                                          "&amp"};
  std::string yaml;
  for (size_t i = 0; i < texts.size(); ++i)
    yaml += formats::YamlQuoted("k" + std::to_string(i)) + ": " + formats::YamlQuoted(texts[i]) + "\n";
  auto parsed = formats::ParseTranslationYaml(yaml, "t.yml");
  ASSERT_TRUE(parsed) << parsed.error().detail;
  for (size_t i = 0; i < texts.size(); ++i) {
    auto it = parsed->find("k" + std::to_string(i));
    ASSERT_NE(it, parsed->end()) << i;
    EXPECT_EQ(it->second, texts[i]) << i;
  }
}

TEST(Tar, TarListsAndExtractsTheEntries) {
  testing::TempDir dir;
  const std::string long_dir(120, 'd');
  auto tar = formats::WriteTar(
      {{"root/", ""}, {"root/a.txt", "hello"}, {"root/" + long_dir + "/b.csv", std::string(600, 'x')}});
  ASSERT_TRUE(tar) << tar.error().detail;
  EXPECT_EQ(tar->size() % 512, 0u);
  testing::WriteFile(dir.path() / "x.tar", *tar);
  const std::string cmd = "tar -xf " + (dir.path() / "x.tar").string() + " -C " + dir.str();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_EQ(testing::ReadWholeFile(dir.path() / "root/a.txt"), "hello");
  EXPECT_EQ(testing::ReadWholeFile(dir.path() / "root" / long_dir / "b.csv"), std::string(600, 'x'));
  EXPECT_FALSE(formats::WriteTar({{"../evil", "x"}}));
  EXPECT_FALSE(formats::WriteTar({{"/abs", "x"}}));
}

TEST(OpenDataRegistry, IdsAreUniqueAndEveryColumnHasItsMeaningInThreeLanguages) {
  auto loc = web::Locales::Load(std::string(JOSPAR_SOURCE_DIR) + "/locales");
  ASSERT_TRUE(loc) << loc.error().detail;
  std::set<std::string> ids;
  ASSERT_GE(opendata::Datasets().size(), 5u);
  for (const auto& d : opendata::Datasets()) {
    EXPECT_TRUE(ids.insert(d.id).second) << "dataset id repeated: " << d.id;
    EXPECT_EQ(opendata::FindDataset(d.id), &d);
    std::set<std::string> names;
    for (Lang l : kLangs) {
      EXPECT_TRUE(loc->Has(l, opendata::TitleKey(d.id))) << opendata::TitleKey(d.id) << " " << LangCode(l);
      EXPECT_TRUE(loc->Has(l, opendata::DescriptionKey(d.id))) << opendata::DescriptionKey(d.id);
    }
    for (const auto& c : d.columns) {
      EXPECT_TRUE(names.insert(c.name).second) << d.id << "." << c.name << " repeated";
      for (Lang l : kLangs)
        EXPECT_TRUE(loc->Has(l, opendata::ColumnKey(d.id, c.name)))
            << opendata::ColumnKey(d.id, c.name) << " missing in " << LangCode(l);
    }
  }
  EXPECT_EQ(opendata::FindDataset("no-such-dataset"), nullptr);
}

}  // namespace
}  // namespace jospar
