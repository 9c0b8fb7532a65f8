// SPDX-License-Identifier: Apache-2.0
//
// The one place where failures become HTTP statuses: the library's ErrorCodes, and the few
// failures only the server knows (authentication, method, body size).
//
// Example:
//   response.status = HttpStatus(error.code);   // kNotFound -> 404
#pragma once

#include "mend/core/error.hpp"

namespace mend::server {

/// Failures of a request that have no library ErrorCode.
enum class RequestFailure {
  kUnauthenticated,
  kMethodNotAllowed,
  kPayloadTooLarge,
  kNoRoute,
  kForbidden,             // a foreign Host or Origin, a cross-site request
  kUnsupportedMediaType,  // a body that is not JSON (or YAML for an import), a Content-Encoding
  kOverBudget,            // the estimated memory of the work exceeds the server's budget
  kQuotaExceeded,         // the stored runs would exceed their quota
  kBusy,                  // the queue of analyses is full
  kRequestTimeout,        // the request did not arrive within its time limit
  kTooManyAttempts,       // too many wrong tokens from the client's address
};

/// The HTTP status for a library error code (docs/api.md, "Errors").
int HttpStatus(ErrorCode code);
/// The HTTP status for a server-only failure.
int HttpStatus(RequestFailure failure);
/// The `code` string of a server-only failure in the JSON error body.
const char* RequestFailureName(RequestFailure failure);

}  // namespace mend::server
