// SPDX-License-Identifier: Apache-2.0
#include "mend/report/outcome_words.hpp"

#include <fmt/format.h>

#include "mend/report/brief.hpp"

namespace mend {

std::string OutcomeInWords(const CompiledCase& compiled, StateId state, Language language,
                           bool* untranslated) {
  const CaseDefinition& definition = compiled.definition;
  const StateCode code = compiled.space.code(state);
  const bool ru = language == Language::kRussian;
  std::string out;
  for (ActorIndex actor : definition.Deciders()) {
    std::string taken;
    for (int k = 0; k < definition.option_count(); ++k) {
      const Option& option = definition.options[static_cast<std::size_t>(k)];
      if (option.owner.value != actor.value || (code & (StateCode{1} << k)) == 0) continue;
      taken += (taken.empty() ? "" : ", ") + Localized(option.name, language, untranslated);
    }
    if (taken.empty()) taken = ru ? "ни один из своих вариантов" : "none of its options";
    out += fmt::format("{}{}{}{}", out.empty() ? "" : "; ",
                       Localized(definition.actors[actor.value].name, language, untranslated),
                       ru ? " — " : ": ", taken);
  }
  return out;
}

std::string ChangeInWords(const CompiledCase& compiled, StateId from, StateId to, Language language,
                          bool* untranslated) {
  const CaseDefinition& definition = compiled.definition;
  const StateCode a = compiled.space.code(from);
  const StateCode b = compiled.space.code(to);
  const bool ru = language == Language::kRussian;
  std::string out;
  // Grouped by owner in file order: "Russia starts “A” and “B” and stops “C”".
  for (ActorIndex actor : definition.Deciders()) {
    std::string starts, stops;
    for (int k = 0; k < definition.option_count(); ++k) {
      const Option& option = definition.options[static_cast<std::size_t>(k)];
      const StateCode bit = StateCode{1} << k;
      if (option.owner.value != actor.value || (a & bit) == (b & bit)) continue;
      std::string& list = (b & bit) != 0 ? starts : stops;
      list += fmt::format("{}{}{}{}",
                          list.empty() ? ""
                          : ru         ? " и "
                                       : " and ",
                          ru ? "«" : "“", Localized(option.name, language, untranslated),
                          ru ? "»" : "”");
    }
    if (starts.empty() && stops.empty()) continue;
    std::string moves;
    if (!starts.empty()) moves = (ru ? "начинает " : "starts ") + starts;
    if (!stops.empty()) {
      moves += (moves.empty() ? ""
                : ru          ? " и "
                              : " and ") +
               std::string(ru ? "прекращает " : "stops ") + stops;
    }
    out +=
        fmt::format("{}{} {}", out.empty() ? "" : "; ",
                    Localized(definition.actors[actor.value].name, language, untranslated), moves);
  }
  return out;
}

}  // namespace mend
