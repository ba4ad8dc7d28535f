// The keys of persons' IINs (core/accounts/persons.hpp PersonVault), kept in the data directory:
//   iin-hash.key    64 hex digits: the key of the IIN's hash. Never rotated (the hash keeps IINs unique);
//                   losing it means no new registration can be checked against the old ones.
//   iin-seal.keys   one line per sealing key, "<id> <64 hex digits>", oldest first; the last one seals,
//                   every one opens. RotateIinSealKey appends a new one; `jospar persons rotate-key` then
//                   re-seals every IIN with it, after which older lines may be removed.
// Both files are created on first use with mode 0600 and are backed up with the database. Without a data
// directory (tests) the keys are random and live as long as the process.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/accounts/persons.hpp"
#include "core/base/error.hpp"

namespace jospar::web {

class PersonKeys {
 public:
  // Loads the keys, creating missing files. kInternal "error.internal" with a detail naming the file when
  // a file cannot be read, written or parsed.
  static Result<std::shared_ptr<const PersonKeys>> Load(const std::string& data_dir);
  // Appends a new sealing key to data_dir/iin-seal.keys and returns its id.
  static Result<std::string> RotateSealKey(const std::string& data_dir);

  // The vault over these keys; it refers to this object, which must outlive it.
  PersonVault Vault() const;

 private:
  std::string hash_key_;                          // 32 raw bytes
  std::map<std::string, std::string> seal_keys_;  // id -> 32 raw bytes
  std::string current_;
};

}  // namespace jospar::web
