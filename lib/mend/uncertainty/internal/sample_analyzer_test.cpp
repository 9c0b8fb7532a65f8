// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/internal/sample_analyzer.hpp"

#include <array>

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

void ExpectBothPathsAgree(const char* text, std::uint64_t samples) {
  Result<CompiledCase> compiled = ReadCase(text, "random.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
  Result<ParameterSampler> sampler = ParameterSampler::Create(
      compiled->definition, compiled->parameters, {.seed = 3, .samples = samples});
  ASSERT_TRUE(sampler.has_value());
  SampleUtilityEvaluator evaluator(*compiled, nullptr);
  SampleAnalyzer fast(*compiled, StabilityConcept::kSeq);
  SampleAnalyzer general(*compiled, StabilityConcept::kSeq, /*force_general=*/true);
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

}  // namespace
}  // namespace mend::internal
