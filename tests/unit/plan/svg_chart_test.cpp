// The server-drawn indicator chart: golden output for a typical indicator, escaping, empty data, scales.
#include "web/plan/svg_chart.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace jospar::web {
namespace {

ChartInput Typical() {
  ChartInput in;
  in.id = "chart-7";
  in.title = "1.1.1 Share of population below the poverty line";
  in.description = "5 actual values from 2016 to 2020; the latest is 4.3.";
  in.x_axis_label = "Period";
  in.y_axis_label = "%";
  in.series = {
      {"Actual",
       ChartStyle::kActual,
       {{2016, 2.6, "2016"},
        {2017, 2.7, "2017"},
        {2018, 4.3, "2018"},
        {2019, 4.3, "2019"},
        {2020, 5.3, "2020"}}},
      {"Planned", ChartStyle::kPlanned, {{2021, 5.0, "2021"}, {2022, 4.5, "2022"}, {2023, 4.0, "2023"}}},
  };
  in.target_value = 4.0;
  in.target_label = "Target 2023: 4";
  in.baseline = ChartPoint{2016, 2.6, "2016"};
  in.baseline_label = "Baseline 2016: 2.6";
  in.empty_message = "No values";
  return in;
}

std::string ReadGolden(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  // The first line is a comment saying what the file covers.
  return s.substr(s.find('\n') + 1);
}

TEST(SvgChart, MatchesGoldenForATypicalIndicator) {
  const std::string path = std::string(JOSPAR_SOURCE_DIR) + "/tests/golden/indicator_chart.svg";
  const std::string svg = RenderSvgChart(Typical()) + "\n";
  if (std::getenv("JOSPAR_UPDATE_GOLDEN")) {
    std::ofstream out(path);
    out << "<!-- Golden: RenderSvgChart of an indicator with actual and planned values, target and baseline "
           "(tests/unit/plan/svg_chart_test.cpp) -->\n"
        << svg;
  }
  EXPECT_EQ(svg, ReadGolden(path)) << "rerun with JOSPAR_UPDATE_GOLDEN=1 after an intended change";
}

TEST(SvgChart, IsAnAccessibleImage) {
  const std::string svg = RenderSvgChart(Typical());
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"1.1.1 Share of population below the poverty line\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"chart-7-title\">"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"chart-7-desc\">5 actual values"), std::string::npos);
  EXPECT_NE(svg.find("aria-describedby=\"chart-7-desc\""), std::string::npos);
  // Both axes are labelled, the legend names every series.
  EXPECT_NE(svg.find(">Period</text>"), std::string::npos);
  EXPECT_NE(svg.find(">%</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Planned</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Target 2023: 4</text>"), std::string::npos);
}

TEST(SvgChart, EscapesEveryText) {
  ChartInput in = Typical();
  in.title = "<script>alert(1)</script>";
  in.series[0].name = "A & \"B\"";
  in.series[0].points[0].x_label = "<x>";
  const std::string svg = RenderSvgChart(in);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("A &amp; &quot;B&quot;"), std::string::npos);
  EXPECT_NE(svg.find("&lt;x&gt;: 2.6"), std::string::npos);
}

TEST(SvgChart, WithoutValuesShowsTheMessageAndNoLines) {
  ChartInput in;
  in.id = "c";
  in.title = "Empty";
  in.empty_message = "No values to show yet.";
  in.target_value = 5;
  const std::string svg = RenderSvgChart(in);
  EXPECT_NE(svg.find("No values to show yet."), std::string::npos);
  EXPECT_EQ(svg.find("<polyline"), std::string::npos);
  EXPECT_EQ(svg.find("chart-target"), std::string::npos);
}

TEST(SvgChart, ScaleIncludesTheTargetAndSinglePoints) {
  ChartInput in;
  in.id = "c";
  in.series = {{"Actual", ChartStyle::kActual, {{2020, 10, "2020"}}}};
  in.target_value = 50;
  const std::string svg = RenderSvgChart(in);
  EXPECT_NE(svg.find(">50</text>"), std::string::npos);  // a y tick at the target
  EXPECT_NE(svg.find(">2020</text>"), std::string::npos);
  EXPECT_NE(svg.find("<circle"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
}

TEST(SvgChart, NonFiniteValuesAreSkipped) {
  ChartInput in;
  in.id = "c";
  in.series = {
      {"Actual", ChartStyle::kActual, {{2020, 1, "2020"}, {2021, std::nan(""), "2021"}, {2022, 3, "2022"}}}};
  const std::string svg = RenderSvgChart(in);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  size_t circles = 0;
  for (size_t p = svg.find("<circle"); p != std::string::npos; p = svg.find("<circle", p + 1)) ++circles;
  EXPECT_EQ(circles, 2u);
}

TEST(FormatNumber, ReadsLikeAPerson) {
  EXPECT_EQ(FormatNumber(12.0), "12");
  EXPECT_EQ(FormatNumber(12.5), "12.5");
  EXPECT_EQ(FormatNumber(0.126, 2), "0.13");
  EXPECT_EQ(FormatNumber(-0.0001, 2), "0");
  EXPECT_EQ(FormatNumber(1234567.891, 1), "1234567.9");
  EXPECT_EQ(FormatNumber(-3.25, 4), "-3.25");
}

}  // namespace
}  // namespace jospar::web
