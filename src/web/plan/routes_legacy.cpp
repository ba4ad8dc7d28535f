// JSON API of the legacy programme import: the template and the upload (multipart, dry run or import).
#include "core/plan/usecases/import_legacy.hpp"
#include "formats/legacy.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"
#include "web/multipart.hpp"

namespace jospar::web::api {

namespace {

const char* ChangeName(usecases::LegacyChange c) {
  switch (c) {
    case usecases::LegacyChange::kNew:
      return "new";
    case usecases::LegacyChange::kChanged:
      return "changed";
    case usecases::LegacyChange::kUnchanged:
      return "unchanged";
  }
  return "";
}

json CountsJson(const usecases::ImportCounts& c) {
  return {{"new", c.inserted}, {"changed", c.updated}, {"unchanged", c.unchanged}};
}

json ReportJson(const usecases::LegacyImportReport& r) {
  json objects = json::array();
  for (const auto& o : r.objects) {
    json fields = json::array();
    for (const auto& f : o.fields)
      fields.push_back({{"field", f.field}, {"before", f.before}, {"after", f.after}});
    objects.push_back({{"what", o.what},
                       {"key", o.key},
                       {"id", o.id},
                       {"change", ChangeName(o.change)},
                       {"fields", std::move(fields)},
                       {"file", o.at.file},
                       {"sheet", o.at.sheet},
                       {"row", o.at.row}});
  }
  return {{"dry_run", r.dry_run},
          {"written", r.written},
          {"changes", r.Changes()},
          {"counts",
           {{"documents", CountsJson(r.documents)},
            {"goals", CountsJson(r.goals)},
            {"indicators", CountsJson(r.indicators)},
            {"values", CountsJson(r.values)}}},
          {"objects", std::move(objects)}};
}

// The problems as one kInvalidInput error: each a field error whose field is the place
// ("plan.xlsx, sheet values, row 7, column value") and whose detail is the expected content.
Error ProblemsError(const std::vector<LegacyProblem>& problems) {
  Error e{
      ErrorCode::kInvalidInput, "error.legacy.invalid", std::to_string(problems.size()) + " problem(s)", {}};
  for (const auto& p : problems) {
    std::string detail = p.expected;
    if (!p.found.empty()) detail += (detail.empty() ? "" : "; ") + std::string("found: ") + p.found;
    e.fields.push_back({DescribeLocation(p.at), p.message_key, detail});
  }
  return e;
}

}  // namespace

void RegisterLegacyApi(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/legacy/template",
      [&ctx](Request& req) {
        QueryReader q(req, {"format", "sheet"});
        const std::string format = q.Str("format").value_or("xlsx");
        const std::string sheet = q.Str("sheet").value_or("");
        if (format != "xlsx" && format != "csv") q.Bad("format", "error.field.enum", "xlsx, csv");
        if (format == "csv" && formats::LegacyTemplateCsv(sheet).empty())
          q.Bad("sheet", "error.field.enum", "instructions, documents, goals, indicators, values");
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        if (format == "csv") {
          Response r = Response::Text(200, formats::LegacyTemplateCsv(sheet), "text/csv; charset=utf-8");
          r.SetHeader("Content-Disposition", "attachment; filename=\"jospar-legacy-" + sheet + ".csv\"");
          return r;
        }
        auto bytes = formats::LegacyTemplateXlsxBytes();
        if (!bytes) return ErrorOf(ctx, req, bytes.error());
        Response r = Response::Text(200, std::move(*bytes),
                                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        r.SetHeader("Content-Disposition", "attachment; filename=\"jospar-legacy-template.xlsx\"");
        return r;
      },
      {.api = true,
       .no_auth = true,
       .summary =
           "The legacy programme template: XLSX (format=xlsx) or one sheet as CSV (format=csv&sheet=...)",
       .tag = "import"});
  router.Add(
      "POST", "/api/v1/legacy/import",
      [&ctx](Request& req) {
        if (auto allowed = usecases::AllowLegacyImport(req.principal); !allowed)
          return ErrorOf(ctx, req, allowed.error());
        QueryReader q(req, {"dry_run"});
        const bool dry_run = q.Flag("dry_run");
        if (auto st = q.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto parts = ParseMultipart(req.Header("Content-Type"), req.body);
        if (!parts) return ErrorOf(ctx, req, parts.error());
        std::vector<formats::LegacyFile> files;
        for (auto& p : *parts)
          if (p.is_file) files.push_back({p.filename, std::move(p.body)});
        if (files.empty())
          return ErrorOf(
              ctx, req,
              Error{ErrorCode::kInvalidInput, "error.invalid_input", {}, {{"files", "legacy.no_files", {}}}});
        auto read = formats::ReadLegacyFiles(files);
        usecases::LegacyImportOptions options;
        options.dry_run = dry_run;
        options.read_problems = std::move(read.problems);
        auto report = usecases::ImportLegacy(ctx.store, CallerOf(ctx, req), read.programme, options);
        if (!report) return ErrorOf(ctx, req, report.error());
        if (!report->problems.empty()) return ErrorOf(ctx, req, ProblemsError(report->problems));
        return JsonResponse(200, ReportJson(*report));
      },
      {.api = true,
       .upload = true,
       .summary =
           "Import legacy programme files (multipart field 'files'; dry_run=true shows what would change)",
       .tag = "import"});
}

}  // namespace jospar::web::api
