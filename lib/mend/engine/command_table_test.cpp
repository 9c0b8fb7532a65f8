// SPDX-License-Identifier: Apache-2.0
#include "mend/engine/command_table.hpp"

#include <gtest/gtest.h>

#include "mend/engine/analysis_options.hpp"

namespace mend {
namespace {

using Inputs = std::vector<std::pair<std::string, OptionInput>>;

Result<CommandOptions> Parse(std::string_view command, const Inputs& inputs) {
  const CommandSpec* spec = FindCommand(command);
  EXPECT_NE(spec, nullptr) << command;
  return ParseCommandOptions(*spec, inputs);
}

TEST(CommandTable, FillsInTheSharedDefaults) {
  Result<CommandOptions> options = Parse("analyze", {});
  ASSERT_TRUE(options.has_value()) << options.error().message;
  EXPECT_EQ(options->Count("samples"), kDefaultSamples);
  EXPECT_EQ(options->Count("seed"), kDefaultSeed);
  EXPECT_EQ(options->Text("concept"), "seq");
  EXPECT_EQ(options->Text("sanctions"), "textbook");
  EXPECT_EQ(options->Text("method"), "monte-carlo");
}

TEST(CommandTable, EveryCommandThatSamplesHasTheSameDefaults) {
  for (const CommandSpec& spec : CommandTable()) {
    for (const OptionSpec& option : spec.options) {
      if (option.name == "samples") {
        EXPECT_EQ(option.default_value, "2000") << spec.name;
      }
      if (option.name == "seed") {
        EXPECT_EQ(option.default_value, "1") << spec.name;
      }
      if (option.name == "concept") {
        EXPECT_EQ(option.default_value, "seq") << spec.name;
      }
    }
  }
}

TEST(CommandTable, TextFromTheCliAndNumbersFromJsonGiveTheSameValues) {
  Result<CommandOptions> text = Parse(
      "dynamics", {{"samples", OptionInput::Text("500")}, {"kappas", OptionInput::Text("1,2.5")}});
  Result<CommandOptions> json =
      Parse("dynamics", {{"samples", OptionInput::Number(500, true)},
                         {"kappas", OptionInput::List({OptionInput::Number(1, true),
                                                       OptionInput::Number(2.5, false)})}});
  ASSERT_TRUE(text.has_value()) << text.error().message;
  ASSERT_TRUE(json.has_value()) << json.error().message;
  EXPECT_EQ(text->values, json->values);
  EXPECT_EQ(text->Numbers("kappas"), (std::vector<double>{1, 2.5}));
}

TEST(CommandTable, RefusesAnUnknownOptionByName) {
  Result<CommandOptions> options = Parse("analyze", {{"kappa", OptionInput::Text("2")}});
  ASSERT_FALSE(options.has_value());
  EXPECT_EQ(options.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(options.error().message.find("kappa: unknown option of analyze"), std::string::npos);
}

TEST(CommandTable, RefusesValuesOutOfRangeWithTheRange) {
  for (const auto& [command, name, input] :
       std::vector<std::tuple<std::string, std::string, OptionInput>>{
           {"montecarlo", "samples", OptionInput::Text("0")},
           {"montecarlo", "samples", OptionInput::Text("-3")},
           {"montecarlo", "samples", OptionInput::Text("12x")},
           {"montecarlo", "samples", OptionInput::Number(2.5, false)},
           {"dynamics", "kappas", OptionInput::Text("1,0")},
           {"dynamics", "kappas", OptionInput::Text("1,,2")},
           {"dynamics", "alpha", OptionInput::Text("0")},
           {"dynamics", "alpha", OptionInput::Text("1.5")},
           {"analyze", "concept", OptionInput::Text("nashh")},
           {"analyze", "concept", OptionInput::Other("true")},
           {"stability", "concepts", OptionInput::List({})},
       }) {
    Result<CommandOptions> options = Parse(command, {{name, input}});
    ASSERT_FALSE(options.has_value()) << command << " " << name << " " << input.text;
    EXPECT_EQ(options.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(options.error().message.rfind(name + ": ", 0), 0U) << options.error().message;
  }
}

TEST(CommandTable, RequiresTheOptionsACommandCannotDoWithout) {
  Result<CommandOptions> viability = Parse("viability", {});
  ASSERT_FALSE(viability.has_value());
  EXPECT_NE(viability.error().message.find("proposal: required"), std::string::npos);
  Result<CommandOptions> brief = Parse("brief", {});
  ASSERT_FALSE(brief.has_value());
  EXPECT_NE(brief.error().message.find("actor: required"), std::string::npos);
}

TEST(CommandTable, ListsConceptsInOneOrderWhateverTheOrderGiven) {
  Result<CommandOptions> options =
      Parse("stability", {{"concepts", OptionInput::Text("seq,nash")}});
  ASSERT_TRUE(options.has_value()) << options.error().message;
  EXPECT_EQ(options->Texts("concepts"), (std::vector<std::string>{"nash", "seq"}));
}

TEST(ToAnalysisOptions, TurnsValidatedOptionsIntoTheEnginesOptions) {
  Result<CommandOptions> given = Parse("montecarlo", {{"samples", OptionInput::Text("300")},
                                                      {"method", OptionInput::Text("lhs")},
                                                      {"concept", OptionInput::Text("gmr")},
                                                      {"seed", OptionInput::Text("9")}});
  ASSERT_TRUE(given.has_value()) << given.error().message;
  Result<AnalysisOptions> options = ToAnalysisOptions(*given);
  ASSERT_TRUE(options.has_value()) << options.error().message;
  EXPECT_EQ(options->samples, 300U);
  EXPECT_EQ(options->seed, 9U);
  EXPECT_EQ(options->method, SamplingMethod::kLatinHypercube);
  EXPECT_EQ(options->concept_id, StabilityConcept::kGmr);
  EXPECT_TRUE(options->monte_carlo);
}

TEST(ToDynamicsOptions, ValidatesWithTheDynamicsOwnRules) {
  Result<CommandOptions> given = Parse("dynamics", {{"runs", OptionInput::Text("10")},
                                                    {"rounds", OptionInput::Text("20")},
                                                    {"crisis_length", OptionInput::Text("4")}});
  ASSERT_TRUE(given.has_value()) << given.error().message;
  Result<DynamicsOptions> options = ToDynamicsOptions(*given);
  ASSERT_TRUE(options.has_value()) << options.error().message;
  EXPECT_EQ(options->runs, 10U);
  EXPECT_EQ(options->rounds, 20U);
  EXPECT_EQ(options->crisis_length, 4U);
  EXPECT_EQ(options->kappas, (std::vector<double>{1, 1.5, 2, 3}));

  DynamicsOptions bad = *options;
  bad.kappas = {0};
  EXPECT_FALSE(ValidateDynamicsOptions(bad).has_value());
}

}  // namespace
}  // namespace mend
