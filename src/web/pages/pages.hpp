// The HTML portal: server-rendered pages under /{lang}/... (owned by the portal).
#pragma once

#include "web/context.hpp"
#include "web/http.hpp"

namespace jospar::web {

// Registers the portal's routes. HTML routes use patterns that start with "/{lang}/" (the middleware
// answers 404 for a {lang} other than kk, ru, en and has already set req.lang). Called once by Wire().
void RegisterPages(Router& router, AppContext& ctx);

}  // namespace jospar::web
