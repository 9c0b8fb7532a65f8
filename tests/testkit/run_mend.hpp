// SPDX-License-Identifier: Apache-2.0
//
// The test kit of the integration tests: run the `mend` binary as a user would and read what
// it printed, and find files of the source tree. Built once, shared by every CLI test.
//
// Example:
//   testkit::CommandResult result = testkit::RunMend("analyze case.yaml --format json");
//   ASSERT_EQ(result.exit_code, 0) << result.err;
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mend::testkit {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `mend ARGUMENTS` through the shell (arguments are not quoted), waits for it, and
/// returns its exit status, standard output and standard error.
CommandResult RunMend(const std::string& arguments);

/// The path of `relative` in the source tree ("cases/classic/chicken.yaml").
std::string SourcePath(const std::string& relative);

/// The mend binary under test.
std::string MendBinary();

/// Every case file that ships or that the tests keep as data (classic conflicts, the U.S.–Russia
/// cases, the golden inputs, the one-answer cases with loss and uncertainty aversion), as
/// paths in the source tree, sorted. Portfolios are not listed.
std::vector<std::string> ShippedAndTestCases();

/// Reads a whole file ("" when it cannot be read).
std::string ReadFile(const std::filesystem::path& path);

}  // namespace mend::testkit
