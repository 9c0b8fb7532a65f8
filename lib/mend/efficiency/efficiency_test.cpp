// SPDX-License-Identifier: Apache-2.0
#include "mend/efficiency/efficiency.hpp"

#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mend/efficiency/pareto.hpp"
#include "mend/efficiency/trace.hpp"
#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

struct Analysed {
  CompiledCase compiled;
  StabilityReport report;
  StatusQuoAnalysis status_quo;
  EfficiencyAnalysis efficiency;
};

Analysed Analyse(const std::string& text, StabilityConcept concept_id = StabilityConcept::kSeq) {
  Result<CompiledCase> compiled = ReadCase(text, "test.yaml");
  EXPECT_TRUE(compiled.has_value()) << compiled.error().ToString();
  Analysed out{std::move(*compiled), {}, {}, {}};
  StabilityOptions options;
  options.threads = 1;
  out.report = *AnalyzeStability(out.compiled, options);
  out.status_quo = *AnalyzeStatusQuo(out.compiled, out.report);
  EfficiencyOptions efficiency_options;
  efficiency_options.concept_id = concept_id;
  out.efficiency = *AnalyzeEfficiency(out.compiled, out.report, out.status_quo, efficiency_options);
  return out;
}

std::string Golden(const std::string& name) {
  std::ifstream in("tests/golden/" + name + "/input.yaml");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string PatternOf(const Analysed& a, StateId s) { return a.compiled.space.Pattern(s); }

TEST(AnalyzeEfficiency, ArmsDilemmaMutualRestraintIsSelfEnforcingUnderSeq) {
  const Analysed a = Analyse(Golden("analyze-arms-dilemma"));
  ASSERT_EQ(a.efficiency.against.size(), 1u);
  const EfficiencyAgainst& block = a.efficiency.against[0];
  EXPECT_EQ(PatternOf(a, block.default_state), "NN");
  ASSERT_TRUE(block.alternative);
  EXPECT_EQ(PatternOf(a, block.alternative->state), "YY");
  EXPECT_TRUE(block.alternative->self_enforcing);
  EXPECT_EQ(block.alternative->rule, "nash-product-among-equilibria");
  EXPECT_DOUBLE_EQ(block.alternative->nash_product, 35);
}

TEST(AnalyzeEfficiency, ArmsDilemmaMutualRestraintIsNotNashStable) {
  const Analysed a = Analyse(Golden("analyze-arms-dilemma"), StabilityConcept::kNash);
  const EfficiencyAgainst& block = a.efficiency.against.at(0);
  ASSERT_TRUE(block.alternative);
  EXPECT_EQ(PatternOf(a, block.alternative->state), "YY");
  EXPECT_FALSE(block.alternative->self_enforcing);
  EXPECT_EQ(block.alternative->rule, "nash-product");
}

TEST(AnalyzeEfficiency, ConstantSumHasNoAlternativeAndNoLedger) {
  const Analysed a = Analyse(Golden("analyze-constant-sum"));
  const EfficiencyAgainst& block = a.efficiency.against.at(0);
  EXPECT_EQ(PatternOf(a, block.default_state), "YY");
  EXPECT_TRUE(block.improvements.empty());
  EXPECT_FALSE(block.alternative);
  EXPECT_TRUE(block.ledger.empty());
}

TEST(AnalyzeEfficiency, LossAversionChangesTheAlternative) {
  const std::string with = Golden("analyze-loss-aversion");
  const Analysed averse = Analyse(with);
  ASSERT_TRUE(averse.efficiency.against.at(0).alternative);
  EXPECT_EQ(PatternOf(averse, averse.efficiency.against[0].alternative->state), "YN");
  std::string without = with;
  for (std::size_t at; (at = without.find(", loss_aversion: 3")) != std::string::npos;) {
    without.erase(at, std::string(", loss_aversion: 3").size());
  }
  const Analysed neutral = Analyse(without);
  ASSERT_TRUE(neutral.efficiency.against.at(0).alternative);
  EXPECT_EQ(PatternOf(neutral, neutral.efficiency.against[0].alternative->state), "YY");
}

TEST(AnalyzeEfficiency, LossAversionWeighsTheLedgerAgainstTheStatusQuo) {
  const Analysed a = Analyse(Golden("analyze-loss-aversion"));
  const ActorLedger& us = a.efficiency.against.at(0).ledger.at(0);
  EXPECT_DOUBLE_EQ(us.total, 9);
  ASSERT_EQ(us.dimensions.size(), 2u);
  EXPECT_DOUBLE_EQ(us.dimensions[1].natural, -1);
  EXPECT_DOUBLE_EQ(us.dimensions[1].weighted, -3);
}

TEST(AnalyzeEfficiency, CycleWithoutDefaultCountsAgainstEachReachableEquilibrium) {
  // Matching pennies has no equilibrium and cycles; adding a pass-through makes one reachable.
  const Analysed a = Analyse(R"(mend: 1
id: cycle
title: A cycle
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
options:
  a: [{id: x}]
  b: [{id: y}]
status_quo: NN
payoffs:
  NN: {a: 1, b: 0}
  YN: {a: 0, b: 1}
  YY: {a: 1, b: 0}
  NY: {a: 0, b: 1}
)");
  EXPECT_TRUE(a.status_quo.dynamics.cycle);
  EXPECT_TRUE(a.efficiency.against_reachable_equilibria);
  for (const EfficiencyAgainst& block : a.efficiency.against) {
    EXPECT_TRUE(a.report.IsEquilibrium(StabilityConcept::kSeq, block.default_state));
  }
}

TEST(AnalyzeEfficiency, OrdinalDecidersGetImprovementsButNoCardinalPoints) {
  const Analysed a = Analyse(R"(mend: 1
id: ordinal
title: Ordinal dilemma
actors:
  - {id: p1, role: decider}
  - {id: p2, role: decider}
options:
  p1: [{id: c1}]
  p2: [{id: c2}]
status_quo: NN
preferences:
  p1: {ranking: [NY, YY, NN, YN]}
  p2: {ranking: [YN, YY, NN, NY]}
)");
  EXPECT_FALSE(a.efficiency.cardinal);
  const EfficiencyAgainst& block = a.efficiency.against.at(0);
  ASSERT_EQ(block.improvements.size(), 1u);
  EXPECT_EQ(PatternOf(a, block.improvements[0]), "YY");
  EXPECT_FALSE(block.alternative);
  EXPECT_FALSE(block.kalai_smorodinsky);
}

TEST(AnalyzeEfficiency, RefusesAConceptTheReportLacks) {
  Analysed a = Analyse(Golden("analyze-arms-dilemma"));
  StabilityOptions options;
  options.concepts = {StabilityConcept::kNash};
  const StabilityReport nash_only = *AnalyzeStability(a.compiled, options);
  Result<EfficiencyAnalysis> result = AnalyzeEfficiency(a.compiled, nash_only, a.status_quo, {});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
}

TEST(ExplainState, TracesTermsParametersAndSources) {
  const Analysed a = Analyse(R"(mend: 1
id: traced
title: Traced
sources:
  - {id: src, cite: "A source"}
actors:
  - {id: us, role: decider}
  - {id: ru, role: decider}
dimensions:
  - {id: budget, unit: USD bn/yr}
parameters:
  base: {dist: uniform, min: 8, max: 12, source: src}
  save: {dist: triangular, min: 0, mode: base, max: 20}
options:
  us: [{id: u}]
  ru: [{id: r}]
status_quo: NN
effects:
  - when: {u: Y}
    us: {budget: save * 0.5}
  - when: {r: Y}
    us: {budget: 1}
    ru: {budget: 2}
valuation:
  us: {weights: {budget: 1}}
  ru: {weights: {budget: 1}}
)");
  const StateId yy = *a.compiled.space.Find(0b11);
  Result<StateTrace> trace = ExplainState(a.compiled, yy, ActorIndex{0});
  ASSERT_TRUE(trace.has_value());
  ASSERT_EQ(trace->dimensions.size(), 1u);
  ASSERT_EQ(trace->dimensions[0].terms.size(), 2u);
  EXPECT_EQ(trace->dimensions[0].terms[0].expression, "save * 0.5");
  // save names base through its mode: both parameters are listed, and base's source.
  EXPECT_THAT(trace->parameters, ::testing::ElementsAre(ParameterIndex{0}, ParameterIndex{1}));
  EXPECT_THAT(trace->sources, ::testing::ElementsAre(0u));
  EXPECT_NEAR(trace->utility,
              trace->dimensions[0].terms[0].value + trace->dimensions[0].terms[1].value, 1e-12);
  EXPECT_FALSE(ExplainState(a.compiled, yy, ActorIndex{7}).has_value());
}

// --- Property tests on random cases --------------------------------------------------------

// A random valuation case: two deciders with two options each, one affected actor, three
// dimensions (one tagged status), one effect per option and one interaction, random weights,
// loss aversion on some actors.
std::string RandomValuationCase(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> value(-20, 20);
  std::uniform_int_distribution<int> weight(1, 4);
  auto v = [&] { return value(rng) / 2.0; };
  std::string text = R"(mend: 1
id: random
title: Random
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
  - {id: c, role: affected}
dimensions:
  - {id: x, unit: USD}
  - {id: y, unit: index}
  - {id: s, unit: index, tags: [status]}
options:
  a: [{id: a1}, {id: a2}]
  b: [{id: b1}, {id: b2}]
status_quo: NNNN
effects:
)";
  const char* whens[] = {"{a1: Y}", "{a2: Y}",        "{b1: Y}",
                         "{b2: Y}", "{a1: Y, b1: Y}", "{a2: Y, b2: Y}"};
  for (const char* when : whens) {
    text += fmt::format("  - when: {}\n", when);
    for (const char* actor : {"a", "b", "c"}) {
      text += fmt::format("    {}: {{x: {}, y: {}, s: {}}}\n", actor, v(), v(), v());
    }
  }
  text += "valuation:\n";
  for (const char* actor : {"a", "b", "c"}) {
    text += fmt::format("  {}: {{weights: {{x: {}, y: {}, s: {}}}", actor, weight(rng), weight(rng),
                        weight(rng));
    if (rng() % 2 == 0) text += fmt::format(", loss_aversion: {}", 1 + weight(rng) / 2.0);
    text += "}\n";
  }
  return text;
}

// A random payoff case for two or three deciders with one or two options each; `scale` and
// `shift` rescale decider 0's payoffs.
std::string RandomPayoffCase(std::uint64_t seed, double scale, double shift) {
  std::mt19937_64 rng(seed);
  const int deciders = 2 + static_cast<int>(rng() % 2);
  std::vector<int> options(static_cast<std::size_t>(deciders));
  for (int& o : options) o = 1 + static_cast<int>(rng() % 2);
  std::string text = "mend: 1\nid: random\ntitle: Random\nactors:\n";
  for (int i = 0; i < deciders; ++i) text += fmt::format("  - {{id: d{}, role: decider}}\n", i);
  text += "options:\n";
  int total = 0;
  for (int i = 0; i < deciders; ++i) {
    text += fmt::format("  d{}:\n", i);
    for (int k = 0; k < options[static_cast<std::size_t>(i)]; ++k) {
      text += fmt::format("    - {{id: o{}_{}}}\n", i, k);
      ++total;
    }
  }
  text +=
      fmt::format("status_quo: {}\npayoffs:\n", std::string(static_cast<std::size_t>(total), 'N'));
  std::uniform_real_distribution<double> payoff(-10, 10);
  for (int code = 0; code < (1 << total); ++code) {
    std::string pattern;
    for (int k = 0; k < total; ++k) pattern += ((code >> k) & 1) != 0 ? 'Y' : 'N';
    text += "  " + pattern + ": {";
    for (int i = 0; i < deciders; ++i) {
      double u = payoff(rng);
      if (i == 0) u = scale * u + shift;
      text += fmt::format("{}d{}: {:.17g}", i == 0 ? "" : ", ", i, u);
    }
    text += "}\n";
  }
  return text;
}

TEST(EfficiencyProperties, AlternativeAlwaysParetoImprovesTheDefault) {
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    const Analysed a = Analyse(RandomPayoffCase(seed, 1, 0));
    for (const EfficiencyAgainst& block : a.efficiency.against) {
      if (!block.alternative) {
        EXPECT_TRUE(block.improvements.empty()) << seed;
        continue;
      }
      EXPECT_TRUE(ParetoImproves(a.compiled.utilities, a.report.deciders(),
                                 block.alternative->state, block.default_state))
          << seed;
      EXPECT_EQ(block.alternative->self_enforcing,
                a.report.IsEquilibrium(StabilityConcept::kSeq, block.alternative->state));
    }
  }
}

TEST(EfficiencyProperties, LedgerSumsToTheUtilityDifferences) {
  std::mt19937_64 rng(99);
  int with_alternative = 0;
  for (int round = 0; round < 120; ++round) {
    const Analysed a = Analyse(RandomValuationCase(rng));
    for (const EfficiencyAgainst& block : a.efficiency.against) {
      if (!block.alternative) continue;
      ++with_alternative;
      EXPECT_TRUE(ParetoImproves(a.compiled.utilities, a.report.deciders(),
                                 block.alternative->state, block.default_state));
      for (const ActorLedger& entry : block.ledger) {
        const double difference = a.compiled.utilities.at(entry.actor, block.alternative->state) -
                                  a.compiled.utilities.at(entry.actor, block.default_state);
        double sum = 0;
        double neutral = 0;
        for (const LedgerEntry& item : entry.dimensions) {
          sum += item.weighted;
          if (!a.compiled.definition.dimensions[item.dimension.value].is_status()) {
            neutral += item.weighted;
          }
        }
        EXPECT_NEAR(entry.total, difference, 1e-9);
        EXPECT_NEAR(sum, difference, 1e-9) << "round " << round;
        EXPECT_NEAR(entry.status_neutral_total, neutral, 1e-9);
      }
    }
  }
  EXPECT_GT(with_alternative, 10);  // the property was exercised
}

TEST(EfficiencyProperties, AlternativeIsInvariantToAffineRescalingOfOneActor) {
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    const Analysed plain = Analyse(RandomPayoffCase(seed, 1, 0));
    const Analysed scaled = Analyse(RandomPayoffCase(seed, 3.5, -7.25));
    ASSERT_EQ(plain.efficiency.against.size(), scaled.efficiency.against.size()) << seed;
    for (std::size_t k = 0; k < plain.efficiency.against.size(); ++k) {
      const auto& p = plain.efficiency.against[k].alternative;
      const auto& s = scaled.efficiency.against[k].alternative;
      ASSERT_EQ(p.has_value(), s.has_value()) << seed;
      if (!p) continue;
      EXPECT_EQ(p->state, s->state) << seed;
      EXPECT_EQ(plain.efficiency.against[k].kalai_smorodinsky->state,
                scaled.efficiency.against[k].kalai_smorodinsky->state)
          << seed;
    }
  }
}

}  // namespace
}  // namespace mend
