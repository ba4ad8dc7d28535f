// JSON API of accounts (admins): users and API tokens.
#include "core/accounts/repository.hpp"
#include "core/accounts/usecases.hpp"
#include "web/api/api.hpp"
#include "web/api/handlers.hpp"
#include "web/auth.hpp"

namespace jospar::web::api {

namespace {

// kUnauthenticated / kForbidden unless the caller is an admin (the rule of core/accounts).
Status RequireAdmin(const Request& req) { return accounts::RequireAdmin(req.principal); }

accounts::AccountCaller AccountCallerOf(const AppContext& ctx, const Request& req) {
  return {req.principal, CallerOf(ctx, req).now};
}

accounts::PasswordHasher Hasher(const AppContext& ctx) {
  return [&ctx](std::string_view password) { return ctx.auth->HashPassword(password); };
}

Response UserResponse(int status, const User& u, json out) {
  Response resp = JsonResponse(status, out);
  resp.SetHeader("ETag", ETagOf(u.version));
  resp.SetHeader("Cache-Control", "no-store");
  return resp;
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
        return UserResponse(200, *u, ToJson(*u));
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
        auto u = accounts::CreateUser(ctx.store, AccountCallerOf(ctx, req), {name, role, body_id, password},
                                      Hasher(ctx));
        if (!u) return ErrorOf(ctx, req, u.error());
        json out = ToJson(*u);
        if (generated) out["password"] = password;  // shown once
        Response resp = UserResponse(201, *u, out);
        resp.SetHeader("Location", "/api/v1/users/" + std::to_string(u->id));
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
        auto version = RequiredVersion(req, &*body);
        if (!version) return ErrorOf(ctx, req, version.error());
        accounts::UserChange change;
        change.version = *version;
        Reader r(*body);
        if (body->contains("role")) {
          Role role = Role::kAnonymous;
          r.Enum("role", role, true, ParseRole, "admin, planner, executor");
          change.role = role;
        }
        if (body->contains("body_id")) {
          change.set_body = true;
          r.OptId("body_id", change.body_id);
        }
        if (body->contains("disabled")) {
          bool disabled = false;
          r.Bool("disabled", disabled);
          change.disabled = disabled;
        }
        r.Str("password", change.password, false);
        r.Skip("version");
        if (auto st = r.Finish(); !st) return ErrorOf(ctx, req, st.error());
        auto u = accounts::ChangeUser(ctx.store, AccountCallerOf(ctx, req), *id, change, Hasher(ctx));
        if (!u) return ErrorOf(ctx, req, u.error());
        return UserResponse(200, *u, ToJson(*u));
      },
      Opt("Change a user's role, body, password or disabled flag (admins; If-Match or version required, 409 "
          "when stale; the user's sessions end)",
          "User", "UserPatch"));

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
