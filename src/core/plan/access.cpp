#include "core/plan/access.hpp"

namespace jospar {

bool CanEditPlan(const Principal& p) { return p.role == Role::kPlanner || p.role == Role::kAdmin; }

bool CanReportValue(const Principal& p, const Indicator& ind) {
  if (CanEditPlan(p)) return true;
  return p.role == Role::kExecutor && p.body_id && ind.responsible_body_id &&
         *p.body_id == *ind.responsible_body_id;
}

}  // namespace jospar
