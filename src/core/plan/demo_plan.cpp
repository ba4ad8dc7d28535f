#include "core/plan/demo_plan.hpp"

namespace jospar {

std::optional<SeedLinkTarget> ParseSeedLinkTarget(const std::string& text) {
  size_t colon = text.find(':');
  if (colon == std::string::npos || colon + 1 >= text.size()) return std::nullopt;
  std::string prefix = text.substr(0, colon), rest = text.substr(colon + 1);
  SeedLinkTarget t;
  t.text = text;
  if (prefix == "sdg") {
    t.kind = SeedLinkTarget::Kind::kSdg;
    t.code = rest;
  } else if (prefix == "indicator") {
    t.kind = SeedLinkTarget::Kind::kIndicator;
    t.code = rest;
  } else if (prefix == "goal") {
    size_t slash = rest.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 >= rest.size()) return std::nullopt;
    t.kind = SeedLinkTarget::Kind::kGoal;
    t.document_code = rest.substr(0, slash);
    t.code = rest.substr(slash + 1);
  } else {
    return std::nullopt;
  }
  return t;
}

}  // namespace jospar
