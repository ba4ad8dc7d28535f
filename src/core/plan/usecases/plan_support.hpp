// Internal helpers shared by the plan use cases (not part of their contract).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/audit/decisions.hpp"
#include "core/audit/history.hpp"
#include "core/base/version.hpp"
#include "core/ledger/repository.hpp"
#include "core/plan/access.hpp"
#include "core/plan/usecases/plan.hpp"

// Returns the error of a Status/Result expression from the enclosing function.
#define JOSPAR_TRY(expr)                                                        \
  do {                                                                          \
    auto jospar_try_result_ = (expr);                                           \
    if (!jospar_try_result_) return ::jospar::Fail(jospar_try_result_.error()); \
  } while (0)

namespace jospar::usecases::detail {

// Success when `allowed`; else kUnauthenticated for the anonymous caller and kForbidden for others.
inline Status Allow(const Principal& p, bool allowed) {
  if (allowed) return {};
  if (!p.IsSignedIn()) return Fail(ErrorCode::kUnauthenticated, "error.unauthenticated");
  return Fail(ErrorCode::kForbidden, "error.forbidden");
}

// Records a decision on a plan object through the one audit function (core/audit/audit.hpp), in `tx`.
inline Status Record(Tx& tx, const Caller& caller, ObjectKind kind, Id id, std::string action,
                     std::vector<FieldChange> changes, const std::vector<FieldChange>& content) {
  auto recorded = audit::Record(tx, {caller.principal.name, ActorRole(caller.principal), caller.now},
                                {kind, id}, std::move(action), std::move(changes), content);
  if (!recorded) return Fail(recorded.error());
  return {};
}

// The fields of a new object, as changes from nothing (the values a default object has are not listed).
inline std::vector<FieldChange> Created(std::vector<FieldChange> changes) {
  for (auto& c : changes) c.before.clear();
  return changes;
}

// Adds the field error "error.field.not_found" when `r` is kNotFound; other errors are returned.
template <class T>
Status Exists(const Result<T>& r, const std::string& field, std::vector<FieldError>& errors) {
  if (r) return {};
  if (r.error().code == ErrorCode::kNotFound) {
    errors.push_back({field, "error.field.not_found", {}});
    return {};
  }
  return Fail(r.error());
}

inline Status FieldErrors(std::vector<FieldError> errors) {
  if (errors.empty()) return {};
  return Fail(ErrorCode::kInvalidInput, "error.invalid_input", {}, std::move(errors));
}

}  // namespace jospar::usecases::detail
