// SPDX-License-Identifier: Apache-2.0
#include "http_status.hpp"

namespace mend::server {

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;  // the request (or the case it carries) is wrong; resending it fails again
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kFailedPrecondition:
      return 409;  // well-formed, but the workspace's state refuses it
    case ErrorCode::kCancelled:
      return 503;  // the time limit or a shutdown stopped the work; retrying may succeed
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

int HttpStatus(RequestFailure failure) {
  switch (failure) {
    case RequestFailure::kUnauthenticated:
      return 401;
    case RequestFailure::kMethodNotAllowed:
      return 405;
    case RequestFailure::kPayloadTooLarge:
      return 413;
    case RequestFailure::kNoRoute:
      return 404;
    case RequestFailure::kForbidden:
      return 403;
    case RequestFailure::kUnsupportedMediaType:
      return 415;
    case RequestFailure::kOverBudget:
      return 422;  // well-formed, but the work it asks for is larger than this server allows
    case RequestFailure::kQuotaExceeded:
      return 507;
    case RequestFailure::kBusy:
      return 503;  // sent with Retry-After; retrying later may succeed
    case RequestFailure::kRequestTimeout:
      return 408;
    case RequestFailure::kTooManyAttempts:
      return 429;  // sent with Retry-After
  }
  return 500;
}

const char* RequestFailureName(RequestFailure failure) {
  switch (failure) {
    case RequestFailure::kUnauthenticated:
      return "unauthenticated";
    case RequestFailure::kMethodNotAllowed:
      return "method-not-allowed";
    case RequestFailure::kPayloadTooLarge:
      return "payload-too-large";
    case RequestFailure::kNoRoute:
      return "not-found";
    case RequestFailure::kForbidden:
      return "forbidden";
    case RequestFailure::kUnsupportedMediaType:
      return "unsupported-media-type";
    case RequestFailure::kOverBudget:
      return "over-budget";
    case RequestFailure::kQuotaExceeded:
      return "quota-exceeded";
    case RequestFailure::kBusy:
      return "busy";
    case RequestFailure::kRequestTimeout:
      return "request-timeout";
    case RequestFailure::kTooManyAttempts:
      return "too-many-attempts";
  }
  return "internal";
}

}  // namespace mend::server
