// Open SDG reader on the real Kazakhstan data (framework, indicators, observations, code lists, skipped
// files) and on small broken repositories (located errors).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "formats/opensdg.hpp"
#include "unit/plan/import_fixture.hpp"

namespace jospar::formats {
namespace {

using testing::kOpenSdgDir;

const OpenSdgDataset& RealData() {
  static const OpenSdgDataset ds = [] {
    auto r = ReadOpenSdg(kOpenSdgDir);
    if (!r) throw std::runtime_error(r.error().detail);
    return std::move(*r);
  }();
  return ds;
}

const NationalIndicator* FindIndicator(const OpenSdgDataset& ds, const std::string& code) {
  for (const auto& i : ds.indicators)
    if (i.code == code) return &i;
  return nullptr;
}

bool HasWarningContaining(const OpenSdgDataset& ds, const std::string& part) {
  return std::any_of(ds.warnings.begin(), ds.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

TEST(OpenSdgReader, RealDataHasTheWholeFramework) {
  const auto& ds = RealData();
  ASSERT_EQ(ds.goals.size(), 17u);
  EXPECT_EQ(ds.goals.front().code, "1");
  EXPECT_EQ(ds.goals.back().code, "17");
  EXPECT_EQ(ds.goals[0].title.kk, "Кедейлікті оның барлық нысандарында жаппай жою");
  EXPECT_EQ(ds.goals[0].short_title.kk, "Кедейлікті жою");
  for (const auto& g : ds.goals)
    for (Lang l : kLangs) EXPECT_FALSE(g.title.Get(l).empty()) << g.code;
  ASSERT_EQ(ds.targets.size(), 169u);
  EXPECT_EQ(ds.targets.front().code, "1.1");
  EXPECT_EQ(ds.targets.back().code, "17.19");
  for (const auto& t : ds.targets)
    for (Lang l : kLangs) EXPECT_FALSE(t.title.Get(l).empty()) << t.code;
}

TEST(OpenSdgReader, RealDataHasEveryNationalIndicatorWithTitles) {
  const auto& ds = RealData();
  // 277 indicators are described in meta/ and indicator-config/; 273 of them have a CSV file in data/
  // (data/ holds 274 files: those and a stray spreadsheet, which is skipped).
  ASSERT_EQ(ds.indicators.size(), 277u);
  size_t all_three = 0, with_data_file = 0;
  std::set<std::string> codes;
  for (const auto& i : ds.indicators) {
    codes.insert(i.code);
    if (!i.title.kk.empty() && !i.title.ru.empty() && !i.title.en.empty()) ++all_three;
    if (!i.data_file.empty()) ++with_data_file;
    EXPECT_FALSE(i.target_code.empty()) << i.code;
  }
  EXPECT_EQ(codes.size(), 277u);
  EXPECT_EQ(with_data_file, 273u);
  // 13.2.2 is titled only in Russian in the published translations.
  EXPECT_EQ(all_three, 276u);
  const auto* i111 = FindIndicator(ds, "1.1.1");
  ASSERT_NE(i111, nullptr);
  EXPECT_EQ(i111->target_code, "1.1");
  EXPECT_EQ(i111->title.en.rfind("Proportion of population with purchasing-power", 0), 0u) << i111->title.en;
  EXPECT_FALSE(i111->title.kk.empty());
  EXPECT_FALSE(i111->unit.en.empty());
  EXPECT_NE(i111->source.en.find("Committee on Statistics"), std::string::npos) << i111->source.en;
  EXPECT_EQ(i111->series.size(), 3u);
  // 9.2.1 has no computation unit in its metadata and two units in its data: both names are given.
  const auto* i921 = FindIndicator(ds, "9.2.1");
  ASSERT_NE(i921, nullptr);
  EXPECT_NE(i921->unit.en.find("; "), std::string::npos) << i921->unit.en;
  const auto* sub = FindIndicator(ds, "16.3.3.1");
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->target_code, "16.3");
}

TEST(OpenSdgReader, RealDataHasAllObservationsWithCanonicalDisaggregation) {
  const auto& ds = RealData();
  // 45,585 data rows; 5 ragged rows are skipped and 176 rows repeat an earlier row's key.
  EXPECT_EQ(ds.ObservationCount(), 45585u - 5u - 176u);
  const auto* i111 = FindIndicator(ds, "1.1.1");
  ASSERT_NE(i111, nullptr);
  auto it = std::find_if(i111->observations.begin(), i111->observations.end(), [](const Observation& o) {
    return o.period == "2011" && o.series == "_L_KZ_010101_1A" && o.disaggregation == "SEX=M";
  });
  ASSERT_NE(it, i111->observations.end());
  EXPECT_EQ(it->unit, "PT");
  EXPECT_DOUBLE_EQ(it->value, 0.1);
  for (const auto& ind : ds.indicators) {
    for (const auto& o : ind.observations) {
      if (o.disaggregation.empty()) continue;
      // Sorted by dimension, no empty codes.
      std::string prev;
      size_t start = 0;
      while (start <= o.disaggregation.size()) {
        size_t bar = o.disaggregation.find('|', start);
        std::string pair = o.disaggregation.substr(start, bar - start);
        size_t eq = pair.find('=');
        ASSERT_NE(eq, std::string::npos) << o.disaggregation;
        ASSERT_LT(eq + 1, pair.size()) << o.disaggregation;
        ASSERT_LT(prev, pair.substr(0, eq)) << o.disaggregation;
        prev = pair.substr(0, eq);
        if (bar == std::string::npos) break;
        start = bar + 1;
      }
    }
  }
}

TEST(OpenSdgReader, RealDataCodeListsAreResolvedInThreeLanguages) {
  const auto& ds = RealData();
  auto find = [&](const std::string& dim, const std::string& code) -> const CodeName* {
    for (const auto& c : ds.code_names)
      if (c.dimension == dim && c.code == code) return &c;
    return nullptr;
  };
  const auto* f = find("SEX", "F");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->title.kk, "әйелдер");
  EXPECT_EQ(f->title.en, "Female");
  EXPECT_FALSE(f->title.ru.empty());
  const auto* sex = find(kDimensionNames, "SEX");
  ASSERT_NE(sex, nullptr);
  EXPECT_EQ(sex->title.kk, "Жынысы");
  const auto* akm = find("REF_AREA", "KZAKM");
  ASSERT_NE(akm, nullptr);
  EXPECT_EQ(akm->title.kk, "Ақмола");
  EXPECT_EQ(find("global_goals", "1-title"), nullptr);  // only UPPER_CASE files are code lists
}

TEST(OpenSdgReader, RealDataStrayFilesAndQuirksAreReported) {
  const auto& ds = RealData();
  EXPECT_TRUE(HasWarningContaining(ds, "data/indicator_3-1-1.xlsx: not an indicator data file"));
  EXPECT_TRUE(HasWarningContaining(ds, "meta/2.3.1.docx"));
  EXPECT_TRUE(HasWarningContaining(ds, "meta/en/"));
  EXPECT_TRUE(
      HasWarningContaining(ds, "data/indicator_4-c-1-2.csv:2:1: row skipped: expected 4 fields, found 3"));
  EXPECT_TRUE(HasWarningContaining(ds, "data/indicator_11-3-1.csv:641:1: 8 row(s) repeat"));
  EXPECT_EQ(FindIndicator(ds, "3.1.1")->data_file, "data/indicator_3-1-1.csv");
  EXPECT_EQ(FindIndicator(ds, "13.2.2")->data_file, "");
}

// ---- Small repositories -------------------------------------------------------------------------------

class OpenSdgTinyRepo : public ::testing::Test {
 protected:
  void SetUp() override {
    using testing::WriteFile;
    const auto& r = dir_.path();
    WriteFile(r / "data/indicator_1-1-1.csv",
              "Year,SEX,SERIES,UNIT_MEASURE,Value\n2020,,S1,PT,1.5\n2020,F,S1,PT, 2 \n");
    WriteFile(r / "meta/1-1-1.yml",
              "indicator_number: 1.1.1\nindicator_name: global_indicators.1-1-1-title\n"
              "computation_units: UNIT_MEASURE.PT\nsource_active_1: true\n"
              "source_compilation_1: sources.org\n");
    for (const char* l : {"kk", "ru", "en"}) {
      std::string lang = l;
      WriteFile(r / "translations" / lang / "global_goals.yml", "1-title: Goal " + lang + "\n1-short: G\n");
      WriteFile(r / "translations" / lang / "global_targets.yml", "1-1-title: Target " + lang + "\n");
      WriteFile(r / "translations" / lang / "global_indicators.yml", "1-1-1-title: Indicator " + lang + "\n");
      WriteFile(r / "translations" / lang / "UNIT_MEASURE.yml", "PT: percent " + lang + "\n");
      WriteFile(r / "translations" / lang / "sources.yml", "org: Stat " + lang + "\n");
    }
  }
  testing::TempDir dir_;
};

TEST_F(OpenSdgTinyRepo, ReadsIt) {
  auto ds = ReadOpenSdg(dir_.str());
  ASSERT_TRUE(ds) << ds.error().detail;
  ASSERT_EQ(ds->indicators.size(), 1u);
  const auto& i = ds->indicators[0];
  EXPECT_EQ(i.title.kk, "Indicator kk");
  EXPECT_EQ(i.unit.ru, "percent ru");
  EXPECT_EQ(i.source.en, "Stat en");
  ASSERT_EQ(i.observations.size(), 2u);
  EXPECT_EQ(i.observations[1].disaggregation, "SEX=F");
  EXPECT_EQ(i.observations[1].value, 2);
  EXPECT_TRUE(ds->warnings.empty());
}

TEST_F(OpenSdgTinyRepo, NonNumericValueIsALocatedError) {
  testing::WriteFile(dir_.path() / "data/indicator_1-1-1.csv",
                     "Year,SEX,SERIES,UNIT_MEASURE,Value\n2020,,S1,PT,1.5\n2021,F,S1,PT,n/a\n");
  auto ds = ReadOpenSdg(dir_.str());
  ASSERT_FALSE(ds);
  EXPECT_EQ(ds.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(ds.error().detail, "data/indicator_1-1-1.csv:3:14: expected a number");
}

TEST_F(OpenSdgTinyRepo, NonNumericYearIsALocatedError) {
  testing::WriteFile(dir_.path() / "data/indicator_1-1-1.csv", "Year,Value\n20x0,1\n");
  auto ds = ReadOpenSdg(dir_.str());
  ASSERT_FALSE(ds);
  EXPECT_EQ(ds.error().detail, "data/indicator_1-1-1.csv:2:1: expected a number (a year)");
}

TEST_F(OpenSdgTinyRepo, MalformedMetaYamlIsALocatedError) {
  testing::WriteFile(dir_.path() / "meta/1-1-1.yml", "indicator_number: 1.1.1\nindicator_name: [unclosed\n");
  auto ds = ReadOpenSdg(dir_.str());
  ASSERT_FALSE(ds);
  EXPECT_EQ(ds.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(ds.error().detail.rfind("meta/1-1-1.yml:3:1: ", 0), 0u) << ds.error().detail;
}

TEST_F(OpenSdgTinyRepo, MalformedTranslationIsALocatedError) {
  testing::WriteFile(dir_.path() / "translations/kk/global_goals.yml", "1-title: ok\n2-title:\n  - a list\n");
  auto ds = ReadOpenSdg(dir_.str());
  ASSERT_FALSE(ds);
  EXPECT_EQ(ds.error().detail, "translations/kk/global_goals.yml:3:3: expected a text");
}

TEST_F(OpenSdgTinyRepo, MissingValueColumnIsAnError) {
  testing::WriteFile(dir_.path() / "data/indicator_1-1-1.csv", "Year,Amount\n2020,1\n");
  auto ds = ReadOpenSdg(dir_.str());
  ASSERT_FALSE(ds);
  EXPECT_EQ(ds.error().detail, "data/indicator_1-1-1.csv:1:1: expected a 'Value' column");
}

TEST_F(OpenSdgTinyRepo, UnknownFilesAreSkippedWithAWarning) {
  testing::WriteFile(dir_.path() / "data/notes.txt", "hello");
  testing::WriteFile(dir_.path() / "data/indicator_9-9-9.csv", "Year,Value\n2020,1\n");
  testing::WriteFile(dir_.path() / "translations/de/global_goals.yml", "1-title: Ziel\n");
  auto ds = ReadOpenSdg(dir_.str());
  ASSERT_TRUE(ds) << ds.error().detail;
  EXPECT_TRUE(HasWarningContaining(*ds, "data/notes.txt: not an indicator data file"));
  EXPECT_TRUE(HasWarningContaining(*ds, "data/indicator_9-9-9.csv: no metadata for indicator 9.9.9"));
  EXPECT_TRUE(HasWarningContaining(*ds, "translations/de/: not a translation folder"));
  EXPECT_EQ(ds->indicators.size(), 1u);
}

TEST(OpenSdgReader, NotARepositoryIsAnError) {
  testing::TempDir dir;
  auto ds = ReadOpenSdg(dir.str());
  ASSERT_FALSE(ds);
  EXPECT_EQ(ds.error().code, ErrorCode::kInvalidInput);
  auto missing = ReadOpenSdg(dir.str() + "/nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(OpenSdgCsv, DuplicateColumnIsAnError) {
  auto r = ParseOpenSdgCsv("Year,SEX,SEX,Value\n2020,F,M,1\n", "d.csv");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail, "d.csv:1:3: column 'SEX' repeated");
}

TEST(OpenSdgCsv, ValueInUnnamedColumnIsAnError) {
  auto r = ParseOpenSdgCsv("Year,Value,\n2020,1,\n2021,2,x\n", "d.csv");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail, "d.csv:3:8: a value in a column without a name");
}

TEST(OpenSdgCsv, YearOutOfRangeIsAnError) {
  auto r = ParseOpenSdgCsv("Year,Value\n1800,1\n", "d.csv");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail, "d.csv:2:1: expected a year between 1900 and 2200");
}

TEST(OpenSdgCsv, InfinityIsNotANumber) {
  auto r = ParseOpenSdgCsv("Year,Value\n2020,inf\n", "d.csv");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().detail, "d.csv:2:6: expected a number");
}

}  // namespace
}  // namespace jospar::formats
