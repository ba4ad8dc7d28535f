// The mail outbox over sql::Connection, shared by every backend (OutboxRepository of
// core/accounts/outbox.hpp).
#pragma once

#include "core/accounts/outbox.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

// Acts on the connection of the Tx that owns it; `c` is that Tx's connection slot (it changes on commit).
class SqlOutboxRepository final : public OutboxRepository {
 public:
  explicit SqlOutboxRepository(Connection*& c) : c_(c) {}
  Result<Id> Enqueue(const MailMessage& m, std::int64_t now) override;
  Result<std::vector<OutboxItem>> ClaimDue(std::int64_t now, int limit, std::int64_t lease_seconds) override;
  Status MarkSent(Id id, std::int64_t now) override;
  Status MarkFailed(Id id, std::int64_t now, std::string error, std::int64_t next_attempt_at) override;
  Status MarkDead(Id id, std::int64_t now, std::string error) override;
  Result<OutboxItem> Get(Id id) override;
  Result<std::vector<OutboxItem>> List(std::optional<OutboxState> state, int limit) override;

 private:
  Connection*& c_;
};

}  // namespace jospar::store::sql
