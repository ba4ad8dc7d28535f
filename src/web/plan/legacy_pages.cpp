// The planners' upload page for legacy programmes (/{lang}/staff/import) and the template downloads.
// Works without JavaScript: a multipart form with the session's CSRF token; "Check" runs the import as a
// dry run, "Import" writes. The handler reads the upload into files, calls formats::ReadLegacyFiles and
// usecases::ImportLegacy, and renders the problems (with their place) or the changes (old -> new).
#include <chrono>
#include <ctime>

#include "core/plan/usecases/import_legacy.hpp"
#include "formats/legacy.hpp"
#include "web/api/handlers.hpp"
#include "web/multipart.hpp"
#include "web/pages/portal.hpp"

namespace jospar::web {
namespace {

constexpr std::size_t kMaxListedChanges = 2000;

// Anonymous: to the sign-in page and back; signed in without the right: 403.
std::optional<Response> RequireImporter(const View& v, const Request& req) {
  auto allowed = usecases::AllowLegacyImport(req.principal);
  if (allowed) return std::nullopt;
  if (!req.principal.IsSignedIn())
    return Response::Redirect(v.Href("/login") + "?next=" + UrlEncode(req.path));
  return v.ErrorPage(allowed.error());
}

TemplateData BaseData(const View& v, const Request& req) {
  TemplateData d{TemplateData::type::object};
  d.set("action", v.Href("/staff/import"));
  d.set("csrf", req.csrf_token);
  d.set("xlsx_href", v.Href("/staff/import/template.xlsx"));
  TemplateData csvs{TemplateData::type::list};
  for (const char* sheet : {"instructions", "documents", "goals", "indicators", "values"}) {
    TemplateData c{TemplateData::type::object};
    c.set("name", std::string(sheet) + ".csv");
    c.set("href", v.Href("/staff/import/template/" + std::string(sheet) + ".csv"));
    csvs.push_back(c);
  }
  d.set("csvs", csvs);
  return d;
}

Response Render(View& v, int status, TemplateData d) {
  const std::string title = v.T("legacy.title");
  return v.Page(status, "legacy_import", std::move(d), title, {{v.T("nav.home"), v.Href("/")}, {title, ""}});
}

Response ImportForm(View& v, Request& req) {
  if (auto denied = RequireImporter(v, req)) return *denied;
  return Render(v, 200, BaseData(v, req));
}

std::string ChangeLabel(const View& v, usecases::LegacyChange c) {
  switch (c) {
    case usecases::LegacyChange::kNew:
      return v.T("legacy.change.new");
    case usecases::LegacyChange::kChanged:
      return v.T("legacy.change.changed");
    case usecases::LegacyChange::kUnchanged:
      return v.T("legacy.change.unchanged");
  }
  return {};
}

void ReportData(const View& v, const usecases::LegacyImportReport& report, TemplateData& d) {
  if (!report.problems.empty()) {
    d.set("has_problems", true);
    TemplateData rows{TemplateData::type::list};
    for (const auto& p : report.problems) {
      TemplateData r{TemplateData::type::object};
      r.set("file", p.at.file);
      r.set("sheet", p.at.sheet);
      r.set("row", p.at.row > 0 ? std::to_string(p.at.row) : std::string());
      r.set("column", p.at.column);
      r.set("message", v.T(p.message_key));
      r.set("expected", p.expected);
      r.set("found", p.found);
      rows.push_back(r);
    }
    d.set("problems", rows);
    return;
  }
  d.set("has_result", true);
  d.set("result_heading", v.T(report.dry_run ? "legacy.dry_run_result" : "legacy.import_result"));
  if (report.Changes() == 0) d.set("nothing_to_change", v.T("legacy.nothing_to_change"));
  if (report.written && report.ledger_first && report.ledger_last) {
    const std::string first = std::to_string(*report.ledger_first),
                      last = std::to_string(*report.ledger_last);
    d.set("has_ledger_range", true);
    d.set("ledger_recorded", v.Format("legacy.ledger_recorded", {{"first", first}, {"last", last}}));
    d.set("ledger_first_href", v.Href("/ledger/entries/" + first));
    d.set("ledger_first_label", v.Format("ledger.entry.title", {{"index", first}}));
    d.set("ledger_last_href", v.Href("/ledger/entries/" + last));
    d.set("ledger_last_label", v.Format("ledger.entry.title", {{"index", last}}));
  }
  TemplateData counts{TemplateData::type::list};
  const std::pair<const char*, const usecases::ImportCounts*> kinds[] = {
      {"legacy.what.document", &report.documents},
      {"legacy.what.goal", &report.goals},
      {"legacy.what.indicator", &report.indicators},
      {"legacy.what.value", &report.values}};
  for (const auto& [key, c] : kinds) {
    TemplateData row{TemplateData::type::object};
    row.set("what", v.T(key));
    row.set("text", v.Format("legacy.counts", {{"new", std::to_string(c->inserted)},
                                               {"changed", std::to_string(c->updated)},
                                               {"unchanged", std::to_string(c->unchanged)}}));
    counts.push_back(row);
  }
  d.set("counts", counts);
  TemplateData rows{TemplateData::type::list};
  std::size_t listed = 0, unchanged = 0;
  for (const auto& o : report.objects) {
    if (o.change == usecases::LegacyChange::kUnchanged) {
      ++unchanged;
      continue;
    }
    if (++listed > kMaxListedChanges) continue;
    TemplateData r{TemplateData::type::object};
    r.set("what", v.T("legacy.what." + o.what));
    r.set("key", o.key);
    r.set("change", ChangeLabel(v, o.change));
    r.set("place", DescribeLocation(o.at));
    TemplateData fields{TemplateData::type::list};
    for (const auto& f : o.fields) {
      TemplateData fd{TemplateData::type::object};
      fd.set("field", f.field);
      fd.set("before", f.before.empty() ? v.T("legacy.none") : f.before);
      fd.set("after", f.after.empty() ? v.T("legacy.none") : f.after);
      fields.push_back(fd);
    }
    r.set("fields", fields);
    rows.push_back(r);
  }
  d.set("has_changes", listed > 0);
  d.set("changes", rows);
  if (unchanged > 0)
    d.set("unchanged_note", v.Format("legacy.unchanged_hidden", {{"count", std::to_string(unchanged)}}));
}

Response ImportUpload(View& v, Request& req) {
  if (auto denied = RequireImporter(v, req)) return *denied;
  auto parts = ParseMultipart(req.Header("Content-Type"), req.body);
  if (!parts) return v.ErrorPage(parts.error());
  std::vector<formats::LegacyFile> files;
  bool dry_run = true;
  for (auto& p : *parts) {
    if (p.is_file) {
      if (!p.filename.empty() || !p.body.empty()) files.push_back({p.filename, std::move(p.body)});
    } else if (p.name == "mode") {
      dry_run = p.body != "import";
    }
  }
  TemplateData d = BaseData(v, req);
  if (files.empty()) {
    d.set("no_files", v.T("legacy.no_files"));
    return Render(v, 400, std::move(d));
  }
  auto read = formats::ReadLegacyFiles(files);
  usecases::LegacyImportOptions options;
  options.dry_run = dry_run;
  options.read_problems = std::move(read.problems);
  auto report =
      usecases::ImportLegacy(v.store(), api::CallerOf(v.shared().ctx, req), read.programme, options);
  if (!report) return v.ErrorPage(report.error());
  ReportData(v, *report, d);
  return Render(v, report->problems.empty() ? 200 : 400, std::move(d));
}

Response TemplateXlsx(View& v, Request&) {
  auto bytes = formats::LegacyTemplateXlsxBytes();
  if (!bytes) return v.ErrorPage(bytes.error());
  Response r = Response::Text(200, std::move(*bytes),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  r.SetHeader("Content-Disposition", "attachment; filename=\"jospar-legacy-template.xlsx\"");
  return r;
}

Response TemplateCsv(View& v, Request& req) {
  std::string file = req.params["file"];
  std::string sheet =
      file.size() > 4 && file.substr(file.size() - 4) == ".csv" ? file.substr(0, file.size() - 4) : "";
  std::string text = sheet.empty() ? std::string() : formats::LegacyTemplateCsv(sheet);
  if (text.empty()) return v.ErrorPage(Error{ErrorCode::kNotFound, "error.route_not_found", {}, {}});
  Response r = Response::Text(200, std::move(text), "text/csv; charset=utf-8");
  r.SetHeader("Content-Disposition", "attachment; filename=\"jospar-legacy-" + sheet + ".csv\"");
  return r;
}

}  // namespace

void RegisterLegacyPages(Router& router, const std::shared_ptr<const PortalShared>& shared) {
  AddPage(router, shared, "GET", "/staff/import", ImportForm, {.summary = "Legacy programme import form"});
  AddPage(router, shared, "POST", "/staff/import", ImportUpload,
          {.upload = true, .summary = "Upload legacy programme files (dry run or import)"});
  AddPage(router, shared, "GET", "/staff/import/template.xlsx", TemplateXlsx,
          {.summary = "The legacy programme template (XLSX)"});
  AddPage(router, shared, "GET", "/staff/import/template/{file}", TemplateCsv,
          {.summary = "The legacy programme template, one CSV file per sheet"});
}

}  // namespace jospar::web
