// The open-data downloads and the API catalogue (see open_data.hpp). Thin: read the current files, answer.
#include <nlohmann/json.hpp>

#include "core/opendata/registry.hpp"
#include "web/error_mapping.hpp"
#include "web/i18n.hpp"
#include "web/opendata/open_data.hpp"

namespace jospar::web {
namespace {

using nlohmann::json;

json Texts(const AppContext& ctx, const std::string& key) {
  json j = json::object();
  for (Lang l : kLangs) j[std::string(LangCode(l))] = ctx.locales ? ctx.locales->Get(l, key) : key;
  return j;
}

json FileJson(const formats::ExportFile& f) {
  json j{{"name", f.name},
         {"format", std::string(formats::ToString(f.format))},
         {"media_type", f.media_type},
         {"url", "/open-data/" + f.name},
         {"size", f.bytes->size()},
         {"sha256", f.sha256}};
  if (f.rows >= 0) j["records"] = f.rows;
  return j;
}

bool EtagMatches(std::string_view header, const std::string& etag) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view part = header.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (part.substr(0, 2) == "W/") part.remove_prefix(2);
    if (part == etag || part == "*") return true;
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
  }
  return false;
}

}  // namespace

void RegisterOpenDataRoutes(Router& router, AppContext& ctx) {
  router.Add("GET", "/open-data/{name}",
             [&ctx](Request& req) {
               auto state = ctx.open_data->Current();
               if (!state) return ErrorResponse(ctx, req, state.error());
               const formats::ExportFile* f = (*state)->Find(req.params["name"]);
               if (!f) return ErrorResponse(ctx, req, Error{ErrorCode::kNotFound, "error.not_found", "", {}});
               const std::string etag = "\"" + f->sha256 + "\"";
               Response r;
               r.SetHeader("ETag", etag);
               r.SetHeader("Cache-Control", "public, max-age=60");
               if (EtagMatches(req.Header("If-None-Match"), etag)) {
                 r.status = 304;
                 return r;
               }
               r.status = 200;
               r.SetHeader("Content-Type", f->media_type);
               r.SetHeader("Content-Disposition", "attachment; filename=\"" + f->name + "\"");
               r.body = *f->bytes;
               return r;
             },
             {.no_auth = true,
              .summary = "An open-data file: a dataset as CSV or JSON, or open-sdg.tar (ETag is its SHA-256)",
              .tag = "open-data"});
  router.Add(
      "GET", "/api/v1/open-data",
      [&ctx](Request& req) {
        auto state = ctx.open_data->Current();
        if (!state) return ErrorResponse(ctx, req, state.error());
        json datasets = json::array();
        for (const auto& spec : opendata::Datasets()) {
          json cols = json::array();
          for (const auto& c : spec.columns)
            cols.push_back({{"name", c.name},
                            {"type", std::string(opendata::ToString(c.type))},
                            {"nullable", c.nullable},
                            {"meaning", Texts(ctx, opendata::ColumnKey(spec.id, c.name))}});
          json files = json::array();
          for (const auto& f : (*state)->files)
            if (f.dataset == spec.id) files.push_back(FileJson(f));
          datasets.push_back({{"id", spec.id},
                              {"title", Texts(ctx, opendata::TitleKey(spec.id))},
                              {"description", Texts(ctx, opendata::DescriptionKey(spec.id))},
                              {"columns", std::move(cols)},
                              {"files", std::move(files)}});
        }
        json body{{"generated_at", (*state)->generated_at}, {"datasets", std::move(datasets)}};
        if (const auto* f = (*state)->Find(formats::kOpenSdgArchive)) body["open_sdg"] = FileJson(*f);
        body["warnings"] = (*state)->warnings;
        Response r = Response::JsonBody(200, body.dump(-1, ' ', false, json::error_handler_t::replace));
        r.SetHeader("Cache-Control", "public, max-age=60");
        return r;
      },
      {.api = true,
       .no_auth = true,
       .summary = "The open-data catalogue: every public dataset with its data dictionary (kk/ru/en) and its "
                  "files with size and SHA-256",
       .tag = "open-data",
       .response_schema = "OpenDataCatalogue"});
}

}  // namespace jospar::web
