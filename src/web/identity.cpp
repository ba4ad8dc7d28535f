// The sign-in providers' registry and the sign-in route of external identities.
#include "web/identity.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/ledger/hash.hpp"
#include "web/error_mapping.hpp"

namespace jospar::web {

void SignInMethods::Add(std::shared_ptr<IdentityProvider> provider) {
  const std::string name(provider->Name());
  if (!ValidProviderName(name) || name == kLocal || external_.contains(name))
    throw std::invalid_argument("sign-in provider name invalid or taken: " + name);
  external_.emplace(name, std::move(provider));
}

std::vector<std::string> SignInMethods::Names() const {
  std::vector<std::string> out{std::string(kLocal)};
  for (const auto& [name, p] : external_) out.push_back(name);
  return out;
}

bool SignInMethods::Has(std::string_view name) const { return name == kLocal || external_.contains(name); }

Result<Auth::LoginResult> SignInMethods::SignIn(AppContext& ctx, std::string_view name,
                                                const SignInAttempt& attempt,
                                                std::optional<std::string> previous_session_hash) const {
  if (name == kLocal)  // the built-in provider: a thin adapter over the local accounts' sign-in
    return ctx.auth->Login(ctx.store, attempt.Field("name"), attempt.Field("password"), attempt.client,
                           attempt.now, std::move(previous_session_hash));
  auto it = external_.find(name);
  if (it == external_.end()) return Fail(ErrorCode::kNotFound, "error.identity_provider");
  auto identity = it->second->Verify(attempt);
  if (!identity) return Fail(identity.error());
  if (identity->provider != it->first)  // a provider vouches only for its own subjects
    return Fail(ErrorCode::kUnauthenticated, "error.login_failed");
  Result<User> user = Fail(ErrorCode::kInternal, "error.internal");
  {
    auto tx = ctx.store.Begin(TxMode::kRead);
    if (!tx) return Fail(tx.error());
    user = accounts::LinkedAccount(**tx, *identity);
  }
  if (!user) return Fail(user.error());
  return ctx.auth->StartSessionFor(ctx.store, *user, attempt.now, previous_session_hash);
}

void RegisterIdentityRoutes(Router& router, AppContext& ctx) {
  RouteOptions o{
      .api = true, .csrf_exempt = true, .tag = "session", .enrolment_ok = true};  // as /api/v1/session
  o.summary =
      "Sign in with a registered identity provider (\"local\" or an external one): a JSON object of "
      "the provider's string fields; an external identity signs in only to the account linked to it";
  o.response_schema = "SessionInfo";
  router.Add(
      "POST", "/api/v1/session/identity/{provider}",
      [&ctx](Request& req) {
        using nlohmann::json;
        json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object())
          return ErrorResponse(ctx, req,
                               Error{ErrorCode::kInvalidInput,
                                     "error.malformed_json",
                                     {},
                                     {{"body", "error.field.malformed_json", {}}}});
        SignInAttempt attempt;
        attempt.client = req.remote_addr;
        attempt.now = ctx.clock();
        std::vector<FieldError> errors;
        for (auto it = body.begin(); it != body.end(); ++it) {
          if (!it->is_string())
            errors.push_back({it.key(), "error.field.type_string", {}});
          else
            attempt.fields.emplace_back(it.key(), it->get<std::string>());
        }
        if (!errors.empty())
          return ErrorResponse(ctx, req, Error{ErrorCode::kInvalidInput, "error.invalid_input", {}, errors});
        std::optional<std::string> previous;
        if (auto c = req.Cookie(kSessionCookie); c && !c->empty()) previous = ledger::Sha256Hex(*c);
        auto r = ctx.sign_in->SignIn(ctx, req.params["provider"], attempt, previous);
        if (!r) return ErrorResponse(ctx, req, r.error());
        if (r->second_step) {  // the local form's two steps are served by /api/v1/session
          ctx.auth->DropSecondStep(ctx.store, r->pending_token);
          return ErrorResponse(ctx, req,
                               Error{ErrorCode::kUnauthenticated, "error.second_factor_required", {}, {}});
        }
        json out;
        out["user"] = {{"id", r->user.id},
                       {"name", r->user.name},
                       {"role", std::string(ToString(r->user.role))},
                       {"body_id", r->user.body_id ? json(*r->user.body_id) : json(nullptr)}};
        out["csrf_token"] = r->session.csrf_token;
        Response resp = Response::JsonBody(200, out.dump());
        resp.AddHeader("Set-Cookie",
                       ctx.auth->SessionCookie(r->cookie_value, ctx.config.secure_cookies || req.tls));
        resp.SetHeader("Cache-Control", "no-store");
        return resp;
      },
      o);
}

}  // namespace jospar::web
