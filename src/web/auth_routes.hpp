// Sign-in and sign-out: the HTML form (GET/POST /{lang}/login, POST /{lang}/logout) and the JSON session
// endpoint (/api/v1/session).
#pragma once

#include "web/context.hpp"
#include "web/http.hpp"

namespace jospar::web {

void RegisterAuthRoutes(Router& router, AppContext& ctx);

// Two-factor sign-in (web/accounts/routes_second_factor.cpp): enrolment, switching off, an admin's
// reset, as JSON API and account pages.
void RegisterSecondFactorRoutes(Router& router, AppContext& ctx);

// Notifications of the signed-in user (web/accounts/routes_notifications.cpp): list, read marks and
// settings as JSON API.
void RegisterNotificationRoutes(Router& router, AppContext& ctx);

}  // namespace jospar::web
