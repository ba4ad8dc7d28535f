// App-level tests: the real `jospar` binary (JOSPAR_BINARY) run as a child process, in a temporary folder.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace jospar::testing {

// A fresh folder under $TMPDIR, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `jospar ARGS...` and waits for it.
RunResult RunJospar(const std::vector<std::string>& args);

// `jospar serve` on 127.0.0.1 with a port the kernel picks, logging to a file in `dir`.
class ServerProcess {
 public:
  ServerProcess(std::string db_url, std::string data_dir, std::string log_file);
  ~ServerProcess();  // kills it (SIGKILL) if it still runs
  // Starts it and waits (up to 30 s) until it says where it listens. False when it did not come up.
  bool Start() { return Spawn() && WaitUntilServing(); }
  // The two halves of Start(), so that several servers can be started at the same moment.
  bool Spawn();
  bool WaitUntilServing();
  // Sends `sig` and reaps the process.
  void Stop(int sig);
  int port() const { return port_; }
  std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::string db_url_, data_dir_, log_file_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// Blocking HTTP/1.1 request to 127.0.0.1:port (one connection per call). Returns the status (0 when the
// connection failed or was cut) and the body.
struct HttpReply {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  // The first header named `name` (lowercase), or "".
  std::string Header(const std::string& name) const;
};
// `extra` headers are sent as given (Cookie, X-CSRF-Token, ...).
HttpReply HttpRequest(int port, const std::string& method, const std::string& target, const std::string& body,
                      const std::string& bearer_token, int timeout_ms = 5000,
                      const std::vector<std::pair<std::string, std::string>>& extra = {});

// Flips bit 0 of the byte at `offset` of the file.
void FlipByte(const std::string& file, std::size_t offset);
std::string ReadAll(const std::string& file);

}  // namespace jospar::testing
