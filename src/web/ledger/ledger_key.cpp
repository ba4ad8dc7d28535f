#include "web/ledger/ledger_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jospar::web {
namespace {

tl::unexpected<Error> KeyFileError(std::string detail) {
  return Fail(ErrorCode::kInvalidInput, "error.ledger.key", std::move(detail));
}

Result<ledger::SigningKey> NewKey() {
  if (sodium_init() < 0)
    return Fail(ErrorCode::kInternal, "error.internal", "libsodium failed to initialise");
  const char* env = std::getenv("JOSPAR_LEDGER_ORIGIN");
  const std::string origin = env != nullptr && *env != '\0' ? env : "jospar.local/ledger";
  std::array<std::uint8_t, 32> seed{};
  randombytes_buf(seed.data(), seed.size());
  auto key = ledger::KeyFromSeed(origin, seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

Status WriteNew(const std::filesystem::path& p, const std::string& text, mode_t mode) {
  const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return Fail(ErrorCode::kInternal, "error.internal", "cannot create " + p.string());
  const ssize_t n = ::write(fd, text.data(), text.size());
  const bool ok = n == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Fail(ErrorCode::kInternal, "error.internal", "cannot write " + p.string());
  return {};
}

Result<ledger::SigningKey> ReadKey(const std::filesystem::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return Fail(ErrorCode::kNotFound, "error.not_found", p.string());
  if ((st.st_mode & 077) != 0)
    return KeyFileError(p.string() + ": readable by group or others; it must be mode 0600");
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  auto key = ledger::ParsePrivateKey(ss.str());
  if (!key) return KeyFileError(p.string() + ": " + key.error().detail);
  return key;
}

}  // namespace

Result<ledger::SigningKey> LoadOrCreateLedgerKey(const std::string& data_dir) {
  if (data_dir.empty()) return NewKey();
  namespace fs = std::filesystem;
  const fs::path p = fs::path(data_dir) / "ledger.key";
  auto existing = ReadKey(p);
  if (existing || existing.error().code != ErrorCode::kNotFound) return existing;
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  auto key = NewKey();
  if (!key) return key;
  if (auto st = WriteNew(p, ledger::PrivateKeyText(*key) + "\n", 0600); !st) {
    // Another process created it first: use that one.
    if (auto again = ReadKey(p)) return again;
    return Fail(st.error());
  }
  const fs::path pub = fs::path(data_dir) / "ledger.pub";
  fs::remove(pub, ec);
  (void)WriteNew(pub, ledger::VerifierKeyText(*key) + "\n", 0644);
  return key;
}

Result<ledger::Verifier> LoadLedgerVerifier(const std::string& data_dir) {
  auto key = ReadKey(std::filesystem::path(data_dir) / "ledger.key");
  if (!key) return Fail(key.error());
  return ledger::ParseVerifierKey(ledger::VerifierKeyText(*key));
}

}  // namespace jospar::web
