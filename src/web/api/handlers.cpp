#include "web/api/handlers.hpp"

#include <cctype>

#include "formats/json_text.hpp"
#include "web/dispatch.hpp"

namespace jospar::web::api {

namespace {

// A single pass over the document. Strings (keys included) go through formats::AppendJsonString, which
// writes what nlohmann's dump() with error_handler_t::replace writes, invalid UTF-8 included.
void WriteValue(std::string& out, const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [k, v] : j.items()) {
        if (!first) out.push_back(',');
        first = false;
        formats::AppendJsonString(out, k);
        out.push_back(':');
        WriteValue(out, v);
      }
      out.push_back('}');
      return;
    }
    case json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& v : j) {
        if (!first) out.push_back(',');
        first = false;
        WriteValue(out, v);
      }
      out.push_back(']');
      return;
    }
    case json::value_t::string: {
      formats::AppendJsonString(out, j.get_ref<const std::string&>());
      return;
    }
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: {
      char buf[24];
      auto res = j.is_number_unsigned() ? std::to_chars(buf, buf + sizeof buf, j.get<std::uint64_t>())
                                        : std::to_chars(buf, buf + sizeof buf, j.get<std::int64_t>());
      out.append(buf, res.ptr);
      return;
    }
    default:  // null, booleans, floating point (nlohmann's shortest round-trip format), binary
      out += j.dump(-1, ' ', false, json::error_handler_t::replace);
      return;
  }
}

}  // namespace

std::string Dump(const json& j) {
  std::string out;
  out.reserve(1024);
  WriteValue(out, j);
  return out;
}

Response JsonResponse(int status, const json& j) { return Response::JsonBody(status, Dump(j)); }

std::string ETagOf(std::int64_t version) { return "W/\"" + std::to_string(version) + "\""; }

usecases::Caller CallerOf(const AppContext& ctx, const Request& req) {
  return usecases::Caller{req.principal, IsoTime(ctx.clock())};
}

namespace {

std::optional<std::int64_t> ParseInt(std::string_view s) {
  std::int64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Result<Id> PathId(const Request& req, const char* name) {
  auto it = req.params.find(name);
  if (it == req.params.end()) return Fail(ErrorCode::kNotFound, "error.not_found");
  auto v = ParseInt(it->second);
  if (!v || *v <= 0) return Fail(ErrorCode::kNotFound, "error.not_found", "not an id: " + it->second);
  return *v;
}

Result<std::optional<std::int64_t>> OptionalVersion(const Request& req, const json* body) {
  std::string_view h = req.Header("If-Match");
  if (!h.empty()) {
    if (h.substr(0, 2) == "W/") h.remove_prefix(2);
    if (h.size() >= 2 && h.front() == '"' && h.back() == '"') h = h.substr(1, h.size() - 2);
    auto v = ParseInt(h);
    if (!v || *v <= 0)
      return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {},
                  {{"If-Match", "error.field.version", {}}});
    return std::optional<std::int64_t>(*v);
  }
  if (body && body->contains("version") && !(*body)["version"].is_null()) {
    const json& v = (*body)["version"];
    if (!v.is_number_integer() || v.get<std::int64_t>() <= 0)
      return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {},
                  {{"version", "error.field.version", {}}});
    return std::optional<std::int64_t>(v.get<std::int64_t>());
  }
  return std::optional<std::int64_t>();
}

Result<std::int64_t> RequiredVersion(const Request& req, const json* body) {
  auto v = OptionalVersion(req, body);
  if (!v) return Fail(v.error());
  if (!*v)
    return Fail(ErrorCode::kPreconditionRequired, "error.precondition_required", {},
                {{"version", "error.field.required", {}}});
  return **v;
}

QueryReader::QueryReader(const Request& req, std::set<std::string> filters)
    : req_(req), allowed_(std::move(filters)) {
  for (const auto& [k, v] : req.query)
    if (!allowed_.count(k)) errors_.push_back({k, "error.field.query_unknown", {}});
}

std::optional<std::string> QueryReader::Str(const char* name) { return req_.Query(name); }

std::optional<Id> QueryReader::IdParam(const char* name) {
  auto s = Str(name);
  if (!s) return std::nullopt;
  auto v = ParseInt(*s);
  if (!v || *v <= 0) {
    errors_.push_back({name, "error.field.type_integer", "id > 0"});
    return std::nullopt;
  }
  return *v;
}

std::optional<int> QueryReader::Int(const char* name) {
  auto s = Str(name);
  if (!s) return std::nullopt;
  auto v = ParseInt(*s);
  if (!v || *v < INT32_MIN || *v > INT32_MAX) {
    errors_.push_back({name, "error.field.type_integer", {}});
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

bool QueryReader::Flag(const char* name) {
  auto s = Str(name);
  if (!s) return false;
  if (*s == "true" || *s == "1" || s->empty()) return true;
  if (*s == "false" || *s == "0") return false;
  errors_.push_back({name, "error.field.type_boolean", {}});
  return false;
}

PageRequest QueryReader::Page(const char* default_sort) {
  PageRequest p;
  p.sort = Str("sort").value_or(default_sort);
  if (auto o = Str("order")) {
    if (*o == "desc")
      p.descending = true;
    else if (*o != "asc")
      errors_.push_back({"order", "error.field.enum", "asc, desc"});
  }
  p.cursor = Str("cursor").value_or("");
  if (auto l = Int("limit")) {
    if (*l < 1 || *l > 500)
      errors_.push_back({"limit", "error.field.enum", "1-500"});
    else
      p.limit = *l;
  }
  p.lang = req_.lang;
  return p;
}

Status QueryReader::Finish() {
  if (errors_.empty()) return {};
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {}, std::move(errors_));
}

}  // namespace jospar::web::api
