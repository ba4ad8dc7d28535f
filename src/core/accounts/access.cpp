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
  }
  return "anonymous";
}

std::optional<Role> ParseRole(std::string_view s) {
  if (s == "admin") return Role::kAdmin;
  if (s == "planner") return Role::kPlanner;
  if (s == "executor") return Role::kExecutor;
  return std::nullopt;
}

bool CanEditPlan(const Principal& p) { return p.role == Role::kPlanner || p.role == Role::kAdmin; }

bool CanAdminister(const Principal& p) { return p.role == Role::kAdmin; }

bool CanReportValue(const Principal& p, const Indicator& ind) {
  if (CanEditPlan(p)) return true;
  return p.role == Role::kExecutor && p.body_id && ind.responsible_body_id &&
         *p.body_id == *ind.responsible_body_id;
}

}  // namespace jospar
