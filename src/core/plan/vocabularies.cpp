#include "core/plan/vocabularies.hpp"

#include <algorithm>

namespace jospar {

const std::vector<std::string>& DocumentTypes() {
  static const std::vector<std::string> kTypes = {"strategy",  "national_plan",   "national_project",
                                                  "concept",   "state_programme", "code",
                                                  "body_plan", "regional_plan",   "operational_plan"};
  return kTypes;
}

const std::vector<std::string>& LegalActKinds() {
  static const std::vector<std::string> kKinds = {"decree", "resolution", "order",
                                                  "law",    "address",    "decision"};
  return kKinds;
}

bool IsDocumentType(std::string_view type) {
  const auto& v = DocumentTypes();
  return std::find(v.begin(), v.end(), type) != v.end();
}

bool IsLegalActKind(std::string_view kind) {
  const auto& v = LegalActKinds();
  return std::find(v.begin(), v.end(), kind) != v.end();
}

}  // namespace jospar
