// SPDX-License-Identifier: Apache-2.0
#include "mend/lenses/attachment.hpp"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

// Moscow gains 2 ± uniform noise on the budget and risks a uniform shock; status costs 0.5.
std::string LimitsCase(const std::string& ru_valuation) {
  return R"(mend: 1
id: limits
title: Limits
actors:
  - {id: us, name: US, role: decider}
  - {id: ru, name: RU, role: decider}
dimensions:
  - {id: budget, name: Budget, unit: bn}
  - {id: risk, name: Risk, unit: bn}
  - {id: status, name: Status, unit: index}
parameters:
  savings: {dist: uniform, min: 1, max: 3}
  shock: {dist: uniform, min: -5, max: 5}
options:
  us:
    - {id: us_limit, name: Limit}
  ru:
    - {id: ru_limit, name: Limit}
status_quo: NN
default: NN
effects:
  - when: {us_limit: Y, ru_limit: Y}
    us: {budget: 1}
    ru: {budget: savings, risk: shock, status: -2.5}
  - when: {us_limit: Y, ru_limit: N}
    us: {budget: -1}
    ru: {budget: 0.5}
valuation:
  us: {weights: {budget: 1}}
  ru: )" +
         ru_valuation + "\n";
}

CompiledCase Load(const std::string& text) {
  Result<CompiledCase> compiled = ReadCase(text, "limits.yaml");
  EXPECT_TRUE(compiled.has_value()) << compiled.error().message;
  return std::move(*compiled);
}

TEST(AnalyzeViability, NeutralAttachmentChangesNothing) {
  // λ = 1 and ρ = 0 spelled out must give exactly the gaps of plain linear utility.
  const CompiledCase plain = Load(LimitsCase("{weights: {budget: 1, risk: 1, status: 1}}"));
  const CompiledCase neutral = Load(LimitsCase(
      "{weights: {budget: 1, risk: 1, status: 1}, loss_aversion: 1, uncertainty_aversion: 0}"));
  for (std::uint32_t s = 0; s < plain.space.size(); ++s) {
    Result<ViabilityReport> a = AnalyzeViability(plain, StateId{s});
    Result<ViabilityReport> b = AnalyzeViability(neutral, StateId{s});
    ASSERT_TRUE(a.has_value() && b.has_value());
    EXPECT_EQ(a->viable, b->viable);
    for (std::size_t i = 0; i < a->deciders.size(); ++i) {
      const ActorIndex actor = a->deciders[i].decider;
      const StateId s0 = a->status_quo;
      const double linear_gap =
          std::max(0.0, plain.utilities.at(actor, s0) - plain.utilities.at(actor, StateId{s}));
      EXPECT_NEAR(a->deciders[i].gap, linear_gap, 1e-12);
      EXPECT_NEAR(b->deciders[i].gap, linear_gap, 1e-12);
      EXPECT_FALSE(b->deciders[i].closing_dimension.has_value());
    }
  }
}

TEST(AnalyzeViability, UncertaintyAversionOpensAGapThatVerificationCloses) {
  const CompiledCase compiled = Load(LimitsCase(
      "{weights: {budget: 1, risk: 1, status: 1}, loss_aversion: 1, uncertainty_aversion: 1}"));
  const StateId yy = *compiled.space.Find(*ParsePattern("YY", 2));
  Result<ViabilityReport> report = AnalyzeViability(compiled, yy, {.samples = 20000, .seed = 3});
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_FALSE(report->viable);
  const DeciderViability& ru = report->deciders[1];
  // Central gain 2 − 2.5 = −0.5; sd = sqrt(4/12 + 100/12) ≈ 2.944; gap ≈ 3.444.
  EXPECT_NEAR(ru.proposal_central_gain, -0.5, 1e-12);
  EXPECT_NEAR(ru.proposal_sd, std::sqrt(104.0 / 12.0), 0.03);
  EXPECT_NEAR(ru.gap, 0.5 + std::sqrt(104.0 / 12.0), 0.03);
  ASSERT_TRUE(ru.closing_dimension.has_value());
  EXPECT_EQ(compiled.definition.dimensions[ru.closing_dimension->value].id, "risk");
  EXPECT_FALSE(ru.closes);  // the central loss of 0.5 remains
  EXPECT_EQ(report->deciders[0].gap, 0);
}

TEST(AnalyzeViability, FailsWithTooFewSamples) {
  const CompiledCase compiled =
      Load(LimitsCase("{weights: {budget: 1, risk: 1}, uncertainty_aversion: 1}"));
  Result<ViabilityReport> report = AnalyzeViability(compiled, StateId{0}, {.samples = 1});
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
}

TEST(AnalyzeViability, IsDeterministicForASeed) {
  const CompiledCase compiled =
      Load(LimitsCase("{weights: {budget: 1, risk: 1}, uncertainty_aversion: 0.5}"));
  Result<ViabilityReport> a = AnalyzeViability(compiled, StateId{3}, {.samples = 500, .seed = 9});
  Result<ViabilityReport> b = AnalyzeViability(compiled, StateId{3}, {.samples = 500, .seed = 9});
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_EQ(a->deciders[1].proposal_sd, b->deciders[1].proposal_sd);
}

}  // namespace
}  // namespace mend
