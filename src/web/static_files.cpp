#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "web/dispatch.hpp"
#include "web/error_mapping.hpp"

namespace jospar::web {

namespace fs = std::filesystem;

namespace {

std::string_view ContentType(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".webp") return "image/webp";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".csv") return "text/csv; charset=utf-8";
  if (ext == ".pdf") return "application/pdf";
  return "application/octet-stream";
}

// Each segment must be a plain name: not empty, not "." or "..", not hidden, no backslash.
bool SafeRelative(const std::string& rel) {
  if (rel.empty() || rel.front() == '/') return false;
  std::size_t pos = 0;
  while (pos <= rel.size()) {
    std::size_t end = rel.find('/', pos);
    if (end == std::string::npos) end = rel.size();
    std::string_view seg(rel.data() + pos, end - pos);
    if (seg.empty() || seg.front() == '.' || seg.find('\\') != std::string_view::npos ||
        seg.find(':') != std::string_view::npos)
      return false;
    pos = end + 1;
  }
  return true;
}

bool EtagMatches(std::string_view header, const std::string& etag) {
  if (header == "*") return true;
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item == etag) return true;
    pos = end + 1;
  }
  return false;
}

Error NotFound() { return Error{ErrorCode::kNotFound, "error.route_not_found", {}, {}}; }

}  // namespace

Response ServeStatic(const AppContext& ctx, const Request& req, const std::string& rel) {
  if (rel.find('\0') != std::string::npos)
    return ErrorResponse(ctx, req, Error{ErrorCode::kInvalidInput, "error.bad_path", {}, {}});
  if (ctx.config.static_dir.empty() || !SafeRelative(rel)) return ErrorResponse(ctx, req, NotFound());
  std::error_code ec;
  const fs::path base = fs::canonical(ctx.config.static_dir, ec);
  if (ec) return ErrorResponse(ctx, req, NotFound());
  const fs::path full = fs::weakly_canonical(base / fs::path(rel), ec);
  if (ec) return ErrorResponse(ctx, req, NotFound());
  const std::string b = base.string() + "/";
  if (full.string().compare(0, b.size(), b) != 0 || !fs::is_regular_file(full, ec))
    return ErrorResponse(ctx, req, NotFound());
  const auto size = fs::file_size(full, ec);
  if (ec) return ErrorResponse(ctx, req, NotFound());
  const auto mtime = fs::last_write_time(full, ec).time_since_epoch().count();
  const std::string etag = fmt::format("\"{:x}-{:x}\"", size, static_cast<std::uint64_t>(mtime));
  Response resp;
  resp.SetHeader("ETag", etag);
  resp.SetHeader("Cache-Control", "public, max-age=3600");
  if (EtagMatches(req.Header("If-None-Match"), etag)) {
    resp.status = 304;
    return resp;
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) return ErrorResponse(ctx, req, NotFound());
  std::ostringstream ss;
  ss << in.rdbuf();
  resp.status = 200;
  resp.body = ss.str();
  resp.SetHeader("Content-Type", std::string(ContentType(full)));
  return resp;
}

}  // namespace jospar::web
