// The mail outbox: enqueue, claim with a lease, mark sent / failed / dead, list.
#include "store/accounts/sql_outbox_repository.hpp"
#include "store/accounts/sql_persons_repository.hpp"
#include "store/sql/rows.hpp"

namespace jospar::store::sql {
namespace {

constexpr std::string_view kColumns =
    "id, recipient, subject, body, purpose, created_at, attempts, next_attempt_at, sent_at, last_error, "
    "state";

OutboxItem ReadItem(const Query& q, int c) {
  OutboxItem it;
  it.id = q.Int(c);
  it.message.to = q.Text(c + 1);
  it.message.subject = q.Text(c + 2);
  it.message.text = q.Text(c + 3);
  it.message.purpose = q.Text(c + 4);
  it.created_at = q.Int(c + 5);
  it.attempts = static_cast<int>(q.Int(c + 6));
  it.next_attempt_at = q.Int(c + 7);
  it.sent_at = q.OptInt(c + 8);
  it.last_error = q.Text(c + 9);
  it.state = ParseOutboxState(q.TextView(c + 10)).value_or(OutboxState::kPending);
  return it;
}

// An error text kept short: an SMTP reply, never a message's content.
std::string Clip(std::string s) {
  if (s.size() > 500) s.resize(500);
  return s;
}

}  // namespace

Result<Id> SqlOutboxRepository::Enqueue(const MailMessage& m, std::int64_t now) {
  if (auto ok = ValidateMail(m); !ok) return Fail(ok.error());
  STORE_QUERY(q, *c_,
              "INSERT INTO mail_outbox (recipient, subject, body, purpose, created_at, next_attempt_at) "
              "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  q.Bind(m.to).Bind(m.subject).Bind(m.text).Bind(m.purpose).Bind(now).Bind(now);
  return q.OneInt();
}

Result<std::vector<OutboxItem>> SqlOutboxRepository::ClaimDue(std::int64_t now, int limit,
                                                              std::int64_t lease_seconds) {
  std::vector<Id> ids;
  {
    // PostgreSQL: rows another transaction is claiming are skipped rather than waited for, so two
    // processes get disjoint items; SQLite's write transactions take turns and need no lock.
    const bool pg = c_->Backend() == "postgresql";
    STORE_QUERY(q, *c_,
                std::string("SELECT id FROM mail_outbox WHERE state = 'pending' AND next_attempt_at <= ? "
                            "ORDER BY next_attempt_at, id LIMIT ?") +
                    (pg ? " FOR UPDATE SKIP LOCKED" : ""));
    q.Bind(now).Bind(limit);
    for (;;) {
      auto row = q.Next();
      if (!row) return Fail(row.error());
      if (!*row) break;
      ids.push_back(q.Int(0));
    }
  }
  std::vector<OutboxItem> items;
  items.reserve(ids.size());
  for (Id id : ids) {
    {
      STORE_QUERY(u, *c_,
                  "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND "
                  "state = 'pending'");
      u.Bind(now + lease_seconds).Bind(id);
      STORE_TRY(u.Run());
    }
    auto it = Get(id);
    if (!it) return Fail(it.error());
    items.push_back(std::move(*it));
  }
  return items;
}

Status SqlOutboxRepository::MarkSent(Id id, std::int64_t now) {
  STORE_QUERY(q, *c_, "UPDATE mail_outbox SET state = 'sent', sent_at = ?, last_error = '' WHERE id = ?");
  q.Bind(now).Bind(id);
  return CheckedWrite(*c_, q, "mail_outbox", id, false, "mail");
}

Status SqlOutboxRepository::MarkFailed(Id id, std::int64_t /*now*/, std::string error,
                                       std::int64_t next_attempt_at) {
  STORE_QUERY(
      q, *c_,
      "UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'pending'");
  q.Bind(next_attempt_at).Bind(Clip(std::move(error))).Bind(id);
  return CheckedWrite(*c_, q, "mail_outbox", id, false, "mail");
}

Status SqlOutboxRepository::MarkDead(Id id, std::int64_t now, std::string error) {
  STORE_QUERY(q, *c_,
              "UPDATE mail_outbox SET state = 'dead', next_attempt_at = ?, last_error = ? WHERE id = ? AND "
              "state = 'pending'");
  q.Bind(now).Bind(Clip(std::move(error))).Bind(id);
  return CheckedWrite(*c_, q, "mail_outbox", id, false, "mail");
}

Result<OutboxItem> SqlOutboxRepository::Get(Id id) {
  return GetOne<OutboxItem>(*c_, "SELECT " + std::string(kColumns) + " FROM mail_outbox WHERE id = ?", id,
                            ReadItem, "mail");
}

Result<std::vector<OutboxItem>> SqlOutboxRepository::List(std::optional<OutboxState> state, int limit) {
  std::string sql = "SELECT " + std::string(kColumns) + " FROM mail_outbox";
  if (state) sql += " WHERE state = ?";
  sql += " ORDER BY id DESC LIMIT ?";
  STORE_QUERY(q, *c_, sql);
  if (state) q.Bind(ToString(*state));
  q.Bind(limit);
  std::vector<OutboxItem> out;
  for (;;) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(ReadItem(q, 0));
  }
  return out;
}

// The persons repository's read of the outbox (the download of a person's data) lives here, beside the
// outbox's columns.
Result<std::vector<OutboxItem>> SqlPersonsRepository::ListMailTo(std::string_view address) {
  STORE_QUERY(q, *c_,
              "SELECT " + std::string(kColumns) + " FROM mail_outbox WHERE recipient = ? ORDER BY id");
  q.Bind(address);
  std::vector<OutboxItem> out;
  while (true) {
    auto row = q.Next();
    if (!row) return Fail(row.error());
    if (!*row) break;
    out.push_back(ReadItem(q, 0));
  }
  return out;
}

}  // namespace jospar::store::sql
