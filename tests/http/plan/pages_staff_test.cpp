// Staff pages: forms that keep values and show errors next to fields, redirects with a flash message,
// and who may do what.
#include "http/pages_fixture.hpp"

#include "web/http.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string FlashOf(const web::Response& r) {
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie" && v.rfind("jospar_flash=", 0) == 0) return v.substr(13, v.find(';') - 13);
  return "";
}

TEST_F(PortalTest, AnonymousStaffPagesGoToSignIn) {
  auto r = Get("/en/staff/documents/new");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.GetHeader("Location"), "/en/login?next=%2Fen%2Fstaff%2Fdocuments%2Fnew");
  EXPECT_EQ(Get("/en/staff/documents/new", Executor(seed_.akimat)).status, 403);
}

TEST_F(PortalTest, InvalidDocumentFormKeepsValuesAndLabelsErrors) {
  auto r =
      Post("/en/staff/documents/new",
           "code=bad%20code&tier=3&type=concept&title_en=My+%3Cnew%3E+concept&start_year=20x5", Planner());
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_THAT(r.body, HasSubstr("value=\"My &lt;new&gt; concept\""));
  EXPECT_THAT(r.body, HasSubstr("id=\"f-start_year-error\""));
  EXPECT_THAT(r.body, HasSubstr("aria-describedby=\"f-start_year-error\""));
  EXPECT_THAT(r.body, HasSubstr("aria-invalid=\"true\""));
  EXPECT_THAT(r.body, HasSubstr("role=\"alert\""));
  EXPECT_THAT(r.body, HasSubstr("name=\"csrf_token\" value=\"test-csrf\""));
}

TEST_F(PortalTest, PlannerCreatesEditsAndAmendsADocument) {
  auto created = Post("/en/staff/documents/new",
                      "code=NEW-CONCEPT&tier=3&type=concept&title_en=New+concept&title_ru=%D0%9D%D0%BE%D0%B2%"
                      "D0%B0%D1%8F&parent_code=NDP-2029&start_year=2025&end_year=2030",
                      Planner());
  ASSERT_EQ(created.status, 303) << created.body;
  EXPECT_EQ(FlashOf(created), "flash.document_created");
  const std::string location(created.GetHeader("Location"));
  auto page = Get(location + "", Planner());
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("New concept"));
  EXPECT_THAT(page.body, HasSubstr("2025–2030"));
  const std::string id = location.substr(location.rfind('/') + 1);

  auto form = Get("/en/staff/documents/" + id + "/edit", Planner());
  ASSERT_EQ(form.status, 200);
  EXPECT_THAT(form.body, HasSubstr("value=\"NEW-CONCEPT\""));
  EXPECT_THAT(form.body, HasSubstr("value=\"NDP-2029\""));
  auto edited =
      Post("/en/staff/documents/" + id + "/edit",
           "version=1&code=NEW-CONCEPT&tier=3&type=concept&title_en=Renamed+concept&parent_code=NDP-2029",
           Planner());
  ASSERT_EQ(edited.status, 303) << edited.body;
  EXPECT_EQ(FlashOf(edited), "flash.document_saved");
  auto stale = Post("/en/staff/documents/" + id + "/edit",
                    "version=1&code=NEW-CONCEPT&tier=3&type=concept&title_en=X", Planner());
  EXPECT_EQ(stale.status, 422);  // someone else saved in between

  auto approved = Post("/en/staff/documents/" + id + "/status", "version=2&status=approved", Planner());
  ASSERT_EQ(approved.status, 303) << approved.body;
  // An approved document is amended, not edited in place.
  EXPECT_EQ(Get("/en/staff/documents/" + id + "/edit", Planner()).status, 303);
  auto amended = Post("/en/staff/documents/" + id + "/amend",
                      "version=3&code=NEW-CONCEPT&tier=3&type=concept&title_en=Amended+concept&parent_code="
                      "NDP-2029&amend_kind=resolution&amend_number=77&amend_date=2026-02-01",
                      Planner());
  ASSERT_EQ(amended.status, 303) << amended.body;
  auto after = Get("/en/documents/" + id);
  EXPECT_THAT(after.body, HasSubstr("Amended concept"));
  EXPECT_THAT(after.body, HasSubstr("Renamed concept"));  // the previous edition
  EXPECT_THAT(after.body, HasSubstr("planner"));          // history: who
}

TEST_F(PortalTest, PlannerAddsGoalIndicatorAndLink) {
  auto goal = Post("/en/staff/documents/" + std::to_string(seed_.draft) + "/goals/new",
                   "code=1&title_en=Cleaner+air", Planner());
  ASSERT_EQ(goal.status, 303) << goal.body;
  auto doc = Get("/en/documents/" + std::to_string(seed_.draft), Planner());
  ASSERT_THAT(doc.body, HasSubstr("Cleaner air"));
  const auto at = doc.body.find("/staff/goals/");
  ASSERT_NE(at, std::string::npos);
  const std::string goal_id = doc.body.substr(at + 13, doc.body.find('/', at + 13) - at - 13);

  auto bad = Post("/en/staff/goals/" + goal_id + "/indicators/new",
                  "code=AIR-1&kind=target&title_en=PM2.5&direction=decrease&planned=2026%3A+12%0Anonsense",
                  Planner());
  ASSERT_EQ(bad.status, 422);
  EXPECT_THAT(bad.body, HasSubstr("Line 2 is not in the form year: value."));
  auto ind = Post("/en/staff/goals/" + goal_id + "/indicators/new",
                  "code=AIR-1&kind=target&title_en=PM2.5&direction=decrease&target_year=2030&target_value=10&"
                  "planned=2026%3A+12%0A2027%3A+11",
                  Planner());
  ASSERT_EQ(ind.status, 303) << ind.body;
  const std::string ind_page(ind.GetHeader("Location"));
  auto page = Get(ind_page, Planner());
  EXPECT_THAT(page.body, HasSubstr("<th scope=\"row\">2027</th><td>—</td><td>11</td>"));

  const std::string ind_id = ind_page.substr(ind_page.rfind('/') + 1);
  auto missing = Post("/en/staff/links/new", "from=indicator%3A" + ind_id + "&to_kind=sdg_target&to_code=9.9",
                      Planner());
  EXPECT_EQ(missing.status, 422);
  auto link = Post("/en/staff/links/new", "from=indicator%3A" + ind_id + "&to_kind=sdg_target&to_code=1.2",
                   Planner());
  ASSERT_EQ(link.status, 303) << link.body;
  EXPECT_THAT(Get("/en/sdg/targets/1.2").body, HasSubstr("PM2.5"));
}

TEST_F(PortalTest, ExecutorReportsAValueOnlyForItsOwnIndicators) {
  const std::string own = "/en/indicators/" + std::to_string(seed_.sdg_indicator);
  auto page = Get(own, Executor(seed_.akimat));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("id=\"report-period\""));
  EXPECT_THAT(Get("/en/indicators/" + std::to_string(seed_.plan_indicator), Executor(seed_.akimat)).body,
              Not(HasSubstr("id=\"report-period\"")));

  auto invalid = Post(own + "/report", "series=SI_POV&unit=PT&period=20x4&value=abc", Executor(seed_.akimat));
  ASSERT_EQ(invalid.status, 422);
  EXPECT_THAT(invalid.body, HasSubstr("id=\"report-value-error\""));
  EXPECT_THAT(invalid.body, HasSubstr("value=\"20x4\""));

  auto ok = Post(own + "/report", "series=SI_POV&unit=PT&period=2024&value=3.9", Executor(seed_.akimat));
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(FlashOf(ok), "flash.value_reported");
  auto again = Post(own + "/report", "series=SI_POV&unit=PT&period=2024&value=3.9", Executor(seed_.akimat));
  EXPECT_EQ(FlashOf(again), "flash.value_unchanged");
  const auto after = Get(own);
  EXPECT_THAT(after.body, HasSubstr("<th scope=\"row\">2024</th><td>3.9</td>"));
  EXPECT_THAT(after.body, HasSubstr("<td>executor</td><td>value reported</td>"));  // history: who and what

  auto other = Post("/en/indicators/" + std::to_string(seed_.plan_indicator) + "/report",
                    "period=2024&value=1", Executor(seed_.akimat));
  EXPECT_EQ(other.status, 403);

  auto mine = Get("/en/my/indicators", Executor(seed_.akimat));
  ASSERT_EQ(mine.status, 200);
  EXPECT_THAT(mine.body, HasSubstr("Population below the poverty line"));
  EXPECT_THAT(mine.body, HasSubstr("3.9 (2024)"));
  EXPECT_THAT(mine.body, Not(HasSubstr("Poverty rate")));
}

TEST_F(PortalTest, PublicPagesShowAWriteAtOnce) {
  const std::string own = "/en/indicators/" + std::to_string(seed_.sdg_indicator);
  EXPECT_THAT(Get(own).body, Not(HasSubstr("<th scope=\"row\">2025</th>")));  // rendered and kept
  ASSERT_EQ(
      Post(own + "/report", "series=SI_POV&unit=PT&period=2025&value=2.5", Executor(seed_.akimat)).status,
      303);
  EXPECT_THAT(Get(own).body, HasSubstr("<th scope=\"row\">2025</th><td>2.5</td>"));
}

TEST_F(PortalTest, FlashMessageIsShownOnceOnTheNextPage) {
  EXPECT_THAT(Get("/en/").body, Not(HasSubstr("class=\"flash\"")));
  extra_headers_ = {{"Cookie", "jospar_flash=flash.document_saved"}};
  auto r = Get("/ru/");
  EXPECT_THAT(r.body, HasSubstr("<div class=\"flash\" role=\"status\">Проект сохранён.</div>"));
  EXPECT_EQ(FlashOf(r), "");  // the cookie is cleared
  bool cleared = false;
  for (const auto& [k, v] : r.headers)
    cleared = cleared || (k == "Set-Cookie" && v.find("Max-Age=0") != std::string::npos);
  EXPECT_TRUE(cleared);
  extra_headers_ = {{"Cookie", "jospar_flash=error.internal"}};  // only flash.* keys are shown
  EXPECT_THAT(Get("/en/").body, Not(HasSubstr("class=\"flash\"")));
}

}  // namespace
}  // namespace jospar::testing
