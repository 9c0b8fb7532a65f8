// SPDX-License-Identifier: Apache-2.0
#include "mend/report/number_format.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace mend {
namespace {

constexpr std::string_view kNoBreakSpace = "\u00a0";
constexpr std::string_view kMinus = "\u2212";
constexpr std::string_view kEnDash = "\u2013";

// Writes |value| with `decimals` decimals, grouped and with the language's decimal mark.
std::string Magnitude(double value, int decimals, Language language) {
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  std::string integer = digits.substr(0, digits.find('.'));
  std::string fraction = decimals > 0 ? digits.substr(digits.find('.') + 1) : "";
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  const std::string group = language == Language::kRussian ? std::string(kNoBreakSpace) : ",";
  std::string grouped;
  const std::size_t n = integer.size();
  for (std::size_t k = 0; k < n; ++k) {
    // Russian style leaves four-digit numbers ungrouped (1000, 10 000).
    const bool group_here = k > 0 && (n - k) % 3 == 0 && (language == Language::kEnglish || n > 4);
    if (group_here) grouped += group;
    grouped += integer[k];
  }
  if (!fraction.empty()) grouped += (language == Language::kRussian ? "," : ".") + fraction;
  return grouped;
}

bool RoundsToZero(double value, int decimals) {
  return std::fabs(value) < 0.5 * std::pow(10.0, -decimals);
}

std::string WithSign(double value, int decimals, Language language, bool plus) {
  if (RoundsToZero(value, decimals)) return "0";
  const std::string magnitude = Magnitude(value, decimals, language);
  if (value < 0) return std::string(language == Language::kRussian ? kMinus : "-") + magnitude;
  return (plus ? "+" : "") + magnitude;
}

}  // namespace

const char* LanguageCode(Language language) { return language == Language::kRussian ? "ru" : "en"; }

std::optional<Language> ParseLanguage(std::string_view code) {
  if (code == "en") return Language::kEnglish;
  if (code == "ru") return Language::kRussian;
  return std::nullopt;
}

int DisplayDecimals(double value) {
  const double magnitude = std::fabs(value);
  if (magnitude == 0 || !std::isfinite(magnitude)) return 0;
  // Three significant digits: the first digit's place decides how many decimals remain.
  const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
  return std::clamp(2 - exponent, 0, 3);
}

std::string FormatNumber(double value, Language language) {
  if (!std::isfinite(value)) return "n/a";
  return WithSign(value, DisplayDecimals(value), language, false);
}

std::string FormatSigned(double value, Language language) {
  if (!std::isfinite(value)) return "n/a";
  return WithSign(value, DisplayDecimals(value), language, true);
}

std::string FormatRange(double low, double high, Language language) {
  const int decimals =
      std::min(DisplayDecimals(low == 0 ? high : low), DisplayDecimals(high == 0 ? low : high));
  return WithSign(low, decimals, language, false) + std::string(kEnDash) +
         WithSign(high, decimals, language, false);
}

std::string FormatPercent(double probability, Language language) {
  const std::string sign = language == Language::kRussian ? std::string(kNoBreakSpace) + "%" : "%";
  if (probability > 0 && probability < 0.005) return "<1" + sign;
  if (probability < 1 && probability > 0.995) return ">99" + sign;
  return fmt::format("{:.0f}", std::round(probability * 100)) + sign;
}

}  // namespace mend
