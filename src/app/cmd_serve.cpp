// `jospar serve`: the web server (portal and JSON API).
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include <unistd.h>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "app/commands.hpp"
#include "app/mail_delivery.hpp"
#include "app/options.hpp"
#include "app/retention_job.hpp"
#include "app/store_supervisor.hpp"
#include "core/accounts/passwords.hpp"
#include "web/client_address.hpp"
#include "web/dispatch.hpp"
#include "web/i18n.hpp"
#include "web/ledger/ledger_key.hpp"
#include "web/opendata/open_data.hpp"
#include "web/server.hpp"
#include "web/templates.hpp"

namespace jospar::app {

namespace {

struct ServeSettings {
  std::string db_url;
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "var";
  int threads = 0;
  std::string static_dir, templates_dir, locales_dir;
  bool secure_cookies = false;
  std::string log_level = "info";
  bool access_log = true;
  std::vector<std::string> trusted_proxies;
  std::string metrics_token;
  MailSettings mail;
  int mail_interval = 30;
  int write_burst = web::WebConfig{}.write_burst;
  int write_per_minute = web::WebConfig{}.write_per_minute;
  std::string public_url;          // empty: http://localhost:PORT
  std::string breached_passwords;  // empty: data/passwords/common-passwords.txt of the source tree
  int retention_interval = 3600;
};

// JSON lines on stderr. A request only appends its line to an in-memory buffer (a short mutex, no
// wake-up, no system call); a flusher thread writes the buffer out every 200 ms, or at once when it grows
// past 64 KiB or a warning/error arrives. At most 200 ms of access-log lines can be lost in a crash; the
// state of the data never depends on the log.
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  BufferedStderrSink() : flusher_([this] { Run(); }) {}
  ~BufferedStderrSink() override {
    {
      std::lock_guard lock(wake_mu_);
      done_ = true;
    }
    wake_.notify_one();
    flusher_.join();
    WriteOut();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    buffer_.append(msg.payload.data(), msg.payload.size());
    buffer_.push_back('\n');
    if (buffer_.size() > kFlushBytes || msg.level >= spdlog::level::warn) {
      std::lock_guard lock(wake_mu_);
      urgent_ = true;
      wake_.notify_one();
    }
  }
  void flush_() override {}

 private:
  static constexpr std::size_t kFlushBytes = 64 * 1024;

  void Run() {
    std::unique_lock lock(wake_mu_);
    while (!done_) {
      wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return done_ || urgent_; });
      urgent_ = false;
      lock.unlock();
      WriteOut();
      lock.lock();
    }
  }

  void WriteOut() {
    std::string out;
    {
      std::lock_guard lock(mutex_);  // base_sink's mutex, held by sink_it_
      out.swap(buffer_);
    }
    std::size_t off = 0;
    while (off < out.size()) {
      const ssize_t n = ::write(STDERR_FILENO, out.data() + off, out.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // stderr closed: drop the lines rather than block requests
      off += static_cast<std::size_t>(n);
    }
  }

  std::string buffer_;
  std::mutex wake_mu_;
  std::condition_variable wake_;
  bool done_ = false;
  bool urgent_ = false;
  std::thread flusher_;
};

void SetUpLogging(const std::string& level) {
  auto logger = std::make_shared<spdlog::logger>("jospar", std::make_shared<BufferedStderrSink>());
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(logger);
}

int Serve(const ServeSettings& s) {
  SetUpLogging(s.log_level);
  std::string host;
  int port = 0;
  if (!ParseListen(s.listen, host, port)) {
    std::cerr << "jospar serve: --listen must be HOST:PORT, got " << s.listen << "\n";
    return 2;
  }
  web::WebConfig config;
  config.static_dir = s.static_dir.empty() ? DefaultResourceDir("static") : s.static_dir;
  config.templates_dir = s.templates_dir.empty() ? DefaultResourceDir("templates") : s.templates_dir;
  config.locales_dir = s.locales_dir.empty() ? DefaultResourceDir("locales") : s.locales_dir;
  config.data_dir = s.data_dir;
  config.secure_cookies = s.secure_cookies;
  config.log_requests = s.access_log;
  config.trusted_proxies = s.trusted_proxies;
  config.metrics_token = s.metrics_token;
  config.write_burst = s.write_burst;
  config.write_per_minute = s.write_per_minute;
  config.public_url = s.public_url.empty() ? "http://localhost:" + std::to_string(port) : s.public_url;
  if (auto proxies = web::TrustedProxies::Parse(config.trusted_proxies); !proxies) {
    std::cerr << "jospar serve: --trusted-proxies: " << proxies.error().detail << "\n";
    return 2;
  }

  auto locales = web::Locales::Load(config.locales_dir);
  if (!locales) {
    std::cerr << "jospar serve: cannot load locales: " << locales.error().detail << "\n";
    return 2;
  }
  std::shared_ptr<const web::Templates> templates;
  if (auto t = web::Templates::Load(config.templates_dir)) {
    templates = *t;
  } else {
    web::LogEvent(spdlog::level::warn, "templates not loaded", {{"detail", t.error().detail}});
  }

  const int threads = s.threads > 0 ? s.threads : std::max(2u, std::thread::hardware_concurrency());
  store::StoreOptions store_options;
  store_options.pool_size = std::max(4, threads * 2);
  SupervisedStore store(s.db_url, store_options, std::chrono::seconds(2));
  if (auto st = store.TryOpen(); !st) {
    if (st.error().code != ErrorCode::kUnavailable) {
      std::cerr << "jospar serve: " << ErrorCodeName(st.error().code) << ": " << st.error().detail << "\n";
      return 2;
    }
    web::LogEvent(spdlog::level::warn, "database unreachable; serving 503 until it is back",
                  {{"detail", st.error().detail}});
  }

  auto ledger_key = web::LoadOrCreateLedgerKey(config.data_dir);
  if (!ledger_key) {
    std::cerr << "jospar serve: transparency log key: " << ledger_key.error().detail << "\n";
    return 2;
  }
  web::AppContext ctx{store, config};
  {
    const std::string file = s.breached_passwords.empty()
                                 ? DefaultResourceDir("data") + "/passwords/common-passwords.txt"
                                 : s.breached_passwords;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "jospar serve: cannot read the breached-password list " << file << "\n";
      return 2;
    }
    std::ostringstream text;
    text << in.rdbuf();
    ctx.breached_passwords =
        std::make_shared<const accounts::BreachedPasswords>(accounts::BreachedPasswords::Parse(text.str()));
  }
  ctx.ledger_key = std::make_shared<const ledger::SigningKey>(std::move(*ledger_key));
  ctx.locales = std::make_shared<const web::Locales>(std::move(*locales));
  ctx.templates = templates;
  web::Router router;
  // Open-data files are rebuilt in the background once older than a minute (web/open_data.hpp).
  ctx.open_data = std::make_shared<web::OpenDataExports>(store, config.data_dir, ctx.clock, 60, true);
  web::Wire(ctx, router);

  // Mail from the outbox: SMTP when smtp-url is set, else .eml files under DATA-DIR/mail.
  MailSettings mail = s.mail;
  mail.data_dir = s.data_dir;
  std::string mail_what;
  auto mail_sender = MakeMailSender(mail, mail_what);
  if (!mail_sender) {
    std::cerr << "jospar serve: " << mail_sender.error().detail << "\n";
    return 2;
  }
  MailDelivery mail_delivery(store, **mail_sender);
  mail_delivery.Start(std::chrono::seconds(std::max(1, s.mail_interval)));
  web::LogEvent(spdlog::level::info, "mail delivery started", {{"to", mail_what}});
  // Retention of personal data (app/retention_job.hpp): erases the person accounts that are due.
  RetentionJob retention(store);
  retention.Start(std::chrono::seconds(std::max(60, s.retention_interval)));

  web::ServerOptions options;
  options.host = host;
  options.port = port;
  options.threads = threads;
  web::Server server(ctx, router, options);
  if (auto st = server.Start(); !st) {
    std::cerr << "jospar serve: " << st.error().detail << "\n";
    return 1;
  }
  std::cerr << "jospar: serving http://" << (host.find(':') != std::string::npos ? "[" + host + "]" : host)
            << ":" << server.port() << "/ (" << threads << " threads, " << store.Backend() << ")\n";
  server.RunUntilSignal();
  mail_delivery.Stop();
  retention.Stop();
  spdlog::shutdown();
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& cli, int& exit_code) {
  auto* cmd = cli.add_subcommand("serve", "Serve the portal and the JSON API");
  auto s = std::make_shared<ServeSettings>();
  AddStoreOptions(cmd, s->db_url);
  cmd->add_option("--listen", s->listen, "Address to listen on, HOST:PORT")
      ->envname("JOSPAR_LISTEN")
      ->capture_default_str();
  cmd->add_option("--data-dir", s->data_dir, "Folder for keys and other state")
      ->envname("JOSPAR_DATA_DIR")
      ->capture_default_str();
  cmd->add_option("--threads", s->threads, "Worker threads (default: number of cores, at least 2)")
      ->envname("JOSPAR_THREADS");
  cmd->add_option("--static-dir", s->static_dir, "CSS, JS and images (default: the source tree's static/)")
      ->envname("JOSPAR_STATIC_DIR");
  cmd->add_option("--templates-dir", s->templates_dir,
                  "HTML templates (default: the source tree's templates/)")
      ->envname("JOSPAR_TEMPLATES_DIR");
  cmd->add_option("--locales-dir", s->locales_dir, "kk/ru/en strings (default: the source tree's locales/)")
      ->envname("JOSPAR_LOCALES_DIR");
  cmd->add_flag("--secure-cookies", s->secure_cookies, "Mark cookies Secure (behind a TLS proxy)")
      ->envname("JOSPAR_SECURE_COOKIES");
  cmd->add_option("--log-level", s->log_level, "trace, debug, info, warn, error")
      ->envname("JOSPAR_LOG_LEVEL")
      ->capture_default_str();
  cmd->add_option("--access-log", s->access_log, "One log line per request (true/false)")
      ->envname("JOSPAR_ACCESS_LOG")
      ->capture_default_str();
  cmd->add_option("--trusted-proxies", s->trusted_proxies,
                  "Reverse proxies whose X-Forwarded-For names the client: addresses or CIDR ranges, "
                  "comma-separated (default: none, X-Forwarded-For is ignored)")
      ->delimiter(',')
      ->envname("JOSPAR_TRUSTED_PROXIES");
  cmd->add_option("--metrics-token", s->metrics_token,
                  "When set, /metrics needs Authorization: Bearer TOKEN (prefer the environment or the "
                  "config file to the command line; default: /metrics is open)")
      ->envname("JOSPAR_METRICS_TOKEN");
  cmd->add_option("--write-burst", s->write_burst,
                  "Unsafe requests (POST, PUT, PATCH, DELETE) one client address may make at once; 0 turns "
                  "the limit off. On PostgreSQL counted in the database, for all processes together")
      ->envname("JOSPAR_WRITE_BURST")
      ->capture_default_str();
  cmd->add_option("--write-per-minute", s->write_per_minute,
                  "Rate at which a client address's unsafe requests come back (at most 60000 a minute)")
      ->envname("JOSPAR_WRITE_PER_MINUTE")
      ->capture_default_str();
  AddMailOptions(cmd, s->mail);
  cmd->add_option("--mail-interval", s->mail_interval, "Seconds between two looks at the mail outbox")
      ->envname("JOSPAR_MAIL_INTERVAL")
      ->capture_default_str();
  cmd->add_option(
         "--public-url", s->public_url,
         "The site's address as people reach it, for the links in mail (default: http://localhost:PORT)")
      ->envname("JOSPAR_PUBLIC_URL");
  cmd->add_option("--breached-passwords", s->breached_passwords,
                  "Passwords refused as new ones, one a line (default: the source tree's "
                  "data/passwords/common-passwords.txt)")
      ->envname("JOSPAR_BREACHED_PASSWORDS");
  cmd->add_option("--retention-interval", s->retention_interval,
                  "Seconds between two runs of the personal-data retention (at least 60)")
      ->envname("JOSPAR_RETENTION_INTERVAL")
      ->capture_default_str();
  cmd->callback([s, &exit_code] { exit_code = Serve(*s); });
}

}  // namespace jospar::app
