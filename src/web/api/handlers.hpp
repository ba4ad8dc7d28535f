// Helpers shared by the JSON API handlers: responses, path and query parameters, versions (ETag /
// If-Match) and the generic get/create/update/delete flow of an entity. Handlers stay thin: parse the
// request, call a use case, map the result.
#pragma once

#include <charconv>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "core/plan/usecases/plan.hpp"
#include "web/api/json_io.hpp"
#include "web/context.hpp"
#include "web/error_mapping.hpp"
#include "web/http.hpp"

namespace jospar::web::api {

// JSON text of `j` (invalid UTF-8 from the store is replaced, never thrown).
std::string Dump(const json& j);
Response JsonResponse(int status, const json& j);
std::string ETagOf(std::int64_t version);

inline Response ErrorOf(const AppContext& ctx, const Request& req, const Error& e) {
  return ErrorResponse(ctx, req, e);
}

usecases::Caller CallerOf(const AppContext& ctx, const Request& req);

// The path parameter `name` as a positive id; kNotFound when it is not one.
Result<Id> PathId(const Request& req, const char* name = "id");

// The version a write is based on: If-Match (W/"7", "7" or 7), else the body's "version" field.
// kPreconditionRequired (428) when neither is given, kInvalidInput when malformed.
Result<std::int64_t> RequiredVersion(const Request& req, const json* body);
// Same, but absent is allowed (DELETE).
Result<std::optional<std::int64_t>> OptionalVersion(const Request& req, const json* body);

// Query parameters of a list: filters, sort, order, cursor, limit, q. Unknown names are errors.
class QueryReader {
 public:
  QueryReader(const Request& req, std::set<std::string> filters);
  std::optional<Id> IdParam(const char* name);
  std::optional<int> Int(const char* name);
  std::optional<std::string> Str(const char* name);
  bool Flag(const char* name);  // "true"/"1" -> true, "false"/"0"/absent -> false
  PageRequest Page(const char* default_sort = "code");
  std::string Search() { return Str("q").value_or(""); }
  template <class E, class P>
  std::optional<E> Enum(const char* name, P parse) {
    auto s = Str(name);
    if (!s) return std::nullopt;
    auto v = parse(*s);
    if (!v) errors_.push_back({name, "error.field.enum", {}});
    return v;
  }
  // Adds a problem with a parameter found by the caller.
  void Bad(std::string name, std::string key, std::string detail = {}) {
    errors_.push_back({std::move(name), std::move(key), std::move(detail)});
  }
  Status Finish();

 private:
  const Request& req_;
  std::set<std::string> allowed_;
  std::vector<FieldError> errors_;
};

template <class T>
json PageJson(const Page<T>& page) {
  json items = json::array();
  for (const auto& x : page.items) items.push_back(ToJson(x));
  return {{"items", std::move(items)},
          {"next_cursor", page.next_cursor.empty() ? json(nullptr) : json(page.next_cursor)},
          {"total", page.total}};
}

// Opens a read transaction and runs `fn(Tx&)` which returns Result<X>; maps errors.
template <class Fn>
auto WithRead(AppContext& ctx, Fn fn) -> decltype(fn(std::declval<Tx&>())) {
  auto tx = ctx.store.Begin(TxMode::kRead);
  if (!tx) return Fail(tx.error());
  return fn(**tx);
}

// The operations of one entity type for the generic handlers.
template <class T>
struct EntityOps {
  std::string collection;  // "/api/v1/documents"
  std::function<Result<T>(Tx&, Id)> get;
  std::function<Result<T>(Store&, const usecases::Caller&, T)> create;
  std::function<Result<T>(Store&, const usecases::Caller&, const T&)> update;
  std::function<Status(Store&, const usecases::Caller&, Id, std::optional<std::int64_t>)> remove;
};

template <class T>
Response GetEntity(AppContext& ctx, Request& req, const EntityOps<T>& ops) {
  auto id = PathId(req);
  if (!id) return ErrorOf(ctx, req, id.error());
  auto obj = WithRead(ctx, [&](Tx& tx) { return ops.get(tx, *id); });
  if (!obj) return ErrorOf(ctx, req, obj.error());
  const std::string etag = ETagOf(obj->version);
  if (req.Header("If-None-Match") == etag) {
    Response r;
    r.status = 304;
    r.SetHeader("ETag", etag);
    return r;
  }
  Response r = JsonResponse(200, ToJson(*obj));
  r.SetHeader("ETag", etag);
  return r;
}

template <class T>
Response CreateEntity(AppContext& ctx, Request& req, const EntityOps<T>& ops) {
  auto body = ParseObject(req.body);
  if (!body) return ErrorOf(ctx, req, body.error());
  T obj{};
  Reader r(*body);
  Read(r, obj);
  for (const char* f : ReadOnlyFields(obj)) r.Skip(f);
  for (const char* f : ReadOnlyFields(obj))
    if (body->contains(f) && !(*body)[f].is_null()) r.Bad(f, "error.field.read_only");
  if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
  auto created = ops.create(ctx.store, CallerOf(ctx, req), std::move(obj));
  if (!created) return ErrorOf(ctx, req, created.error());
  Response resp = JsonResponse(201, ToJson(*created));
  resp.SetHeader("Location", ops.collection + "/" + std::to_string(created->id));
  resp.SetHeader("ETag", ETagOf(created->version));
  return resp;
}

// PUT replaces every writable field (absent optional fields become empty); PATCH is a JSON merge patch
// (RFC 7396) over the current object. Read-only fields may be sent only with their current values.
template <class T>
Response UpdateEntity(AppContext& ctx, Request& req, const EntityOps<T>& ops, bool patch) {
  auto id = PathId(req);
  if (!id) return ErrorOf(ctx, req, id.error());
  auto body = ParseObject(req.body);
  if (!body) return ErrorOf(ctx, req, body.error());
  auto version = RequiredVersion(req, &*body);
  if (!version) return ErrorOf(ctx, req, version.error());
  auto current = WithRead(ctx, [&](Tx& tx) { return ops.get(tx, *id); });
  if (!current) return ErrorOf(ctx, req, current.error());
  const json current_json = ToJson(*current);
  json merged = *body;
  if (patch) {
    merged = current_json;
    merged.merge_patch(*body);
  }
  T next{};
  Reader r(merged);
  Read(r, next);
  for (const char* f : ReadOnlyFields(next)) {
    if (std::string_view(f) == "version") {
      r.Skip(f);
      continue;
    }
    r.ReadOnly(f, current_json[f]);
  }
  if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
  next.id = *id;
  next.version = *version;
  auto updated = ops.update(ctx.store, CallerOf(ctx, req), next);
  if (!updated) return ErrorOf(ctx, req, updated.error());
  Response resp = JsonResponse(200, ToJson(*updated));
  resp.SetHeader("ETag", ETagOf(updated->version));
  return resp;
}

template <class T>
Response DeleteEntity(AppContext& ctx, Request& req, const EntityOps<T>& ops) {
  auto id = PathId(req);
  if (!id) return ErrorOf(ctx, req, id.error());
  auto version = OptionalVersion(req, nullptr);
  if (!version) return ErrorOf(ctx, req, version.error());
  auto st = ops.remove(ctx.store, CallerOf(ctx, req), *id, *version);
  if (!st) return ErrorOf(ctx, req, st.error());
  Response resp;
  resp.status = 204;
  return resp;
}

// Registers GET/PUT/PATCH/DELETE {collection}/{id} and POST {collection}.
template <class T>
void RegisterCrud(Router& router, AppContext& ctx, EntityOps<T> ops, const std::string& schema,
                  const std::string& tag, const std::string& noun) {
  auto shared = std::make_shared<EntityOps<T>>(std::move(ops));
  const std::string item = shared->collection + "/{id}";
  RouteOptions o{.api = true, .tag = tag};
  o.summary = "Get one " + noun + " (ETag: W/\"version\")";
  o.response_schema = schema;
  router.Add(
      "GET", item, [&ctx, shared](Request& req) { return GetEntity(ctx, req, *shared); }, o);
  o.summary = "Create a " + noun + " (201 with Location)";
  o.request_schema = schema;
  router.Add(
      "POST", shared->collection, [&ctx, shared](Request& req) { return CreateEntity(ctx, req, *shared); },
      o);
  o.summary = "Replace a " + noun + " (If-Match or version required; 409 when stale, 428 when missing)";
  router.Add(
      "PUT", item, [&ctx, shared](Request& req) { return UpdateEntity(ctx, req, *shared, false); }, o);
  o.summary = "Change fields of a " + noun + " (JSON merge patch; If-Match or version required)";
  router.Add(
      "PATCH", item, [&ctx, shared](Request& req) { return UpdateEntity(ctx, req, *shared, true); }, o);
  o.summary = "Delete a " + noun;
  o.request_schema.clear();
  o.response_schema.clear();
  router.Add(
      "DELETE", item, [&ctx, shared](Request& req) { return DeleteEntity(ctx, req, *shared); }, o);
}

}  // namespace jospar::web::api
