// Jospar's own HTTP request/response types and router. Handlers see only these; RESTinio's headers stay
// inside server.cpp.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/accounts/access.hpp"
#include "core/accounts/accounts.hpp"
#include "core/base/text.hpp"

namespace jospar::web {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;        // "GET", "POST", ...
  std::string path;          // decoded path without the query, e.g. "/en/indicators/12"
  std::string query_string;  // raw, without '?'
  std::vector<std::pair<std::string, std::string>> query;  // decoded query parameters, in order
  Headers headers;
  std::string body;
  // The client's address: the socket peer, or, when the peer is a trusted proxy
  // (WebConfig::trusted_proxies), the address that proxy forwarded in X-Forwarded-For. Throttling and
  // the access rules by address use this one.
  std::string remote_addr;
  std::string peer_addr;  // the socket peer as it connected (the proxy, behind one); empty in tests
  bool tls = false;

  // Set by the router and the middleware before a handler runs.
  std::map<std::string, std::string> params;  // path parameters, e.g. {"id": "12"}
  std::string request_id;
  std::string route;  // the matched route pattern, e.g. "/api/v1/indicators/{id}"
  Lang lang = Lang::kEn;
  bool lang_from_url = false;
  Principal principal;  // anonymous unless a valid session or token was presented
  std::optional<Session> session;
  std::string csrf_token;  // the session's CSRF token, for forms (empty when anonymous)
  // A session's user whose role requires a second factor (accounts::RequiresSecondFactor) has none switched
  // on yet: only routes with RouteOptions::enrolment_ok answer them. (API tokens are not affected.)
  bool must_enrol = false;

  // Case-insensitive header lookup; empty when absent.
  std::string_view Header(std::string_view name) const;
  // First query parameter with this name, or nullopt.
  std::optional<std::string> Query(std::string_view name) const;
  // Cookie value by name, or nullopt.
  std::optional<std::string> Cookie(std::string_view name) const;
  // Decoded application/x-www-form-urlencoded body, or the text fields (not the files) of a
  // multipart/form-data body (empty when the content type is neither or the body is malformed).
  std::vector<std::pair<std::string, std::string>> Form() const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;

  // Replaces a header of this name (case-insensitive) or adds it.
  void SetHeader(std::string name, std::string value);
  // Adds a header even when one of this name exists (Set-Cookie).
  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  std::string_view GetHeader(std::string_view name) const;

  static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response Html(int status, std::string body);
  static Response JsonBody(int status, std::string json);
  static Response Redirect(std::string location, int status = 303);
};

using Handler = std::function<Response(Request&)>;

// Options of a route, used by the middleware.
struct RouteOptions {
  bool api = false;          // JSON API route: errors as JSON, 1 MiB body limit
  bool upload = false;       // multipart/file upload: 50 MiB body limit
  bool csrf_exempt = false;  // e.g. the login form, which has its own pre-session token
  bool no_auth = false;      // never looks at who calls (static files, probes): authentication is skipped
  // For the OpenAPI document (src/web/api/openapi.cpp): a one-line summary, a tag grouping the route,
  // the component schema of the JSON request body and of the response (empty: none / not JSON).
  std::string summary{};
  std::string tag{};
  std::string request_schema{};
  std::string response_schema{};
  // Answers a signed-in user who must enrol a second factor first (Request::must_enrol): sign-out, the
  // session, and the enrolment itself. Every other route refuses them (deny by default).
  bool enrolment_ok = false;
};

// Patterns are literal segments and "{name}" segments, e.g. "/api/v1/documents/{id}/goals".
// A "{name...}" last segment matches the rest of the path (for static files).
class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

  struct Match {
    const Handler* handler = nullptr;
    const RouteOptions* options = nullptr;
    std::string pattern;
    std::map<std::string, std::string> params;
    bool path_matched = false;  // some route matched the path but not the method (405)
    std::vector<std::string> allowed_methods;
    std::size_t index = 0;  // position of the matched route in Routes(); Routes().size() when none
  };
  Match Find(std::string_view method, std::string_view path) const;

  struct RouteInfo {
    std::string method;
    std::string pattern;
    RouteOptions options;
  };
  std::vector<RouteInfo> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    RouteOptions options;
  };
  std::vector<Route> routes_;
};

// The reason phrase of an HTTP status for the status line ("Not Found" for 404); "Unknown" for a code
// this server never sends.
std::string_view ReasonPhrase(int status);

// Percent-decoding; '+' becomes ' ' when `plus_as_space`. Invalid escapes are kept literally.
std::string UrlDecode(std::string_view s, bool plus_as_space);
std::string UrlEncode(std::string_view s);
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view qs);

}  // namespace jospar::web
