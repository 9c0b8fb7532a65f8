// SPDX-License-Identifier: Apache-2.0
//
// Rational: the exact numbers of normal-form games (GMP's mpq_class), with the two conversions
// mend needs — to the "p/q" text Gambit and mend's JSON use, and from a double without rounding.
//
// Example:
//   Rational half = ExactRational(0.5);
//   std::string text = RationalText(half);   // "1/2"
#pragma once

#include <string>

#include <gmpxx.h>

namespace mend {

/// An exact rational number. Arithmetic keeps it in lowest terms; one built from a numerator
/// and a denominator must be canonicalize()d before it is compared.
using Rational = mpq_class;

/// Returns "p/q" in lowest terms, or "p" when the denominator is 1 ("-3", "0", "7/4").
std::string RationalText(const Rational& value);

/// Returns the exact value of a finite double (every double is a dyadic rational).
/// Precondition: `value` is finite (asserted).
Rational ExactRational(double value);

}  // namespace mend
