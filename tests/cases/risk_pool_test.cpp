// SPDX-License-Identifier: Apache-2.0
//
// The U.S.-Russia portfolio's escalation-risk pool is counted once (docs/models/incident-risk.md,
// "One pool, two issues"): strategic arms and incidents each count only the change their own
// options make, so that, in every sample, what the portfolio sums over the two issues for the
// move from their defaults to their alternatives equals the joint change of one pool,
//   R = C · (1 − (1 − p·π·(1 − k))^(N·(1 − f))),
// evaluated once on that sample's draws. The gains are the engine's (the Monte Carlo's per-sample
// ledger of each issue, summed as the portfolio sums them); the draws are the engine's sampler's;
// the formula is the model's, written out here from the doc.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "mend/engine/portfolio_analysis.hpp"
#include "mend/io/case_reader.hpp"
#include "mend/uncertainty/parameter_sampler.hpp"

namespace mend {
namespace {

namespace fs = std::filesystem;

const fs::path kPortfolio = fs::path(MEND_SOURCE_DIR) / "cases" / "us-russia" / "portfolio.yaml";

std::size_t IndexOf(const auto& items, const std::string& id) {
  const auto found =
      std::find_if(items.begin(), items.end(), [&](const auto& item) { return item.id == id; });
  EXPECT_NE(found, items.end()) << "no '" << id << "'";
  return static_cast<std::size_t>(found - items.begin());
}

// Whether option `id` is taken (Y) in `state` of `compiled`.
bool Taken(const CompiledCase& compiled, StateId state, const std::string& id) {
  const std::size_t bit = IndexOf(compiled.definition.options, id);
  return ((compiled.space.code(state) >> bit) & 1U) != 0;
}

// One sample's draws of a case, looked up by parameter id.
struct Draws {
  const CaseDefinition* definition;
  std::vector<double> values;
  double operator[](const std::string& id) const {
    const std::size_t at = IndexOf(definition->parameters, id);
    return at < values.size() ? values[at] : std::nan("");
  }
};

// The pool's expected cost a year in the joint state (arms state, incidents state), by the
// model: a race raises p by `race_uplift` per racing side, mutual inspections cut it by
// `verify_cut`; each probing side adds `probe_encounters`; agreed rules avoid a share `fewer` of
// the encounters and a hotline averts a share `defuse` of escalations.
double JointPool(const CompiledCase& arms, StateId arms_state, const Draws& arms_draws,
                 const CompiledCase& incidents, StateId incidents_state,
                 const Draws& incidents_draws) {
  const auto arms_taken = [&](const char* id) { return Taken(arms, arms_state, id); };
  const auto incidents_taken = [&](const char* id) {
    return Taken(incidents, incidents_state, id);
  };
  const int racing = int{arms_taken("us_exceed")} + int{arms_taken("ru_exceed")};
  double multiplier = 1 + arms_draws["race_uplift"] * racing;
  if (arms_taken("us_verify") && arms_taken("ru_verify"))
    multiplier *= 1 - arms_draws["verify_cut"];
  const int probing = int{incidents_taken("us_probe")} + int{incidents_taken("ru_probe")};
  double encounters =
      incidents_draws["base_encounters"] + probing * incidents_draws["probe_encounters"];
  if (incidents_taken("us_rules") && incidents_taken("ru_rules"))
    encounters *= 1 - incidents_draws["fewer"];
  double p = std::min(1.0, incidents_draws["p_escalate"] * multiplier);
  if (incidents_taken("us_hotline") && incidents_taken("ru_hotline"))
    p *= 1 - incidents_draws["defuse"];
  return incidents_draws["war_cost"] * (1 - std::pow(1 - p, encounters));
}

TEST(UsRussiaRiskPool, ThePortfolioCountsThePoolOnceInEverySample) {
  Result<Document> document = ReadDocumentFile(kPortfolio.string());
  ASSERT_TRUE(document.has_value()) << document.error().message;
  const auto& portfolio = std::get<CompiledPortfolio>(*document);
  std::vector<const CompiledCase*> cases;
  for (const CompiledCase& one : portfolio.cases) cases.push_back(&one);
  AnalysisOptions options;
  options.monte_carlo = true;
  options.samples = 400;
  options.seed = 7;
  Result<PortfolioAnalysis> analysis = AnalyzePortfolio(portfolio.definition, cases, options);
  ASSERT_TRUE(analysis.has_value()) << analysis.error().message;

  const auto issue = [&](const std::string& id) -> const CaseAnalysis& {
    std::size_t at = 0;
    while (at + 1 < portfolio.cases.size() && portfolio.cases[at].definition.id != id) ++at;
    EXPECT_EQ(portfolio.cases[at].definition.id, id);
    return analysis->cases[at];
  };
  const CaseAnalysis& arms = issue("strategic-arms");
  const CaseAnalysis& incidents = issue("incidents");
  ASSERT_TRUE(arms.central_default && arms.central_alternative);
  ASSERT_TRUE(incidents.central_default && incidents.central_alternative);
  ASSERT_TRUE(arms.montecarlo && incidents.montecarlo);

  // Europe values the risk alone (weight 1) in both issues: its gain is the risk it is spared.
  const CaseDefinition& arms_case = arms.source->definition;
  const CaseDefinition& incidents_case = incidents.source->definition;
  const std::size_t eu_arms = IndexOf(arms_case.actors, "eu");
  const std::size_t eu_incidents = IndexOf(incidents_case.actors, "eu");

  SamplerOptions sampling;
  sampling.seed = options.seed;
  sampling.samples = options.samples;
  sampling.method = options.method;
  Result<ParameterSampler> arms_sampler =
      ParameterSampler::Create(arms_case, arms.source->parameters, sampling);
  Result<ParameterSampler> incidents_sampler =
      ParameterSampler::Create(incidents_case, incidents.source->parameters, sampling);
  ASSERT_TRUE(arms_sampler.has_value() && incidents_sampler.has_value());

  double summed_total = 0;
  double pool_total = 0;
  for (std::uint64_t k = 0; k < options.samples; ++k) {
    Result<std::vector<double>> arms_values = arms_sampler->Sample(k);
    Result<std::vector<double>> incidents_values = incidents_sampler->Sample(k);
    ASSERT_TRUE(arms_values.has_value() && incidents_values.has_value());
    const Draws arms_draws{&arms_case, *arms_values};
    const Draws incidents_draws{&incidents_case, *incidents_values};
    // Shared figures take one value per sample in both issues.
    for (const char* shared : {"p_escalate", "war_cost", "base_encounters", "verify_cut"}) {
      ASSERT_EQ(arms_draws[shared], incidents_draws[shared]) << shared << ", sample " << k;
    }
    const double before = JointPool(*arms.source, *arms.central_default, arms_draws,
                                    *incidents.source, *incidents.central_default, incidents_draws);
    const double after =
        JointPool(*arms.source, *arms.central_alternative, arms_draws, *incidents.source,
                  *incidents.central_alternative, incidents_draws);
    const double pool_once = incidents_draws["share_eu"] * (before - after);
    const double summed =
        arms.montecarlo->sample_gains[k * arms_case.actors.size() + eu_arms] +
        incidents.montecarlo->sample_gains[k * incidents_case.actors.size() + eu_incidents];
    EXPECT_NEAR(summed, pool_once, 1e-9 * std::max(1.0, std::abs(pool_once))) << "sample " << k;
    summed_total += summed;
    pool_total += pool_once;
  }
  EXPECT_GT(pool_total, 0) << "the alternatives should shrink the pool";
  EXPECT_NEAR(summed_total, pool_total, 1e-9 * pool_total);
}

}  // namespace
}  // namespace mend
