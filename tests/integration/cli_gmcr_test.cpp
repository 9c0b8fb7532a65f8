// SPDX-License-Identifier: Apache-2.0
//
// `mend convert`, `mend coalitions` and `.gmcr` input end to end: exit codes, the converted
// files loading again, the JSON shapes, located errors on stderr.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using Json = nlohmann::ordered_json;
using ::testing::HasSubstr;

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// Runs mend with stderr folded into the output when `with_stderr`.
CommandResult RunMend(const std::string& arguments, bool with_stderr = false) {
  const std::string command =
      std::string(MEND_BINARY) + " " + arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string Source(const std::string& relative) {
  return std::string(MEND_SOURCE_DIR) + "/" + relative;
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("mend-cli-gmcr-" + std::to_string(::getpid()) + "-" + name))
      .string();
}

TEST(CliGmcr, StabilityReadsGmcrFilesUnderTheGmcrPlusRule) {
  CommandResult result = RunMend("stability " + Source("tests/gmcr/two-deciders-prioritised.gmcr") +
                                 " --format json --sanctions gmcr-plus");
  ASSERT_EQ(result.exit_code, 0);
  const Json json = Json::parse(result.out);
  EXPECT_EQ(json["equilibria"]["nash"], Json::parse(R"(["YY"])"));
  EXPECT_EQ(json["equilibria"]["seq"], Json::parse(R"(["NN", "YY"])"));
}

TEST(CliGmcr, ConvertRoundTripKeepsTheEquilibria) {
  const std::string gmcr = TempPath("elmira.gmcr");
  const std::string yaml = TempPath("elmira.yaml");
  CommandResult to_gmcr =
      RunMend("convert " + Source("cases/classic/elmira.yaml") + " -o " + gmcr, true);
  ASSERT_EQ(to_gmcr.exit_code, 0) << to_gmcr.out;
  EXPECT_THAT(to_gmcr.out, HasSubstr("does not keep"));
  EXPECT_THAT(to_gmcr.out, HasSubstr("status quo"));
  ASSERT_EQ(RunMend("convert " + gmcr + " -o " + yaml).exit_code, 0);
  std::ifstream in(yaml);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("# Converted by mend convert from the gmcr-py file"));
  ASSERT_EQ(RunMend("validate " + yaml).exit_code, 0);
  const Json original = Json::parse(
      RunMend("stability " + Source("cases/classic/elmira.yaml") + " --format json").out);
  const Json converted = Json::parse(RunMend("stability " + yaml + " --format json").out);
  EXPECT_EQ(converted["equilibria"], original["equilibria"]);
  std::filesystem::remove(gmcr);
  std::filesystem::remove(yaml);
}

TEST(CliGmcr, MalformedGmcrIsRefusedWithTheLocation) {
  const std::string bad = TempPath("bad.gmcr");
  std::ofstream(bad)
      << "{\n  \"options\": [{\"name\": \"a\", \"permittedDirection\": \"sideways\"}],\n"
         "  \"decisionMakers\": []\n}\n";
  CommandResult result = RunMend("validate " + bad, true);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.out, HasSubstr("bad.gmcr:2:51: error: options[0].permittedDirection: "
                                    "expected \"both\", \"fwd\" or \"back\""));
  std::filesystem::remove(bad);
}

TEST(CliGmcr, CoalitionsJsonHasTheStabilityShape) {
  CommandResult result =
      RunMend("coalitions " + Source("cases/classic/elmira.yaml") + " --format json");
  ASSERT_EQ(result.exit_code, 0);
  const Json json = Json::parse(result.out);
  EXPECT_EQ(json["case"], "elmira");
  EXPECT_EQ(json["coalitions"].size(), 7u);
  EXPECT_EQ(json["coalitions_from"], "all");
  for (const char* concept_name : {"nash", "gmr", "smr", "seq"}) {
    EXPECT_TRUE(json["stability"][concept_name].contains("moe+uniroyal")) << concept_name;
    EXPECT_TRUE(json["equilibria"].contains(concept_name)) << concept_name;
  }
  // The delay equilibrium NYNNY falls to the Ministry and Uniroyal together.
  const Json& nash = json["equilibria"]["nash"];
  EXPECT_EQ(std::find(nash.begin(), nash.end(), "NYNNY"), nash.end());
}

TEST(CliGmcr, CoalitionsFromTheCommandLine) {
  CommandResult result = RunMend("coalitions " + Source("cases/classic/elmira.yaml") +
                                 " --coalitions moe+uniroyal,lg --concepts nash --format json");
  ASSERT_EQ(result.exit_code, 0);
  const Json json = Json::parse(result.out);
  EXPECT_EQ(json["coalitions"], Json::parse(R"(["moe+uniroyal", "lg"])"));
  EXPECT_EQ(json["coalitions_from"], "command line");
  EXPECT_EQ(RunMend("coalitions " + Source("cases/classic/elmira.yaml") + " --coalitions moe+eu")
                .exit_code,
            2);
}

TEST(CliGmcr, CoalitionsFromAGmcrFile) {
  const std::string file = TempPath("trio.gmcr");
  std::ofstream(file) << R"({"options": [{"name": "x", "permittedDirection": "both"},
 {"name": "y", "permittedDirection": "both"}, {"name": "z", "permittedDirection": "both"}],
 "decisionMakers": [{"name": "A", "options": [0], "preferences": [[[0, "Y"]]]},
 {"name": "B", "options": [1], "preferences": [[[1, "Y"]]]},
 {"name": "C", "options": [2], "preferences": [[[2, "Y"]]]}],
 "infeasibles": [], "coalitions": [[0, 2], 1], "useManualPreferenceRanking": false})";
  CommandResult result = RunMend("coalitions " + file + " --format json");
  ASSERT_EQ(result.exit_code, 0);
  const Json json = Json::parse(result.out);
  EXPECT_EQ(json["coalitions"], Json::parse(R"(["a+c", "b"])"));
  EXPECT_EQ(json["coalitions_from"], "case");
  // Everyone wants its own option taken, and A and C only move together, when both gain: with
  // B's option taken, only NYN (both gain by YYY) is left; YYN and NYY stay, since one of the
  // pair has nothing to gain.
  EXPECT_EQ(json["equilibria"]["nash"], Json::parse(R"(["YYN", "NYY", "YYY"])"));
  std::filesystem::remove(file);
}

}  // namespace
