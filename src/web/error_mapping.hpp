// The one place where ErrorCode becomes an HTTP status and a body: JSON for API routes, an HTML page for
// portal routes (through AppContext::html_error, or a minimal accessible page).
#pragma once

#include <string>

#include "core/base/error.hpp"
#include "web/context.hpp"
#include "web/http.hpp"

namespace jospar::web {

// The HTTP status of every code: 400, 401, 403, 404, 405, 409, 413, 415, 422, 428, 429, 503, 500. The
// status depends on the code alone, never on the message key.
int HttpStatus(ErrorCode code);

// True for requests answered in JSON: paths under /api/.
bool IsApiRequest(const Request& req);

// The message of `error` in the request's language: its message_key when translated, else the generic
// message of its code. `{limit}` and similar placeholders are filled from error.detail where used.
std::string ErrorMessage(const AppContext& ctx, Lang lang, const Error& error);

// The complete response for an error. kUnavailable adds Retry-After: 5; kRateLimited adds Retry-After
// from error.detail (seconds) when it is a number. kInternal never shows its detail.
Response ErrorResponse(const AppContext& ctx, const Request& req, const Error& error);

// Minimal accessible HTML error page (used when the portal set no hook).
std::string MinimalErrorPage(Lang lang, int status, const std::string& message,
                             const std::string& request_id);

}  // namespace jospar::web
