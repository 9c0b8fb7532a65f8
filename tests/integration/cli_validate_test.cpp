// SPDX-License-Identifier: Apache-2.0
//
// `mend validate` end to end: exit status 0 for valid files, 1 for a bad file with the located
// "FILE:LINE:COLUMN: error:" line on stderr (and nothing on stdout for it), 2 for usage errors.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "testkit/run_mend.hpp"
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using mend::testkit::CommandResult;
using mend::testkit::ReadFile;
namespace testkit = mend::testkit;

using ::testing::HasSubstr;
using ::testing::StartsWith;

class CliValidate : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("mend_cli_validate_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::filesystem::path path = folder_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  static CommandResult Run(const std::string& arguments) { return testkit::RunMend(arguments); }

  std::filesystem::path folder_;
};

const std::string kValid =
    "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\noptions: {a: [{id: x}], b: [{id: y}]}\n"
    "status_quo: NN\npreferences: {a: [x], b: [y]}\n";

TEST_F(CliValidate, ValidFileExitsZero) {
  const std::string path = Write("good.yaml", kValid);
  CommandResult result = Run("validate " + path);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, path + ": ok: case 't', 2 options, 4 feasible states\n");
  EXPECT_EQ(result.err, "");
}

TEST_F(CliValidate, QuietPrintsNothingForValidFiles) {
  const std::string path = Write("good.yaml", kValid);
  CommandResult result = Run("validate -q " + path);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, "");
}

TEST_F(CliValidate, BadFileExitsOneWithALocatedError) {
  const std::string path = Write("bad.yaml", kValid + "titel: T\n");
  CommandResult result = Run("validate " + path);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, StartsWith(path + ":7:1: error: titel: unknown key; expected one of"));
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1);
}

TEST_F(CliValidate, YamlBooleanInAPatternExitsOne) {
  std::string text = kValid;
  text.replace(text.find("status_quo: NN"), 14, "status_quo: {x: no, y: N}");
  const std::string path = Write("bool.yaml", text);
  CommandResult result = Run("validate " + path);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              StartsWith(path + ":5:17: error: status_quo.x: expected Y or N, got \"no\""));
}

TEST_F(CliValidate, MixedFilesReportEachAndExitOne) {
  const std::string good = Write("good.yaml", kValid);
  const std::string bad = Write("bad.yaml", "mend: 2\n");
  CommandResult result = Run("validate " + bad + " " + good);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.out, HasSubstr(good + ": ok:"));
  EXPECT_THAT(result.err, StartsWith(bad + ":1:7: error: mend: format version 2 is newer"));
}

TEST_F(CliValidate, DevicesAndFifosExitOneWithoutBeingRead) {
  // /dev/zero never ends: it used to be read until memory ran out (exit 134).
  CommandResult zero = Run("validate /dev/zero");
  EXPECT_EQ(zero.exit_code, 1) << zero.err;
  EXPECT_THAT(zero.err, HasSubstr("/dev/zero: error: is not a regular file"));
  const std::string fifo = Write("placeholder", "");
  std::remove(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  CommandResult piped = Run("validate " + fifo);  // no writer: opening it would block
  EXPECT_EQ(piped.exit_code, 1) << piped.err;
  EXPECT_THAT(piped.err, HasSubstr("is not a regular file"));
}

TEST_F(CliValidate, MissingFileExitsOne) {
  const std::string path = (folder_ / "missing.yaml").string();
  CommandResult result = Run("validate " + path);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, StartsWith(path + ": error: "));
}

TEST_F(CliValidate, MaxStatesOptionLowersTheLimit) {
  const std::string path = Write("good.yaml", kValid);
  CommandResult result = Run("validate --max-states 3 " + path);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr(":4:1: error: constraints: the case has more than 3 feasible "
                                    "states"));
}

TEST_F(CliValidate, HostileFileExitsOne) {
  const std::string path = Write("deep.yaml", "mend: 1\nid: " + std::string(100000, '[') + "\n");
  CommandResult result = Run("validate " + path);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, StartsWith(path + ":2:1: error: the document nests deeper"));
}

TEST_F(CliValidate, UsageErrorsExitTwo) {
  EXPECT_EQ(Run("validate").exit_code, 2);                           // no files
  EXPECT_EQ(Run("validate --no-such-flag x.yaml").exit_code, 2);     // unknown flag
  EXPECT_EQ(Run("validate --max-states many x.yaml").exit_code, 2);  // bad value
  EXPECT_EQ(Run("").exit_code, 2);                                   // no subcommand
}

TEST_F(CliValidate, HelpExitsZero) {
  CommandResult result = Run("validate --help");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.out, HasSubstr("validate"));
}

TEST_F(CliValidate, ShippedCasesAreValid) {
  CommandResult result =
      Run(std::string("validate -q ") + MEND_SOURCE_DIR + "/cases/classic/*.yaml");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
}

// --strict: the reviewer's reading of sources (docs/case-format.md, "Reviewing sources").
const std::string kSourced =
    "mend: 1\nid: t\n"
    "sources:\n"
    "  - {id: cbo, cite: CBO, url: \"https://www.cbo.gov/publication/61362\", accessed: "
    "2026-11-30, kind: primary}\n"
    "  - {id: press, cite: A press report, url: \"https://example.org/story\", accessed: "
    "2026-11-30, kind: secondary}\n"
    "  - {id: wiki, cite: An encyclopedia, url: \"https://en.wikipedia.org/wiki/X\", accessed: "
    "2026-11-30, kind: primary}\n"
    "  - {id: authors, cite: The authors' judgement, kind: judgement}\n"
    "actors: [{id: a}, {id: b}]\n"
    "dimensions: [{id: m, unit: USD}]\n"
    "parameters:\n"
    "  cost: {value: 1, source: cbo}\n"
    "  guess: {value: 2, source: authors}\n"
    "options: {a: [{id: x}], b: [{id: y}]}\n"
    "status_quo: NN\n"
    "effects: [{when: {x: Y}, a: {m: cost + guess}}, {when: {y: Y}, b: {m: 1}}]\n"
    "valuation: {a: {weights: {m: 1}}, b: {weights: {m: 1}}}\n";

TEST_F(CliValidate, WithoutStrictSourcesAreNotReviewed) {
  const std::string path = Write("sourced.yaml", kSourced);
  CommandResult result = Run("validate " + path);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
}

TEST_F(CliValidate, StrictWarnsOnEachFindingAtItsPlaceAndExitsOne) {
  const std::string path = Write("sourced.yaml", kSourced);
  CommandResult result = Run("validate --strict " + path);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, path + ": 3 source warnings (--strict)\n");
  EXPECT_EQ(result.err,
            path +
                ":5:5: warning: sources[1].kind: source 'press' is secondary: a report of the "
                "figure, not the publisher's own page or document [secondary-source]\n" +
                path +
                ":6:44: warning: sources[2].url: source 'wiki' is cited through en.wikipedia.org "
                "(an encyclopedia); expected the publisher's own page or document "
                "[refused-host]\n" +
                path +
                ":12:10: warning: parameters.guess: parameter 'guess' rests on judgement alone "
                "(source 'authors') [judgement-only]\n");
}

TEST_F(CliValidate, StrictPassesACaseWithPrimarySourcesOnly) {
  std::string text = kSourced;
  for (const std::string from :
       {"kind: secondary", "https://en.wikipedia.org/wiki/X", "source: authors"}) {
    const std::string to = from == "kind: secondary"   ? "kind: primary"
                           : from == "source: authors" ? "source: cbo"
                                                       : "https://www.state.gov/";
    text.replace(text.find(from), from.size(), to);
  }
  const std::string path = Write("clean.yaml", text);
  CommandResult result = Run("validate --strict " + path);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_THAT(result.out, HasSubstr(": ok: case 't'"));
}

TEST_F(CliValidate, StrictWarnsOnUnsourcedParametersAndUndatedSources) {
  std::string text = kSourced;
  text.replace(text.find("{value: 2, source: authors}"), 27, "2");
  text.replace(text.find(", accessed: 2026-11-30, kind: primary}"), 38, "}");
  const std::string path = Write("loose.yaml", text);
  CommandResult result = Run("validate --strict -q " + path);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, HasSubstr("sources[0].kind: source 'cbo' does not say its kind"));
  EXPECT_THAT(result.err, HasSubstr("sources[0].accessed: source 'cbo' does not say when it was "
                                    "read; expected accessed: YYYY-MM-DD [missing-accessed]"));
  EXPECT_THAT(result.err, HasSubstr("parameters.guess: parameter 'guess' cites no source "
                                    "[unsourced-parameter]"));
}

TEST_F(CliValidate, StrictStillReportsALoadErrorFirst) {
  std::string text = kSourced;
  text.replace(text.find("accessed: 2026-11-30, kind: secondary"), 37,
               "accessed: 2026-13-01, kind: secondary");
  const std::string path = Write("bad_date.yaml", text);
  CommandResult result = Run("validate --strict " + path);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, StartsWith(path + ":5:"));
  EXPECT_THAT(result.err, HasSubstr("error: sources[1].accessed: expected the date the source "
                                    "was read, as an ISO date YYYY-MM-DD"));
}

// The refused-hosts check on the whole library: no shipped case or portfolio cites an
// aggregator, encyclopedia or mirror, and every source says its kind, and (unless it is
// judgement) its URL and the date it was read. What --strict may still print is a secondary
// source or a parameter resting on judgement, which docs/cases/ explains case by case.
TEST_F(CliValidate, ShippedCasesPassTheRefusedHostsCheck) {
  CommandResult result =
      Run(std::string("validate --strict -q ") + MEND_SOURCE_DIR + "/cases/classic/*.yaml " +
          MEND_SOURCE_DIR + "/cases/us-russia/*.yaml");
  std::istringstream lines(result.err);
  std::string line;
  int warnings = 0;
  while (std::getline(lines, line)) {
    ++warnings;
    EXPECT_THAT(line, HasSubstr(": warning: "));
    const bool explained =
        line.ends_with("[secondary-source]") || line.ends_with("[judgement-only]");
    EXPECT_TRUE(explained) << line;
  }
  EXPECT_EQ(result.exit_code, warnings == 0 ? 0 : 1) << result.err;
}

}  // namespace
