// The HTTP server: RESTinio on a pool of worker threads (RESTinio's headers stay inside server.cpp).
// Each request becomes a web::Request and goes through Dispatch(); TCP_NODELAY and keep-alive on.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/base/error.hpp"
#include "web/context.hpp"
#include "web/http.hpp"

namespace jospar::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  int threads = 2;  // worker threads running the handlers
  // On Stop(): how long in-flight requests may take to finish before the workers stop anyway.
  std::chrono::milliseconds shutdown_grace{10000};
  // The transport's body limit, just above the largest limit of a route (uploads, 50 MiB): a bigger
  // body closes the connection; smaller ones reach Dispatch, which answers 413 with a clear body.
  std::size_t max_body_bytes = (50u << 20) + (64u << 10);
  // Catch SIGTERM and SIGINT from Start() on: they make RunUntilSignal() return after a graceful Stop().
  bool handle_signals = true;
};

class Server {
 public:
  // `ctx` and `router` must outlive the server.
  Server(AppContext& ctx, const Router& router, ServerOptions options);
  ~Server();  // Stop()s

  // Binds and starts the workers. kUnavailable (detail: the reason) when the address cannot be bound.
  Status Start();
  // The bound port (after Start()).
  int port() const;
  // Graceful shutdown: stops accepting connections, lets in-flight requests finish (up to the grace
  // period) and stops the workers. Idempotent; thread-safe.
  void Stop();
  // Blocks until SIGTERM or SIGINT arrives (caught from Start() on, see ServerOptions::handle_signals) or
  // Stop() is called from another thread, then Stop()s.
  void RunUntilSignal();
  // Requests in progress now.
  int InFlight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jospar::web
