// The server-rendered HTML portal: public pages under /{kk|ru|en}/..., staff pages and static files.
#pragma once

#include "web/context.hpp"
#include "web/http.hpp"

namespace jospar::web {

// Adds every portal route to `router`. `ctx.templates` and `ctx.locales` must be loaded and outlive the
// router. Public pages are GET routes; staff forms POST with the session's CSRF token.
void RegisterPages(Router& router, AppContext& ctx);

}  // namespace jospar::web
