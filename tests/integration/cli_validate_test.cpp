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

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

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

  // Runs mend with `arguments`; stdout is read through a pipe, stderr through a file.
  CommandResult Run(const std::string& arguments) {
    const std::filesystem::path err = folder_ / "stderr.txt";
    const std::string command = std::string(MEND_BINARY) + " " + arguments + " 2>" + err.string();
    CommandResult result;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
      result.out.append(buffer.data(), n);
    }
    const int status = pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.err = ReadFile(err);
    return result;
  }

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

}  // namespace
