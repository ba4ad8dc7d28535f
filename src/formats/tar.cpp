#include "formats/tar.hpp"

#include <cstring>

namespace jospar::formats {
namespace {

void Octal(char* field, size_t width, std::uint64_t value) {
  // width-1 octal digits, zero-padded, then NUL.
  std::memset(field, '0', width - 1);
  field[width - 1] = '\0';
  for (size_t i = width - 1; i-- > 0 && value > 0; value >>= 3)
    field[i] = static_cast<char>('0' + (value & 7));
}

}  // namespace

Result<std::string> WriteTar(const std::vector<TarEntry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    const bool dir = !e.path.empty() && e.path.back() == '/';
    if (e.path.empty() || e.path.front() == '/' || e.path.find("..") != std::string::npos)
      return Fail(ErrorCode::kInvalidInput, "error.internal", "tar: invalid path " + e.path);
    std::string name = e.path, prefix;
    if (name.size() > 100) {
      size_t split = name.rfind('/', name.size() - 2);
      while (split != std::string::npos && (split > 155 || name.size() - split - 1 > 100))
        split = split == 0 ? std::string::npos : name.rfind('/', split - 1);
      if (split == std::string::npos || split > 155 || name.size() - split - 1 > 100)
        return Fail(ErrorCode::kInvalidInput, "error.internal", "tar: path too long " + e.path);
      prefix = name.substr(0, split);
      name = name.substr(split + 1);
    }
    char h[512];
    std::memset(h, 0, sizeof h);
    std::memcpy(h, name.data(), name.size());
    Octal(h + 100, 8, dir ? 0755 : 0644);
    Octal(h + 108, 8, 0);
    Octal(h + 116, 8, 0);
    Octal(h + 124, 12, dir ? 0 : e.content.size());
    Octal(h + 136, 12, 0);
    std::memset(h + 148, ' ', 8);
    h[156] = dir ? '5' : '0';
    std::memcpy(h + 257, "ustar", 6);
    std::memcpy(h + 263, "00", 2);
    std::memcpy(h + 265, "root", 4);
    std::memcpy(h + 297, "root", 4);
    std::memcpy(h + 345, prefix.data(), prefix.size());
    unsigned sum = 0;
    for (unsigned char c : h) sum += c;
    Octal(h + 148, 7, sum);  // six digits and NUL, then the space left from above
    out.append(h, sizeof h);
    if (!dir) {
      out += e.content;
      out.append((512 - e.content.size() % 512) % 512, '\0');
    }
  }
  out.append(1024, '\0');
  return out;
}

}  // namespace jospar::formats
