#include "core/plan/plan.hpp"

#include <array>
#include <utility>

namespace jospar {
namespace {

template <class E, size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s) {
  for (const auto& [value, name] : table)
    if (name == s) return value;
  return std::nullopt;
}
template <class E, size_t N>
std::string_view Name(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [value, name] : table)
    if (value == v) return name;
  return "";
}

constexpr std::array<std::pair<BodyKind, std::string_view>, 5> kBodyKinds{{
    {BodyKind::kGovernment, "government"},
    {BodyKind::kMinistry, "ministry"},
    {BodyKind::kAgency, "agency"},
    {BodyKind::kAkimat, "akimat"},
    {BodyKind::kOther, "other"},
}};
constexpr std::array<std::pair<DocStatus, std::string_view>, 6> kStatuses{{
    {DocStatus::kDraft, "draft"},
    {DocStatus::kApproved, "approved"},
    {DocStatus::kInForce, "in_force"},
    {DocStatus::kExpired, "expired"},
    {DocStatus::kRepealed, "repealed"},
    {DocStatus::kMerged, "merged"},
}};
constexpr std::array<std::pair<IndicatorKind, std::string_view>, 2> kIndicatorKinds{{
    {IndicatorKind::kTarget, "target"},
    {IndicatorKind::kResult, "result"},
}};
constexpr std::array<std::pair<Direction, std::string_view>, 3> kDirections{{
    {Direction::kIncrease, "increase"},
    {Direction::kDecrease, "decrease"},
    {Direction::kKeep, "keep"},
}};
constexpr std::array<std::pair<SdgKind, std::string_view>, 2> kSdgKinds{{
    {SdgKind::kGoal, "goal"},
    {SdgKind::kTarget, "target"},
}};

}  // namespace

std::string_view ToString(BodyKind v) { return Name(kBodyKinds, v); }
std::string_view ToString(DocStatus v) { return Name(kStatuses, v); }
std::string_view ToString(IndicatorKind v) { return Name(kIndicatorKinds, v); }
std::string_view ToString(Direction v) { return Name(kDirections, v); }
std::string_view ToString(SdgKind v) { return Name(kSdgKinds, v); }
std::optional<BodyKind> ParseBodyKind(std::string_view s) { return Lookup(kBodyKinds, s); }
std::optional<DocStatus> ParseDocStatus(std::string_view s) { return Lookup(kStatuses, s); }
std::optional<IndicatorKind> ParseIndicatorKind(std::string_view s) { return Lookup(kIndicatorKinds, s); }
std::optional<Direction> ParseDirection(std::string_view s) { return Lookup(kDirections, s); }
std::optional<SdgKind> ParseSdgKind(std::string_view s) { return Lookup(kSdgKinds, s); }
std::optional<Tier> ParseTier(int tier) {
  if (tier < 1 || tier > 5) return std::nullopt;
  return static_cast<Tier>(tier);
}

}  // namespace jospar
