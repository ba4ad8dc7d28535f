// A Store whose every unit of work is one transaction that the caller already holds, so that several use
// cases run inside it and commit or roll back together (all-or-nothing imports, dry runs that roll back).
//
// Begin() hands out a Tx that hands out the held transaction's repositories; its Commit() does nothing
// (the holder commits once at the end), and destroying it without Commit() does not roll back either: an
// import that meets an error abandons the whole held transaction instead. Not thread-safe; the held Tx must
// outlive the store.
#pragma once

#include <memory>
#include <string_view>

#include "core/base/unit_of_work.hpp"

namespace jospar::usecases {

class SharedTxStore : public Store {
 public:
  SharedTxStore(Tx& tx, std::string_view backend) : tx_(tx), backend_(backend) {}
  Result<std::unique_ptr<Tx>> Begin(TxMode mode) override;
  bool Ping() override { return true; }
  PoolStats Stats() const override { return {}; }
  std::string_view Backend() const override { return backend_; }

 private:
  Tx& tx_;
  std::string_view backend_;
};

}  // namespace jospar::usecases
