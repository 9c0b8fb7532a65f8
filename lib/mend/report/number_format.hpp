// SPDX-License-Identifier: Apache-2.0
//
// Numbers as a reader expects them in each brief language: rounded to what the figure can
// carry (three significant digits, never more than three decimals), thousands grouped, and in
// Russian a decimal comma, non-breaking-space grouping and a true minus sign.
//
// Example:
//   FormatNumber(12345.678, Language::kEnglish)  // "12,346"
//   FormatNumber(-0.04567, Language::kRussian)   // "−0,0457"
//   FormatRange(2.13, 5.349, Language::kEnglish) // "2.13–5.35"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mend {

enum class Language { kEnglish, kRussian };

/// Returns "en" or "ru".
const char* LanguageCode(Language language);
/// Parses "en" / "ru".
std::optional<Language> ParseLanguage(std::string_view code);

/// How many decimals FormatNumber shows for `value`: three significant digits, at most three
/// decimals, none at or above 100.
int DisplayDecimals(double value);

/// Formats `value` for `language` with DisplayDecimals(value) decimals, trailing zeros dropped.
std::string FormatNumber(double value, Language language);
/// As FormatNumber with an explicit sign on positive values ("+1.5").
std::string FormatSigned(double value, Language language);
/// "low–high", both ends rounded to the decimals of the wider end so they read alike.
std::string FormatRange(double low, double high, Language language);
/// A probability as a whole percentage ("83%", Russian "83 %"); "<1%" and ">99%" at the ends.
std::string FormatPercent(double probability, Language language);

}  // namespace mend
