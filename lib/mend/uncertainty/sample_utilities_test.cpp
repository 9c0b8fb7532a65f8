// SPDX-License-Identifier: Apache-2.0
#include "mend/uncertainty/sample_utilities.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"
#include "mend/uncertainty/monte_carlo.hpp"

namespace mend {
namespace {

// Actor a gains 2x on state YN and nothing elsewhere, x ~ uniform(0, 1): its linear utility on
// YN has sd 2/sqrt(12); a dislikes uncertainty with rho = 0.5.
constexpr const char* kCase = R"(mend: 1
id: spread
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
dimensions:
  - {id: gain}
parameters:
  x: {dist: uniform, min: 0, max: 1}
  fixed: 4
options:
  a: [{id: oa}]
  b: [{id: ob}]
status_quo: NN
effects:
  - when: {oa: Y, ob: N}
    a: {gain: 2 * x}
    b: {gain: fixed}
valuation:
  a: {weights: {gain: 1}, uncertainty_aversion: 0.5}
  b: {weights: {gain: 1}}
)";

CompiledCase Load() {
  Result<CompiledCase> compiled = ReadCase(kCase, "spread.yaml");
  EXPECT_TRUE(compiled.has_value()) << compiled.error().ToString();
  return std::move(*compiled);
}

TEST(ComputeUtilitySpread, MatchesTheClosedFormStandardDeviation) {
  const CompiledCase compiled = Load();
  Result<ParameterSampler> sampler = ParameterSampler::Create(
      compiled.definition, compiled.parameters, {.seed = 1, .samples = 20000});
  ASSERT_TRUE(sampler.has_value());
  Result<UtilitySpread> spread = ComputeUtilitySpread(compiled, *sampler, 2);
  ASSERT_TRUE(spread.has_value()) << spread.error().message;
  const StateId yn = *compiled.space.Find(0b01);
  const StateId nn = *compiled.space.Find(0b00);
  EXPECT_NEAR(spread->sd[0][yn.value], 2 / std::sqrt(12.0), 0.01);
  EXPECT_EQ(spread->sd[0][nn.value], 0.0);
  EXPECT_EQ(spread->sd[1][yn.value], 0.0);  // b's value there is a fixed parameter

  UtilityTable central = compiled.utilities;
  ApplyUncertaintyAversion(compiled.definition, *spread, central);
  EXPECT_NEAR(central.at(ActorIndex{0}, yn),
              compiled.utilities.at(ActorIndex{0}, yn) - 0.5 * spread->sd[0][yn.value], 1e-12);
  EXPECT_EQ(central.at(ActorIndex{1}, yn), compiled.utilities.at(ActorIndex{1}, yn));
}

TEST(ComputeUtilitySpread, GivesIdenticalBitsForAnyThreadCount) {
  const CompiledCase compiled = Load();
  Result<ParameterSampler> sampler = ParameterSampler::Create(
      compiled.definition, compiled.parameters, {.seed = 3, .samples = 3001});
  ASSERT_TRUE(sampler.has_value());
  Result<UtilitySpread> one = ComputeUtilitySpread(compiled, *sampler, 1);
  Result<UtilitySpread> three = ComputeUtilitySpread(compiled, *sampler, 3);
  ASSERT_TRUE(one.has_value() && three.has_value());
  EXPECT_EQ(one->sd, three->sd);
}

TEST(SampleUtilityEvaluator, ReproducesTheCentralUtilitiesAtTheCentralValues) {
  const CompiledCase compiled = Load();
  SampleUtilityEvaluator evaluator(compiled, nullptr);
  const std::vector<double> central(compiled.parameters.central().begin(),
                                    compiled.parameters.central().end());
  Result<const UtilityTable*> table = evaluator.Evaluate(central, 0);
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ((*table)->utility, compiled.utilities.utility);
}

TEST(SampleUtilityEvaluator, ReportsANonFiniteEffectWithTheSample) {
  Result<CompiledCase> compiled = ReadCase(R"(mend: 1
id: divide
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
dimensions: [{id: gain}]
parameters:
  x: {dist: uniform, min: 0, max: 1}
options:
  a: [{id: oa}]
  b: [{id: ob}]
status_quo: NN
effects:
  - when: {}
    a: {gain: 1 / (x - 0.9)}
valuation:
  a: {weights: {gain: 1}}
  b: {weights: {gain: 1}}
)",
                                           "divide.yaml");
  ASSERT_TRUE(compiled.has_value()) << compiled.error().ToString();  // fine at the median 0.5
  SampleUtilityEvaluator evaluator(*compiled, nullptr);
  const std::vector<double> bad = {0.9};
  Result<const UtilityTable*> table = evaluator.Evaluate(bad, 42);
  ASSERT_FALSE(table.has_value());
  EXPECT_NE(table.error().message.find("sample 42"), std::string::npos) << table.error().message;
  EXPECT_NE(table.error().message.find("effects[0].a.gain"), std::string::npos);
  EXPECT_EQ(table.error().where.line, 15);  // the line of the term
}

}  // namespace
}  // namespace mend
