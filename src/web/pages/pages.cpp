// Placeholder home page until the portal lands its pages (the portal engineer replaces this file).
#include "web/pages/pages.hpp"

#include "web/i18n.hpp"

namespace jospar::web {

void RegisterPages(Router& router, AppContext& ctx) {
  router.Add("GET", "/{lang}/",
             [&ctx](Request& req) {
               const std::string lang(LangCode(req.lang));
               const std::string name = ctx.locales ? ctx.locales->Get(req.lang, "app.name") : "Jospar";
               const std::string tagline = ctx.locales ? ctx.locales->Get(req.lang, "app.tagline") : "";
               return Response::Html(200, "<!doctype html>\n<html lang=\"" + lang +
                                              "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                                              "content=\"width=device-width, initial-scale=1\"><title>" +
                                              name + "</title></head><body><main id=\"main\"><h1>" + name +
                                              "</h1><p>" + tagline + "</p></main></body></html>\n");
             },
             {.summary = "Portal home page", .tag = "portal"});
}

}  // namespace jospar::web
