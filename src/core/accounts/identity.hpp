// Identities vouched for by a sign-in provider other than Jospar's own accounts (a national sign-in
// service such as the eGov IDP), and how they map to an account. The built-in provider is the local
// accounts (name and password, then TOTP: web/auth.*); an external provider (web/identity.hpp) only
// verifies its own protocol and hands over an ExternalIdentity; the mapping below is the same for all.
//
// Mapping: an identity signs in to the account linked to (provider, subject) in identity_links, and only
// to it. A link is made by an admin (LinkIdentity); an identity without a link is refused, and no account
// is ever created from one silently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/accounts/accounts.hpp"
#include "core/accounts/usecases.hpp"
#include "core/base/error.hpp"
#include "core/base/unit_of_work.hpp"

namespace jospar {

// What a provider vouches for. Only verified claims are set; a claim the provider did not verify is
// nullopt, never a guess.
struct ExternalIdentity {
  std::string provider;             // the provider's registry name, [a-z0-9_-]{1,32}, e.g. "egov"
  std::string subject;              // the provider's stable id of the person (not an email, which can change)
  std::optional<std::string> iin;   // individual identification number (12 digits), verified
  std::optional<std::string> name;  // full name as the provider has it
  std::optional<std::string> email;  // verified address
  // The provider authenticated with more than one factor (e.g. a digital signature key and its PIN).
  // Accounts whose role requires a second factor, or that switched one on, accept only such identities.
  bool multi_factor = false;
};

struct IdentityLink {
  std::string provider;
  std::string subject;
  Id user_id = 0;
  std::string created_at;  // UTC ISO 8601
};

// identity_links in the store (Tx::identity_links()). The contract shared by every repository is in
// core/base/unit_of_work.hpp.
class IdentityLinkRepository {
 public:
  virtual ~IdentityLinkRepository() = default;
  // kNotFound when (provider, subject) is linked to no account.
  virtual Result<IdentityLink> Find(std::string_view provider, std::string_view subject) = 0;
  // kConflict when (provider, subject) is already linked (to this account or another) or the user does
  // not exist.
  virtual Status Insert(const IdentityLink& link) = 0;
  // kNotFound when there was no such link.
  virtual Status Delete(std::string_view provider, std::string_view subject) = 0;
  virtual Result<std::vector<IdentityLink>> ListOf(Id user_id) = 0;
};

// What a sign-in attempt brought: the fields of the provider's protocol (the callback parameters of a
// redirect, an assertion, ...), the client's address and the time.
struct SignInAttempt {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string client;
  std::int64_t now = 0;  // unix seconds
  // The value of `name` in `fields`, or "".
  std::string Field(std::string_view name) const {
    for (const auto& [k, v] : fields)
      if (k == name) return v;
    return {};
  }
};

// An external sign-in provider (the eGov IDP, a test provider). Implementations live outside core when
// they do I/O (web/ or app/: the HTTP exchange with the provider); they check the provider's protocol only
// and never decide which account signs in (LinkedAccount does). Thread-safe: one instance serves every
// request.
class IdentityProvider {
 public:
  virtual ~IdentityProvider() = default;
  // The registry name (ValidProviderName); also ExternalIdentity::provider of what Verify returns.
  virtual std::string_view Name() const = 0;
  // The identity the provider vouches for in `attempt`; kUnauthenticated ("error.login_failed") when it
  // does not (a bad or expired assertion), kUnavailable when the provider cannot be reached.
  virtual Result<ExternalIdentity> Verify(const SignInAttempt& attempt) = 0;
};

// [a-z0-9_-]{1,32}.
bool ValidProviderName(std::string_view name);

namespace accounts {

// The account `identity` signs in to. kUnauthenticated "error.identity_not_linked" when (provider,
// subject) is linked to no account; "error.login_failed" when the account is disabled;
// "error.identity_second_factor" when the account needs a second factor (its role requires one, or it has
// one switched on) and the provider did not authenticate with several factors.
Result<User> LinkedAccount(Tx& tx, const ExternalIdentity& identity);

// Links (provider, subject) to account `user_id` (admins only: RequireAdmin). kInvalidInput naming
// "provider" or "subject" when malformed (subject: 1-255 bytes of UTF-8 without control characters);
// kNotFound for an unknown user; kConflict when the identity is linked already. Recorded in the history of
// the user ("link_identity"; the subject is not recorded, only the provider).
Status LinkIdentity(Store& store, const AccountCaller& caller, Id user_id, const std::string& provider,
                    const std::string& subject);

}  // namespace accounts
}  // namespace jospar
