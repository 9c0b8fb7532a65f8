// SPDX-License-Identifier: Apache-2.0
//
// docs/cli-contract.md lists the command table's options: this test keeps the page true.
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "mend/engine/command_table.hpp"

namespace mend {
namespace {

std::string ReadContract() {
  // Tests run from the source tree.
  std::ifstream in("docs/cli-contract.md");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The line of the per-command table that starts with "| `command` |".
std::string RowOf(const std::string& page, std::string_view command) {
  const std::string start = "| `" + std::string(command) + "` |";
  const std::size_t at = page.find(start);
  if (at == std::string::npos) return "";
  return page.substr(at, page.find('\n', at) - at);
}

TEST(CliContract, ListsEveryOptionOfTheCommandTable) {
  const std::string page = ReadContract();
  ASSERT_FALSE(page.empty()) << "docs/cli-contract.md not found from the working directory";
  const std::set<std::string_view> shared = {"concept", "sanctions", "samples",
                                             "seed",    "method",    "threads"};
  for (const CommandSpec& spec : CommandTable()) {
    const std::string row = RowOf(page, spec.name);
    ASSERT_FALSE(row.empty()) << "no row for " << spec.name;
    bool all_shared = true;
    for (const std::string_view name : shared) {
      bool has = false;
      for (const OptionSpec& option : spec.options) has = has || option.name == name;
      all_shared = all_shared && has;
    }
    for (const OptionSpec& option : spec.options) {
      const bool listed = row.find("`" + std::string(option.name) + "`") != std::string::npos;
      const bool by_share = all_shared && shared.count(option.name) != 0 &&
                            row.find("the shared options") != std::string::npos;
      EXPECT_TRUE(listed || by_share) << spec.name << " lacks " << option.name << ": " << row;
    }
  }
  // The shared options' row gives each default as the table has it.
  for (const OptionSpec& option : FindCommand("analyze")->options) {
    const std::string row = RowOf(page, option.name);
    ASSERT_FALSE(row.empty()) << "no row for the shared option " << option.name;
    EXPECT_NE(row.find(std::string(option.default_value)), std::string::npos)
        << option.name << " default " << option.default_value << ": " << row;
  }
}

}  // namespace
}  // namespace mend
