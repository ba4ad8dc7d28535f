#include "app/mail_delivery.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/base/clock.hpp"
#include "web/dispatch.hpp"

namespace jospar::app {
namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                   static_cast<unsigned char>(in[i + 2]);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
    out += kB64[n & 63];
  }
  if (i + 1 == in.size()) {
    const auto n = static_cast<unsigned char>(in[i]) << 16;
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const auto n = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kB64[(n >> 18) & 63];
    out += kB64[(n >> 12) & 63];
    out += kB64[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// The Subject field's value: as is when ASCII and short, else RFC 2047 encoded-words of at most 45 bytes
// of UTF-8 each (never splitting a character), folded onto continuation lines.
std::string EncodeSubject(std::string_view s) {
  if (IsAscii(s) && s.size() <= 900) return std::string(s);
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t end = std::min(s.size(), i + 45);
    while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(s.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

// LF or CRLF line ends to CRLF.
std::string ToCrlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

bool LongLine(std::string_view text) {
  std::size_t run = 0;
  for (char c : text) {
    run = (c == '\n') ? 0 : run + 1;
    if (run > 900) return true;
  }
  return false;
}

std::string RfcDate(std::int64_t now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

std::string DomainOf(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

void CurlGlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct ReadState {
  const std::string* data;
  std::size_t pos = 0;
};

std::size_t ReadBody(char* buffer, std::size_t size, std::size_t nitems, void* userp) {
  auto* st = static_cast<ReadState*>(userp);
  const std::size_t n = std::min(size * nitems, st->data->size() - st->pos);
  std::memcpy(buffer, st->data->data() + st->pos, n);
  st->pos += n;
  return n;
}

void LogMail(spdlog::level::level_enum level, std::string_view msg, Id id, std::string_view error) {
  const std::string ids = std::to_string(id);
  web::LogEvent(level, msg, {{"outbox_id", ids}, {"error", error}});
}

}  // namespace

Result<std::string> BuildMessage(const OutboxItem& item, const std::string& from, std::int64_t now) {
  const MailMessage& m = item.message;
  if (auto ok = ValidateMail(m); !ok) return Fail(ok.error());
  if (HasLineBreak(from))
    return Fail(ErrorCode::kInvalidInput, "error.mail_invalid", "From has a line break");
  std::string out;
  out += "Date: " + RfcDate(now) + "\r\n";
  out += fmt::format("Message-ID: <jospar.{}.{}@{}>\r\n", item.id, item.created_at, DomainOf(from));
  out += "From: " + from + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + EncodeSubject(m.subject) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  const std::string body = ToCrlf(m.text);
  if (IsAscii(m.text) && !LongLine(m.text)) {
    out += "Content-Transfer-Encoding: 7bit\r\n\r\n";
    out += body;
  } else {
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    const std::string b64 = Base64(body);
    for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

Status ValidateSmtpConfig(const SmtpConfig& c) {
  if (c.url.rfind("smtp://", 0) != 0 && c.url.rfind("smtps://", 0) != 0) {
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input",
                "smtp-url must start with smtp:// or smtps://");
  }
  MailMessage probe{c.from, "x", "", "config"};
  if (c.from.empty() || !ValidateMail(probe)) {
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input",
                "smtp-from must be one address local@domain");
  }
  if (c.starttls != "none" && c.starttls != "try" && c.starttls != "all") {
    return Fail(ErrorCode::kInvalidInput, "error.invalid_input", "smtp-starttls must be none, try or all");
  }
  return {};
}

SmtpSender::SmtpSender(SmtpConfig config) : config_(std::move(config)) { CurlGlobalInit(); }

Status SmtpSender::Send(const OutboxItem& item, std::int64_t now) {
  auto message = BuildMessage(item, config_.from, now);
  if (!message) return Fail(message.error());
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Fail(ErrorCode::kUnavailable, "error.unavailable", "curl_easy_init failed");
  const std::string mail_from = "<" + config_.from + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + item.message.to + ">").c_str());
  ReadState state{&*message, 0};
  curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadBody);
  curl_easy_setopt(curl, CURLOPT_READDATA, &state);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, config_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, std::min(config_.timeout_seconds, 20L));
  if (config_.url.rfind("smtp://", 0) == 0) {
    const long ssl = config_.starttls == "all"   ? CURLUSESSL_ALL
                     : config_.starttls == "try" ? CURLUSESSL_TRY
                                                 : CURLUSESSL_NONE;
    curl_easy_setopt(curl, CURLOPT_USE_SSL, ssl);
  }
  if (!config_.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config_.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return {};
  const std::string detail = fmt::format("smtp {}: {}", reply, curl_easy_strerror(rc));
  const bool permanent = reply >= 500 && reply < 600;
  return Fail(permanent ? ErrorCode::kInvalidInput : ErrorCode::kUnavailable, "error.mail_send", detail);
}

FileSender::FileSender(std::filesystem::path dir, std::string from)
    : dir_(std::move(dir)), from_(std::move(from)) {}

Status FileSender::Send(const OutboxItem& item, std::int64_t now) {
  auto message = BuildMessage(item, from_, now);
  if (!message) return Fail(message.error());
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec)
    return Fail(ErrorCode::kUnavailable, "error.mail_send", "cannot create the mail folder: " + ec.message());
  const std::string name = fmt::format("{}-{}.eml", item.created_at, item.id);
  const std::filesystem::path final_path = dir_ / name;
  const std::filesystem::path tmp = dir_ / ("." + name + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return Fail(ErrorCode::kUnavailable, "error.mail_send", std::string("open: ") + std::strerror(errno));
  std::size_t done = 0;
  bool ok = true;
  while (done < message->size()) {
    const ssize_t n = ::write(fd, message->data() + done, message->size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), final_path.c_str()) != 0) {
    const int err = ok ? errno : saved;
    ::unlink(tmp.c_str());
    return Fail(ErrorCode::kUnavailable, "error.mail_send", std::string("write: ") + std::strerror(err));
  }
  if (const int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

MailDelivery::MailDelivery(Store& store, MailSender& sender, DeliveryOptions options)
    : store_(store), sender_(sender), options_(options) {}

MailDelivery::~MailDelivery() { Stop(); }

Result<DeliveryReport> MailDelivery::Round(std::int64_t now, bool& more) {
  DeliveryReport report;
  std::vector<OutboxItem> items;
  {
    auto tx = store_.Begin(TxMode::kWrite);
    if (!tx) return Fail(tx.error());
    auto claimed = (*tx)->outbox().ClaimDue(now, options_.batch, options_.lease_seconds);
    if (!claimed) return Fail(claimed.error());
    if (auto st = (*tx)->Commit(); !st) return Fail(st.error());
    items = std::move(*claimed);
  }
  more = static_cast<int>(items.size()) == options_.batch;
  for (const auto& item : items) {
    auto sent = sender_.Send(item, now);
    auto tx = store_.Begin(TxMode::kWrite);
    if (!tx) return Fail(tx.error());
    Status marked;
    if (sent) {
      marked = (*tx)->outbox().MarkSent(item.id, now);
      ++report.sent;
    } else {
      const auto delay = MailRetryDelay(item.attempts);
      const bool permanent = sent.error().code == ErrorCode::kInvalidInput;
      if (permanent || !delay) {
        marked = (*tx)->outbox().MarkDead(item.id, now, sent.error().detail);
        ++report.dead;
        LogMail(spdlog::level::err, "mail given up", item.id, sent.error().detail);
      } else {
        marked = (*tx)->outbox().MarkFailed(item.id, now, sent.error().detail, now + *delay);
        ++report.failed;
        LogMail(spdlog::level::warn, "mail send failed; will retry", item.id, sent.error().detail);
      }
    }
    if (!marked) return Fail(marked.error());
    if (auto st = (*tx)->Commit(); !st) return Fail(st.error());
  }
  return report;
}

Result<DeliveryReport> MailDelivery::RunOnce(std::int64_t now) {
  DeliveryReport total;
  bool more = true;
  while (more) {
    auto r = Round(now, more);
    if (!r) return r;
    total.sent += r->sent;
    total.failed += r->failed;
    total.dead += r->dead;
  }
  return total;
}

void MailDelivery::Start(std::chrono::milliseconds interval) {
  Stop();
  {
    std::lock_guard lock(mu_);
    stop_ = false;
  }
  thread_ = std::thread([this, interval] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      if (auto r = RunOnce(SystemClock()); !r) {
        web::LogEvent(spdlog::level::warn, "mail delivery round failed", {{"error", r.error().detail}});
      }
      lock.lock();
      wake_.wait_for(lock, interval, [this] { return stop_; });
    }
  });
}

void MailDelivery::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AddMailOptions(CLI::App* cmd, MailSettings& s) {
  cmd->add_option("--smtp-url", s.smtp.url,
                  "SMTP server, smtp://HOST:PORT or smtps://HOST:PORT (default: none; mail is written to "
                  "files under DATA-DIR/mail)")
      ->envname("JOSPAR_SMTP_URL");
  cmd->add_option("--smtp-from", s.smtp.from, "The From address of the mail sent")
      ->envname("JOSPAR_SMTP_FROM");
  cmd->add_option("--smtp-user", s.smtp.user, "SMTP user name (default: no authentication)")
      ->envname("JOSPAR_SMTP_USER");
  cmd->add_option("--smtp-password", s.smtp.password,
                  "SMTP password (prefer the environment or the config file to the command line)")
      ->envname("JOSPAR_SMTP_PASSWORD");
  cmd->add_option("--smtp-starttls", s.smtp.starttls,
                  "STARTTLS on smtp://: none, try (when offered) or all (required)")
      ->envname("JOSPAR_SMTP_STARTTLS")
      ->capture_default_str();
  cmd->add_option("--smtp-timeout", s.smtp.timeout_seconds, "Seconds one send may take")
      ->envname("JOSPAR_SMTP_TIMEOUT")
      ->capture_default_str();
}

Result<std::unique_ptr<MailSender>> MakeMailSender(const MailSettings& s, std::string& what) {
  if (s.smtp.url.empty()) {
    const std::filesystem::path dir = std::filesystem::path(s.data_dir) / "mail";
    what = "files in " + dir.string();
    const std::string from = s.smtp.from.empty() ? "jospar@localhost" : s.smtp.from;
    return std::unique_ptr<MailSender>(std::make_unique<FileSender>(dir, from));
  }
  if (auto ok = ValidateSmtpConfig(s.smtp); !ok) return Fail(ok.error());
  // The URL without any user:password@ part.
  std::string shown = s.smtp.url;
  if (const auto at = shown.find('@'); at != std::string::npos)
    shown = shown.substr(0, shown.find("//") + 2) + shown.substr(at + 1);
  what = shown;
  return std::unique_ptr<MailSender>(std::make_unique<SmtpSender>(s.smtp));
}

}  // namespace jospar::app
