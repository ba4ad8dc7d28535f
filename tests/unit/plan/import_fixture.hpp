// Helpers of the import tests: temporary directories and writable copies of the Open SDG data in data/.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace jospar::testing {

inline const std::string kOpenSdgDir = std::string(JOSPAR_SOURCE_DATA_DIR) + "/open-sdg-kz";

// A directory under the system temp dir, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("jospar-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Copies `from` into `to` recursively; the copies are writable (data/ may be checked out read-only).
inline void CopyTreeWritable(const std::filesystem::path& from, const std::filesystem::path& to) {
  namespace fs = std::filesystem;
  fs::create_directories(to);
  for (const auto& e : fs::directory_iterator(from)) {
    fs::path target = to / e.path().filename();
    if (e.is_directory()) {
      CopyTreeWritable(e.path(), target);
    } else {
      fs::copy_file(e.path(), target, fs::copy_options::overwrite_existing);
      fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::add);
    }
  }
}

inline void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

inline std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace jospar::testing
