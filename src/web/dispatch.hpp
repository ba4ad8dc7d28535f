// The transport-neutral entry point of the web layer: server.cpp converts each HTTP request into a
// web::Request and calls Dispatch; tests call it in-process without sockets.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/base/text.hpp"  // IsValidUtf8
#include "web/context.hpp"
#include "web/http.hpp"

namespace jospar::web {

// Runs the middleware and the matched handler and returns the complete response. Never throws: an
// exception from a handler is logged with the request id and answered with 500 without internals.
// Middleware, in order: request id; path checks (NUL, invalid UTF-8 -> 400); language (URL prefix
// /kk/ /ru/ /en/, then the `lang` cookie, then Accept-Language, then kk); route match (404, 405 with
// Allow); body limit (413); UTF-8 of the body and query (400); rate limit of unsafe methods (429);
// authentication (Bearer token or session cookie); CSRF of unsafe cookie-authenticated requests (403);
// JSON content type of API writes (415); the handler; security headers, X-Request-Id, metrics and one
// structured log line.
Response Dispatch(AppContext& ctx, const Router& router, Request& req);

// Registers every route of Jospar (probes, metrics, static files, sign-in, the JSON API and the portal
// pages) and creates the services of `ctx` that are still null (auth, metrics, rate limiter). `router`
// must outlive every request.
void Wire(AppContext& ctx, Router& router);

// Serves a file under ctx.config.static_dir; `rel` is the path below /static/. 404 for anything that is
// not a regular file inside the directory ("..", ".", hidden names, absolute paths, backslashes); 400 for
// NUL. Sends ETag and Cache-Control and answers If-None-Match with 304.
Response ServeStatic(const AppContext& ctx, const Request& req, const std::string& rel);

// Writes one JSON log line {"ts":..,"level":..,"msg":..,<fields>} through spdlog. Values are escaped.
void LogEvent(int level, std::string_view msg,
              std::initializer_list<std::pair<std::string_view, std::string_view>> fields);

}  // namespace jospar::web
