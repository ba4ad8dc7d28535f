#include "web/dispatch.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#include <strings.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/base/text.hpp"
#include "formats/json_text.hpp"
#include "web/auth.hpp"
#include "web/client_address.hpp"
#include "web/error_mapping.hpp"
#include "web/i18n.hpp"
#include "web/metrics.hpp"

namespace jospar::web {

namespace {

std::string NewRequestId() {
  static const std::string prefix = RandomHex(4);
  static std::atomic<std::uint64_t> counter{0};
  return fmt::format("{}-{:08x}", prefix, counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

bool IsUnsafe(std::string_view m) { return m != "GET" && m != "HEAD" && m != "OPTIONS"; }

Lang ResolveLang(Request& req) {
  std::string_view path = req.path;
  if (path.size() >= 3 && path[0] == '/' && (path.size() == 3 || path[3] == '/')) {
    std::string_view seg = path.substr(1, 2);
    if (seg == "kk" || seg == "ru" || seg == "en") {
      req.lang_from_url = true;
      return *ParseLang(seg);
    }
  }
  if (auto c = req.Cookie("lang")) {
    if (c->size() == 2)
      if (auto l = ParseLang(*c)) return *l;
  }
  if (auto h = req.Header("Accept-Language"); !h.empty())
    if (auto l = LangFromAcceptLanguage(h)) return *l;
  // Kazakh is the state language and the first language of the portal; ru and en readers are served
  // by the URL prefix, the lang cookie or their browser's Accept-Language.
  return Lang::kKk;
}

void AddSecurityHeaders(Response& resp) {
  resp.SetHeader("Content-Security-Policy",
                 "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  resp.SetHeader("X-Content-Type-Options", "nosniff");
  resp.SetHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  resp.SetHeader("X-Frame-Options", "DENY");
}

std::string FormatBytes(std::size_t n) {
  if (n >= (1u << 20) && n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
  if (n >= 1024 && n % 1024 == 0) return std::to_string(n >> 10) + " KiB";
  return std::to_string(n) + " B";
}

Response Handle(AppContext& ctx, const Router& router, Request& req, std::size_t& route_index,
                bool& clear_session_cookie) {
  req.lang = ResolveLang(req);
  if (req.path.find('\0') != std::string::npos || !IsValidUtf8(req.path) || req.path.empty() ||
      req.path[0] != '/')
    return ErrorResponse(ctx, req, Error{ErrorCode::kInvalidInput, "error.bad_path", "path", {}});

  Router::Match m = router.Find(req.method, req.path);
  route_index = m.index;
  if (!m.handler) {
    if (m.path_matched) {
      std::string allow;
      bool has_get = false;
      for (const auto& a : m.allowed_methods) {
        if (allow.find(a) != std::string::npos) continue;
        if (!allow.empty()) allow += ", ";
        allow += a;
        has_get = has_get || a == "GET";
      }
      if (has_get) allow += ", HEAD";
      Error e{ErrorCode::kMethodNotAllowed, "error.method_not_allowed", req.method, {}};
      Response r = ErrorResponse(ctx, req, e);
      r.SetHeader("Allow", allow);
      return r;
    }
    return ErrorResponse(ctx, req, Error{ErrorCode::kNotFound, "error.route_not_found", {}, {}});
  }
  req.route = m.pattern;
  req.params = std::move(m.params);
  const RouteOptions& opt = *m.options;
  if (auto it = req.params.find("lang"); it != req.params.end()) {
    if (it->second != "kk" && it->second != "ru" && it->second != "en")
      return ErrorResponse(ctx, req, Error{ErrorCode::kNotFound, "error.route_not_found", {}, {}});
  }

  const std::size_t limit = opt.upload ? ctx.config.upload_body_limit : ctx.config.json_body_limit;
  if (req.body.size() > limit)
    return ErrorResponse(
        ctx, req, Error{ErrorCode::kPayloadTooLarge, "error.payload_too_large", FormatBytes(limit), {}});
  if (!opt.upload && !IsValidUtf8(req.body))
    return ErrorResponse(
        ctx, req,
        Error{ErrorCode::kInvalidInput, "error.invalid_utf8", "body", {{"body", "error.invalid_utf8", {}}}});
  for (const auto& [k, v] : req.query) {
    if (!IsValidUtf8(k) || !IsValidUtf8(v) || k.find('\0') != std::string::npos ||
        v.find('\0') != std::string::npos)
      return ErrorResponse(ctx, req,
                           Error{ErrorCode::kInvalidInput,
                                 "error.invalid_utf8",
                                 "query",
                                 {{"query", "error.invalid_utf8", {}}}});
  }

  const bool unsafe = IsUnsafe(req.method);
  if (unsafe && ctx.limiter) {
    int retry = 0;
    if (!ctx.limiter->Allow(req.remote_addr, retry))
      return ErrorResponse(ctx, req,
                           Error{ErrorCode::kRateLimited, "error.rate_limited", std::to_string(retry), {}});
  }

  if (!opt.no_auth && ctx.auth) {
    bool expired = false;
    auto st = ctx.auth->Authenticate(ctx.store, req, ctx.clock(), expired);
    if (!st) return ErrorResponse(ctx, req, st.error());
    clear_session_cookie = expired;
    // Deny by default: whose role requires a second factor reaches nothing but its enrolment first.
    if (req.must_enrol && !opt.enrolment_ok) {
      if (!opt.api && req.method == "GET")
        return Response::Redirect("/" + std::string(LangCode(req.lang)) + "/account/second-factor");
      return ErrorResponse(ctx, req, Error{ErrorCode::kForbidden, "error.second_factor_enrol", {}, {}});
    }
  }

  if (unsafe && req.session && !opt.csrf_exempt) {
    std::string presented(req.Header("X-CSRF-Token"));
    if (presented.empty()) {
      for (const auto& [k, v] : req.Form())
        if (k == "csrf_token") presented = v;
    }
    if (presented.empty() || !ConstantTimeEquals(presented, req.csrf_token))
      return ErrorResponse(ctx, req, Error{ErrorCode::kForbidden, "error.csrf", {}, {}});
  }

  if (opt.api && unsafe && !req.body.empty() && !opt.upload) {
    std::string_view ct = req.Header("Content-Type");
    if (ct.substr(0, 16) != "application/json")
      return ErrorResponse(ctx, req,
                           Error{ErrorCode::kUnsupportedMediaType, "error.unsupported_media_type", {}, {}});
  }
  return (*m.handler)(req);
}

}  // namespace

void LogEvent(int level, std::string_view msg,
              std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  const auto lvl = static_cast<spdlog::level::level_enum>(level);
  if (!spdlog::should_log(lvl)) return;
  std::string line;
  line.reserve(200);
  line += "{\"ts\":";
  formats::AppendJsonString(line, IsoTime(SystemClock()));
  line += ",\"level\":";
  const auto level_name = spdlog::level::to_string_view(lvl);
  formats::AppendJsonString(line, std::string_view(level_name.data(), level_name.size()));
  line += ",\"msg\":";
  formats::AppendJsonString(line, msg);
  for (const auto& [k, v] : fields) {
    line += ',';
    formats::AppendJsonString(line, k);
    line += ':';
    formats::AppendJsonString(line, v);
  }
  line += '}';
  spdlog::log(lvl, "{}", line);
}

Response Dispatch(AppContext& ctx, const Router& router, Request& req) {
  const auto t0 = std::chrono::steady_clock::now();
  req.request_id = NewRequestId();
  if (req.peer_addr.empty()) req.peer_addr = req.remote_addr;
  if (ctx.trusted_proxies && !ctx.trusted_proxies->empty()) {
    std::vector<std::string_view> forwarded_for;
    for (const auto& [k, v] : req.headers)
      if (k.size() == 15 && strncasecmp(k.c_str(), "X-Forwarded-For", 15) == 0) forwarded_for.push_back(v);
    req.remote_addr = ClientAddress(*ctx.trusted_proxies, req.peer_addr, forwarded_for);
  }
  std::size_t route_index = static_cast<std::size_t>(-1);
  bool clear_session_cookie = false;
  Response resp;
  try {
    resp = Handle(ctx, router, req, route_index, clear_session_cookie);
  } catch (const std::exception& e) {
    if (ctx.metrics) ctx.metrics->CountException();
    LogEvent(spdlog::level::err, "unhandled exception",
             {{"request_id", req.request_id}, {"route", req.route}, {"what", e.what()}});
    resp = ErrorResponse(ctx, req, Error{ErrorCode::kInternal, "error.internal", {}, {}});
  } catch (...) {
    if (ctx.metrics) ctx.metrics->CountException();
    LogEvent(spdlog::level::err, "unhandled exception",
             {{"request_id", req.request_id}, {"route", req.route}});
    resp = ErrorResponse(ctx, req, Error{ErrorCode::kInternal, "error.internal", {}, {}});
  }
  if (clear_session_cookie)
    resp.AddHeader("Set-Cookie", Auth::ClearSessionCookie(ctx.config.secure_cookies || req.tls));
  AddSecurityHeaders(resp);
  if (req.principal.IsSignedIn() && resp.GetHeader("Cache-Control").empty())
    resp.SetHeader("Cache-Control", "no-store");
  resp.SetHeader("X-Request-Id", req.request_id);
  if (req.method == "HEAD") resp.body.clear();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (ctx.metrics) ctx.metrics->Observe(route_index, resp.status, seconds);
  if (ctx.config.log_requests && spdlog::should_log(spdlog::level::info)) {
    const std::string status = std::to_string(resp.status);
    const std::string ms = fmt::format("{:.3f}", seconds * 1000);
    LogEvent(spdlog::level::info, "request",
             {{"request_id", req.request_id},
              {"method", req.method},
              {"route", req.route.empty() ? std::string_view("unmatched") : std::string_view(req.route)},
              {"status", status},
              {"duration_ms", ms}});
  }
  return resp;
}

}  // namespace jospar::web
