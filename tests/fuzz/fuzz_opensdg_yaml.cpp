// Fuzzes the Open SDG metadata and translation readers (YAML from a memory buffer): no crash, no sanitizer
// report, every error located in the named file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/opensdg.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto meta = jospar::formats::ParseMetaYaml(text, "meta/1-1-1.yml");
  if (!meta && meta.error().detail.rfind("meta/1-1-1.yml:", 0) != 0) __builtin_trap();
  auto tr = jospar::formats::ParseTranslationYaml(text, "translations/kk/SEX.yml");
  if (!tr && tr.error().detail.rfind("translations/kk/SEX.yml:", 0) != 0) __builtin_trap();
  return 0;
}
