#include "web/api/api.hpp"

#include <mutex>

#include "web/api/handlers.hpp"

namespace jospar::web::api {

void RegisterPlanApi(Router& router, AppContext& ctx);
void RegisterRefsApi(Router& router, AppContext& ctx);
void RegisterAccountsApi(Router& router, AppContext& ctx);
void RegisterPersonsApi(Router& router, AppContext& ctx);
void RegisterPersonalDataApi(Router& router, AppContext& ctx);
void RegisterCoherenceApi(Router& router, AppContext& ctx);
void RegisterDuplicatesApi(Router& router, AppContext& ctx);
void RegisterLegacyApi(Router& router, AppContext& ctx);
void RegisterLedgerApi(Router& router, AppContext& ctx);
void RegisterProgressApi(Router& router, AppContext& ctx);

void RegisterApi(Router& router, AppContext& ctx) {
  RegisterPlanApi(router, ctx);
  RegisterRefsApi(router, ctx);
  RegisterAccountsApi(router, ctx);
  RegisterPersonsApi(router, ctx);
  RegisterPersonalDataApi(router, ctx);
  RegisterCoherenceApi(router, ctx);
  RegisterDuplicatesApi(router, ctx);
  RegisterLegacyApi(router, ctx);
  RegisterLedgerApi(router, ctx);
  RegisterProgressApi(router, ctx);
  // Built on first request, from every route registered by then (the API's, the portal's and the core's).
  auto cached = std::make_shared<std::string>();
  auto once = std::make_shared<std::once_flag>();
  router.Add("GET", "/api/v1/openapi.json",
             [&router, cached, once](Request&) {
               std::call_once(*once, [&] { *cached = OpenApiDocument(router); });
               Response r = Response::JsonBody(200, *cached);
               r.SetHeader("Cache-Control", "public, max-age=300");
               return r;
             },
             {.api = true, .no_auth = true, .summary = "This OpenAPI 3 document", .tag = "meta"});
}

}  // namespace jospar::web::api
