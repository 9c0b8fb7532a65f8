// SPDX-License-Identifier: Apache-2.0
#include "mend/game/rational.hpp"

#include <cmath>

#include "mend/core/assert.hpp"

namespace mend {

std::string RationalText(const Rational& value) {
  // get_str prints "p/q", or "p" when q is 1; a value built from a numerator and a
  // denominator may not be in lowest terms yet, so a copy is reduced first.
  Rational reduced = value;
  reduced.canonicalize();
  return reduced.get_str();
}

Rational ExactRational(double value) {
  MEND_ASSERT(std::isfinite(value), "ExactRational of a non-finite double");
  Rational exact;
  mpq_set_d(exact.get_mpq_t(), value);  // exact: a double is m * 2^e
  return exact;
}

}  // namespace mend
