// SPDX-License-Identifier: Apache-2.0
#include "mend/render/json_writer.hpp"

#include <sstream>
#include <stop_token>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

CompiledCase Load(const std::string& text) {
  Result<CompiledCase> result = ReadCase(text, "case.yaml");
  EXPECT_TRUE(result.has_value()) << result.error().ToString();
  if (!result) std::abort();
  return std::move(result).value();
}

const std::string kCase =
    "mend: 1\nid: pd\nactors: [{id: a}, {id: b}]\noptions: {a: [{id: x}], b: [{id: y}]}\n"
    "constraints: [{infeasible: {x: Y, y: Y}}]\nstatus_quo: NN\n"
    "payoffs:\n  NN: {a: 3, b: 3}\n  YN: {a: 5.5, b: 0}\n  NY: {a: 0, b: 5}\n";

TEST(StatesJson, ListsOptionsAndStatesWithNumbersPatternsAndUtilities) {
  const std::string text = StatesJson(Load(kCase));
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(text);
  EXPECT_EQ(json["case"], "pd");
  EXPECT_EQ(json["options"], nlohmann::json::array({"x", "y"}));
  ASSERT_EQ(json["states"].size(), 3U);
  EXPECT_EQ(json["states"][0]["number"], 1);
  EXPECT_EQ(json["states"][0]["pattern"], "NN");
  EXPECT_EQ(json["states"][1]["pattern"], "YN");
  EXPECT_EQ(json["states"][2]["number"], 3);
  EXPECT_EQ(json["states"][2]["pattern"], "NY");
  EXPECT_EQ(json["states"][1]["utility"]["a"], 5.5);
  EXPECT_EQ(json["states"][1]["utility"]["b"], 0);
  // Keys keep a fixed order.
  std::vector<std::string> keys;
  for (const auto& item : json.items()) keys.push_back(item.key());
  EXPECT_THAT(keys, ::testing::ElementsAre("case", "options", "states"));
  std::vector<std::string> state_keys;
  for (const auto& item : json["states"][0].items()) state_keys.push_back(item.key());
  EXPECT_THAT(state_keys, ::testing::ElementsAre("number", "pattern", "utility"));
}

TEST(StatesJson, IsByteIdenticalAcrossRuns) {
  EXPECT_EQ(StatesJson(Load(kCase)), StatesJson(Load(kCase)));
}

TEST(StatesJson, PortfolioWrapsItsCases) {
  CompiledPortfolio portfolio;
  portfolio.definition.id = "pair";
  portfolio.cases.push_back(Load(kCase));
  portfolio.cases.push_back(Load(kCase));
  const nlohmann::json json = nlohmann::json::parse(StatesJson(portfolio));
  EXPECT_EQ(json["portfolio"], "pair");
  ASSERT_EQ(json["cases"].size(), 2U);
  EXPECT_EQ(json["cases"][1]["case"], "pd");
  EXPECT_EQ(json["cases"][1]["states"].size(), 3U);
}

// The rendering before output was streamed: a whole nlohmann document, dumped with indent 1.
std::string DocumentStatesJson(const CompiledCase& compiled) {
  using Json = nlohmann::ordered_json;
  Json options = Json::array();
  for (const Option& option : compiled.definition.options) options.push_back(option.id);
  Json states = Json::array();
  for (std::uint32_t s = 0; s < compiled.space.size(); ++s) {
    Json utility = Json::object();
    for (std::size_t a = 0; a < compiled.definition.actors.size(); ++a) {
      utility[compiled.definition.actors[a].id] = compiled.utilities.utility[a][s];
    }
    states.push_back(Json{{"number", s + 1},
                          {"pattern", compiled.space.Pattern(StateId{s})},
                          {"utility", std::move(utility)}});
  }
  return Json{{"case", compiled.definition.id},
              {"options", std::move(options)},
              {"states", std::move(states)}}
             .dump(1) +
         "\n";
}

TEST(StatesJson, StreamedOutputIsByteIdenticalToTheDocumentRendering) {
  const CompiledCase compiled = Load(kCase);
  EXPECT_EQ(StatesJson(compiled), DocumentStatesJson(compiled));
}

TEST(WriteStatesJson, ReturnsCancelledWhenStopIsRequested) {
  std::stop_source stop;
  stop.request_stop();
  std::ostringstream out;
  Status written = WriteStatesJson(out, Load(kCase), stop.get_token());
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, ErrorCode::kCancelled);
}

TEST(WriteStatesJson, ReturnsIoWhenTheStreamFails) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  Status written = WriteStatesJson(out, Load(kCase));
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace mend
