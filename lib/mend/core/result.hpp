// SPDX-License-Identifier: Apache-2.0
//
// Result<T>: a value or an Error, spelled like std::expected (which g++ 12 lacks in C++20) so
// that moving to it later is mechanical. Status is Result<void>.
//
// Example:
//   Result<int> ParseCount(std::string_view text);
//   MEND_TRY(auto count, ParseCount("12"));    // returns the error from the caller on failure
//   Status status = Ok();
#pragma once

#include <utility>
#include <variant>

#include "mend/core/assert.hpp"
#include "mend/core/error.hpp"

namespace mend {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    MEND_ASSERT(has_value(), "value() on an error Result");
    return std::get<0>(state_);
  }
  const T& value() const& {
    MEND_ASSERT(has_value(), "value() on an error Result");
    return std::get<0>(state_);
  }
  T&& value() && {
    MEND_ASSERT(has_value(), "value() on an error Result");
    return std::get<0>(std::move(state_));
  }
  const Error& error() const& {
    MEND_ASSERT(!has_value(), "error() on a value Result");
    return std::get<1>(state_);
  }
  Error&& error() && {
    MEND_ASSERT(!has_value(), "error() on a value Result");
    return std::get<1>(std::move(state_));
  }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT: implicit

  bool has_value() const { return !failed_; }
  explicit operator bool() const { return has_value(); }
  const Error& error() const& {
    MEND_ASSERT(failed_, "error() on a successful Status");
    return error_;
  }
  Error&& error() && {
    MEND_ASSERT(failed_, "error() on a successful Status");
    return std::move(error_);
  }

 private:
  Error error_;
  bool failed_ = false;
};

using Status = Result<void>;

/// The successful Status.
inline Status Ok() { return {}; }

}  // namespace mend

#define MEND_INTERNAL_CONCAT2(a, b) a##b
#define MEND_INTERNAL_CONCAT(a, b) MEND_INTERNAL_CONCAT2(a, b)

/// MEND_TRY(status_expr) returns its error from the enclosing function;
/// MEND_TRY(decl, result_expr) also binds the value to `decl`.
#define MEND_INTERNAL_TRY1(expr)                                       \
  do {                                                                 \
    auto mend_try_status_ = (expr);                                    \
    if (!mend_try_status_) return std::move(mend_try_status_).error(); \
  } while (false)
#define MEND_INTERNAL_TRY2(decl, expr) \
  MEND_INTERNAL_TRY2_IMPL(decl, expr, MEND_INTERNAL_CONCAT(mend_try_result_, __LINE__))
#define MEND_INTERNAL_TRY2_IMPL(decl, expr, tmp) \
  auto tmp = (expr);                             \
  if (!tmp) return std::move(tmp).error();       \
  decl = std::move(tmp).value()
#define MEND_INTERNAL_TRY_PICK(_1, _2, name, ...) name
#define MEND_TRY(...) \
  MEND_INTERNAL_TRY_PICK(__VA_ARGS__, MEND_INTERNAL_TRY2, MEND_INTERNAL_TRY1, unused)(__VA_ARGS__)
