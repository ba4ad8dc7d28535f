#include "web/plan/svg_chart.hpp"
#include "web/html.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace jospar::web {
namespace {

constexpr const char* kActualColour = "#1a5fb4";   // 6.4:1 on white
constexpr const char* kPlannedColour = "#8f4a00";  // 6.9:1 on white
constexpr const char* kTargetColour = "#b3261e";   // 6.0:1 on white
constexpr const char* kInkColour = "#1f2328";
constexpr const char* kGridColour = "#d0d7de";
constexpr double kLegendRow = 20;

std::string Escape(const std::string& s) { return HtmlEscape(s); }

// Coordinates: one decimal is enough for a screen and keeps the output stable.
std::string Coord(double v) {
  char buf[64];
  double r = std::round(v * 10) / 10;
  if (r == 0) r = 0;  // no "-0"
  auto res = std::to_chars(buf, buf + sizeof buf, r, std::chars_format::fixed, 1);
  std::string s(buf, res.ptr);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

// A "nice" step (1, 2 or 5 times a power of ten) that cuts `span` into about `parts` pieces.
double NiceStep(double span, int parts) {
  const double raw = span / parts;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  double nice = 10;
  if (f <= 1) {
    nice = 1;
  } else if (f <= 2) {
    nice = 2;
  } else if (f <= 5) {
    nice = 5;
  }
  return nice * mag;
}

struct Frame {
  double left, right, top, bottom;  // plot area in SVG units
  double x_lo, x_hi, y_lo, y_hi;    // data range
  double X(double x) const { return left + (x - x_lo) / (x_hi - x_lo) * (right - left); }
  double Y(double y) const { return bottom - (y - y_lo) / (y_hi - y_lo) * (bottom - top); }
};

int DecimalsFor(double step) {
  int d = 0;
  while (d < 6 && std::fabs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-9) ++d;
  return d;
}

}  // namespace

std::string FormatNumber(double value, int max_decimals) {
  if (!std::isfinite(value)) return "";
  char buf[128];
  auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, max_decimals);
  std::string s(buf, res.ptr);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string RenderSvgChart(const ChartInput& in) {
  // Collect the range of everything drawn.
  double x_lo = std::numeric_limits<double>::infinity(), x_hi = -x_lo;
  double y_lo = x_lo, y_hi = -x_lo;
  auto take = [&](double x, double y) {
    x_lo = std::min(x_lo, x);
    x_hi = std::max(x_hi, x);
    y_lo = std::min(y_lo, y);
    y_hi = std::max(y_hi, y);
  };
  bool any = false;
  for (const auto& s : in.series)
    for (const auto& p : s.points) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
      take(p.x, p.y);
      any = true;
    }
  if (in.baseline && std::isfinite(in.baseline->x) && std::isfinite(in.baseline->y)) {
    take(in.baseline->x, in.baseline->y);
    any = true;
  }
  const bool has_target = in.target_value && std::isfinite(*in.target_value);
  if (has_target && any) {
    y_lo = std::min(y_lo, *in.target_value);
    y_hi = std::max(y_hi, *in.target_value);
  }

  int legend_rows = 0;
  for (const auto& s : in.series)
    if (!s.points.empty()) ++legend_rows;
  if (has_target && any) ++legend_rows;
  if (in.baseline && any) ++legend_rows;

  const double width = in.width;
  const double plot_bottom = in.height - 56;
  const double height = in.height + (any ? legend_rows * kLegendRow : 0);
  const std::string title_id = in.id + "-title";
  const std::string desc_id = in.id + "-desc";

  std::string out;
  out.reserve(4096);
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 " +
         Coord(width) + " " + Coord(height) + "\" aria-label=\"" + Escape(in.title) +
         "\" aria-describedby=\"" + desc_id + "\">";
  out += "<title id=\"" + title_id + "\">" + Escape(in.title) + "</title>";
  out += "<desc id=\"" + desc_id + "\">" + Escape(in.description) + "</desc>";

  if (!any) {
    out += "<text x=\"" + Coord(width / 2) + "\" y=\"" + Coord(in.height / 2.0) +
           "\" text-anchor=\"middle\" font-size=\"16\" fill=\"" + kInkColour + "\">" +
           Escape(in.empty_message) + "</text></svg>";
    return out;
  }

  // Data range -> nice axes.
  if (y_hi - y_lo < 1e-12) {
    const double pad = std::fabs(y_hi) > 0 ? std::fabs(y_hi) * 0.1 : 1;
    y_lo -= pad;
    y_hi += pad;
  }
  const bool non_negative = y_lo >= 0;
  const double y_step = NiceStep(y_hi - y_lo, 4);
  y_lo = std::floor(y_lo / y_step + 1e-9) * y_step;
  y_hi = std::ceil(y_hi / y_step - 1e-9) * y_step;
  if (non_negative && y_lo < 0) y_lo = 0;
  if (x_hi - x_lo < 1e-9) {
    x_lo -= 0.5;
    x_hi += 0.5;
  }
  Frame f{72,   width - 24, 16, plot_bottom, x_lo - (x_hi - x_lo) * 0.03, x_hi + (x_hi - x_lo) * 0.03,
          y_lo, y_hi};

  // Grid and y axis labels.
  const int y_decimals = DecimalsFor(y_step);
  out += "<g class=\"chart-grid\" font-size=\"14\" fill=\"" + std::string(kInkColour) + "\">";
  for (double y = y_lo; y <= y_hi + y_step * 1e-6; y += y_step) {
    const std::string yy = Coord(f.Y(y));
    out += "<line x1=\"" + Coord(f.left) + "\" y1=\"" + yy + "\" x2=\"" + Coord(f.right) + "\" y2=\"" + yy +
           "\" stroke=\"" + kGridColour + "\"/>";
    out += "<text x=\"" + Coord(f.left - 8) + "\" y=\"" + Coord(f.Y(y) + 4) + "\" text-anchor=\"end\">" +
           FormatNumber(y, y_decimals) + "</text>";
  }
  // X axis: whole years, thinned to at most about 10 labels.
  const int first_year = static_cast<int>(std::ceil(x_lo - 1e-9));
  const int last_year = static_cast<int>(std::floor(x_hi + 1e-9));
  const int span = std::max(1, last_year - first_year);
  const int x_step = span <= 10 ? 1 : span <= 20 ? 2 : span <= 50 ? 5 : 10;
  out += "<line x1=\"" + Coord(f.left) + "\" y1=\"" + Coord(f.bottom) + "\" x2=\"" + Coord(f.right) +
         "\" y2=\"" + Coord(f.bottom) + "\" stroke=\"" + kInkColour + "\"/>";
  for (int year = first_year; year <= last_year; ++year) {
    if ((year - first_year) % x_step != 0) continue;
    const std::string xx = Coord(f.X(year));
    out += "<line x1=\"" + xx + "\" y1=\"" + Coord(f.bottom) + "\" x2=\"" + xx + "\" y2=\"" +
           Coord(f.bottom + 5) + "\" stroke=\"" + kInkColour + "\"/>";
    out += "<text x=\"" + xx + "\" y=\"" + Coord(f.bottom + 20) + "\" text-anchor=\"middle\">" +
           std::to_string(year) + "</text>";
  }
  out += "<text x=\"" + Coord((f.left + f.right) / 2) + "\" y=\"" + Coord(f.bottom + 40) +
         "\" text-anchor=\"middle\">" + Escape(in.x_axis_label) + "</text>";
  out += "<text transform=\"translate(16 " + Coord((f.top + f.bottom) / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + Escape(in.y_axis_label) + "</text>";
  out += "</g>";

  // Target line.
  if (has_target) {
    const std::string yy = Coord(f.Y(*in.target_value));
    out += "<line class=\"chart-target\" x1=\"" + Coord(f.left) + "\" y1=\"" + yy + "\" x2=\"" +
           Coord(f.right) + "\" y2=\"" + yy + "\" stroke=\"" + kTargetColour +
           "\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>";
  }

  // Series.
  for (const auto& s : in.series) {
    if (s.points.empty()) continue;
    std::vector<ChartPoint> pts;
    for (const auto& p : s.points)
      if (std::isfinite(p.x) && std::isfinite(p.y)) pts.push_back(p);
    std::stable_sort(pts.begin(), pts.end(),
                     [](const ChartPoint& a, const ChartPoint& b) { return a.x < b.x; });
    const bool actual = s.style == ChartStyle::kActual;
    const char* colour = actual ? kActualColour : kPlannedColour;
    out += std::string("<g class=\"chart-series chart-") + (actual ? "actual" : "planned") + "\">";
    if (pts.size() > 1) {
      out += "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"2.5\"";
      if (!actual) out += " stroke-dasharray=\"6 4\"";
      out += " points=\"";
      for (size_t i = 0; i < pts.size(); ++i) {
        if (i) out += ' ';
        out += Coord(f.X(pts[i].x)) + "," + Coord(f.Y(pts[i].y));
      }
      out += "\"/>";
    }
    for (const auto& p : pts) {
      const double cx = f.X(p.x), cy = f.Y(p.y);
      const std::string tip = "<title>" + Escape(p.x_label) + ": " + FormatNumber(p.y, 4) + "</title>";
      if (actual) {
        out += "<circle cx=\"" + Coord(cx) + "\" cy=\"" + Coord(cy) + "\" r=\"4\" fill=\"" + colour + "\">" +
               tip + "</circle>";
      } else {
        out += "<rect x=\"" + Coord(cx - 4) + "\" y=\"" + Coord(cy - 4) +
               "\" width=\"8\" height=\"8\" fill=\"#ffffff\" stroke=\"" + colour + "\" stroke-width=\"2\">" +
               tip + "</rect>";
      }
    }
    out += "</g>";
  }

  // Baseline point.
  if (in.baseline) {
    const double cx = f.X(in.baseline->x), cy = f.Y(in.baseline->y);
    out += "<polygon class=\"chart-baseline\" points=\"" + Coord(cx) + "," + Coord(cy - 7) + " " +
           Coord(cx + 7) + "," + Coord(cy) + " " + Coord(cx) + "," + Coord(cy + 7) + " " + Coord(cx - 7) +
           "," + Coord(cy) + "\" fill=\"" + kInkColour + "\"><title>" + Escape(in.baseline_label) +
           "</title></polygon>";
  }

  // Legend, one row per item, below the axis label.
  double ly = in.height + 4;
  out += "<g class=\"chart-legend\" font-size=\"14\" fill=\"" + std::string(kInkColour) + "\">";
  auto legend_text = [&](const std::string& text) {
    out += "<text x=\"" + Coord(f.left + 32) + "\" y=\"" + Coord(ly + 4) + "\">" + Escape(text) + "</text>";
    ly += kLegendRow;
  };
  for (const auto& s : in.series) {
    if (s.points.empty()) continue;
    const bool actual = s.style == ChartStyle::kActual;
    const char* colour = actual ? kActualColour : kPlannedColour;
    out += "<line x1=\"" + Coord(f.left) + "\" y1=\"" + Coord(ly) + "\" x2=\"" + Coord(f.left + 24) +
           "\" y2=\"" + Coord(ly) + "\" stroke=\"" + colour + "\" stroke-width=\"2.5\"" +
           (actual ? "" : " stroke-dasharray=\"6 4\"") + "/>";
    legend_text(s.name);
  }
  if (has_target) {
    out += "<line x1=\"" + Coord(f.left) + "\" y1=\"" + Coord(ly) + "\" x2=\"" + Coord(f.left + 24) +
           "\" y2=\"" + Coord(ly) + "\" stroke=\"" + kTargetColour +
           "\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>";
    legend_text(in.target_label);
  }
  if (in.baseline) {
    const double cx = f.left + 12;
    out += "<polygon points=\"" + Coord(cx) + "," + Coord(ly - 6) + " " + Coord(cx + 6) + "," + Coord(ly) +
           " " + Coord(cx) + "," + Coord(ly + 6) + " " + Coord(cx - 6) + "," + Coord(ly) + "\" fill=\"" +
           kInkColour + "\"/>";
    legend_text(in.baseline_label);
  }
  out += "</g></svg>";
  return out;
}

}  // namespace jospar::web
