// JSON API of accounts (admins): users and API tokens.
#include "core/accounts/access.hpp"
#include "core/accounts/repository.hpp"
#include "core/plan/repository.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"
#include "web/auth.hpp"

namespace jospar::web::api {

namespace {

// kUnauthenticated / kForbidden unless the caller is an admin.
Status RequireAdmin(const Request& req) {
  if (CanAdminister(req.principal)) return {};
  if (!req.principal.IsStaff()) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated");
  return Fail(ErrorCode::kForbidden, "error.forbidden");
}

RouteOptions Opt(const std::string& summary, const std::string& response, const std::string& request = "") {
  RouteOptions o{.api = true, .summary = summary, .tag = "accounts"};
  o.response_schema = response;
  o.request_schema = request;
  return o;
}

}  // namespace

void RegisterAccountsApi(Router& router, AppContext& ctx) {
  router.Add(
      "GET", "/api/v1/users",
      [&ctx](Request& req) {
        if (auto st = RequireAdmin(req); !st) return ErrorOf(ctx, req, st.error());
        auto list = WithRead(ctx, [&](Tx& tx) { return tx.accounts().ListUsers(); });
        if (!list) return ErrorOf(ctx, req, list.error());
        json items = json::array();
        for (const auto& u : *list) items.push_back(ToJson(u));
        return JsonResponse(200, {{"items", std::move(items)}});
      },
      Opt("List users (admins)", "UserList"));

  router.Add(
      "GET", "/api/v1/users/{id}",
      [&ctx](Request& req) {
        if (auto st = RequireAdmin(req); !st) return ErrorOf(ctx, req, st.error());
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto u = WithRead(ctx, [&](Tx& tx) { return tx.accounts().GetUser(*id); });
        if (!u) return ErrorOf(ctx, req, u.error());
        return JsonResponse(200, ToJson(*u));
      },
      Opt("One user (admins)", "User"));

  router.Add(
      "POST", "/api/v1/users",
      [&ctx](Request& req) {
        if (auto st = RequireAdmin(req); !st) return ErrorOf(ctx, req, st.error());
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        std::string name, password;
        Role role = Role::kAnonymous;
        std::optional<Id> body_id;
        Reader r(*body);
        r.Str("name", name, true);
        r.Enum("role", role, true, ParseRole, "admin, planner, executor");
        r.OptId("body_id", body_id);
        r.Str("password", password, false);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        const bool generated = password.empty();
        if (generated) password = Auth::GeneratePassword();
        auto u = ctx.auth->CreateUser(ctx.store, name, role, body_id, password);
        if (!u) return ErrorOf(ctx, req, u.error());
        json out = ToJson(*u);
        if (generated) out["password"] = password;  // shown once
        Response resp = JsonResponse(201, out);
        resp.SetHeader("Location", "/api/v1/users/" + std::to_string(u->id));
        resp.SetHeader("Cache-Control", "no-store");
        return resp;
      },
      Opt("Create a user (admins); a strong password is generated and returned once when none is given",
          "User", "UserInput"));

  router.Add(
      "PATCH", "/api/v1/users/{id}",
      [&ctx](Request& req) {
        if (auto st = RequireAdmin(req); !st) return ErrorOf(ctx, req, st.error());
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        auto current = WithRead(ctx, [&](Tx& tx) { return tx.accounts().GetUser(*id); });
        if (!current) return ErrorOf(ctx, req, current.error());
        User next = *current;
        std::string password;
        Reader r(*body);
        if (body->contains("role")) r.Enum("role", next.role, true, ParseRole, "admin, planner, executor");
        if (body->contains("body_id")) {
          next.body_id.reset();
          r.OptId("body_id", next.body_id);
        }
        r.Bool("disabled", next.disabled);
        r.Str("password", password, false);
        if (next.role == Role::kExecutor && !next.body_id) r.Bad("body_id", "error.field.required");
        if (next.role != Role::kExecutor && next.body_id) r.Bad("body_id", "error.field.unexpected");
        if (!password.empty() && password.size() < 12)
          r.Bad("password", "error.field.password_too_short", "12");
        if (next.id == req.principal.user_id && (next.disabled || next.role != Role::kAdmin))
          r.Bad("role", "error.field.read_only", "an admin cannot demote or disable themself");
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        if (!password.empty()) {
          auto h = ctx.auth->HashPassword(password);
          if (!h) return ErrorOf(ctx, req, h.error());
          next.password_hash = *h;
        }
        auto tx = ctx.store.Begin(TxMode::kWrite);
        if (!tx) return ErrorOf(ctx, req, tx.error());
        if (next.body_id) {
          auto b = (*tx)->plan().GetBody(*next.body_id);
          if (!b && b.error().code == ErrorCode::kNotFound)
            return ErrorOf(ctx, req,
                           Error{ErrorCode::kInvalidInput,
                                 "error.invalid_input",
                                 {},
                                 {{"body_id", "error.field.not_found", {}}}});
          if (!b) return ErrorOf(ctx, req, b.error());
        }
        auto st = (*tx)->accounts().UpdateUser(next);
        if (st) st = (*tx)->Commit();
        if (!st) return ErrorOf(ctx, req, st.error());
        return JsonResponse(200, ToJson(next));
      },
      Opt("Change a user's role, body, password or disabled flag (admins)", "User", "UserPatch"));

  router.Add(
      "POST", "/api/v1/tokens",
      [&ctx](Request& req) {
        if (auto st = RequireAdmin(req); !st) return ErrorOf(ctx, req, st.error());
        auto body = ParseObject(req.body);
        if (!body) return ErrorOf(ctx, req, body.error());
        Id user_id = 0;
        std::string name;
        Reader r(*body);
        r.ReqId("user_id", user_id);
        r.Str("name", name, true);
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto token = ctx.auth->CreateToken(ctx.store, user_id, name, ctx.clock());
        if (!token) {
          Error e = token.error();
          if (e.code == ErrorCode::kNotFound)
            e = Error{ErrorCode::kInvalidInput,
                      "error.invalid_input",
                      {},
                      {{"user_id", "error.field.not_found", {}}}};
          return ErrorOf(ctx, req, e);
        }
        Response resp = JsonResponse(
            201, {{"id", token->id}, {"token", token->token}, {"user_id", user_id}, {"name", name}});
        resp.SetHeader("Cache-Control", "no-store");
        return resp;
      },
      Opt("Create an API token for a user (admins); the token is shown once", "Token", "TokenInput"));

  router.Add(
      "DELETE", "/api/v1/tokens/{id}",
      [&ctx](Request& req) {
        if (auto st = RequireAdmin(req); !st) return ErrorOf(ctx, req, st.error());
        auto id = PathId(req);
        if (!id) return ErrorOf(ctx, req, id.error());
        auto tx = ctx.store.Begin(TxMode::kWrite);
        if (!tx) return ErrorOf(ctx, req, tx.error());
        auto st = (*tx)->accounts().DeleteApiToken(*id);
        if (st) st = (*tx)->Commit();
        if (!st) return ErrorOf(ctx, req, st.error());
        Response resp;
        resp.status = 204;
        return resp;
      },
      Opt("Revoke an API token (admins)", ""));
}

}  // namespace jospar::web::api
