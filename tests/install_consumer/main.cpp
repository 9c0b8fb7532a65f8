// SPDX-License-Identifier: Apache-2.0
//
// Loads a case and a Gambit game through the installed mend package and prints what it found;
// exits 0 only if both give the expected answers.
#include <iostream>

#include "mend/game/pure_equilibria.hpp"
#include "mend/io/case_game.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/io/nfg_reader.hpp"

int main() {
  const char* case_text = R"(mend: 1
id: consumer
title: Prisoner's dilemma
actors:
  - {id: p1, name: Prisoner 1, role: decider}
  - {id: p2, name: Prisoner 2, role: decider}
options:
  p1:
    - {id: c1, name: Cooperate}
  p2:
    - {id: c2, name: Cooperate}
status_quo: {c1: N, c2: N}
preferences:
  p1:
    ranking: [NY, YY, NN, YN]
  p2:
    ranking: [YN, YY, NN, NY]
)";
  mend::Result<mend::CompiledCase> compiled = mend::ReadCase(case_text, "consumer.yaml");
  if (!compiled) {
    std::cerr << compiled.error().ToString() << '\n';
    return 1;
  }
  std::cout << "case " << compiled->definition.id << ": " << compiled->space.size()
            << " feasible states\n";
  mend::Result<mend::NormalFormGame> game = mend::CaseNormalForm(*compiled);
  if (!game) {
    std::cerr << game.error().ToString() << '\n';
    return 1;
  }
  mend::Result<std::vector<mend::PureEquilibrium>> equilibria = mend::FindPureEquilibria(*game);
  if (!equilibria || equilibria->size() != 1) return 1;
  std::cout << "pure equilibria: " << equilibria->size() << '\n';

  mend::Result<mend::NormalFormGame> pennies = mend::ReadNfg(
      "NFG 1 R \"pennies\" { \"A\" \"B\" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n", "pennies.nfg");
  if (!pennies) {
    std::cerr << pennies.error().ToString() << '\n';
    return 1;
  }
  std::cout << "pennies: " << pennies->profile_count() << " profiles\n";
  return compiled->space.size() == 4 ? 0 : 1;
}
