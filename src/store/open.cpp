#include "store/open.hpp"

namespace jospar::store {

Result<std::unique_ptr<Store>> OpenStore(std::string_view url, const StoreOptions&) {
  return Fail(ErrorCode::kUnavailable, "error.unavailable",
              "no store backend built yet for " + std::string(url));
}

Result<int> Migrate(std::string_view url) {
  return Fail(ErrorCode::kUnavailable, "error.unavailable",
              "no store backend built yet for " + std::string(url));
}

}  // namespace jospar::store
