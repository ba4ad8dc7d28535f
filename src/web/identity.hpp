// The registry of sign-in providers: Jospar's own accounts (name and password, then TOTP: Auth::Login) are
// the built-in provider "local"; an external identity provider (a national sign-in service such as the
// eGov IDP) implements accounts::IdentityProvider (core/accounts/identity.hpp) and is added here by the
// app's wiring. Every provider ends in the same place: a session of the account, exactly as a local
// sign-in. An external identity signs in only to the account linked to it (identity_links); an unlinked
// one is refused and no account is created. Thread-safe once wiring is done (Add only before serving).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/identity.hpp"
#include "web/auth.hpp"
#include "web/context.hpp"

namespace jospar::web {

class SignInMethods {
 public:
  static constexpr std::string_view kLocal = "local";

  // Adds an external provider under provider->Name(). Throws std::invalid_argument for an invalid or taken
  // name ("local" is the built-in one).
  void Add(std::shared_ptr<IdentityProvider> provider);
  // The registered names, "local" first.
  std::vector<std::string> Names() const;
  bool Has(std::string_view name) const;

  // Signs in with provider `name`. "local": the fields "name" and "password" go to Auth::Login (throttled;
  // `second_step` set when the account has a second factor). An external provider: Verify(), then
  // accounts::LinkedAccount, then a session. kNotFound "error.identity_provider" for an unknown provider;
  // the errors of Login, Verify and LinkedAccount otherwise.
  Result<Auth::LoginResult> SignIn(AppContext& ctx, std::string_view name, const SignInAttempt& attempt,
                                   std::optional<std::string> previous_session_hash) const;

 private:
  std::map<std::string, std::shared_ptr<IdentityProvider>, std::less<>> external_;
};

// Registers POST /api/v1/session/identity/{provider}: signs in with a registered provider (JSON object of
// string fields, the provider's protocol), answering as POST /api/v1/session.
void RegisterIdentityRoutes(Router& router, AppContext& ctx);

}  // namespace jospar::web
