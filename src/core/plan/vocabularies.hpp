// The closed vocabularies of a plan document: its type and the kind of the legal act that approved or
// amended it. The use cases accept only these values (kInvalidInput naming `type` / `act.kind`); the
// pages offer them in this order; each has a locale key ("doctype.<value>", "act.<value>").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jospar {

// "strategy", "national_plan", ... in the order the pages list them.
const std::vector<std::string>& DocumentTypes();
// "decree", "resolution", "order", "law", "address" (of the President), "decision" (of a maslikhat).
const std::vector<std::string>& LegalActKinds();

bool IsDocumentType(std::string_view type);
bool IsLegalActKind(std::string_view kind);

}  // namespace jospar
