// The progress dashboard, "What is due", the reporting burden and simplification pages on the portal's
// seeded store: statuses with their numbers, filters, CSV, kk/ru/en, and who may see what.
#include "core/plan/repository.hpp"
#include "http/pages_fixture.hpp"

namespace jospar::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ProgressPagesTest : public PortalTest {
 protected:
  std::string S(Id id) { return std::to_string(id); }

  // A goal of the Almaty plan (ALA-PLAN) that uses the national plan's indicator NDP-1.1 too.
  Id UseIndicatorInSecondDocument() {
    auto tx = store_->Begin(TxMode::kWrite).value();
    Goal g;
    g.document_id = seed_.ru_only;
    g.code = "1";
    g.title = Text{"Кедейлік", "Бедность", "Poverty"};
    const Id goal = tx->plan().InsertGoal(g).value();
    Link l;
    l.from = {ObjectKind::kGoal, goal};
    l.to = {ObjectKind::kIndicator, seed_.plan_indicator};
    tx->plan().InsertLink(l).value();
    EXPECT_TRUE(tx->Commit().has_value());
    return goal;
  }
};

// NDP-1.1 falls from 5.3 (2020) to 4.0 by 2029, and was 4.7 in 2023:
// actual (4.7/5.3)^(1/3) - 1 = -3.93%, needed (4.0/5.3)^(1/9) - 1 = -3.08%, ratio 1.28 -> on track.
TEST_F(ProgressPagesTest, DashboardShowsStatusesAndTheNumbersBehindThem) {
  auto r = Get("/en/progress");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("<h1>Progress against targets</h1>"));
  EXPECT_THAT(r.body, HasSubstr("NDP-1.1"));
  EXPECT_THAT(r.body, HasSubstr("progress-on_track"));
  EXPECT_THAT(r.body, HasSubstr("<td>5.3 (2020)</td><td>4.7 (2023)</td><td>4 (2029)</td><td>-3.08%</td>"
                                "<td>-3.93%</td><td>1.28</td>"));
  // No baseline and target: no data, with the reason.
  EXPECT_THAT(r.body, HasSubstr("no baseline"));
  // The method and the weights are on the page.
  EXPECT_THAT(r.body, HasSubstr("95% or more of the needed rate is on track"));
  EXPECT_THAT(r.body, HasSubstr("<th scope=\"row\">Needs acceleration</th><td>50</td>"));
  // Filters are a GET form.
  EXPECT_THAT(r.body, HasSubstr("<form class=\"filters\" method=\"get\" action=\"/en/progress\">"));
  for (const char* lang : {"kk", "ru"}) {
    auto t = Get(std::string("/") + lang + "/progress");
    EXPECT_EQ(t.status, 200);
    EXPECT_THAT(t.body, Not(HasSubstr("[progress.")));
  }
  EXPECT_THAT(Get("/ru/progress").body, HasSubstr("По плану"));
  EXPECT_THAT(Get("/kk/progress").body, HasSubstr("Жоспар бойынша"));
}

TEST_F(ProgressPagesTest, FiltersByBodyTierAndSdgGoal) {
  auto akimat = Get("/en/progress?body=" + S(seed_.akimat));
  ASSERT_EQ(akimat.status, 200);
  EXPECT_THAT(akimat.body, Not(HasSubstr(">NDP-1.1 ")));
  EXPECT_THAT(akimat.body, HasSubstr(">NDP-1.2 "));
  auto tier2 = Get("/en/progress?tier=2");
  EXPECT_THAT(tier2.body, HasSubstr(">NDP-1.1 "));
  EXPECT_THAT(tier2.body, Not(HasSubstr(">1.2.1 ")));
  auto sdg = Get("/en/progress?sdg=1");
  EXPECT_THAT(sdg.body, HasSubstr(">NDP-1.1 "));
  EXPECT_THAT(sdg.body, HasSubstr(">1.2.1 "));
  EXPECT_THAT(Get("/en/progress?sdg=17").body, HasSubstr("No indicator matches these filters."));
  auto on_track = Get("/en/progress?status=on_track");
  EXPECT_THAT(on_track.body, HasSubstr(">NDP-1.1 "));
  EXPECT_THAT(on_track.body, Not(HasSubstr(">NDP-1.2 ")));
}

TEST_F(ProgressPagesTest, CsvHasOneRowPerIndicatorWithItsNumbers) {
  auto r = Get("/en/progress.csv?body=" + S(seed_.ministry));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.GetHeader("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_THAT(r.body, HasSubstr("code,indicator,document,responsible_body,direction,status"));
  EXPECT_THAT(r.body,
              HasSubstr("NDP-1.1,Poverty rate,NDP-2029,MNE,decrease,on_track,,2020,5.3,2023,4.7,2029,4,"));
  EXPECT_EQ(Count(r.body, "\r\n"), 2);  // the header and NDP-1.1
}

// An indicator used by two documents is one item of its body's list, naming both; reporting it once
// shows the new value in both documents' progress.
TEST_F(ProgressPagesTest, AValueUsedByTwoDocumentsIsAskedOnceAndFeedsBoth) {
  UseIndicatorInSecondDocument();
  auto due = Get("/en/my/due?year=2026", Executor(seed_.ministry));
  ASSERT_EQ(due.status, 200);
  EXPECT_EQ(Count(due.body, ">NDP-1.1 "), 1);
  EXPECT_THAT(due.body,
              HasSubstr(">NDP-2029</a> <a href=\"/en/documents/" + S(seed_.ru_only) + "\">ALA-PLAN</a>"));

  auto ok = Post("/en/indicators/" + S(seed_.plan_indicator) + "/report", "period=2024&value=4.5",
                 Executor(seed_.ministry));
  ASSERT_EQ(ok.status, 303) << ok.body;
  for (Id doc : {seed_.plan, seed_.ru_only}) {
    auto p = Get("/en/progress?document=" + S(doc));
    EXPECT_THAT(p.body, HasSubstr("<td>5.3 (2020)</td><td>4.5 (2024)</td>")) << doc;
  }
  // Still asked once.
  EXPECT_EQ(Count(Get("/en/my/due?year=2026", Executor(seed_.ministry)).body, ">NDP-1.1 "), 1);
}

// Two bodies: each executor's list has its own items and nothing else.
TEST_F(ProgressPagesTest, WhatIsDueListsExactlyTheBodysOwnItems) {
  auto ministry = Get("/en/my/due?year=2026", Executor(seed_.ministry));
  ASSERT_EQ(ministry.status, 200);
  EXPECT_THAT(ministry.body, HasSubstr(">NDP-1.1 "));
  EXPECT_THAT(ministry.body, Not(HasSubstr(">NDP-1.2 ")));
  EXPECT_THAT(ministry.body, Not(HasSubstr(">1.2.1 ")));
  EXPECT_THAT(ministry.body, HasSubstr("2026-04-01"));
  auto akimat = Get("/en/my/due?year=2026", Executor(seed_.akimat));
  ASSERT_EQ(akimat.status, 200);
  EXPECT_THAT(akimat.body, Not(HasSubstr(">NDP-1.1 ")));
  EXPECT_THAT(akimat.body, HasSubstr(">NDP-1.2 "));
  EXPECT_THAT(akimat.body, HasSubstr(">1.2.1 "));
  // The CSV has the same items.
  auto csv = Get("/en/my/due.csv?year=2026", Executor(seed_.akimat));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(Count(csv.body, "\r\n"), 3);
  EXPECT_THAT(csv.body, HasSubstr("2026-04-01,indicator,NDP-1.2,GDP,2025,NDP-2029"));
  // Another body's list is not the executor's to see.
  EXPECT_EQ(Get("/en/my/due?body=" + S(seed_.akimat), Executor(seed_.ministry)).status, 403);
  EXPECT_EQ(Get("/en/my/due.csv?body=" + S(seed_.akimat), Executor(seed_.ministry)).status, 403);
  // A planner may look at any body's.
  auto planner = Get("/en/my/due?year=2026&body=" + S(seed_.akimat), Planner());
  EXPECT_EQ(planner.status, 200);
  EXPECT_THAT(planner.body, HasSubstr(">NDP-1.2 "));
}

TEST_F(ProgressPagesTest, StaffPagesDenyByDefault) {
  for (const char* path : {"/en/my/due", "/en/staff/burden", "/en/staff/simplification", "/en/my/due.csv",
                           "/en/staff/burden.csv", "/en/staff/simplification.csv"}) {
    auto anon = Get(path);
    EXPECT_EQ(anon.status, 303) << path;
    EXPECT_THAT(std::string(anon.GetHeader("Location")), HasSubstr("/en/login")) << path;
  }
  for (const char* path : {"/en/staff/burden", "/en/staff/simplification", "/en/staff/burden.csv",
                           "/en/staff/simplification.csv"})
    EXPECT_EQ(Get(path, Executor(seed_.akimat)).status, 403) << path;
}

TEST_F(ProgressPagesTest, BurdenAndSimplificationForPlanners) {
  for (const char* lang : {"kk", "ru", "en"}) {
    auto b = Get(std::string("/") + lang + "/staff/burden?year=2026", Planner());
    ASSERT_EQ(b.status, 200) << lang;
    EXPECT_THAT(b.body, Not(HasSubstr("[burden.")));
    auto s = Get(std::string("/") + lang + "/staff/simplification?year=2026", Planner());
    ASSERT_EQ(s.status, 200) << lang;
    EXPECT_THAT(s.body, Not(HasSubstr("[simplification.")));
  }
  auto b = Get("/en/staff/burden?year=2026", Planner());
  EXPECT_THAT(b.body, HasSubstr("Ministry of National Economy"));
  auto csv = Get("/en/staff/burden.csv?year=2026", Planner());
  ASSERT_EQ(csv.status, 200);
  EXPECT_THAT(csv.body, HasSubstr("MNE,Ministry of National Economy,1,0,0,1,2026-04-01 (1),0"));
  // NDP-1.2 (GDP) of goal 1, which contributes to SDG 1: used. The 30 concepts have no goals at all.
  auto s = Get("/en/staff/simplification.csv?year=2026", Planner());
  ASSERT_EQ(s.status, 200);
  EXPECT_THAT(s.body, Not(HasSubstr("NDP-1.2")));
  EXPECT_THAT(s.body, HasSubstr("document_no_active_goals,document,"));
  EXPECT_THAT(s.body, HasSubstr("CONCEPT-00 Concept 0"));
}

}  // namespace
}  // namespace jospar::testing
