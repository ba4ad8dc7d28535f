// Person accounts over sql::Connection, shared by every backend (PersonsRepository of
// core/accounts/persons.hpp).
#pragma once

#include "core/accounts/persons.hpp"
#include "store/sql/connection.hpp"

namespace jospar::store::sql {

// Acts on the connection of the Tx that owns it; `c` is that Tx's connection slot (it changes on commit).
class SqlPersonsRepository final : public PersonsRepository {
 public:
  explicit SqlPersonsRepository(Connection*& c) : c_(c) {}
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

 private:
  Connection*& c_;
};

}  // namespace jospar::store::sql
