// Who may change the plan. Deny by default: every function answers false unless a rule allows.
#pragma once

#include "core/accounts/access.hpp"
#include "core/plan/plan.hpp"

namespace jospar {

// Planning documents, goals, indicators, measures, links: planners and admins.
bool CanEditPlan(const Principal& p);
// Reporting an actual value: planners/admins for any indicator; an executor only for indicators whose
// responsible body is the executor's own body.
bool CanReportValue(const Principal& p, const Indicator& ind);

}  // namespace jospar
