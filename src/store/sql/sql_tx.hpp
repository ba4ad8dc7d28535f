// The one implementation of core's Tx over sql::Connection, shared by every backend. It owns one
// repository per module (src/store/<module>/), each acting on this transaction's connection.
#pragma once

#include <semaphore>

#include "core/base/unit_of_work.hpp"
#include "core/ledger/node_cache.hpp"
#include "store/accounts/sql_accounts_repository.hpp"
#include "store/accounts/sql_notification_repository.hpp"
#include "store/accounts/sql_outbox_repository.hpp"
#include "store/accounts/sql_persons_repository.hpp"
#include "store/accounts/sql_throttle_repository.hpp"
#include "store/audit/sql_audit_repository.hpp"
#include "store/ledger/sql_ledger_repository.hpp"
#include "store/plan/sql_plan_repository.hpp"
#include "store/sql/connection.hpp"
#include "store/sql/pool.hpp"

namespace jospar::store::sql {

class SqlTx final : public Tx {
 public:
  // `gate`, when set, is held (already acquired) by this write transaction and released at its end.
  // `node_cache`, when set (read transactions only: it must be filled from committed data), serves
  // ReadLogNodes.
  SqlTx(Lease lease, std::binary_semaphore* gate, ledger::NodeCache* node_cache = nullptr);
  ~SqlTx() override;
  Status Commit() override;

  PlanRepository& plan() override { return plan_; }
  AccountsRepository& accounts() override { return accounts_; }
  LedgerRepository& ledger() override { return ledger_; }
  AuditRepository& audit() override { return audit_; }
  OutboxRepository& outbox() override { return outbox_; }
  NotificationRepository& notifications() override { return notifications_; }
  IdentityLinkRepository& identity_links() override { return identity_links_; }
  PersonsRepository& persons() override { return persons_; }
  ThrottleRepository& throttle() override { return throttle_; }

 private:
  Lease lease_;
  // The lent connection; after Commit() a connection whose every statement fails, the lease having gone
  // back to the pool. The repositories refer to this slot.
  Connection* c_;
  std::binary_semaphore* gate_;
  bool done_ = false;
  bool scrub_after_commit_ = false;  // set by an erasure of personal data
  SqlAuditRepository audit_{c_};
  SqlPlanRepository plan_{c_, audit_};
  SqlAccountsRepository accounts_{c_};
  SqlOutboxRepository outbox_{c_};
  SqlNotificationRepository notifications_{c_};
  SqlIdentityLinkRepository identity_links_{c_};
  SqlPersonsRepository persons_{c_, scrub_after_commit_};
  SqlThrottleRepository throttle_{c_};
  SqlLedgerRepository ledger_;
};

}  // namespace jospar::store::sql
