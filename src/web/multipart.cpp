#include "web/multipart.hpp"
#include "core/base/text.hpp"

#include <utility>

namespace jospar::web {
namespace {

Error Bad(std::string detail) {
  return Error{ErrorCode::kInvalidInput, "error.multipart", std::move(detail), {}};
}

// The value of parameter `name` in a header value such as `form-data; name="f"; filename="a.csv"`;
// `found` tells whether it was present.
std::string Param(std::string_view header, std::string_view name, bool& found) {
  found = false;
  std::size_t pos = header.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = header.substr(pos + 1);
    std::size_t eq = rest.find('=');
    std::size_t semi = rest.find(';');
    if (eq == std::string_view::npos || (semi != std::string_view::npos && semi < eq)) {
      pos = semi == std::string_view::npos ? semi : pos + 1 + semi;
      continue;
    }
    std::string key = AsciiLower(Trim(rest.substr(0, eq), " \t"));
    std::string_view v = rest.substr(eq + 1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    std::string value;
    std::size_t consumed = 0;
    if (!v.empty() && v.front() == '"') {
      std::size_t i = 1;
      for (; i < v.size() && v[i] != '"'; ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) ++i;
        value += v[i];
      }
      consumed = i + 1;
    } else {
      std::size_t end = v.find(';');
      value = std::string(Trim(v.substr(0, end), " \t"));
      consumed = end == std::string_view::npos ? v.size() : end;
    }
    if (key == name) {
      found = true;
      return value;
    }
    std::size_t offset = static_cast<std::size_t>(v.data() - header.data()) + consumed;
    pos = offset < header.size() ? header.find(';', offset) : std::string_view::npos;
  }
  return {};
}

}  // namespace

std::string MultipartBoundary(std::string_view content_type) {
  std::size_t semi = content_type.find(';');
  if (AsciiLower(Trim(content_type.substr(0, semi), " \t")) != "multipart/form-data") return {};
  bool found = false;
  std::string b = Param(content_type, "boundary", found);
  if (b.size() > 70) return {};
  return b;
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
  const std::string boundary = MultipartBoundary(content_type);
  if (boundary.empty()) return Fail(Bad("expected Content-Type multipart/form-data with a boundary"));
  const std::string delimiter = "--" + boundary;
  std::vector<MultipartPart> parts;
  std::size_t pos;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = delimiter.size();
  } else {
    std::size_t d = body.find("\r\n" + delimiter);
    if (d == std::string_view::npos) return Fail(Bad("the first boundary is missing"));
    pos = d + 2 + delimiter.size();
  }
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return Fail(Bad("a boundary is not followed by a line end"));
    pos += 2;
    std::size_t headers_end = body.find("\r\n\r\n", pos);
    std::size_t content_start;
    std::string_view headers;
    if (body.substr(pos, 2) == "\r\n") {
      headers = {};
      content_start = pos + 2;
    } else {
      if (headers_end == std::string_view::npos) return Fail(Bad("the headers of a part do not end"));
      headers = body.substr(pos, headers_end - pos);
      content_start = headers_end + 4;
    }
    MultipartPart part;
    bool has_disposition = false;
    std::size_t line_start = 0;
    while (line_start <= headers.size() && !headers.empty()) {
      std::size_t line_end = headers.find("\r\n", line_start);
      std::string_view line = headers.substr(
          line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start);
      std::size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name = AsciiLower(Trim(line.substr(0, colon), " \t"));
        std::string_view value = Trim(line.substr(colon + 1), " \t");
        if (name == "content-disposition") {
          std::size_t semi = value.find(';');
          if (AsciiLower(Trim(value.substr(0, semi), " \t")) == "form-data") {
            bool found = false;
            part.name = Param(value, "name", found);
            has_disposition = found && !part.name.empty();
            std::string filename = Param(value, "filename", part.is_file);
            std::size_t slash = filename.find_last_of("/\\");
            part.filename = slash == std::string::npos ? filename : filename.substr(slash + 1);
          }
        } else if (name == "content-type") {
          part.content_type = std::string(value);
        }
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    if (!has_disposition) return Fail(Bad("a part has no Content-Disposition: form-data with a name"));
    std::size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return Fail(Bad("the closing boundary is missing"));
    part.body = std::string(body.substr(content_start, next - content_start));
    parts.push_back(std::move(part));
    pos = next + 2 + delimiter.size();
  }
}

}  // namespace jospar::web
