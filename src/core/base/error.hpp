// Expected errors as values. Core and store return Result<T>; the web layer maps ErrorCode to an HTTP
// status and a body in one place (src/web/error_mapping.cpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace jospar {

enum class ErrorCode {
  kInvalidInput,     // the caller sent something malformed or out of range
  kUnauthenticated,  // no valid session or token
  kForbidden,        // authenticated, but not allowed on this object
  kNotFound,
  kMethodNotAllowed,  // the address exists, but not for this method
  kConflict,          // version mismatch, duplicate key, invalid state transition
  kUnprocessable,     // well-formed input that breaks a rule of its fields (a form shown again with errors)
  kPreconditionRequired,  // a write that did not say which version it was based on
  kPayloadTooLarge,
  kUnsupportedMediaType,
  kRateLimited,
  kUnavailable,  // the store cannot be reached; retry later
  kInternal,
};

// A problem with one field of the input. `message_key` is a locale key (locales/*.json), `detail` an
// untranslated, non-personal hint such as the expected format.
struct FieldError {
  std::string field;
  std::string message_key;
  std::string detail;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message_key;  // locale key, e.g. "error.not_found"
  std::string detail;       // safe, untranslated detail such as "file.csv:12:3: expected a number"
  std::vector<FieldError> fields;
};

template <class T>
using Result = tl::expected<T, Error>;

using Status = Result<void>;

inline tl::unexpected<Error> Fail(ErrorCode code, std::string message_key, std::string detail = {},
                                  std::vector<FieldError> fields = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message_key), std::move(detail), std::move(fields)});
}

inline tl::unexpected<Error> Fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

// Stable protocol-neutral name of a code ("invalid_input", "not_found", ...), used in API bodies.
const char* ErrorCodeName(ErrorCode code);

}  // namespace jospar
