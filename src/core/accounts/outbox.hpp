// The mail outbox: messages the product sends (account confirmation, password reset, notifications) are
// enqueued in the store in the same transaction as the change that causes them, and a delivery worker
// (src/app/mail_delivery.*) sends them later with retries. Core holds the message, its validation, the
// outbox's repository port (handed out by Tx::outbox()) and the back-off schedule; no I/O.
//
// Personal data: the address and the body are personal; a log line names only the outbox id and the error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/error.hpp"
#include "core/base/ids.hpp"

namespace jospar {

struct MailMessage {
  std::string to;       // one address, "local@domain"
  std::string subject;  // UTF-8, one line
  std::string text;     // UTF-8 plain text body
  std::string purpose;  // what caused it, e.g. "account.confirm"; for operators, never shown to the recipient
};

// Limits ValidateMail enforces.
inline constexpr std::size_t kMailMaxAddress = 254;  // RFC 5321 path limit
inline constexpr std::size_t kMailMaxSubject = 998;  // RFC 5322 line limit (bytes, before encoding)
inline constexpr std::size_t kMailMaxText = 1 << 20;
inline constexpr std::size_t kMailMaxPurpose = 64;

// Checks a message before it is enqueued. kInvalidInput ("error.mail_invalid") with one FieldError per bad
// field ("to", "subject", "text", "purpose"): `to` must be exactly one address (no list, no display name,
// no spaces or angle brackets, one '@' with non-empty parts); no CR, LF or other control character in `to`,
// `subject` or `purpose` (header injection); every field valid UTF-8; lengths within the limits above;
// `purpose` non-empty of [a-z0-9._-].
Status ValidateMail(const MailMessage& m);

enum class OutboxState {
  kPending,  // waiting to be sent (first attempt or a retry)
  kSent,
  kDead,  // given up after kMailMaxAttempts failed attempts
};
const char* ToString(OutboxState s);  // "pending", "sent", "dead"
std::optional<OutboxState> ParseOutboxState(std::string_view s);

struct OutboxItem {
  Id id = 0;
  MailMessage message;
  std::int64_t created_at = 0;       // unix seconds
  int attempts = 0;                  // attempts started (a claim counts as one)
  std::int64_t next_attempt_at = 0;  // unix seconds; a claim moves it forward by its lease
  std::optional<std::int64_t> sent_at;
  std::string last_error;  // the last failure, non-personal (an SMTP reply code and text)
  OutboxState state = OutboxState::kPending;
};

// The back-off schedule: after the n-th failed attempt (n from 1) the next attempt is due
// 1 min, 5 min, 30 min, 2 h, 12 h later (n = 1..5); after kMailMaxAttempts failed attempts the item is
// given up (dead). So a message is tried for about 14.6 hours before it is given up.
inline constexpr int kMailMaxAttempts = 6;
// Seconds to wait after the `failed_attempts`-th failure, or nullopt when the item is to be given up.
std::optional<std::int64_t> MailRetryDelay(int failed_attempts);

// The outbox's part of the store (Tx::outbox()). The contract shared by every repository is in
// core/base/unit_of_work.hpp.
class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // Validates `m` (ValidateMail's errors) and stores it as pending, due at `now`.
  virtual Result<Id> Enqueue(const MailMessage& m, std::int64_t now) = 0;
  // Up to `limit` pending items due at `now` (next_attempt_at <= now), oldest due first; each is claimed:
  // its attempts is incremented and its next_attempt_at moved to now + lease_seconds, so that it is not
  // claimed again until the lease runs out (a worker that dies mid-send leaves it to be retried then).
  // Call in a write transaction and commit before sending. On PostgreSQL the rows are read
  // FOR UPDATE SKIP LOCKED, so two processes claiming at once get disjoint items; SQLite write
  // transactions take turns. The lease must exceed the longest send (the SMTP timeout).
  virtual Result<std::vector<OutboxItem>> ClaimDue(std::int64_t now, int limit,
                                                   std::int64_t lease_seconds) = 0;
  // kNotFound when there is no such item.
  virtual Status MarkSent(Id id, std::int64_t now) = 0;
  // Records a failed attempt: the item stays pending, due again at `next_attempt_at`.
  virtual Status MarkFailed(Id id, std::int64_t now, std::string error, std::int64_t next_attempt_at) = 0;
  // Records the last failed attempt: the item is given up (kDead) and never claimed again.
  virtual Status MarkDead(Id id, std::int64_t now, std::string error) = 0;
  virtual Result<OutboxItem> Get(Id id) = 0;
  // For operators: the newest first (by id), optionally of one state, at most `limit`.
  virtual Result<std::vector<OutboxItem>> List(std::optional<OutboxState> state, int limit) = 0;
};

}  // namespace jospar
