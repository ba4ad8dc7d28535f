// Notifications, each user's notification choices and the links of external sign-in identities over
// sql::Connection, shared by every backend (NotificationRepository of core/accounts/notifications.hpp,
// IdentityLinkRepository of core/accounts/identity.hpp).
#pragma once

#include "core/accounts/identity.hpp"
#include "core/accounts/notifications.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

// Acts on the connection of the Tx that owns it; `c` is that Tx's connection slot (it changes on commit).
class SqlNotificationRepository final : public NotificationRepository {
 public:
  explicit SqlNotificationRepository(Connection*& c) : c_(c) {}
  Result<Id> Insert(const Notification& n) override;
  Result<Page<Notification>> List(Id user_id, const PageRequest& p) override;
  Result<Notification> Get(Id user_id, Id id) override;
  Status MarkRead(Id user_id, Id id, std::int64_t now) override;
  Result<std::int64_t> MarkAllRead(Id user_id, std::int64_t now) override;
  Result<std::int64_t> CountUnread(Id user_id) override;
  Result<std::vector<NotificationSetting>> Settings(Id user_id) override;
  Status PutSetting(Id user_id, const NotificationSetting& s) override;

 private:
  Connection*& c_;
};

class SqlIdentityLinkRepository final : public IdentityLinkRepository {
 public:
  explicit SqlIdentityLinkRepository(Connection*& c) : c_(c) {}
  Result<IdentityLink> Find(std::string_view provider, std::string_view subject) override;
  Status Insert(const IdentityLink& link) override;
  Status Delete(std::string_view provider, std::string_view subject) override;
  Result<std::vector<IdentityLink>> ListOf(Id user_id) override;

 private:
  Connection*& c_;
};

}  // namespace jospar::store::sql
