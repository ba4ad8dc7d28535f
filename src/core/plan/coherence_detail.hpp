// Internal to the coherence implementation files (coherence*.cpp); not part of the module's public header.
#pragma once

#include "core/plan/coherence.hpp"

namespace jospar::coherence::detail {

// Goals and indicators are the nodes of the contribution graph; documents and measures are not.
inline bool IsPlanNode(ObjectKind k) { return k == ObjectKind::kGoal || k == ObjectKind::kIndicator; }

}  // namespace jospar::coherence::detail
