// Who may do what. Deny by default: every function answers false unless a rule allows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/plan/plan.hpp"

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

// Planning documents, goals, indicators, measures, links: planners and admins.
bool CanEditPlan(const Principal& p);
// State bodies and users: admins only.
bool CanAdminister(const Principal& p);
// Reporting an actual value: planners/admins for any indicator; an executor only for indicators whose
// responsible body is the executor's own body.
bool CanReportValue(const Principal& p, const Indicator& ind);

}  // namespace jospar
