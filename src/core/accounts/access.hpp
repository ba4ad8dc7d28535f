// Who may do what. Deny by default: every function answers false unless a rule allows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/ids.hpp"

namespace jospar {

// Staff roles (executor, planner, admin) are given by an admin; kPerson is a citizen or candidate who
// registered themself (core/accounts/registration.hpp) and acts only on their own data.
enum class Role { kAnonymous, kExecutor, kPlanner, kAdmin, kPerson };

std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view s);  // "admin", "planner", "executor", "person"

// The authenticated caller (or the anonymous public).
struct Principal {
  Id user_id = 0;
  std::string name;  // user name; never logged together with personal data
  Role role = Role::kAnonymous;
  std::optional<Id> body_id;  // executors: the state body they act for
  // Signed in at all (staff or a person).
  bool IsSignedIn() const { return role != Role::kAnonymous; }
  // A staff account (executor, planner, admin): not the anonymous public and not a person.
  bool IsStaff() const { return role == Role::kExecutor || role == Role::kPlanner || role == Role::kAdmin; }
};

// State bodies and users: admins only.
bool CanAdminister(const Principal& p);

// The role that goes into the transparency log for a caller ("admin", "planner", "executor",
// "anonymous"); bulk loads (import, demo) record "system".
std::string ActorRole(const Principal& p);

}  // namespace jospar
