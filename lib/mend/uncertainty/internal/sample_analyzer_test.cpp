// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/internal/sample_analyzer.hpp"

#include <array>
#include <random>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"
#include "mend/uncertainty/parameter_sampler.hpp"
#include "mend/uncertainty/sample_utilities.hpp"

namespace mend::internal {
namespace {

// Two deciders with two options each (one of them irreversible), a constraint, an indifference
// threshold and uniform random payoffs per option combination: enough variety to exercise every
// branch of the two-decider path against the general engine.
constexpr const char* kCase = R"(mend: 1
id: random-two
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
  - {id: c, role: affected}
dimensions:
  - {id: gain}
parameters:
  p1: {dist: uniform, min: -1, max: 1}
  p2: {dist: uniform, min: -1, max: 1}
  p3: {dist: uniform, min: -1, max: 1}
  p4: {dist: uniform, min: -1, max: 1}
  p5: {dist: uniform, min: -1, max: 1}
  p6: {dist: uniform, min: -1, max: 1}
  p7: {dist: uniform, min: -1, max: 1}
  p8: {dist: uniform, min: -1, max: 1}
options:
  a: [{id: a1}, {id: a2, irreversible: true}]
  b: [{id: b1}, {id: b2}]
constraints:
  - exclusive: [a1, b2]
status_quo: NNNN
effects:
  - when: {a1: Y}
    a: {gain: p1}
    b: {gain: p2}
  - when: {a2: Y}
    a: {gain: p3}
    b: {gain: p4}
    c: {gain: p1}
  - when: {b1: Y}
    a: {gain: p5}
    b: {gain: p6}
  - when: {b2: Y, a2: Y}
    a: {gain: p7}
    b: {gain: p8}
  - when: {b1: Y, a1: Y}
    a: {gain: p8}
    b: {gain: p7}
valuation:
  a: {weights: {gain: 1}, indifference: 0.1}
  b: {weights: {gain: 1}, loss_aversion: 2}
  c: {weights: {gain: 1}}
)";

// Three options against two, a backward-irreversible option and a three-way interaction:
// more moves per state, so the per-state minima see several sanctions and counter-moves.
constexpr const char* kWiderCase = R"(mend: 1
id: random-wide
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
dimensions:
  - {id: gain}
parameters:
  q1: {dist: normal, mean: 0, sd: 1}
  q2: {dist: normal, mean: 0, sd: 1}
  q3: {dist: normal, mean: 0, sd: 1}
  q4: {dist: normal, mean: 0, sd: 1}
  q5: {dist: normal, mean: 0, sd: 1}
  q6: {dist: normal, mean: 0, sd: 1}
  q7: {dist: normal, mean: 0, sd: 1}
  q8: {dist: normal, mean: 0, sd: 1}
  q9: {dist: normal, mean: 0, sd: 1}
  q10: {dist: normal, mean: 0, sd: 1}
options:
  a: [{id: a1}, {id: a2}, {id: a3, irreversible: backward}]
  b: [{id: b1}, {id: b2}]
status_quo: NNYNN
effects:
  - when: {a1: Y}
    a: {gain: q1}
    b: {gain: q2}
  - when: {a2: Y}
    a: {gain: q3}
    b: {gain: q4}
  - when: {a3: Y}
    a: {gain: q5}
  - when: {b1: Y}
    a: {gain: q6}
    b: {gain: q7}
  - when: {b2: Y}
    b: {gain: q8}
  - when: {a1: Y, b1: Y, a3: Y}
    a: {gain: q9}
    b: {gain: q10}
  - when: {a2: Y, b2: Y}
    a: {gain: q10}
    b: {gain: q9}
valuation:
  a: {weights: {gain: 1}}
  b: {weights: {gain: 1}, indifference: 0.2}
)";

void ExpectBothPathsAgree(const std::string& text, std::uint64_t samples) {
  Result<CompiledCase> compiled = ReadCase(text, "random.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
  Result<ParameterSampler> sampler = ParameterSampler::Create(
      compiled->definition, compiled->parameters, {.seed = 3, .samples = samples});
  ASSERT_TRUE(sampler.has_value());
  SampleUtilityEvaluator evaluator(*compiled, nullptr);
  SampleAnalyzer fast(*compiled, StabilityConcept::kSeq);
  SampleAnalyzer general(*compiled, StabilityConcept::kSeq, SanctionRule::kTextbook,
                         /*force_general=*/true);
  ASSERT_TRUE(fast.specialised());
  ASSERT_FALSE(general.specialised());
  std::uint64_t with_alternative = 0;
  std::array<std::uint64_t, 4> stable_somewhere{};
  for (std::uint64_t k = 0; k < samples; ++k) {
    Result<std::vector<double>> values = sampler->Sample(k);
    ASSERT_TRUE(values.has_value());
    Result<const UtilityTable*> table = evaluator.Evaluate(*values, k);
    ASSERT_TRUE(table.has_value());
    Result<const SampleOutcome*> a = fast.Analyze(**table);
    Result<const SampleOutcome*> b = general.Analyze(**table);
    ASSERT_TRUE(a.has_value() && b.has_value());
    ASSERT_EQ((*a)->equilibrium, (*b)->equilibrium) << "sample " << k;
    ASSERT_EQ((*a)->default_state, (*b)->default_state) << "sample " << k;
    ASSERT_EQ((*a)->improves, (*b)->improves) << "sample " << k;
    ASSERT_EQ((*a)->alternative, (*b)->alternative) << "sample " << k;
    with_alternative += (*a)->alternative.has_value();
    for (std::uint8_t bits : (*a)->equilibrium) {
      for (unsigned c = 0; c < 4; ++c) stable_somewhere[c] += (bits >> c) & 1U;
    }
  }
  // The comparison covered both outcomes and every concept.
  EXPECT_GT(with_alternative, samples / 30);
  EXPECT_LT(with_alternative, samples - samples / 30);
  for (std::uint64_t count : stable_somewhere) EXPECT_GT(count, 0U);
}

TEST(SampleAnalyzer, TwoDeciderPathAgreesWithTheGeneralEngine) {
  ExpectBothPathsAgree(kCase, 3000);
}

TEST(SampleAnalyzer, TwoDeciderPathAgreesWithTheGeneralEngineOnWiderMoves) {
  ExpectBothPathsAgree(kWiderCase, 3000);
}

// A random small conflict: `deciders` deciders with one to three options each (some forward-
// or backward-irreversible), sometimes an exclusion between two deciders' options, and effects
// with uniform parameters on single options and on pairs (some options leave an actor
// indifferent, so utilities tie), thresholds and loss aversion on some deciders.
std::string RandomConflict(int deciders, std::mt19937& rng) {
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  std::string actors;
  std::string options;
  std::string valuation;
  std::vector<std::string> ids;
  std::vector<int> owner;
  for (int d = 0; d < deciders; ++d) {
    actors += fmt::format("  - {{id: d{}, role: decider}}\n", d);
    const int count = deciders >= 4 ? 1 + pick(2) : 1 + pick(3);
    std::string list;
    for (int o = 0; o < count; ++o) {
      const std::string id = fmt::format("o{}x{}", d, o);
      ids.push_back(id);
      owner.push_back(d);
      const char* irreversible =
          chance(0.15) ? ", irreversible: true" : (chance(0.1) ? ", irreversible: backward" : "");
      list += fmt::format("{}{{id: {}{}}}", o == 0 ? "" : ", ", id, irreversible);
    }
    options += fmt::format("  d{}: [{}]\n", d, list);
    valuation += fmt::format("  d{}: {{weights: {{gain: 1}}{}{}}}\n", d,
                             chance(0.3) ? ", indifference: 0.1" : "",
                             chance(0.3) ? ", loss_aversion: 2" : "");
  }
  std::string constraints;
  const int a = pick(static_cast<int>(ids.size()));
  const int b = pick(static_cast<int>(ids.size()));
  if (owner[a] != owner[b] && chance(0.5)) {
    constraints = fmt::format("constraints:\n  - exclusive: [{}, {}]\n", ids[a], ids[b]);
  }
  std::string parameters;
  std::string effects;
  int p = 0;
  auto effect = [&](const std::string& when) {
    effects += fmt::format("  - when: {{{}}}\n", when);
    for (int d = 0; d < deciders; ++d) {
      if (chance(0.25)) continue;
      parameters += fmt::format("  p{}: {{dist: uniform, min: -1, max: 1}}\n", p);
      effects += fmt::format("    d{}: {{gain: p{}}}\n", d, p++);
    }
  };
  for (const std::string& id : ids) effect(id + ": Y");
  for (int k = 0; k < deciders; ++k) {
    const int x = pick(static_cast<int>(ids.size()));
    const int y = pick(static_cast<int>(ids.size()));
    if (x != y) effect(fmt::format("{}: Y, {}: Y", ids[x], ids[y]));
  }
  // Every actor needs at least one parameter-free line to be valid YAML when all were skipped.
  if (p == 0) return RandomConflict(deciders, rng);
  return fmt::format(R"(mend: 1
id: random-{}
actors:
{}dimensions:
  - {{id: gain}}
parameters:
{}options:
{}{}status_quo: {}
effects:
{}valuation:
{})",
                     deciders, actors, parameters, options, constraints,
                     std::string(ids.size(), 'N'), effects, valuation);
}

// Per random conflict, both sanction rules and a random concept for a*, the per-sample path
// against the general engine, sample by sample; and across all of them every concept's
// difference from Nash, and the rules' difference, occurs (so the comparison meant something).
void ExpectRandomConflictsAgree(int deciders, int conflicts, std::uint64_t samples) {
  std::mt19937 rng(static_cast<std::uint32_t>(20 + deciders));
  std::array<std::uint64_t, 4> beyond_nash{};  // GMR, SMR, SEQ equilibria that are not Nash
  std::uint64_t rules_differ = 0;
  std::uint64_t with_alternative = 0;
  std::uint64_t compared = 0;
  for (int c = 0; c < conflicts; ++c) {
    const std::string text = RandomConflict(deciders, rng);
    Result<CompiledCase> compiled = ReadCase(text, "random.yaml");
    ASSERT_TRUE(compiled.has_value()) << compiled.error().message << "\n" << text;
    Result<ParameterSampler> sampler = ParameterSampler::Create(
        compiled->definition, compiled->parameters, {.seed = 5, .samples = samples});
    ASSERT_TRUE(sampler.has_value());
    SampleUtilityEvaluator evaluator(*compiled, nullptr);
    const auto concept_id = kAllStabilityConcepts[static_cast<std::size_t>(c) % 4];
    std::array<SampleAnalyzer, 4> analyzers = {
        SampleAnalyzer(*compiled, concept_id, SanctionRule::kTextbook),
        SampleAnalyzer(*compiled, concept_id, SanctionRule::kTextbook, true),
        SampleAnalyzer(*compiled, concept_id, SanctionRule::kGmcrPlus),
        SampleAnalyzer(*compiled, concept_id, SanctionRule::kGmcrPlus, true)};
    ASSERT_TRUE(analyzers[0].specialised() && analyzers[2].specialised());
    ASSERT_FALSE(analyzers[1].specialised() || analyzers[3].specialised());
    for (std::uint64_t k = 0; k < samples; ++k) {
      Result<std::vector<double>> values = sampler->Sample(k);
      ASSERT_TRUE(values.has_value());
      Result<const UtilityTable*> table = evaluator.Evaluate(*values, k);
      ASSERT_TRUE(table.has_value());
      std::array<SampleOutcome, 4> outcomes;
      for (std::size_t a = 0; a < 4; ++a) {
        Result<const SampleOutcome*> outcome = analyzers[a].Analyze(**table);
        ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
        outcomes[a] = **outcome;
      }
      for (std::size_t a = 0; a < 4; a += 2) {
        const SampleOutcome& fast = outcomes[a];
        const SampleOutcome& general = outcomes[a + 1];
        ASSERT_EQ(fast.equilibrium, general.equilibrium) << "sample " << k << "\n" << text;
        ASSERT_EQ(fast.default_state, general.default_state) << "sample " << k << "\n" << text;
        ASSERT_EQ(fast.improves, general.improves) << "sample " << k << "\n" << text;
        ASSERT_EQ(fast.alternative, general.alternative) << "sample " << k << "\n" << text;
      }
      ++compared;
      with_alternative += outcomes[0].alternative.has_value();
      rules_differ += outcomes[0].equilibrium != outcomes[2].equilibrium;
      for (std::uint8_t bits : outcomes[0].equilibrium) {
        for (unsigned b = 1; b < 4; ++b) beyond_nash[b] += ((bits >> b) & 1U) && !(bits & 1U);
      }
    }
  }
  EXPECT_GT(with_alternative, compared / 30);
  EXPECT_LT(with_alternative, compared - compared / 30);
  for (unsigned b = 1; b < 4; ++b) EXPECT_GT(beyond_nash[b], 0U) << "concept " << b;
  if (deciders >= 3) {
    EXPECT_GT(rules_differ, 0U);
  }
}

TEST(SampleAnalyzer, ThreeDeciderPathAgreesWithTheGeneralEngine) {
  ExpectRandomConflictsAgree(3, 40, 120);
}

TEST(SampleAnalyzer, FourDeciderPathAgreesWithTheGeneralEngine) {
  ExpectRandomConflictsAgree(4, 30, 120);
}

}  // namespace
}  // namespace mend::internal
