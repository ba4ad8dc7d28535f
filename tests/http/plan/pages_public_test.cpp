// Public portal pages: what a citizen sees in kk, ru and en without JavaScript.
#include "http/pages_fixture.hpp"

#include <regex>

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(PortalTest, HomeShowsTheHierarchyNestedWithBadgesAndTheSdgGoals) {
  auto r = Get("/en/");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(r.body, HasSubstr("href=\"#main\""));
  EXPECT_THAT(r.body, HasSubstr("<main id=\"main\""));
  // KZ-2050 contains the NDP which contains the regional plan: nested lists.
  const auto kz = r.body.find("Kazakhstan-2050 Strategy");
  const auto ndp = r.body.find("National Development Plan");
  ASSERT_NE(kz, std::string::npos);
  ASSERT_NE(ndp, std::string::npos);
  EXPECT_LT(kz, ndp);
  EXPECT_THAT(r.body.substr(kz, ndp - kz), HasSubstr("<ul>"));
  EXPECT_THAT(r.body, HasSubstr("badge-in_force"));
  EXPECT_THAT(r.body, HasSubstr("href=\"/en/sdg/goals/1\""));
  EXPECT_THAT(r.body, HasSubstr("role=\"search\""));
}

TEST_F(PortalTest, EveryLanguageHasItsOwnStringsAndASwitcherThatKeepsThePath) {
  auto kk = Get("/kk/documents?tier=3");
  ASSERT_EQ(kk.status, 200);
  EXPECT_THAT(kk.body, HasSubstr("<html lang=\"kk\">"));
  EXPECT_THAT(kk.body, HasSubstr("Жоспарлау құжаттары"));
  EXPECT_THAT(kk.body, HasSubstr("href=\"/ru/documents?tier=3\""));
  EXPECT_THAT(kk.body, HasSubstr("href=\"/en/documents?tier=3\""));
  auto ru = Get("/ru/documents");
  EXPECT_THAT(ru.body, HasSubstr("Документы планирования"));
  EXPECT_THAT(ru.body, Not(HasSubstr("[documents.")));
}

TEST_F(PortalTest, MissingTranslationFallsBackVisiblyMarked) {
  auto r = Get("/kk/documents/" + std::to_string(seed_.ru_only));
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("<span lang=\"ru\">План развития города Алматы</span>"));
  EXPECT_THAT(r.body, HasSubstr("class=\"fallback\""));
  EXPECT_THAT(r.body, HasSubstr("аударылмаған"));
}

TEST_F(PortalTest, UserTextIsEscaped) {
  auto r = Get("/en/documents/" + std::to_string(seed_.draft));
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("Operational plan &lt;draft&gt;"));
  EXPECT_THAT(r.body, Not(HasSubstr("<draft>")));
}

TEST_F(PortalTest, DocumentsFilterSortAndPageWithNextAndPrevious) {
  auto first = Get("/en/documents?tier=3&sort=code");
  ASSERT_EQ(first.status, 200);
  EXPECT_THAT(first.body, HasSubstr("30 found"));
  EXPECT_THAT(first.body, HasSubstr("CONCEPT-00"));
  EXPECT_THAT(first.body, Not(HasSubstr("CONCEPT-29")));
  EXPECT_THAT(first.body, Not(HasSubstr("KZ-2050</td>")));
  EXPECT_THAT(first.body, Not(HasSubstr("rel=\"prev\"")));
  const auto at = first.body.find("rel=\"next\"");
  ASSERT_NE(at, std::string::npos);
  const auto href_start = first.body.rfind("href=\"", at) + 6;
  std::string next = first.body.substr(href_start, first.body.find('"', href_start) - href_start);
  for (size_t p; (p = next.find("&amp;")) != std::string::npos;) next.replace(p, 5, "&");
  auto second = Get(next);
  ASSERT_EQ(second.status, 200);
  EXPECT_THAT(second.body, HasSubstr("CONCEPT-29"));
  EXPECT_THAT(second.body, Not(HasSubstr("CONCEPT-00<")));
  EXPECT_THAT(second.body, HasSubstr("rel=\"prev\""));
  EXPECT_THAT(second.body, Not(HasSubstr("rel=\"next\"")));
  // Descending order puts the last code first.
  auto desc = Get("/en/documents?tier=3&sort=code&dir=desc");
  EXPECT_LT(desc.body.find("CONCEPT-29"), desc.body.find("CONCEPT-20"));
}

TEST_F(PortalTest, DocumentsCsvHasTheSameFilterAndProperQuoting) {
  auto r = Get("/ru/documents.csv?tier=1");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.GetHeader("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_THAT(r.body,
              HasSubstr("KZ-2050,Стратегия «Казахстан-2050»,1,strategy,MNE,2012,2050,in_force,decree,449,"));
  EXPECT_EQ(Count(r.body, "\r\n"), 2);  // header + one row
}

TEST_F(PortalTest, DocumentPageShowsFactsHierarchyGoalsIndicatorsAndHistory) {
  auto r = Get("/en/documents/" + std::to_string(seed_.plan));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("Ministry of National Economy"));
  EXPECT_THAT(r.body, HasSubstr("2024–2029"));
  EXPECT_THAT(r.body, HasSubstr("Kazakhstan-2050 Strategy"));  // parent
  EXPECT_THAT(r.body, HasSubstr("Concept 7"));                 // a child
  EXPECT_THAT(r.body, HasSubstr("Economic growth"));
  EXPECT_THAT(r.body, HasSubstr("Less poverty"));
  EXPECT_THAT(r.body, HasSubstr("href=\"/en/indicators/" + std::to_string(seed_.plan_indicator) + "\""));
  EXPECT_THAT(r.body, HasSubstr("<strong>4.7 %</strong> (2023)"));  // latest against the target
  EXPECT_THAT(r.body, HasSubstr("<strong>4 %</strong> (2029)"));
  EXPECT_THAT(r.body, HasSubstr("entered into force"));        // history
  EXPECT_THAT(r.body, HasSubstr("href=\"/en/sdg/goals/1\""));  // the goal contributes to SDG 1
}

TEST_F(PortalTest, IndicatorPageDrawsTheChartWithTableCsvAndDemoMark) {
  auto r = Get("/en/indicators/" + std::to_string(seed_.plan_indicator));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("<svg"));
  EXPECT_THAT(r.body, HasSubstr("role=\"img\""));
  EXPECT_THAT(r.body, HasSubstr("class=\"chart-series chart-planned\""));
  EXPECT_THAT(r.body, HasSubstr("chart-target"));
  EXPECT_THAT(r.body, HasSubstr("chart-baseline"));
  EXPECT_THAT(r.body, HasSubstr("<caption id=\"values-caption\">"));
  EXPECT_THAT(r.body, HasSubstr("<th scope=\"row\">2024</th><td>—</td><td>5</td>"));
  EXPECT_THAT(r.body, HasSubstr("<th scope=\"row\">2021</th><td>5.1</td><td>—</td>"));
  EXPECT_THAT(r.body, HasSubstr("badge-demo"));
  EXPECT_THAT(r.body, HasSubstr("Less poverty"));  // its task
  EXPECT_THAT(r.body, HasSubstr("Lower is better"));
  EXPECT_THAT(r.body, HasSubstr("href=\"/en/sdg/targets/1.2\""));  // contributes to
  EXPECT_THAT(r.body, Not(HasSubstr("report-period")));            // anonymous: no report form
}

TEST_F(PortalTest, IndicatorSelectionChoosesTheDisaggregation) {
  const std::string base = "/en/indicators/" + std::to_string(seed_.sdg_indicator);
  auto total = Get(base);
  ASSERT_EQ(total.status, 200);
  EXPECT_THAT(total.body, HasSubstr("Poverty series"));
  EXPECT_THAT(total.body, HasSubstr("<option value=\"SEX=F\">Sex: Female</option>"));
  EXPECT_THAT(total.body, HasSubstr("<th scope=\"row\">2023</th><td>4.5</td>"));
  auto female = Get(base + "?series=SI_POV&unit=PT&disaggregation=SEX%3DF");
  ASSERT_EQ(female.status, 200);
  EXPECT_THAT(female.body, HasSubstr("<option value=\"SEX=F\" selected>"));
  EXPECT_THAT(female.body, HasSubstr("<th scope=\"row\">2023</th><td>5</td>"));
  EXPECT_THAT(female.body, HasSubstr("Target 1.2"));  // SDG target in the breadcrumbs
  auto bad = Get(base + "?series=NOPE&disaggregation=%3Cx%3E");
  EXPECT_EQ(bad.status, 200);  // unknown choices fall back to the defaults
}

TEST_F(PortalTest, IndicatorCsvQuotesAndFiltersBySelection) {
  const std::string base = "/en/indicators/" + std::to_string(seed_.sdg_indicator) + "/data.csv";
  auto all = Get(base);
  ASSERT_EQ(all.status, 200);
  EXPECT_THAT(all.body, HasSubstr("indicator,kind,series,unit,disaggregation,period,value,demo\r\n"));
  EXPECT_EQ(Count(all.body, "\r\n"), 9);
  auto female = Get(base + "?series=SI_POV&unit=PT&disaggregation=SEX%3DF");
  EXPECT_EQ(Count(female.body, "\r\n"), 5);
  EXPECT_THAT(female.body, HasSubstr("1.2.1,actual,SI_POV,PT,SEX=F,2020,6.5,false\r\n"));
  auto plan = Get("/en/indicators/" + std::to_string(seed_.plan_indicator) + "/data.csv");
  EXPECT_THAT(plan.body, HasSubstr("NDP-1.1,planned,,,,2025,4.8,true\r\n"));
}

TEST_F(PortalTest, SdgGoalAndTargetPagesListIndicatorsAndContributions) {
  auto g = Get("/ru/sdg/goals/1");
  ASSERT_EQ(g.status, 200);
  EXPECT_THAT(g.body, HasSubstr("Ликвидация нищеты"));
  EXPECT_THAT(g.body, HasSubstr("href=\"/ru/sdg/targets/1.2\""));
  EXPECT_THAT(g.body, HasSubstr("Доля населения ниже черты бедности"));
  auto t = Get("/en/sdg/targets/1.2");
  ASSERT_EQ(t.status, 200);
  EXPECT_THAT(t.body, HasSubstr("Population below the poverty line"));
  EXPECT_THAT(t.body, HasSubstr("Poverty rate"));               // the plan indicator linked to it
  EXPECT_THAT(t.body, HasSubstr("National Development Plan"));  // and its document
  EXPECT_EQ(Get("/en/sdg/targets/99.9").status, 404);
  EXPECT_EQ(Get("/en/sdg/goals/1.2").status, 404);  // a target is not a goal
}

TEST_F(PortalTest, BodyPageShowsWhatItOwnsAndReports) {
  auto r = Get("/en/bodies/" + std::to_string(seed_.akimat));
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("Akimat of Almaty"));
  EXPECT_THAT(r.body, HasSubstr("План развития города Алматы"));  // owns (ru fallback)
  EXPECT_THAT(r.body, HasSubstr("Population below the poverty line"));
  EXPECT_THAT(r.body, Not(HasSubstr("Poverty rate")));  // the ministry's indicator
  auto list = Get("/kk/bodies");
  EXPECT_THAT(list.body, HasSubstr("Әкімдіктер"));
}

TEST_F(PortalTest, SearchFindsDocumentsGoalsAndIndicatorsInEveryLanguage) {
  auto r = Get("/en/search?q=poverty");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("Less poverty"));
  EXPECT_THAT(r.body, HasSubstr("Population below the poverty line"));
  auto kk = Get("/en/search?q=%D0%BA%D0%B5%D0%B4%D0%B5%D0%B9%D0%BB%D1%96%D0%BA");  // кедейлік
  EXPECT_THAT(kk.body, HasSubstr("Less poverty"));
  auto none = Get("/en/search?q=zzzzqqq");
  EXPECT_THAT(none.body, HasSubstr("Nothing found."));
}

TEST_F(PortalTest, UnknownObjectsAreNotFoundPages) {
  auto r = Get("/en/documents/999999");
  EXPECT_EQ(r.status, 404);
  EXPECT_THAT(r.body, HasSubstr("<html lang=\"en\">"));
  EXPECT_EQ(Get("/en/indicators/abc").status, 404);
  EXPECT_EQ(Get("/en/bodies/0").status, 404);
}

}  // namespace
}  // namespace jospar::testing

namespace jospar::testing {
namespace {

// Every page type in every language: one h1, headings that never skip a level, every control labelled
// by a <label for>, no untranslated "[key]" marker.
TEST_F(PortalTest, PagesHaveOrderedHeadingsLabelledControlsAndNoMissingStrings) {
  const std::vector<std::string> paths = {"/",
                                          "/documents",
                                          "/documents/" + std::to_string(seed_.plan),
                                          "/documents/" + std::to_string(seed_.ru_only),
                                          "/indicators/" + std::to_string(seed_.plan_indicator),
                                          "/indicators/" + std::to_string(seed_.sdg_indicator),
                                          "/sdg",
                                          "/sdg/goals/1",
                                          "/sdg/targets/1.2",
                                          "/bodies",
                                          "/bodies/" + std::to_string(seed_.akimat),
                                          "/search?q=poverty",
                                          "/documents/424242"};
  const std::regex heading(R"(<h([1-6])[\s>])");
  const std::regex missing(R"(\[[a-z_]+\.[a-z_.]+\])");
  const std::regex control(R"(<(input|select|textarea)\s[^>]*>)");
  const std::regex id_attr(R"re(\bid="([^"]+)")re");
  for (const char* lang : {"kk", "ru", "en"}) {
    for (const auto& path : paths) {
      const std::string url = std::string("/") + lang + path;
      const auto r = Get(url, Planner());  // signed in: the staff forms are on the pages too
      const std::string& b = r.body;
      int h1 = 0, prev = 0;
      for (std::sregex_iterator it(b.begin(), b.end(), heading), end; it != end; ++it) {
        const int level = std::stoi((*it)[1]);
        if (level == 1) ++h1;
        EXPECT_LE(level, prev + 1) << url << ": h" << level << " after h" << prev;
        prev = level;
      }
      EXPECT_EQ(h1, 1) << url;
      EXPECT_FALSE(std::regex_search(b, missing)) << url << " shows an untranslated key";
      for (std::sregex_iterator it(b.begin(), b.end(), control), end; it != end; ++it) {
        const std::string tag = (*it)[0];
        if (tag.find("type=\"hidden\"") != std::string::npos) continue;
        std::smatch id;
        ASSERT_TRUE(std::regex_search(tag, id, id_attr)) << url << ": control without id: " << tag;
        EXPECT_NE(b.find("<label for=\"" + id[1].str() + "\""), std::string::npos)
            << url << ": no label for " << id[1];
      }
    }
  }
}

}  // namespace
}  // namespace jospar::testing
