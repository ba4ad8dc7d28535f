#include "core/accounts/usecases.hpp"
#include "core/base/version.hpp"

#include <algorithm>
#include <utility>

#include "core/accounts/repository.hpp"

namespace jospar::accounts {
namespace {

Status Invalid(std::vector<FieldError> errors) {
  if (errors.empty()) return {};
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {}, std::move(errors));
}

// "body_id" error.field.not_found when the account names a body that does not exist.
Status CheckBodyExists(Tx& tx, const std::optional<Id>& body_id) {
  if (!body_id) return {};
  auto exists = tx.accounts().BodyExists(*body_id);
  if (!exists) return Fail(exists.error());
  if (!*exists) return Invalid({{"body_id", "error.field.not_found", {}}});
  return {};
}

std::string BodyText(const std::optional<Id>& id) { return id ? std::to_string(*id) : std::string(); }

// The account's fields as the history shows them (never the password hash).
std::vector<FieldChange> Fields(const User& u) {
  return {{"name", "", u.name},
          {"role", "", std::string(ToString(u.role))},
          {"body_id", "", BodyText(u.body_id)},
          {"disabled", "", u.disabled ? "true" : ""}};
}

std::vector<FieldChange> Diff(const User& before, const User& after, bool password_changed) {
  std::vector<FieldChange> out;
  auto a = Fields(before), b = Fields(after);
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].after != b[i].after) out.push_back({a[i].field, a[i].after, b[i].after});
  if (password_changed) out.push_back({"password", "", "changed"});
  return out;
}

audit::Actor ActorOf(const AccountCaller& caller) {
  return {caller.principal.name, ActorRole(caller.principal), caller.now};
}

}  // namespace

Status RequireAdmin(const Principal& p) {
  if (CanAdminister(p)) return {};
  if (!p.IsSignedIn()) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated");
  return Fail(ErrorCode::kForbidden, "error.forbidden");
}

bool ValidUserName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

void CheckRoleAndBody(Role role, const std::optional<Id>& body_id, std::vector<FieldError>& errors) {
  // A person's account is made by their own registration, never given by an admin.
  if (role == Role::kAnonymous || role == Role::kPerson)
    errors.push_back({"role", "error.field.enum", "admin, planner, executor"});
  if (role == Role::kExecutor && !body_id) errors.push_back({"body_id", "error.field.required", {}});
  if (role != Role::kExecutor && body_id) errors.push_back({"body_id", "error.field.unexpected", {}});
}

void CheckPassword(std::string_view password, std::vector<FieldError>& errors) {
  if (password.size() < kMinPasswordLength)
    errors.push_back({"password", "error.field.password_too_short", std::to_string(kMinPasswordLength)});
}

void CheckSelfChange(const User& next, const Principal& actor, std::vector<FieldError>& errors) {
  if (next.id == actor.user_id && (next.disabled || next.role != Role::kAdmin))
    errors.push_back({"role", "error.field.read_only", "an admin cannot demote or disable themself"});
}

Result<User> CreateUser(Store& store, const AccountCaller& caller, const NewUser& user,
                        const PasswordHasher& hash_password) {
  if (auto ok = RequireAdmin(caller.principal); !ok) return Fail(ok.error());
  std::vector<FieldError> errors;
  if (!ValidUserName(user.name)) errors.push_back({"name", "error.field.code", "A-Z a-z 0-9 . _ - (1-64)"});
  CheckRoleAndBody(user.role, user.body_id, errors);
  CheckPassword(user.password, errors);
  if (auto ok = Invalid(std::move(errors)); !ok) return Fail(ok.error());
  auto hash = hash_password(user.password);
  if (!hash) return Fail(hash.error());
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<User> {
    if (auto ok = CheckBodyExists(tx, user.body_id); !ok) return Fail(ok.error());
    auto existing = tx.accounts().GetUserByName(user.name);
    if (existing)
      return Fail(ErrorCode::kConflict, "error.duplicate", "user exists", {{"name", "error.duplicate", {}}});
    if (existing.error().code != ErrorCode::kNotFound) return Fail(existing.error());
    User u;
    u.name = user.name;
    u.role = user.role;
    u.body_id = user.body_id;
    u.password_hash = *hash;
    u.created_at = caller.now;
    auto id = tx.accounts().InsertUser(u);
    if (!id) return Fail(id.error());
    u.id = *id;
    auto changes = Fields(u);
    if (auto ok = audit::RecordHistory(tx, ActorOf(caller), {ObjectKind::kUser, u.id}, "create", changes);
        !ok)
      return Fail(ok.error());
    return u;
  });
}

Result<User> ChangeUser(Store& store, const AccountCaller& caller, Id id, const UserChange& change,
                        const PasswordHasher& hash_password) {
  if (auto ok = RequireAdmin(caller.principal); !ok) return Fail(ok.error());
  std::vector<FieldError> pre;
  if (!change.password.empty()) CheckPassword(change.password, pre);
  if (auto ok = Invalid(std::move(pre)); !ok) return Fail(ok.error());
  std::string new_hash;
  if (!change.password.empty()) {
    auto hash = hash_password(change.password);
    if (!hash) return Fail(hash.error());
    new_hash = std::move(*hash);
  }
  return audit::InWriteTx(store, [&](Tx& tx) -> Result<User> {
    auto before = tx.accounts().GetUser(id);
    if (!before) return Fail(before.error());
    if (auto ok = CheckVersion(before->version, change.version); !ok) return Fail(ok.error());
    User next = *before;
    if (change.role) next.role = *change.role;
    if (change.set_body) next.body_id = change.body_id;
    if (change.disabled) next.disabled = *change.disabled;
    if (!new_hash.empty()) next.password_hash = new_hash;
    std::vector<FieldError> errors;
    CheckRoleAndBody(next.role, next.body_id, errors);
    CheckSelfChange(next, caller.principal, errors);
    if (auto ok = Invalid(std::move(errors)); !ok) return Fail(ok.error());
    if (next.body_id != before->body_id)
      if (auto ok = CheckBodyExists(tx, next.body_id); !ok) return Fail(ok.error());
    auto changes = Diff(*before, next, !new_hash.empty());
    if (changes.empty()) return next;
    if (auto ok = tx.accounts().UpdateUser(next); !ok) return Fail(ok.error());
    ++next.version;
    // Whoever held a session under the old password or role does not keep it.
    if (auto ok = tx.accounts().DeleteSessionsOfUser(id); !ok) return Fail(ok.error());
    if (auto ok =
            audit::RecordHistory(tx, ActorOf(caller), {ObjectKind::kUser, id}, "update", std::move(changes));
        !ok)
      return Fail(ok.error());
    return next;
  });
}

}  // namespace jospar::accounts
