#include "formats/yaml_load.hpp"

#include "analytics/normalize.hpp"
#include "formats/csv.hpp"

namespace jospar::formats {

tl::unexpected<Error> YamlError(std::string_view file_name, const YAML::Mark& mark, std::string_view what) {
  int line = mark.is_null() ? 1 : mark.line + 1;
  int col = mark.is_null() ? 1 : mark.column + 1;
  return Fail(ErrorCode::kInvalidInput, "error.import.malformed", Located(file_name, line, col, what));
}

tl::unexpected<Error> YamlError(std::string_view file_name, const YAML::Node& node, std::string_view what) {
  return YamlError(file_name, node.Mark(), what);
}

Result<YAML::Node> LoadYaml(std::string_view text, std::string_view file_name) {
  if (size_t bad = analytics::FirstInvalidUtf8(text); bad != std::string_view::npos) {
    int line = 1, col = 1;
    for (size_t i = 0; i < bad; ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    return Fail(ErrorCode::kInvalidInput, "error.import.malformed",
                Located(file_name, line, col, "invalid UTF-8"));
  }
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return YamlError(file_name, e.mark, e.msg);
  }
}

}  // namespace jospar::formats
