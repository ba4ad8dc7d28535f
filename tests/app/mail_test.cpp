// Mail from the outbox through a real SMTP server (tests/app/smtp_sink.py on Debian's python3-aiosmtpd, a
// child process): what arrives (envelope, To, a Kazakh/Russian Subject through RFC 2047, the body), a
// server that is down (the item backs off, then goes out when it is back), FileSender's .eml files, two
// deliveries at once sending each item exactly once, and `jospar mail send-pending|list`.
// Without /usr/bin/python3 and aiosmtpd the SMTP tests are skipped, and fail when CI is set.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/app_fixture.hpp"
#include "app/mail_delivery.hpp"
#include "core/accounts/outbox.hpp"
#include "store/open.hpp"

extern char** environ;

namespace jospar::testing {
namespace {

namespace fs = std::filesystem;

int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool Accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// The SMTP server child process; every message it accepts becomes DIR/NNNN.json.
class SmtpSink {
 public:
  SmtpSink(int port, std::string dir) : port_(port), dir_(std::move(dir)) {}
  ~SmtpSink() { Stop(); }
  // Starts it and waits (up to 15 s) until the port accepts.
  bool Start() {
    const std::string script = std::string(JOSPAR_SOURCE_DIR) + "/tests/app/smtp_sink.py";
    const std::string port = std::to_string(port_);
    std::vector<std::string> args = {"/usr/bin/python3", script, port, dir_};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const int rc = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      pid_ = -1;
      return false;
    }
    for (int i = 0; i < 150; ++i) {
      if (Accepts(port_)) return true;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // The messages received so far, in order of arrival.
  std::vector<nlohmann::json> Received() const {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir_, ec))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<nlohmann::json> out;
    for (const auto& f : files) out.push_back(nlohmann::json::parse(ReadAll(f.string())));
    return out;
  }

 private:
  int port_;
  std::string dir_;
  pid_t pid_ = -1;
};

std::string Lf(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
  return s;
}

class MailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_url_ = "sqlite:" + dir_.path() + "/mail.db";
    auto store = store::OpenStore(db_url_);
    ASSERT_TRUE(store) << store.error().detail;
    store_ = std::move(*store);
  }

  // Starts a sink on `port`; false (after FAIL or SKIP) when it cannot start.
  std::unique_ptr<SmtpSink> StartSink(int port) {
    auto sink = std::make_unique<SmtpSink>(port, dir_.path() + "/received");
    if (sink->Start()) return sink;
    return nullptr;
  }

  Id Enqueue(const MailMessage& m, std::int64_t now) {
    auto tx = store_->Begin(TxMode::kWrite);
    EXPECT_TRUE(tx);
    auto id = (*tx)->outbox().Enqueue(m, now);
    EXPECT_TRUE(id) << (id ? "" : id.error().detail);
    EXPECT_TRUE((*tx)->Commit());
    return id.value_or(0);
  }

  OutboxItem Get(Id id) {
    auto tx = store_->Begin(TxMode::kRead);
    return (*tx)->outbox().Get(id).value();
  }

  app::SmtpConfig Smtp(const SmtpSink& sink) {
    app::SmtpConfig c;
    c.url = sink.url();
    c.from = "noreply@jospar.kz";
    c.starttls = "none";
    c.timeout_seconds = 10;
    return c;
  }

  TempDir dir_;
  std::string db_url_;
  std::unique_ptr<Store> store_;
};

#define START_SINK_OR_SKIP(var, port)                                                                    \
  auto var = StartSink(port);                                                                            \
  if (!var) {                                                                                            \
    if (std::getenv("CI") != nullptr) FAIL() << "the SMTP test server (python3-aiosmtpd) did not start"; \
    GTEST_SKIP() << "*** SMTP tests SKIPPED: /usr/bin/python3 -m aiosmtpd unavailable (apt-get install " \
                    "python3-aiosmtpd)";                                                                 \
  }

const MailMessage kKazakh{
    "aigerim.nurlanova@example.kz", "Тіркеуді растаңыз — Подтвердите регистрацию на портале Jospar",
    "Сәлеметсіз бе, Әйгерім!\n.dot at the start of a line\nКод: 482913\nЖоспар\n", "account.confirm"};

TEST_F(MailTest, SmtpDeliversToSubjectAndBodyInKazakhAndRussian) {
  START_SINK_OR_SKIP(sink, FreePort());
  const Id id = Enqueue(kKazakh, 1'700'000'000);
  app::SmtpSender sender(Smtp(*sink));
  app::MailDelivery delivery(*store_, sender);
  auto report = delivery.RunOnce(1'700'000'005);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->sent, 1);
  auto got = sink->Received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["mail_from"], "noreply@jospar.kz");
  EXPECT_EQ(got[0]["rcpt_tos"], nlohmann::json::array({"aigerim.nurlanova@example.kz"}));
  EXPECT_EQ(got[0]["to"], "aigerim.nurlanova@example.kz");
  EXPECT_EQ(got[0]["from"], "noreply@jospar.kz");
  EXPECT_EQ(got[0]["subject"], kKazakh.subject);
  EXPECT_EQ(Lf(got[0]["body"].get<std::string>()), kKazakh.text);
  EXPECT_EQ(got[0]["charset"], "utf-8");
  EXPECT_EQ(got[0]["message_id"], "<jospar." + std::to_string(id) + ".1700000000@jospar.kz>");
  EXPECT_EQ(got[0]["date"], "Tue, 14 Nov 2023 22:13:25 +0000");
  // The raw Subject is RFC 2047 encoded-words only.
  const std::string raw = got[0]["raw"];
  EXPECT_NE(raw.find("Subject: =?UTF-8?B?"), std::string::npos);
  const OutboxItem item = Get(id);
  EXPECT_EQ(item.state, OutboxState::kSent);
  EXPECT_EQ(item.sent_at, 1'700'000'005);
  EXPECT_EQ(item.attempts, 1);
}

TEST_F(MailTest, ServerDownBacksOffThenDeliversWhenBack) {
  const int port = FreePort();
  const Id id = Enqueue(kKazakh, 1000);
  app::SmtpConfig config;
  config.url = "smtp://127.0.0.1:" + std::to_string(port);
  config.from = "noreply@jospar.kz";
  config.starttls = "none";
  config.timeout_seconds = 5;
  app::SmtpSender sender(config);
  app::MailDelivery delivery(*store_, sender);
  auto first = delivery.RunOnce(1000);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(first->failed, 1);
  OutboxItem item = Get(id);
  EXPECT_EQ(item.state, OutboxState::kPending);
  EXPECT_EQ(item.attempts, 1);
  EXPECT_EQ(item.next_attempt_at, 1000 + *MailRetryDelay(1));
  EXPECT_FALSE(item.last_error.empty());
  // The error names no address.
  EXPECT_EQ(item.last_error.find("example.kz"), std::string::npos) << item.last_error;
  // Not due before the back-off has passed.
  EXPECT_EQ(delivery.RunOnce(1030)->failed, 0);
  EXPECT_EQ(Get(id).attempts, 1);
  // Down again at the second attempt: 5 minutes.
  EXPECT_EQ(delivery.RunOnce(1060)->failed, 1);
  EXPECT_EQ(Get(id).next_attempt_at, 1060 + 5 * 60);

  START_SINK_OR_SKIP(sink, port);
  auto back = delivery.RunOnce(1060 + 5 * 60);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->sent, 1);
  ASSERT_EQ(sink->Received().size(), 1u);
  EXPECT_EQ(sink->Received()[0]["subject"], kKazakh.subject);
  item = Get(id);
  EXPECT_EQ(item.state, OutboxState::kSent);
  EXPECT_EQ(item.attempts, 3);
}

TEST_F(MailTest, GivesUpAfterTheLastAttempt) {
  const int port = FreePort();
  const Id id = Enqueue(kKazakh, 0);
  app::SmtpConfig config;
  config.url = "smtp://127.0.0.1:" + std::to_string(port);
  config.from = "noreply@jospar.kz";
  config.starttls = "none";
  app::SmtpSender sender(config);
  app::MailDelivery delivery(*store_, sender);
  std::int64_t now = 0;
  for (int attempt = 1; attempt <= kMailMaxAttempts; ++attempt) {
    auto r = delivery.RunOnce(now);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->failed + r->dead, 1) << "attempt " << attempt;
    now = Get(id).next_attempt_at;
  }
  EXPECT_EQ(Get(id).state, OutboxState::kDead);
  EXPECT_EQ(Get(id).attempts, kMailMaxAttempts);
  EXPECT_EQ(delivery.RunOnce(now + 1'000'000)->dead, 0);
}

TEST_F(MailTest, HeaderInjectionIsRefusedAtEnqueue) {
  auto tx = store_->Begin(TxMode::kWrite);
  ASSERT_TRUE(tx);
  MailMessage m = kKazakh;
  m.subject = "Hello\r\nBcc: everyone@example.com";
  auto r = (*tx)->outbox().Enqueue(m, 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  m = kKazakh;
  m.to = "a@example.kz, b@example.kz";
  EXPECT_FALSE((*tx)->outbox().Enqueue(m, 0));
  m.to = "Aigerim <a@example.kz>";
  EXPECT_FALSE((*tx)->outbox().Enqueue(m, 0));
  EXPECT_TRUE((*tx)->outbox().List(std::nullopt, 10)->empty());
}

TEST_F(MailTest, FileSenderWritesAReadableEml) {
  MailMessage m{"bolat@example.kz", "Password reset", "Open this link:\nhttps://jospar.kz/reset?t=abc\n",
                "account.reset"};
  const Id ascii = Enqueue(m, 1'700'000'000);
  const Id kazakh = Enqueue(kKazakh, 1'700'000'000);
  const fs::path dir = fs::path(dir_.path()) / "var" / "mail";
  app::FileSender sender(dir, "noreply@jospar.kz");
  app::MailDelivery delivery(*store_, sender);
  ASSERT_EQ(delivery.RunOnce(1'700'000'010)->sent, 2);
  const std::string eml = ReadAll((dir / ("1700000000-" + std::to_string(ascii) + ".eml")).string());
  EXPECT_NE(eml.find("To: bolat@example.kz\r\n"), std::string::npos) << eml;
  EXPECT_NE(eml.find("From: noreply@jospar.kz\r\n"), std::string::npos);
  EXPECT_NE(eml.find("Subject: Password reset\r\n"), std::string::npos);
  EXPECT_NE(eml.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(eml.find("\r\n\r\nOpen this link:\r\nhttps://jospar.kz/reset?t=abc\r\n"), std::string::npos);
  const std::string kk = ReadAll((dir / ("1700000000-" + std::to_string(kazakh) + ".eml")).string());
  EXPECT_NE(kk.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(kk.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
  // Nothing half-written is left behind.
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    EXPECT_EQ(e.path().extension(), ".eml") << e.path();
    ++files;
  }
  EXPECT_EQ(files, 2);
}

TEST_F(MailTest, TwoDeliveriesAtOnceSendEachItemExactlyOnce) {
  START_SINK_OR_SKIP(sink, FreePort());
  constexpr int kItems = 24;
  std::set<Id> ids;
  for (int i = 0; i < kItems; ++i) {
    MailMessage m = kKazakh;
    m.subject = "Хабарлама " + std::to_string(i);
    ids.insert(Enqueue(m, 100));
  }
  app::SmtpSender sender_a(Smtp(*sink)), sender_b(Smtp(*sink));
  app::DeliveryOptions options;
  options.batch = 3;
  app::MailDelivery a(*store_, sender_a, options), b(*store_, sender_b, options);
  Result<app::DeliveryReport> ra, rb;
  std::thread ta([&] { ra = a.RunOnce(100); });
  std::thread tb([&] { rb = b.RunOnce(100); });
  ta.join();
  tb.join();
  ASSERT_TRUE(ra) << ra.error().detail;
  ASSERT_TRUE(rb) << rb.error().detail;
  EXPECT_EQ(ra->sent + rb->sent, kItems);
  auto got = sink->Received();
  ASSERT_EQ(got.size(), static_cast<std::size_t>(kItems));
  std::set<std::string> message_ids, subjects;
  for (const auto& g : got) {
    message_ids.insert(g["message_id"].get<std::string>());
    subjects.insert(g["subject"].get<std::string>());
  }
  EXPECT_EQ(message_ids.size(), static_cast<std::size_t>(kItems));
  EXPECT_EQ(subjects.size(), static_cast<std::size_t>(kItems));
}

TEST_F(MailTest, CliSendPendingAndList) {
  START_SINK_OR_SKIP(sink, FreePort());
  Enqueue(kKazakh, 1'000);
  store_.reset();
  auto sent = RunJospar({"mail", "send-pending", "--db", db_url_, "--smtp-url", sink->url(), "--smtp-from",
                         "noreply@jospar.kz", "--smtp-starttls", "none"});
  EXPECT_EQ(sent.exit_code, 0) << sent.output;
  EXPECT_NE(sent.output.find("sent 1,"), std::string::npos) << sent.output;
  ASSERT_EQ(sink->Received().size(), 1u);
  auto list = RunJospar({"mail", "list", "--db", db_url_});
  EXPECT_EQ(list.exit_code, 0) << list.output;
  EXPECT_NE(list.output.find("\tsent\t1\t"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("account.confirm"), std::string::npos);
  // The operator's listing shows no address, subject or body.
  EXPECT_EQ(list.output.find("example.kz"), std::string::npos) << list.output;
  EXPECT_EQ(list.output.find("Тіркеу"), std::string::npos);

  // Without smtp-url the mail goes to files under the data directory.
  SetUp();
  Enqueue(kKazakh, 2'000);
  store_.reset();
  const std::string data = dir_.path() + "/var";
  auto filed = RunJospar({"mail", "send-pending", "--db", db_url_, "--data-dir", data});
  EXPECT_EQ(filed.exit_code, 0) << filed.output;
  int emls = 0;
  for (const auto& e : fs::directory_iterator(data + "/mail")) emls += e.path().extension() == ".eml";
  EXPECT_EQ(emls, 1);
}

}  // namespace
}  // namespace jospar::testing
