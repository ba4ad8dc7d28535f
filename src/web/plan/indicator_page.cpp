// The indicator page: a server-drawn chart of actual against planned values with a selectable series,
// unit and disaggregation, the same data as a table and as CSV, and where the indicator belongs.
#include <algorithm>
#include <map>
#include <set>

#include "core/audit/history.hpp"
#include "core/ledger/repository.hpp"
#include "core/plan/access.hpp"
#include "core/plan/repository.hpp"
#include "formats/csv_write.hpp"
#include "web/pages/portal.hpp"
#include "web/plan/svg_chart.hpp"

namespace jospar::web {
namespace {

// Resolves disaggregation, series and unit codes to names in the page's language (code itself when the
// code list does not have it). One query per dimension that occurs.
class CodeNames {
 public:
  CodeNames(Tx& tx, const View& v) : tx_(tx), v_(v) {}

  std::string Name(const std::string& dimension, const std::string& code) {
    auto& dim = Load(dimension);
    auto it = dim.find(code);
    if (it == dim.end() || it->second.Empty()) return code;
    return v_.TextPlain(it->second);
  }
  std::string DimensionName(const std::string& dimension) {
    const std::string key = "dim." + dimension;
    return v_.shared().locales->Has(v_.lang(), key) ? v_.T(key) : dimension;
  }
  // "SEX=F|AGE=Y15T24" -> "Sex: female; Age: 15-24"; empty -> the word for "total".
  std::string Disaggregation(const std::string& canonical) {
    if (canonical.empty()) return v_.T("indicator.total");
    std::string out;
    size_t pos = 0;
    while (pos <= canonical.size()) {
      size_t end = canonical.find('|', pos);
      if (end == std::string::npos) end = canonical.size();
      std::string pair = canonical.substr(pos, end - pos);
      size_t eq = pair.find('=');
      if (!out.empty()) out += "; ";
      if (eq == std::string::npos) {
        out += pair;
      } else {
        std::string dim = pair.substr(0, eq);
        out += DimensionName(dim) + ": " + Name(dim, pair.substr(eq + 1));
      }
      pos = end + 1;
    }
    return out;
  }

 private:
  const std::map<std::string, Text>& Load(const std::string& dimension) {
    auto it = cache_.find(dimension);
    if (it != cache_.end()) return it->second;
    auto& m = cache_[dimension];
    if (auto list = tx_.plan().ListCodeNames(dimension))
      for (auto& c : *list) m.emplace(c.code, std::move(c.title));
    return m;
  }
  Tx& tx_;
  const View& v_;
  std::map<std::string, std::map<std::string, Text>> cache_;
};

struct Selection {
  std::string series, unit, disaggregation;
  std::vector<std::string> all_series;
  std::vector<std::string> units;            // of the selected series
  std::vector<std::string> disaggregations;  // of the selected series and unit
};

template <class T>
void AddUnique(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

// Picks the series, unit and disaggregation asked for when they exist, else sensible defaults: the series
// with the most total values, its first unit, the total.
Selection Select(const std::vector<Observation>& obs, const Request& req) {
  Selection s;
  std::map<std::string, int> totals;
  for (const auto& o : obs) {
    AddUnique(s.all_series, o.series);
    if (o.disaggregation.empty()) ++totals[o.series];
  }
  const auto want_series = req.Query("series");
  if (want_series &&
      std::find(s.all_series.begin(), s.all_series.end(), *want_series) != s.all_series.end()) {
    s.series = *want_series;
  } else if (!s.all_series.empty()) {
    s.series = s.all_series.front();
    int best = -1;
    for (const auto& name : s.all_series)
      if (totals[name] > best) {
        best = totals[name];
        s.series = name;
      }
  }
  for (const auto& o : obs)
    if (o.series == s.series) AddUnique(s.units, o.unit);
  const auto want_unit = req.Query("unit");
  if (want_unit && std::find(s.units.begin(), s.units.end(), *want_unit) != s.units.end())
    s.unit = *want_unit;
  else if (!s.units.empty())
    s.unit = s.units.front();
  for (const auto& o : obs)
    if (o.series == s.series && o.unit == s.unit) AddUnique(s.disaggregations, o.disaggregation);
  std::sort(s.disaggregations.begin(), s.disaggregations.end());  // the total ("") first
  const auto want_dis = req.Query("disaggregation");
  if (want_dis &&
      std::find(s.disaggregations.begin(), s.disaggregations.end(), *want_dis) != s.disaggregations.end())
    s.disaggregation = *want_dis;
  else if (!s.disaggregations.empty())
    s.disaggregation = s.disaggregations.front();
  return s;
}

TemplateData Option(const std::string& value, const std::string& label, bool selected) {
  TemplateData o{TemplateData::type::object};
  o.set("value", value);
  o.set("label", label);
  o.set("selected", selected);
  return o;
}

std::string SelectionQuery(const Selection& s) {
  return "series=" + UrlEncode(s.series) + "&unit=" + UrlEncode(s.unit) +
         "&disaggregation=" + UrlEncode(s.disaggregation);
}

Result<Indicator> LoadIndicator(const Request& req, Tx& tx) {
  auto id = ParseId(req.params.count("id") ? req.params.at("id") : "");
  if (!id) return Fail(ErrorCode::kNotFound, "error.not_found");
  return tx.plan().GetIndicator(*id);
}

}  // namespace

Response IndicatorPage(View& v, Request& req, const FormState* report) {
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  Tx& t = **tx;
  auto ind = LoadIndicator(req, t);
  if (!ind) return v.ErrorPage(ind.error());
  const Indicator& i = *ind;
  auto obs = t.plan().ListObservations(i.id);
  if (!obs) return v.ErrorPage(obs.error());
  CodeNames names(t, v);
  const Selection sel = Select(*obs, req);

  // Where it belongs.
  TemplateData d{TemplateData::type::object};
  std::vector<Crumb> crumbs = {{v.T("nav.home"), v.Href("/")}};
  if (i.goal_id) {
    if (auto g = t.plan().GetGoal(*i.goal_id)) {
      if (auto doc = t.plan().GetDocument(g->document_id)) {
        crumbs.push_back({v.T("documents.title"), v.Href("/documents")});
        crumbs.push_back({v.TextPlain(doc->title), v.Href("/documents/" + std::to_string(doc->id))});
        d.set("document_html", v.TextHtml(doc->title));
        d.set("document_href", v.Href("/documents/" + std::to_string(doc->id)));
      }
      d.set("goal_html", v.TextHtml(g->title));
      d.set("goal_code", g->code);
      d.set("goal_href",
            v.Href("/documents/" + std::to_string(g->document_id) + "#goal-" + std::to_string(g->id)));
    }
  }
  if (i.sdg_target_id) {
    if (auto target = t.plan().GetSdgNode(*i.sdg_target_id)) {
      crumbs.push_back({v.T("nav.sdg"), v.Href("/sdg")});
      if (target->parent_id) {
        if (auto goal = t.plan().GetSdgNode(*target->parent_id)) {
          crumbs.push_back({v.T("sdg.goal") + " " + goal->code, v.Href("/sdg/goals/" + goal->code)});
          d.set("sdg_goal_html", v.TextHtml(goal->title));
          d.set("sdg_goal_code", goal->code);
          d.set("sdg_goal_href", v.Href("/sdg/goals/" + goal->code));
        }
      }
      crumbs.push_back({v.T("sdg.target") + " " + target->code, v.Href("/sdg/targets/" + target->code)});
      d.set("sdg_target_html", v.TextHtml(target->title));
      d.set("sdg_target_code", target->code);
      d.set("sdg_target_href", v.Href("/sdg/targets/" + target->code));
    }
  }
  crumbs.push_back({v.T("indicator.label") + " " + i.code, ""});
  if (i.responsible_body_id) {
    if (auto b = t.plan().GetBody(*i.responsible_body_id)) {
      d.set("body_html", v.TextHtml(b->title));
      d.set("body_href", v.Href("/bodies/" + std::to_string(b->id)));
    }
  }

  // Unit: the indicator's own, else the name of the selected UNIT_MEASURE code.
  std::string unit = v.TextPlain(i.unit);
  if (!sel.unit.empty()) unit = names.Name("UNIT_MEASURE", sel.unit);

  // The selected values, and the planned ones.
  std::vector<const Observation*> points;
  bool demo_values = false;
  for (const auto& o : *obs)
    if (o.series == sel.series && o.unit == sel.unit && o.disaggregation == sel.disaggregation) {
      points.push_back(&o);
      demo_values = demo_values || o.demo;
    }
  std::sort(points.begin(), points.end(),
            [](const Observation* a, const Observation* b) { return a->period < b->period; });

  ChartInput chart;
  chart.id = "chart-" + std::to_string(i.id);
  chart.title = i.code + " " + v.TextPlain(i.title);
  chart.x_axis_label = v.T("chart.period");
  chart.y_axis_label = unit.empty() ? v.T("chart.value") : unit;
  chart.empty_message = v.T("chart.empty");
  chart.width = 560;  // scales down on a phone; a narrower drawing keeps the labels readable
  ChartSeries actual{v.T("chart.actual"), ChartStyle::kActual, {}};
  for (const auto* o : points)
    if (auto x = PeriodToYear(o->period)) actual.points.push_back({*x, o->value, o->period});
  ChartSeries planned{v.T("chart.planned"), ChartStyle::kPlanned, {}};
  for (const auto& p : i.planned)
    planned.points.push_back({static_cast<double>(p.year), p.value, std::to_string(p.year)});
  chart.series = {actual, planned};
  if (i.target_value) {
    chart.target_value = i.target_value;
    chart.target_label = v.T("chart.target") + (i.target_year ? " " + std::to_string(*i.target_year) : "") +
                         ": " + FormatNumber(*i.target_value, 4);
  }
  if (i.baseline_value && i.baseline_year) {
    chart.baseline = ChartPoint{static_cast<double>(*i.baseline_year), *i.baseline_value,
                                std::to_string(*i.baseline_year)};
    chart.baseline_label = v.T("chart.baseline") + " " + std::to_string(*i.baseline_year) + ": " +
                           FormatNumber(*i.baseline_value, 4);
  }
  std::string desc;
  if (!actual.points.empty()) {
    desc = v.Format("chart.desc_actual", {{"n", std::to_string(actual.points.size())},
                                          {"from", points.front()->period},
                                          {"to", points.back()->period},
                                          {"latest", FormatNumber(points.back()->value, 4)}});
  } else {
    desc = v.T("chart.desc_no_actual");
  }
  if (!planned.points.empty())
    desc += " " + v.Format("chart.desc_planned", {{"n", std::to_string(planned.points.size())}});
  if (i.target_value) desc += " " + chart.target_label + ".";
  chart.description = desc;
  d.set("chart_svg", RenderSvgChart(chart));

  // The same data as a table: one row per period with the actual and the planned value.
  std::map<std::string, std::pair<std::string, std::string>> rows;  // period -> (actual, planned)
  for (const auto* o : points) rows[o->period].first = FormatNumber(o->value, 4);
  for (const auto& p : i.planned) rows[std::to_string(p.year)].second = FormatNumber(p.value, 4);
  TemplateData table{TemplateData::type::list};
  for (const auto& [period, vals] : rows) {
    TemplateData r{TemplateData::type::object};
    r.set("period", period);
    r.set("actual", vals.first.empty() ? "—" : vals.first);
    r.set("planned", vals.second.empty() ? "—" : vals.second);
    table.push_back(r);
  }
  d.set("rows", table);
  d.set("has_rows", !rows.empty());
  d.set("table_caption", v.Format("indicator.table_caption", {{"code", i.code}, {"unit", unit}}));

  // Selection form.
  TemplateData series_opts{TemplateData::type::list};
  for (const auto& s : sel.all_series)
    series_opts.push_back(
        Option(s, s.empty() ? v.T("indicator.main_series") : names.Name("SERIES", s), s == sel.series));
  TemplateData unit_opts{TemplateData::type::list};
  for (const auto& u : sel.units)
    unit_opts.push_back(
        Option(u, u.empty() ? v.T("indicator.default_unit") : names.Name("UNIT_MEASURE", u), u == sel.unit));
  TemplateData dis_opts{TemplateData::type::list};
  for (const auto& x : sel.disaggregations)
    dis_opts.push_back(Option(x, names.Disaggregation(x), x == sel.disaggregation));
  d.set("series_options", series_opts);
  d.set("unit_options", unit_opts);
  d.set("disaggregation_options", dis_opts);
  d.set("has_selection", !obs->empty());
  d.set("form_action", v.Href("/indicators/" + std::to_string(i.id)));
  d.set("selection_label", names.Disaggregation(sel.disaggregation));
  d.set("csv_href", v.Href("/indicators/" + std::to_string(i.id) + "/data.csv") + "?" + SelectionQuery(sel));
  d.set("csv_all_href", v.Href("/indicators/" + std::to_string(i.id) + "/data.csv"));

  // Facts.
  d.set("id", std::to_string(i.id));
  d.set("code", i.code);
  d.set("title_html", v.TextHtml(i.title));
  d.set("kind", v.T("indicator.kind_" + std::string(ToString(i.kind))));
  d.set("unit", unit);
  d.set("direction", DirectionLabel(v, i.direction));
  d.set("source_html", i.source.Empty() ? "" : v.TextHtml(i.source));
  if (i.baseline_value)
    d.set("baseline", FormatNumber(*i.baseline_value, 4) +
                          (i.baseline_year ? " (" + std::to_string(*i.baseline_year) + ")" : ""));
  if (i.target_value)
    d.set("target", FormatNumber(*i.target_value, 4) +
                        (i.target_year ? " (" + std::to_string(*i.target_year) + ")" : ""));
  if (!points.empty())
    d.set("latest", FormatNumber(points.back()->value, 4) + " (" + points.back()->period + ")");
  d.set("demo", i.demo || demo_values);

  // Links.
  TemplateData links{TemplateData::type::list};
  if (auto ls = t.plan().ListLinksFrom({ObjectKind::kIndicator, i.id})) {
    for (const auto& l : *ls) {
      TemplateData o{TemplateData::type::object};
      std::string label, href;
      if (l.to.kind == ObjectKind::kSdgTarget || l.to.kind == ObjectKind::kSdgGoal) {
        if (auto n = t.plan().GetSdgNode(l.to.id)) {
          label = v.T(n->kind == SdgKind::kGoal ? "sdg.goal" : "sdg.target") + " " + n->code + " " +
                  v.TextHtml(n->title);
          href = v.Href(std::string(n->kind == SdgKind::kGoal ? "/sdg/goals/" : "/sdg/targets/") + n->code);
        }
      } else if (l.to.kind == ObjectKind::kIndicator) {
        if (auto o2 = t.plan().GetIndicator(l.to.id)) {
          label = HtmlEscape(o2->code) + " " + v.TextHtml(o2->title);
          href = v.Href("/indicators/" + std::to_string(o2->id));
        }
      } else if (l.to.kind == ObjectKind::kGoal) {
        if (auto g = t.plan().GetGoal(l.to.id)) {
          label = v.T("document.goal") + " " + HtmlEscape(g->code) + " " + v.TextHtml(g->title);
          href = v.Href("/documents/" + std::to_string(g->document_id) + "#goal-" + std::to_string(g->id));
        }
      }
      if (href.empty()) continue;
      o.set("label_html", label);
      o.set("href", href);
      links.push_back(o);
    }
  }
  d.set("links", links);
  d.set("has_links", !links.is_empty_list());

  auto history = t.audit().ListHistory({ObjectKind::kIndicator, i.id}, 10);
  auto logged = t.ledger().ListLogEntriesFor("indicator", std::to_string(i.id), 100);
  TemplateData hist = !history ? TemplateData{TemplateData::type::list}
                      : logged ? HistoryList(v, *history, *logged)
                               : HistoryList(v, *history);
  d.set("has_history", !hist.is_empty_list());
  d.set("history", hist);

  // Staff: report a value (executors of the responsible body, planners), edit (planners).
  const Principal& who = req.principal;
  d.set("can_report", CanReportValue(who, i));
  d.set("can_edit", CanEditPlan(who));
  d.set("csrf", req.csrf_token);
  d.set("report_action", v.Href("/indicators/" + std::to_string(i.id) + "/report"));
  d.set("edit_href", v.Href("/staff/indicators/" + std::to_string(i.id) + "/edit"));
  d.set("new_link_href", v.Href("/staff/links/new?from=indicator:" + std::to_string(i.id)));
  d.set("sel_series", sel.series);
  d.set("sel_unit", sel.unit);
  // Values kept and errors shown when the report form comes back invalid (see staff_pages.cpp).
  if (report) d.set("report", report->ToData());

  return v.Page(200, "indicator", std::move(d), i.code + " " + v.TextPlain(i.title), crumbs);
}

namespace {

Response IndicatorCsv(View& v, Request& req) {
  auto tx = v.store().Begin(TxMode::kRead);
  if (!tx) return v.ErrorPage(tx.error());
  auto ind = LoadIndicator(req, **tx);
  if (!ind) return v.ErrorPage(ind.error());
  auto obs = (*tx)->plan().ListObservations(ind->id);
  if (!obs) return v.ErrorPage(obs.error());
  const auto series = req.Query("series");
  const auto unit = req.Query("unit");
  const auto dis = req.Query("disaggregation");
  std::vector<const Observation*> rows;
  for (const auto& o : *obs)
    if ((!series || o.series == *series) && (!unit || o.unit == *unit) && (!dis || o.disaggregation == *dis))
      rows.push_back(&o);
  std::stable_sort(rows.begin(), rows.end(), [](const Observation* a, const Observation* b) {
    return std::tie(a->series, a->unit, a->disaggregation, a->period) <
           std::tie(b->series, b->unit, b->disaggregation, b->period);
  });
  formats::CsvWriter csv(formats::kSpreadsheetCsv);
  csv.Row({"indicator", "kind", "series", "unit", "disaggregation", "period", "value", "demo"});
  for (const auto* o : rows)
    csv.Row({ind->code, "actual", o->series, o->unit, o->disaggregation, o->period, FormatNumber(o->value, 6),
             o->demo ? "true" : "false"});
  if (!series || series->empty())
    for (const auto& p : ind->planned)
      csv.Row({ind->code, "planned", "", "", "", std::to_string(p.year), FormatNumber(p.value, 6),
               ind->demo ? "true" : "false"});
  Response r = Response::Text(200, csv.Take(), "text/csv; charset=utf-8");
  std::string file = ind->code;
  for (char& c : file)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') c = '_';
  r.SetHeader("Content-Disposition", "attachment; filename=\"indicator-" + file + ".csv\"");
  return r;
}

}  // namespace

void RegisterIndicatorPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/indicators/{id}",
          [](View& v, Request& req) { return IndicatorPage(v, req, nullptr); });
  AddPage(router, shared, "GET", "/indicators/{id}/data.csv", IndicatorCsv);
}

}  // namespace jospar::web
