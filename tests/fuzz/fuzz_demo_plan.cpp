// Fuzzes the plan seed reader (data/demo/plan.yml format): no crash, no sanitizer report, every error
// located in the named file, and accepted seeds keep the reader's promises (parents defined earlier).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "formats/demo_plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto seed = jospar::formats::ParsePlanSeed(text, "plan.yml");
  if (!seed) {
    if (seed.error().detail.rfind("plan.yml:", 0) != 0) __builtin_trap();
    return 0;
  }
  std::set<std::string> bodies, documents;
  for (const auto& b : seed->bodies) {
    if (!b.parent.empty() && !bodies.count(b.parent)) __builtin_trap();
    bodies.insert(b.code);
  }
  for (const auto& d : seed->documents) {
    if (!d.parent.empty() && !documents.count(d.parent)) __builtin_trap();
    if (!d.owner.empty() && !bodies.count(d.owner)) __builtin_trap();
    documents.insert(d.document.code);
  }
  return 0;
}
