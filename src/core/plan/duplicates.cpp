#include "core/plan/duplicates.hpp"

namespace jospar {

std::string_view ToString(DuplicateKind k) {
  switch (k) {
    case DuplicateKind::kIndicator:
      return "indicator";
    case DuplicateKind::kGoal:
      return "goal";
    case DuplicateKind::kDocument:
      return "document";
  }
  return "indicator";
}

std::optional<DuplicateKind> ParseDuplicateKind(std::string_view s) {
  if (s == "indicator") return DuplicateKind::kIndicator;
  if (s == "goal") return DuplicateKind::kGoal;
  if (s == "document") return DuplicateKind::kDocument;
  return std::nullopt;
}

ObjectKind ObjectKindOf(DuplicateKind k) {
  switch (k) {
    case DuplicateKind::kIndicator:
      return ObjectKind::kIndicator;
    case DuplicateKind::kGoal:
      return ObjectKind::kGoal;
    case DuplicateKind::kDocument:
      return ObjectKind::kDocument;
  }
  return ObjectKind::kIndicator;
}

std::string_view ToString(DuplicateVerdict v) {
  return v == DuplicateVerdict::kMerged ? "merged" : "dismissed";
}

std::optional<DuplicateVerdict> ParseDuplicateVerdict(std::string_view s) {
  if (s == "dismissed") return DuplicateVerdict::kDismissed;
  if (s == "merged") return DuplicateVerdict::kMerged;
  return std::nullopt;
}

}  // namespace jospar
