// A line chart of an indicator drawn on the server as SVG: actual values against planned values, a target
// line and a baseline point. Pure function of its input (no I/O, no locale): the same input gives the same
// bytes, so it is covered by a golden test.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace jospar::web {

struct ChartPoint {
  double x = 0;         // position on the time axis in years, e.g. 2020.25 for 2020-Q2
  double y = 0;         // value in the indicator's unit
  std::string x_label;  // the period as shown, e.g. "2020-Q2"
};

enum class ChartStyle { kActual, kPlanned };

struct ChartSeries {
  std::string name;  // shown in the legend
  ChartStyle style = ChartStyle::kActual;
  std::vector<ChartPoint> points;  // any order; drawn sorted by x
};

struct ChartInput {
  std::string id;           // unique within the page; prefixes the ids of <title> and <desc>
  std::string title;        // <title>, also the accessible name
  std::string description;  // <desc>: a sentence summarising the chart
  std::string x_axis_label;
  std::string y_axis_label;  // usually the unit
  std::vector<ChartSeries> series;
  std::optional<double> target_value;
  std::string target_label;  // legend text for the target line, e.g. "Target 2025: 12"
  std::optional<ChartPoint> baseline;
  std::string baseline_label;
  std::string empty_message;  // shown when there is nothing to draw
  int width = 640;
  int height = 320;
};

// Returns a standalone <svg> element (role="img", aria-label the title, aria-describedby its <desc>, viewBox
// for responsive scaling). All text is XML-escaped. Numbers are formatted independently of the C locale.
std::string RenderSvgChart(const ChartInput& input);

// A number as people read it: up to `max_decimals` decimals, trailing zeros dropped, "-0" shown as "0".
std::string FormatNumber(double value, int max_decimals = 2);

}  // namespace jospar::web
