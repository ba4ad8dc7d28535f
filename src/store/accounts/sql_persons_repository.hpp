// Person accounts over sql::Connection, shared by every backend (PersonsRepository of
// core/accounts/persons.hpp).
#pragma once

#include "core/accounts/persons.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

// Acts on the connection of the Tx that owns it; `c` is that Tx's connection slot (it changes on commit).
class SqlPersonsRepository final : public PersonsRepository {
 public:
  // `scrub_after_commit` is the owning Tx's flag: EraseAccount sets it so that the Tx has the database drop
  // what it still holds of the erased rows once committed (SqlTx::Commit).
  SqlPersonsRepository(Connection*& c, bool& scrub_after_commit)
      : c_(c), scrub_after_commit_(scrub_after_commit) {}
  Status InsertPerson(const Person& p) override;
  Result<Person> GetPerson(Id user_id) override;
  Result<Id> FindPersonByIinHash(std::string_view iin_hash) override;
  Status ResealIin(Id user_id, std::string_view iin_sealed, std::string_view key_id) override;
  Result<std::vector<Person>> PersonsNotSealedWith(std::string_view key_id, int limit) override;
  Status DeletePerson(Id user_id) override;
  Result<User> GetUserByEmail(std::string_view email) override;
  Status ConfirmEmail(Id user_id, std::string_view at) override;
  Status InsertAccountToken(const AccountToken& t) override;
  Result<AccountToken> GetAccountToken(std::string_view token_hash) override;
  Status UseAccountToken(std::string_view token_hash, std::string_view used_at) override;
  Status DeleteAccountTokens(Id user_id, AccountTokenPurpose purpose) override;
  Result<Id> InsertConsent(const Consent& c) override;
  Result<std::vector<Consent>> ListConsents(Id user_id) override;
  Status WithdrawConsent(Id user_id, std::string_view purpose, std::string_view at) override;
  Status RecordSignIn(Id user_id, std::string_view at) override;
  Result<std::string> LastSignIn(Id user_id) override;
  Result<std::vector<Session>> ListSessions(Id user_id) override;                 // in repo_accounts.cpp
  Result<std::vector<OutboxItem>> ListMailTo(std::string_view address) override;  // in repo_outbox.cpp
  Result<Id> InsertDataAccess(const DataAccess& a) override;
  Result<std::vector<DataAccess>> ListDataAccess(Id person_user_id, int limit) override;
  Result<std::vector<RetentionCandidate>> PersonsDueForErasure(std::string_view unconfirmed_before,
                                                               std::string_view inactive_before,
                                                               int limit) override;
  Status EraseAccount(Id user_id, std::string_view anonymous_name, std::string_view at) override;

 private:
  Connection*& c_;
  bool& scrub_after_commit_;
};

}  // namespace jospar::store::sql
