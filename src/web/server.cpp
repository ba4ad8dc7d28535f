// The only translation unit that includes RESTinio (slow to compile: keep it small).
#include "web/server.hpp"

#include <atomic>
#include <csignal>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include <restinio/all.hpp>

#include "web/dispatch.hpp"

namespace jospar::web {

namespace {

using Traits = restinio::default_single_thread_traits_t;
using HttpServer = restinio::http_server_t<Traits>;

std::atomic<int> g_signal{0};
extern "C" void OnSignal(int sig) { g_signal.store(sig); }

}  // namespace

// One shard per worker thread: its own io_context and RESTinio server (single-threaded traits: no strand,
// no scheduler lock shared between threads), all listening on the same address with SO_REUSEPORT so that
// the kernel spreads connections over the shards, as nginx spreads them over its workers.
struct Shard {
  asio::io_context ioc{1};
  std::unique_ptr<HttpServer> server;
  std::thread thread;
};

struct Server::Impl {
  AppContext& ctx;
  const Router& router;
  ServerOptions options;
  std::vector<std::unique_ptr<Shard>> shards;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  std::atomic<int> port{0};
  std::mutex stop_mu;
  bool stopped = false;
  std::promise<void> stop_requested;
  std::once_flag stop_requested_once;
  std::thread signal_watcher;
  std::atomic<bool> watcher_done{false};
  struct sigaction old_term {
  }, old_int{};

  Impl(AppContext& c, const Router& r, ServerOptions o) : ctx(c), router(r), options(std::move(o)) {}

  void RequestStop() {
    std::call_once(stop_requested_once, [this] { stop_requested.set_value(); });
  }

  restinio::request_handling_status_t Handle(const restinio::request_handle_t& rq) {
    in_flight.fetch_add(1);
    Request req;
    const auto& h = rq->header();
    req.method = h.method().c_str();
    req.path = UrlDecode(h.path(), false);
    req.query_string = std::string(h.query());
    req.query = ParseQuery(req.query_string);
    req.headers.reserve(h.fields_count());
    h.for_each_field([&req](const restinio::http_header_field_t& f) {
      req.headers.emplace_back(std::string(f.name()), std::string(f.value()));
    });
    req.body = rq->body();
    asio::error_code ec;
    req.peer_addr = rq->remote_endpoint().address().to_string(ec);
    req.remote_addr = req.peer_addr;  // Dispatch replaces it with the forwarded one behind a trusted proxy
    Response resp = Dispatch(ctx, router, req);
    auto out = rq->create_response(
        restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)},
                                     std::string(ReasonPhrase(resp.status))});
    for (auto& [name, value] : resp.headers) out.append_header(name, std::move(value));
    if (stopping.load()) out.connection_close();
    out.set_body(std::move(resp.body));
    out.done();
    in_flight.fetch_sub(1);
    return restinio::request_accepted();
  }

  // Opens one shard's listener on `listen_port` (0: any free port; the first shard picks it).
  std::string OpenShard(Shard& shard, int listen_port) {
    auto settings = restinio::server_settings_t<Traits>{};
    settings.address(options.host)
        .port(static_cast<std::uint16_t>(listen_port))
        .request_handler([this](restinio::request_handle_t rq) { return Handle(rq); })
        .socket_options_setter(
            [](restinio::socket_options_t& o) { o.set_option(asio::ip::tcp::no_delay{true}); })
        .acceptor_options_setter([](restinio::acceptor_options_t& o) {
          o.set_option(asio::socket_base::reuse_address{true});
          o.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>{true});
        })
        .acceptor_post_bind_hook([this](asio::ip::tcp::acceptor& a) { port = a.local_endpoint().port(); })
        .read_next_http_message_timelimit(std::chrono::seconds(60))
        .handle_request_timeout(std::chrono::seconds(120))
        .separate_accept_and_create_connect(true);
    settings.incoming_http_msg_limits(
        restinio::incoming_http_msg_limits_t{}.max_body_size(options.max_body_bytes));
    shard.server =
        std::make_unique<HttpServer>(restinio::external_io_context(shard.ioc), std::move(settings));
    std::promise<std::string> opened;
    auto opened_future = opened.get_future();
    shard.server->open_async([&opened]() noexcept { opened.set_value(""); },
                             [&opened](std::exception_ptr ex) noexcept {
                               try {
                                 std::rethrow_exception(ex);
                               } catch (const std::exception& e) {
                                 opened.set_value(e.what()[0] ? e.what() : "cannot listen");
                               } catch (...) {
                                 opened.set_value("cannot listen");
                               }
                             });
    shard.thread = std::thread([&shard] { shard.ioc.run(); });
    return opened_future.get();
  }

  void StopShards() {
    for (auto& s : shards) s->ioc.stop();
    for (auto& s : shards)
      if (s->thread.joinable()) s->thread.join();
    shards.clear();
  }
};

namespace {

// SO_REUSEPORT would let a second server silently share a port that is already taken; a plain bind
// first turns that into the usual "address in use" error.
std::string ProbeFreePort(const std::string& host, int port) {
  if (port == 0) return "";
  asio::io_context ioc;
  asio::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) return "";  // a host name: RESTinio resolves it and reports its own errors
  asio::ip::tcp::acceptor probe(ioc);
  probe.open(address.is_v6() ? asio::ip::tcp::v6() : asio::ip::tcp::v4(), ec);
  if (!ec) probe.set_option(asio::socket_base::reuse_address{true}, ec);
  if (!ec) probe.bind({address, static_cast<unsigned short>(port)}, ec);
  return ec ? ec.message() : "";
}

}  // namespace

Server::Server(AppContext& ctx, const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(ctx, router, std::move(options))) {}

Server::~Server() { Stop(); }

int Server::port() const { return impl_->port.load(); }
int Server::InFlight() const { return impl_->in_flight.load(); }

Status Server::Start() {
  Impl& im = *impl_;
  const int n = std::max(1, im.options.threads);
  std::string error = ProbeFreePort(im.options.host, im.options.port);
  for (int i = 0; i < n && error.empty(); ++i) {
    im.shards.push_back(std::make_unique<Shard>());
    error = im.OpenShard(*im.shards.back(), i == 0 ? im.options.port : im.port.load());
  }
  if (!error.empty()) {
    im.StopShards();
    return Fail(ErrorCode::kUnavailable, "error.unavailable",
                "cannot listen on " + im.options.host + ":" + std::to_string(im.options.port) + ": " + error);
  }
  if (im.options.handle_signals) {
    // The handler only sets a flag (async-signal-safe); a watcher thread turns it into a stop request.
    g_signal.store(0);
    struct sigaction sa {};
    sa.sa_handler = OnSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, &im.old_term);
    sigaction(SIGINT, &sa, &im.old_int);
    im.signal_watcher = std::thread([&im] {
      while (!im.watcher_done.load()) {
        if (const int sig = g_signal.exchange(0); sig != 0) {
          LogEvent(2, "signal received, shutting down", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
          im.RequestStop();
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }
  LogEvent(2, "listening",
           {{"address", im.options.host},
            {"port", std::to_string(im.port.load())},
            {"threads", std::to_string(n)}});
  return {};
}

void Server::Stop() {
  Impl& im = *impl_;
  std::lock_guard lock(im.stop_mu);
  if (im.stopped || im.shards.empty()) return;
  im.stopped = true;
  im.stopping = true;
  // 1. Stop accepting new connections.
  for (auto& shard : im.shards) {
    std::promise<void> closed;
    auto closed_future = closed.get_future();
    shard->server->close_async([&closed]() noexcept { closed.set_value(); },
                               [&closed](std::exception_ptr) noexcept { closed.set_value(); });
    closed_future.wait_for(std::chrono::seconds(5));
  }
  // 2. Let requests in progress finish, then give their responses a moment to be written.
  const auto deadline = std::chrono::steady_clock::now() + im.options.shutdown_grace;
  while (im.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // 3. Stop the workers.
  im.StopShards();
  if (im.signal_watcher.joinable()) {
    im.watcher_done = true;
    im.signal_watcher.join();
    sigaction(SIGTERM, &im.old_term, nullptr);
    sigaction(SIGINT, &im.old_int, nullptr);
  }
  im.RequestStop();
  LogEvent(2, "stopped", {});
}

void Server::RunUntilSignal() {
  impl_->stop_requested.get_future().wait();
  Stop();
}

}  // namespace jospar::web
