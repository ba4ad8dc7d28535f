#include "core/accounts/access.hpp"

namespace jospar {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kAnonymous:
      return "anonymous";
    case Role::kExecutor:
      return "executor";
    case Role::kPlanner:
      return "planner";
    case Role::kAdmin:
      return "admin";
    case Role::kPerson:
      return "person";
  }
  return "anonymous";
}

std::optional<Role> ParseRole(std::string_view s) {
  if (s == "admin") return Role::kAdmin;
  if (s == "planner") return Role::kPlanner;
  if (s == "executor") return Role::kExecutor;
  if (s == "person") return Role::kPerson;
  return std::nullopt;
}

bool CanAdminister(const Principal& p) { return p.role == Role::kAdmin; }

std::string ActorRole(const Principal& p) { return std::string(ToString(p.role)); }

}  // namespace jospar
