#include "app/options.hpp"

#include <charconv>
#include <cstdlib>
#include <filesystem>

namespace jospar::app {

namespace fs = std::filesystem;

void AddStoreOptions(CLI::App* cmd, std::string& db_url) {
  db_url = kDefaultDb;
  cmd->add_option("--db", db_url, "Database: sqlite:PATH or postgresql://...")
      ->envname("JOSPAR_DB")
      ->capture_default_str();
  cmd->set_config("--config", "", "Config file (key = value lines)")->envname("JOSPAR_CONFIG");
}

std::string DefaultResourceDir(const std::string& name) {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("JOSPAR_SOURCE_DIR"); env && *env)
    candidates.push_back(fs::path(env) / name);
#ifdef JOSPAR_SOURCE_DIR
  candidates.push_back(fs::path(JOSPAR_SOURCE_DIR) / name);
#endif
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back(exe.parent_path() / name);
    candidates.push_back(exe.parent_path() / ".." / "share" / "jospar" / name);
  }
  for (const auto& c : candidates)
    if (fs::is_directory(c, ec)) return c.string();
  return name;
}

bool ParseListen(const std::string& listen, std::string& host, int& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "127.0.0.1";
  const std::string p = listen.substr(colon + 1);
  auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
  return ec == std::errc() && ptr == p.data() + p.size() && port >= 0 && port <= 65535;
}

}  // namespace jospar::app
