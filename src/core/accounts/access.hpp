// Who may do what. Deny by default: every function answers false unless a rule allows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/base/ids.hpp"

namespace jospar {

enum class Role { kAnonymous, kExecutor, kPlanner, kAdmin };

std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view s);  // "admin", "planner", "executor"

// The authenticated caller (or the anonymous public).
struct Principal {
  Id user_id = 0;
  std::string name;  // user name; never logged together with personal data
  Role role = Role::kAnonymous;
  std::optional<Id> body_id;  // executors: the state body they act for
  bool IsStaff() const { return role != Role::kAnonymous; }
};

// State bodies and users: admins only.
bool CanAdminister(const Principal& p);

// The role that goes into the transparency log for a caller ("admin", "planner", "executor",
// "anonymous"); bulk loads (import, demo) record "system".
std::string ActorRole(const Principal& p);

}  // namespace jospar
