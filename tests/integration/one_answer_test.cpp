// SPDX-License-Identifier: Apache-2.0
//
// One answer: every front end takes its central default and alternative from the engine, so for
// the same case, samples and seed, `mend analyze`, `mend montecarlo` and `mend report` (whose
// briefs are written from the same analysis) report the same pair — for every shipped and test
// case, with and without loss aversion and uncertainty aversion, and for the portfolio. The
// server's routes are held to the same pair in server_api_test.
#include <filesystem>
#include <string>

#include "testkit/run_mend.hpp"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace mend {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Few samples keep the suite fast; the pair must agree for any count, so few is as good a test.
constexpr const char* kSampling = " --samples 400 --seed 3";

json RunJson(const std::string& arguments) {
  const testkit::CommandResult result = testkit::RunMend(arguments);
  EXPECT_EQ(result.exit_code, 0) << arguments << "\n" << result.err;
  return result.exit_code == 0 ? json::parse(result.out) : json();
}

// The data a report embeds for its charts and briefs: {"cases": [{"analysis", "montecarlo"}]}.
json ReportData(const std::string& file) {
  // One folder per test process: ctest runs the cases in parallel.
  const fs::path folder =
      fs::temp_directory_path() / ("mend-one-answer-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  const fs::path bundle = folder / "bundle.js";
  if (!fs::exists(bundle)) {
    std::FILE* out = std::fopen(bundle.c_str(), "w");
    std::fputs("/* charts are not drawn in this test */", out);
    std::fclose(out);
  }
  const fs::path page = folder / (fs::path(file).parent_path().filename().string() + "-" +
                                  fs::path(file).stem().string() + ".html");
  const testkit::CommandResult result = testkit::RunMend(
      "report " + file + kSampling + " --bundle " + bundle.string() + " -o " + page.string());
  EXPECT_EQ(result.exit_code, 0) << file << "\n" << result.err;
  const std::string html = testkit::ReadFile(page);
  const std::string open = R"(<script type="application/json" id="mend-report-data">)";
  const std::size_t start = html.find(open);
  if (start == std::string::npos) return json();
  const std::size_t end = html.find("</script>", start);
  return json::parse(html.substr(start + open.size(), end - start - open.size()));
}

void ExpectSamePair(const json& reference, const json& other, const std::string& what) {
  EXPECT_EQ(other["default"], reference["default"]) << what;
  EXPECT_EQ(other["alternative"], reference["alternative"]) << what;
  EXPECT_EQ(other["samples"], reference["samples"]) << what;
  EXPECT_EQ(other["seed"], reference["seed"]) << what;
}

class OneAnswer : public ::testing::TestWithParam<std::string> {};

TEST_P(OneAnswer, AnalyzeMontecarloAndReportReportTheSameCentralPair) {
  const std::string& file = GetParam();
  const json analyze = RunJson("analyze " + file + kSampling + " --format json");
  ASSERT_TRUE(analyze.contains("central")) << file;
  const json& central = analyze["central"];
  const json montecarlo = RunJson("montecarlo " + file + kSampling + " --format json -q");
  ExpectSamePair(central, montecarlo["central"], file + ": montecarlo");
  // The Monte Carlo's conditional ledger says it compares the same pair.
  if (!central["alternative"].is_null()) {
    EXPECT_EQ(montecarlo["ledger_comparison"]["from"], central["default"]) << file;
    EXPECT_EQ(montecarlo["ledger_comparison"]["to"], central["alternative"]) << file;
    EXPECT_EQ(analyze["ledger_comparison"], montecarlo["ledger_comparison"]) << file;
  }
  const json report = ReportData(file);
  ASSERT_EQ(report["cases"].size(), 1U) << file;
  ExpectSamePair(central, report["cases"][0]["analysis"]["central"], file + ": report");
  ExpectSamePair(central, report["cases"][0]["montecarlo"]["central"],
                 file + ": report's Monte Carlo");
  // The report's analysis is analyze's, byte for byte in content.
  EXPECT_EQ(report["cases"][0]["analysis"], analyze) << file;
}

TEST_P(OneAnswer, TheCentralPairDoesNotDependOnThreads) {
  const std::string& file = GetParam();
  const json one = RunJson("analyze " + file + kSampling + " --threads 1 --format json");
  const json two = RunJson("analyze " + file + kSampling + " --threads 2 --format json");
  EXPECT_EQ(one, two) << file;
}

// `mend montecarlo`'s text names the samples' most frequent default where it is not the central
// one, as its JSON's per-state P(default) has it: strategic arms (the U.S. builds alone at the
// central values, both build in most samples); investment, whose central default is also the
// most frequent, says nothing of it.
TEST(OneAnswerMostFrequentDefault, MontecarloTextAgreesWithItsJson) {
  std::size_t differing = 0;
  for (const char* relative :
       {"cases/us-russia/strategic-arms.yaml", "cases/us-russia/investment.yaml"}) {
    const std::string file = testkit::SourcePath(relative);
    const json montecarlo = RunJson("montecarlo " + file + kSampling + " --format json -q");
    std::string frequent;
    double best = 0;
    for (const json& state : montecarlo["states"]) {
      if (state["p_default"].get<double>() > best) {
        best = state["p_default"].get<double>();
        frequent = state["pattern"].get<std::string>();
      }
    }
    const testkit::CommandResult text = testkit::RunMend("montecarlo " + file + kSampling);
    ASSERT_EQ(text.exit_code, 0) << text.err;
    const std::string sentence = "The samples' most frequent default is another: " + frequent;
    if (frequent == montecarlo["central"]["default"]) {
      EXPECT_EQ(text.out.find("most frequent default"), std::string::npos) << relative;
    } else {
      ++differing;
      EXPECT_NE(text.out.find(sentence), std::string::npos) << text.out;
    }
  }
  EXPECT_EQ(differing, 1u) << "strategic arms differs, investment does not";
}

std::string NameOf(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).parent_path().filename().string() + "_" +
                     fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryCase, OneAnswer, ::testing::ValuesIn(testkit::ShippedAndTestCases()),
                         NameOf);

TEST(OneAnswerPortfolio, EveryIssueOfThePortfolioHasOnePair) {
  const std::string file = testkit::SourcePath("cases/us-russia/portfolio.yaml");
  const json analyze = RunJson("analyze " + file + kSampling + " --format json");
  const json report = ReportData(file);
  ASSERT_EQ(analyze["cases"].size(), report["cases"].size());
  ASSERT_FALSE(analyze["cases"].empty());
  for (std::size_t k = 0; k < analyze["cases"].size(); ++k) {
    const json& central = analyze["cases"][k]["central"];
    ExpectSamePair(central, report["cases"][k]["analysis"]["central"],
                   "issue " + std::to_string(k));
    ExpectSamePair(central, report["cases"][k]["montecarlo"]["central"],
                   "issue " + std::to_string(k) + " Monte Carlo");
  }
}

}  // namespace
}  // namespace mend
