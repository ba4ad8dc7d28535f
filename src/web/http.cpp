#include "web/http.hpp"

#include <algorithm>
#include <cctype>

#include "web/multipart.hpp"

namespace jospar::web {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t pos = 0;
  if (!path.empty() && path[0] == '/') pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (IEquals(k, name)) return v;
  return {};
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return v;
  return std::nullopt;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  std::string_view all = Header("Cookie");
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find(';', pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view item = all.substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    size_t eq = item.find('=');
    if (eq != std::string_view::npos && item.substr(0, eq) == name) return std::string(item.substr(eq + 1));
    pos = end + 1;
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> Request::Form() const {
  std::string_view ct = Header("Content-Type");
  if (!MultipartBoundary(ct).empty()) {
    std::vector<std::pair<std::string, std::string>> fields;
    auto parts = ParseMultipart(ct, body);
    if (parts)
      for (auto& p : *parts)
        if (!p.is_file) fields.emplace_back(std::move(p.name), std::move(p.body));
    return fields;
  }
  if (ct.substr(0, 33) != "application/x-www-form-urlencoded") return {};
  return ParseQuery(body);
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (IEquals(k, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::GetHeader(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (IEquals(k, name)) return v;
  return {};
}

Response Response::Text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.SetHeader("Content-Type", std::move(content_type));
  return r;
}

Response Response::Html(int status, std::string body) {
  return Text(status, std::move(body), "text/html; charset=utf-8");
}

Response Response::JsonBody(int status, std::string json) {
  return Text(status, std::move(json), "application/json; charset=utf-8");
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 203:
      return "Non-Authoritative Information";
    case 204:
      return "No Content";
    case 205:
      return "Reset Content";
    case 206:
      return "Partial Content";
    case 300:
      return "Multiple Choices";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 407:
      return "Proxy Authentication Required";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 417:
      return "Expectation Failed";
    case 421:
      return "Misdirected Request";
    case 422:
      return "Unprocessable Entity";
    case 423:
      return "Locked";
    case 424:
      return "Failed Dependency";
    case 425:
      return "Too Early";
    case 426:
      return "Upgrade Required";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 451:
      return "Unavailable For Legal Reasons";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    case 507:
      return "Insufficient Storage";
    case 511:
      return "Network Authentication Required";
    default:
      return "Unknown";
  }
}

Response Response::Redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.SetHeader("Location", std::move(location));
  return r;
}

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  Route r{std::move(method), pattern, Split(pattern), std::move(handler), options};
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match m;
  m.index = routes_.size();
  const auto segs = Split(path);
  for (std::size_t route_index = 0; route_index < routes_.size(); ++route_index) {
    const auto& r = routes_[route_index];
    std::map<std::string, std::string> params;
    bool ok = true;
    size_t i = 0;
    for (; i < r.segments.size(); ++i) {
      const std::string& s = r.segments[i];
      const bool is_param = s.size() > 2 && s.front() == '{' && s.back() == '}';
      if (is_param && s.size() > 5 && s.compare(s.size() - 4, 4, "...}") == 0) {
        std::string rest;
        for (size_t j = i; j < segs.size(); ++j) rest += (j > i ? "/" : "") + segs[j];
        params[s.substr(1, s.size() - 5)] = rest;
        i = segs.size();
        break;
      }
      if (i >= segs.size()) {
        ok = false;
        break;
      }
      if (is_param) {
        if (segs[i].empty()) {
          ok = false;
          break;
        }
        params[s.substr(1, s.size() - 2)] = segs[i];
      } else if (s != segs[i]) {
        ok = false;
        break;
      }
    }
    if (!ok || i != segs.size()) continue;
    if (r.method != method && !(method == "HEAD" && r.method == "GET")) {
      m.path_matched = true;
      m.allowed_methods.push_back(r.method);
      continue;
    }
    m.handler = &r.handler;
    m.options = &r.options;
    m.index = route_index;
    m.pattern = r.pattern;
    m.params = std::move(params);
    return m;
  }
  return m;
}

std::vector<Router::RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  for (const auto& r : routes_) out.push_back({r.method, r.pattern, r.options});
  return out;
}

std::string UrlDecode(std::string_view s, bool plus_as_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_as_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::string UrlEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view qs) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < qs.size()) {
    size_t end = qs.find('&', pos);
    if (end == std::string_view::npos) end = qs.size();
    std::string_view item = qs.substr(pos, end - pos);
    if (!item.empty()) {
      size_t eq = item.find('=');
      if (eq == std::string_view::npos)
        out.emplace_back(UrlDecode(item, true), "");
      else
        out.emplace_back(UrlDecode(item.substr(0, eq), true), UrlDecode(item.substr(eq + 1), true));
    }
    pos = end + 1;
  }
  return out;
}

}  // namespace jospar::web
