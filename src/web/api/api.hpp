// The JSON API under /api/v1: every entity of the plan registry, accounts and tokens, and the OpenAPI
// document generated from the router (/api/v1/openapi.json).
#pragma once

#include "web/context.hpp"
#include "web/http.hpp"

namespace jospar::web::api {

// Registers every /api/v1 route except /api/v1/session (see auth_routes.hpp).
void RegisterApi(Router& router, AppContext& ctx);

// The OpenAPI 3.0 document of every route of `router`, as JSON text.
std::string OpenApiDocument(const Router& router);

}  // namespace jospar::web::api
