#include "web/accounts/person_vault.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/auth.hpp"
#include "web/crypto_box.hpp"

namespace jospar::web {
namespace {

namespace fs = std::filesystem;

tl::unexpected<Error> FileError(const fs::path& p, const char* what) {
  return Fail(ErrorCode::kInternal, "error.internal", p.string() + ": " + what);
}

Status WriteLine(const fs::path& p, const std::string& line, bool append) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  std::ofstream out(p, append ? std::ios::app : std::ios::trunc);
  if (!out) return FileError(p, "cannot be written");
  out << line << "\n";
  out.close();
  if (!out) return FileError(p, "cannot be written");
  fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write, ec);
  return {};
}

// Seal key ids are numbered "k0001", "k0002", ... so that the newest sorts last. The next one follows the
// highest kept (not the count: once older lines are removed, the count would give an id already in use).
std::string NextId(const std::map<std::string, std::string>& keys) {
  unsigned long highest = 0;
  for (const auto& [id, key] : keys)
    if (id.size() > 1 && id[0] == 'k') highest = std::max(highest, std::strtoul(id.c_str() + 1, nullptr, 10));
  char buf[24];
  std::snprintf(buf, sizeof buf, "k%04lu", highest + 1);
  return buf;
}

Result<std::map<std::string, std::string>> ReadSealKeys(const fs::path& p) {
  std::map<std::string, std::string> keys;
  std::ifstream in(p);
  if (!in) return keys;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    std::istringstream ls(line);
    std::string id, hex;
    ls >> id >> hex;
    auto raw = HexToBytes(hex);
    if (id.empty() || !raw || raw->size() != 32)
      return FileError(p, ("line " + std::to_string(n) + ": expected \"<id> <64 hex digits>\"").c_str());
    if (!keys.emplace(id, *raw).second)
      return FileError(p, ("line " + std::to_string(n) + ": the key id " + id + " is there twice").c_str());
  }
  return keys;
}

}  // namespace

Result<std::shared_ptr<const PersonKeys>> PersonKeys::Load(const std::string& data_dir) {
  auto keys = std::make_shared<PersonKeys>();
  if (data_dir.empty()) {
    keys->hash_key_ = *HexToBytes(RandomHex(32));
    keys->current_ = "k0001";
    keys->seal_keys_[keys->current_] = *HexToBytes(RandomHex(32));
    return std::shared_ptr<const PersonKeys>(keys);
  }
  const fs::path hash_file = fs::path(data_dir) / "iin-hash.key";
  {
    std::ifstream in(hash_file);
    std::string hex;
    if (in && std::getline(in, hex)) {
      auto raw = HexToBytes(hex);
      if (!raw || raw->size() != 32) return FileError(hash_file, "expected 64 hex digits");
      keys->hash_key_ = *raw;
    } else {
      hex = RandomHex(32);
      if (auto st = WriteLine(hash_file, hex, false); !st) return Fail(st.error());
      keys->hash_key_ = *HexToBytes(hex);
    }
  }
  const fs::path seal_file = fs::path(data_dir) / "iin-seal.keys";
  auto seal = ReadSealKeys(seal_file);
  if (!seal) return Fail(seal.error());
  if (seal->empty()) {
    auto id = RotateSealKey(data_dir);
    if (!id) return Fail(id.error());
    seal = ReadSealKeys(seal_file);
    if (!seal) return Fail(seal.error());
  }
  keys->seal_keys_ = std::move(*seal);
  keys->current_ = keys->seal_keys_.rbegin()->first;
  return std::shared_ptr<const PersonKeys>(keys);
}

Result<std::string> PersonKeys::RotateSealKey(const std::string& data_dir) {
  const fs::path seal_file = fs::path(data_dir) / "iin-seal.keys";
  auto seal = ReadSealKeys(seal_file);
  if (!seal) return Fail(seal.error());
  const std::string id = NextId(*seal);
  if (auto st = WriteLine(seal_file, id + " " + RandomHex(32), true); !st) return Fail(st.error());
  return id;
}

PersonVault PersonKeys::Vault() const {
  PersonVault v;
  v.hash = [this](std::string_view iin) { return KeyedHashHex(hash_key_, iin); };
  v.seal = [this](std::string_view iin) { return SealHex(seal_keys_.at(current_), iin); };
  v.open = [this](std::string_view sealed, std::string_view key_id) -> std::optional<std::string> {
    auto it = seal_keys_.find(std::string(key_id));
    if (it == seal_keys_.end()) return std::nullopt;
    return OpenHex(it->second, sealed);
  };
  v.current_key_id = current_;
  return v;
}

}  // namespace jospar::web
