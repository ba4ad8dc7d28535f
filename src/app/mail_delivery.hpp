// Mail delivery: sends what the store's outbox (core/accounts/outbox.hpp) holds, through SMTP (libcurl)
// or, with no SMTP configured, into .eml files under the data directory. `jospar serve` runs a
// MailDelivery in the background; `jospar mail send-pending` runs it once.
//
// Personal data: nothing here logs an address, a subject or a body; a log line names the outbox id and
// the error only.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "core/accounts/outbox.hpp"
#include "core/base/unit_of_work.hpp"

namespace jospar::app {

// The message as sent (RFC 5322, CRLF line ends): Date (from `now`), Message-ID
// (<jospar.ID.CREATED@DOMAIN-OF-FROM>, the same on every retry), From, To, Subject (RFC 2047 UTF-8 base64
// encoded-words when not ASCII), MIME-Version, Content-Type text/plain; charset=UTF-8 and
// Content-Transfer-Encoding 7bit (ASCII body) or base64. Header injection is impossible: ValidateMail
// refused CR and LF at enqueue and the header fields are checked again here (kInvalidInput).
Result<std::string> BuildMessage(const OutboxItem& item, const std::string& from, std::int64_t now);

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Sends one item. Errors: kUnavailable for a transient failure (connection refused, timeout, SMTP 4xx:
  // retry later), kInvalidInput for a permanent one (SMTP 5xx, a malformed message: give up). The
  // detail is non-personal (curl's error and the SMTP reply code).
  virtual Status Send(const OutboxItem& item, std::int64_t now) = 0;
};

struct SmtpConfig {
  std::string url;               // smtp://host:port or smtps://host:port
  std::string from;              // the From address (one bare address)
  std::string user;              // optional
  std::string password;          // optional; never logged
  std::string starttls = "try";  // "none", "try" (CURLUSESSL_TRY) or "all" (CURLUSESSL_ALL, required)
  long timeout_seconds = 60;
};

// Checks a configuration before it is used: the URL's scheme, the From address, starttls.
Status ValidateSmtpConfig(const SmtpConfig& c);

// libcurl's SMTP. Thread-compatible: one Send at a time per instance.
class SmtpSender final : public MailSender {
 public:
  explicit SmtpSender(SmtpConfig config);
  Status Send(const OutboxItem& item, std::int64_t now) override;

 private:
  SmtpConfig config_;
};

// Writes each message as DIR/<created_at>-<id>.eml, atomically (a temporary name, fsync, rename, fsync of
// the folder), so a reader never sees half a message. A resend overwrites the same file.
class FileSender final : public MailSender {
 public:
  FileSender(std::filesystem::path dir, std::string from);
  Status Send(const OutboxItem& item, std::int64_t now) override;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::string from_;
};

struct DeliveryOptions {
  int batch = 20;                    // items claimed per round
  std::int64_t lease_seconds = 300;  // longer than any send (SmtpConfig::timeout_seconds)
};

struct DeliveryReport {
  int sent = 0;
  int failed = 0;  // will be retried
  int dead = 0;    // given up
};

// Claims due items, sends them and records the outcome with the back-off of core's MailRetryDelay.
// Thread-safe (each round is its own transactions); several workers, in one process or in several on one
// PostgreSQL, never send an item twice while its lease holds.
class MailDelivery {
 public:
  MailDelivery(Store& store, MailSender& sender, DeliveryOptions options = {});
  ~MailDelivery();  // stops the background thread
  // Rounds until no item is due at `now`. An error of the store is returned (nothing is lost: an item
  // claimed and not marked is retried when its lease runs out).
  Result<DeliveryReport> RunOnce(std::int64_t now);
  // A background thread running RunOnce with the system clock every `interval`; Stop() ends it.
  void Start(std::chrono::milliseconds interval);
  void Stop();

 private:
  Result<DeliveryReport> Round(std::int64_t now, bool& more);

  Store& store_;
  MailSender& sender_;
  DeliveryOptions options_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

// The mail settings of `serve` and `mail send-pending`: --smtp-url, --smtp-from, --smtp-user,
// --smtp-password (env JOSPAR_SMTP_PASSWORD; prefer it or the config file to the command line),
// --smtp-starttls, --smtp-timeout; each also from JOSPAR_SMTP_* and the config file (smtp-url = ...).
struct MailSettings {
  SmtpConfig smtp;
  std::string data_dir = "var";
};
void AddMailOptions(CLI::App* cmd, MailSettings& s);

// SmtpSender when smtp-url is set (kInvalidInput when the settings are wrong), else a FileSender writing
// into DATA-DIR/mail. `what` says which, without secrets ("smtp://host:25" or "files in var/mail").
Result<std::unique_ptr<MailSender>> MakeMailSender(const MailSettings& s, std::string& what);

}  // namespace jospar::app
