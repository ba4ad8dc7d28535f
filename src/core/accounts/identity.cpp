#include "core/accounts/identity.hpp"

#include "core/accounts/repository.hpp"
#include "core/accounts/second_factor.hpp"
#include "core/accounts/totp.hpp"
#include "core/audit/audit.hpp"
#include "core/base/text.hpp"

namespace jospar {

bool ValidProviderName(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

namespace accounts {
namespace {

bool ValidSubject(std::string_view s) {
  if (s.empty() || s.size() > 255 || !IsValidUtf8(s)) return false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) return false;
  }
  return true;
}

}  // namespace

Result<User> LinkedAccount(Tx& tx, const ExternalIdentity& identity) {
  auto link = tx.identity_links().Find(identity.provider, identity.subject);
  if (!link) {
    if (link.error().code == ErrorCode::kNotFound)
      return Fail(ErrorCode::kUnauthenticated, "error.identity_not_linked");
    return Fail(link.error());
  }
  auto user = tx.accounts().GetUser(link->user_id);
  if (!user) {
    if (user.error().code == ErrorCode::kNotFound)
      return Fail(ErrorCode::kUnauthenticated, "error.login_failed");
    return Fail(user.error());
  }
  if (user->disabled) return Fail(ErrorCode::kUnauthenticated, "error.login_failed");
  if (!identity.multi_factor) {
    auto on = SecondFactorEnabled(tx, user->id);
    if (!on) return Fail(on.error());
    if (*on || RequiresSecondFactor(user->role))
      return Fail(ErrorCode::kUnauthenticated, "error.identity_second_factor");
  }
  return user;
}

Status LinkIdentity(Store& store, const AccountCaller& caller, Id user_id, const std::string& provider,
                    const std::string& subject) {
  if (auto ok = RequireAdmin(caller.principal); !ok) return ok;
  std::vector<FieldError> errors;
  if (!ValidProviderName(provider))
    errors.push_back({"provider", "error.identity_invalid", "[a-z0-9_-]{1,32}"});
  if (!ValidSubject(subject)) errors.push_back({"subject", "error.identity_invalid", "1-255 bytes of UTF-8"});
  if (!errors.empty()) return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {}, std::move(errors));
  return audit::InWriteTx(store, [&](Tx& tx) -> Status {
    auto user = tx.accounts().GetUser(user_id);
    if (!user) return Fail(user.error());
    if (auto st = tx.identity_links().Insert({provider, subject, user_id, caller.now}); !st) return st;
    return audit::RecordHistory(tx, {caller.principal.name, ActorRole(caller.principal), caller.now},
                                {ObjectKind::kUser, user_id}, "link_identity", {{"identity", "", provider}});
  });
}

}  // namespace accounts
}  // namespace jospar
