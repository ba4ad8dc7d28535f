// A deterministic POSIX ustar archive: entries in the given order, every time stamp 0, owner 0/0 "root",
// mode 0644 for files and 0755 for folders, so the same files always give the same bytes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/base/error.hpp"

namespace jospar::formats {

struct TarEntry {
  std::string path;  // '/'-separated, relative; a folder ends with '/' and has no content
  std::string content;
};

// kInvalidInput when a path does not fit the ustar name fields (100 bytes, or a 155-byte prefix split at
// a '/'), is absolute or has a ".." part.
Result<std::string> WriteTar(const std::vector<TarEntry>& entries);

}  // namespace jospar::formats
