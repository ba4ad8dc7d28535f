#include "core/base/shared_tx.hpp"

namespace jospar::usecases {
namespace {

class BorrowedTx final : public Tx {
 public:
  explicit BorrowedTx(Tx& tx) : tx_(tx) {}
  Status Commit() override { return {}; }
  PlanRepository& plan() override { return tx_.plan(); }
  AccountsRepository& accounts() override { return tx_.accounts(); }
  LedgerRepository& ledger() override { return tx_.ledger(); }
  AuditRepository& audit() override { return tx_.audit(); }
  OutboxRepository& outbox() override { return tx_.outbox(); }
  NotificationRepository& notifications() override { return tx_.notifications(); }
  IdentityLinkRepository& identity_links() override { return tx_.identity_links(); }
  PersonsRepository& persons() override { return tx_.persons(); }
  ThrottleRepository& throttle() override { return tx_.throttle(); }

 private:
  Tx& tx_;
};

}  // namespace

Result<std::unique_ptr<Tx>> SharedTxStore::Begin(TxMode) {
  return std::unique_ptr<Tx>(std::make_unique<BorrowedTx>(tx_));
}

}  // namespace jospar::usecases
