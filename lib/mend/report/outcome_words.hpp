// SPDX-License-Identifier: Apache-2.0
//
// Outcomes in words: what each side does in a state, and what changes between two states, as
// the owners and the names of their options ("Prisoner 1 starts “Cooperate”"), in English or
// Russian. The brief and the report's summary say the default and the better outcome this way
// before any pattern or tableau. The text is plain (not escaped): the caller escapes it for
// Markdown or HTML.
//
// Example:
//   bool untranslated = false;
//   std::string now = OutcomeInWords(compiled, d, Language::kEnglish, &untranslated);
//   std::string move = ChangeInWords(compiled, d, a, Language::kEnglish, &untranslated);
#pragma once

#include <string>

#include "mend/core/ids.hpp"
#include "mend/report/number_format.hpp"
#include "mend/value/compiled_case.hpp"

namespace mend {

/// Returns what each decider does in `state`: "United States: Sign rules, Keep a hotline;
/// Russia: none of its options" (in Russian "США — …"). Deciders in file order. Sets
/// `*untranslated` (when given) when a Russian name was missing.
std::string OutcomeInWords(const CompiledCase& compiled, StateId state, Language language,
                           bool* untranslated = nullptr);

/// Returns who does what differently in `to` than in `from`, side by side: "United States
/// starts “Sign rules” and “Keep a hotline”; Russia stops “Keep up intercepts”", or "" when the
/// states take the same options.
std::string ChangeInWords(const CompiledCase& compiled, StateId from, StateId to, Language language,
                          bool* untranslated = nullptr);

}  // namespace mend
