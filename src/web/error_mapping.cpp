#include "web/error_mapping.hpp"
#include "web/html.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

#include "web/i18n.hpp"

namespace jospar::web {

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnprocessable:
      return 422;
    case ErrorCode::kPreconditionRequired:
      return 428;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUnsupportedMediaType:
      return 415;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

bool IsApiRequest(const Request& req) { return req.path.rfind("/api/", 0) == 0 || req.path == "/api"; }

namespace {

const std::string& Lookup(const AppContext& ctx, Lang lang, const std::string& key,
                          const std::string& fallback) {
  if (ctx.locales && !key.empty() && ctx.locales->Has(lang, key)) return ctx.locales->Get(lang, key);
  return fallback;
}

std::string Generic(const AppContext& ctx, Lang lang, ErrorCode code) {
  const std::string key = std::string("error.code.") + ErrorCodeName(code);
  if (ctx.locales) return ctx.locales->Get(lang, key);
  return key;
}

std::string Escape(const std::string& s) { return HtmlEscape(s); }

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!std::isdigit(c)) return false;
  return true;
}

}  // namespace

std::string ErrorMessage(const AppContext& ctx, Lang lang, const Error& error) {
  const std::string generic = Generic(ctx, lang, error.code);
  std::string msg = Lookup(ctx, lang, error.message_key, generic);
  if (error.code == ErrorCode::kPayloadTooLarge) {
    const auto pos = msg.find("{limit}");
    if (pos != std::string::npos) msg.replace(pos, 7, error.detail);
  }
  return msg;
}

std::string MinimalErrorPage(Lang lang, int status, const std::string& message,
                             const std::string& request_id) {
  std::string code(LangCode(lang));
  return "<!doctype html>\n<html lang=\"" + code +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\"><title>" +
         std::to_string(status) +
         " - Jospar</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
         "<body><main id=\"main\"><h1>" +
         std::to_string(status) + "</h1><p role=\"alert\">" + Escape(message) + "</p><p><a href=\"/" + code +
         "/\">Jospar</a></p><p><small>" + Escape(request_id) + "</small></p></main></body></html>\n";
}

Response ErrorResponse(const AppContext& ctx, const Request& req, const Error& error) {
  const int status = HttpStatus(error.code);
  const std::string message = ErrorMessage(ctx, req.lang, error);
  Response resp;
  if (IsApiRequest(req)) {
    nlohmann::json body;
    auto& e = body["error"];
    e["code"] = ErrorCodeName(error.code);
    e["message"] = message;
    // Details of other codes may come from the database driver: never shown.
    if (!error.detail.empty() &&
        (error.code == ErrorCode::kInvalidInput || error.code == ErrorCode::kPayloadTooLarge ||
         error.code == ErrorCode::kRateLimited))
      e["detail"] = error.detail;
    auto fields = nlohmann::json::array();
    for (const auto& f : error.fields) {
      nlohmann::json fj;
      fj["field"] = f.field;
      fj["message"] = ctx.locales ? ctx.locales->Get(req.lang, f.message_key) : f.message_key;
      fj["code"] = f.message_key;
      if (!f.detail.empty()) fj["detail"] = f.detail;
      fields.push_back(std::move(fj));
    }
    e["fields"] = std::move(fields);
    e["request_id"] = req.request_id;
    resp = Response::JsonBody(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    std::string page;
    if (ctx.html_error) {
      try {
        page = ctx.html_error(req, status, message);
      } catch (...) {
        page.clear();
      }
    }
    if (page.empty()) page = MinimalErrorPage(req.lang, status, message, req.request_id);
    resp = Response::Html(status, std::move(page));
  }
  if (error.code == ErrorCode::kUnavailable) resp.SetHeader("Retry-After", "5");
  if (error.code == ErrorCode::kRateLimited)
    resp.SetHeader("Retry-After", AllDigits(error.detail) ? error.detail : "60");
  if (error.code == ErrorCode::kUnauthenticated && IsApiRequest(req))
    resp.SetHeader("WWW-Authenticate", "Bearer realm=\"jospar\"");
  return resp;
}

}  // namespace jospar::web
