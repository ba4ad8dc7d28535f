// multipart/form-data bodies (RFC 7578): the parts of an upload form, files and text fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"

namespace jospar::web {

struct MultipartPart {
  std::string name;          // the form field's name
  std::string filename;      // the file's name as sent (only its last path segment); empty for text fields
  bool is_file = false;      // a filename parameter was present (also when the browser sent filename="")
  std::string content_type;  // as sent, may be empty
  std::string body;          // the raw bytes
};

// The boundary of a "multipart/form-data; boundary=..." content type, or empty when it is not one.
std::string MultipartBoundary(std::string_view content_type);

// Splits `body` into its parts. kInvalidInput ("error.multipart") with a detail naming what is wrong when
// the content type has no boundary, a delimiter or the closing delimiter is missing, or a part has no
// Content-Disposition form-data header with a name.
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type, std::string_view body);

}  // namespace jospar::web
