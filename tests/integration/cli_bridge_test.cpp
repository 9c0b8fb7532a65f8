// SPDX-License-Identifier: Apache-2.0
//
// `mend bridge` end to end on the hand-computed cases of tests/cases/bridge (their summaries give
// the computation), and on the shipped investment case, whose brief must say who blocks the
// better state, by how much, and what would close the gap.
#include <array>
#include <cstdio>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using Json = nlohmann::ordered_json;

std::string RunMend(const std::string& arguments, int& exit_code) {
  const std::string command = std::string(MEND_BINARY) + " " + arguments + " 2>/dev/null";
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  const int status = pclose(pipe);
  exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::string Case(const std::string& path) { return std::string(MEND_SOURCE_DIR) + "/" + path; }

// Three significant figures, as the briefs write numbers below 10.
std::string ThreeFigures(double value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.3g", value);
  return buffer.data();
}

Json RunJson(const std::string& arguments) {
  int exit_code = -1;
  const std::string out = RunMend(arguments + " --format json", exit_code);
  EXPECT_EQ(exit_code, 0) << arguments;
  return Json::parse(out);
}

TEST(BridgeCommand, TwoDeciderCaseGivesTheHandComputedBlockerTotalAndTransfer) {
  const Json report = RunJson("bridge " + Case("tests/cases/bridge/transfer.yaml"));
  EXPECT_EQ(report.at("default"), "NN");
  EXPECT_EQ(report.at("candidate_count"), 1);
  const Json& yy = report.at("targets").at(0);
  EXPECT_EQ(yy.at("pattern"), "YY");
  EXPECT_NEAR(yy.at("total_gain").get<double>(), 2.04, 1e-12);
  ASSERT_EQ(yy.at("blockers").size(), 1u);
  EXPECT_EQ(yy.at("blockers")[0].at("actor"), "a");
  EXPECT_NEAR(yy.at("blockers")[0].at("shortfall").get<double>(), 0.40, 1e-12);
  EXPECT_NEAR(yy.at("blockers")[0].at("money_shortfall").at("amount").get<double>(), 0.40, 1e-12);
  const Json& transfer = yy.at("transfer");
  EXPECT_NEAR(transfer.at("amount").get<double>(), 0.40, 1e-12);
  EXPECT_EQ(transfer.at("unit"), "USD m");
  ASSERT_EQ(transfer.at("from").size(), 1u);
  EXPECT_EQ(transfer.at("from")[0].at("actor"), "b");
  EXPECT_NEAR(transfer.at("from")[0].at("amount").get<double>(), 0.40, 1e-12);
  ASSERT_EQ(transfer.at("to").size(), 1u);
  EXPECT_EQ(transfer.at("to")[0].at("actor"), "a");
  EXPECT_EQ(yy.at("stable_with_transfer"), true);
  EXPECT_EQ(yy.at("stable_now"), Json::array());
  // Under SEQ, a's move to NY is answered by b's move to NN, which a prefers to YY: violated.
  EXPECT_EQ(yy.at("inverse").at("violated"), 1);
}

TEST(BridgeCommand, TextNamesTheBlockerAndTheTransfer) {
  int exit_code = -1;
  const std::string text =
      RunMend("bridge " + Case("tests/cases/bridge/transfer.yaml") + " --concept nash", exit_code);
  EXPECT_EQ(exit_code, 0);
  EXPECT_NE(text.find("YY (total gain +2.04 over the default)"), std::string::npos) << text;
  EXPECT_NE(text.find("Transfer: 0.4 USD m of money, from b 0.4 to a 0.4."), std::string::npos)
      << text;
  EXPECT_NE(text.find("a must like YY at least as much as NY — violated"), std::string::npos)
      << text;
}

TEST(BridgeCommand, OrdinalPrisonersDilemmaListsTheNashConditionsForMutualCooperation) {
  const Json report = RunJson("bridge " + Case("tests/cases/bridge/prisoners-dilemma.yaml") +
                              " --target YY --concept nash");
  EXPECT_EQ(report.at("cardinal"), false);
  const Json& yy = report.at("targets").at(0);
  EXPECT_EQ(yy.at("total_gain"), nullptr);
  EXPECT_EQ(yy.at("transfer"), nullptr);
  const Json expected = Json::parse(R"([
    {"actor": "p1", "prefer": "YY", "over": "NY", "met": false, "prefers_now": false,
     "text": "p1 must like YY at least as much as NY"},
    {"actor": "p2", "prefer": "YY", "over": "YN", "met": false, "prefers_now": false,
     "text": "p2 must like YY at least as much as YN"}])");
  EXPECT_EQ(yy.at("inverse").at("conditions"), expected);
  EXPECT_EQ(yy.at("inverse").at("violated"), 2);
}

TEST(BridgeCommand, InvestmentCaseSaysTheUnitedStatesBlocksAndRussiaCouldPay) {
  const Json states = RunJson("states " + Case("cases/us-russia/investment.yaml"));
  auto us_utility = [&](const std::string& pattern) {
    for (const Json& state : states.at("states")) {
      if (state.at("pattern") == pattern) return state.at("utility").at("us").get<double>();
    }
    ADD_FAILURE() << "no state " << pattern;
    return 0.0;
  };
  const Json report = RunJson("bridge " + Case("cases/us-russia/investment.yaml"));
  EXPECT_EQ(report.at("default"), "NNN");
  ASSERT_EQ(report.at("candidate_count"), 2);  // licences alone, and licences with protection
  double previous_total = 1e300;
  for (const Json& target : report.at("targets")) {
    const double total = target.at("total_gain").get<double>();
    EXPECT_GT(total, 0);
    EXPECT_LE(total, previous_total);  // best first
    previous_total = total;
    ASSERT_EQ(target.at("blockers").size(), 1u);
    const Json& us = target.at("blockers")[0];
    EXPECT_EQ(us.at("actor"), "us");
    // The United States values trade at weight 1 without reference dependence, so its shortfall
    // in utility and in USD bn/yr of trade are both u(NNN) - u(t).
    const double shortfall = us_utility("NNN") - us_utility(target.at("pattern"));
    EXPECT_NEAR(us.at("shortfall").get<double>(), shortfall, 1e-12);
    EXPECT_NEAR(us.at("money_shortfall").at("amount").get<double>(), shortfall, 1e-12);
    EXPECT_EQ(target.at("transfer").at("unit"), "USD bn/yr");
    EXPECT_EQ(target.at("transfer").at("from")[0].at("actor"), "ru");
    EXPECT_EQ(target.at("transfer").at("to")[0].at("actor"), "us");
    EXPECT_NEAR(target.at("transfer").at("amount").get<double>(), shortfall, 1e-12);
  }
  // Moscow reads U.S. sanctions as commercial (pressure weighed 0): it does not see the United
  // States blocking licences, which in truth it does.
  const Json expected_perception = Json::parse(
      R"([{"holder": "ru", "about": "us", "perceived_blocks": false, "truly_blocks": true}])");
  EXPECT_EQ(report.at("targets").at(0).at("perceptions"), expected_perception);
  // Licences with release and protection come second; the United States' shortfall there is
  // checked against its utilities in the loop above.
  EXPECT_EQ(report.at("targets").at(1).at("pattern"), "YYY");
}

TEST(BridgeCommand, InvestmentBriefsSayWhoBlocksByHowMuchAndWhatWouldCloseIt) {
  const Json report = RunJson("bridge " + Case("cases/us-russia/investment.yaml") + " --limit 1");
  const Json& best = report.at("targets").at(0);
  // The briefs write three significant figures.
  const std::string amount = ThreeFigures(best.at("transfer").at("amount").get<double>());
  int exit_code = -1;
  const std::string us =
      RunMend("brief " + Case("cases/us-russia/investment.yaml") + " --actor us", exit_code);
  EXPECT_EQ(exit_code, 0);
  EXPECT_NE(us.find(". What it would take"), std::string::npos) << us;
  EXPECT_NE(us.find("United States would be worse off than in the default outcome by " + amount),
            std::string::npos)
      << us;
  EXPECT_NE(us.find("A transfer of " + amount +
                    " USD bn/yr in “Value added from trade” from "
                    "Russia to United States"),
            std::string::npos)
      << us;
  const std::string ru =
      RunMend("brief " + Case("cases/us-russia/investment.yaml") + " --actor ru", exit_code);
  EXPECT_EQ(exit_code, 0);
  std::string ru_amount = amount;
  for (char& c : ru_amount) c = c == '.' ? ',' : c;
  EXPECT_NE(ru.find(". Что для этого потребовалось бы"), std::string::npos) << ru;
  EXPECT_NE(ru.find("Передача " + ru_amount + " млрд долл. в год"), std::string::npos) << ru;
}

// `make demo`'s headline, where an issue has no alternative, says what `mend bridge` says: the
// state that most raises the total, its blocker and shortfall, and the transfer.
TEST(BridgeCommand, PortfolioHeadlineSaysWhatItWouldTakeWhereThereIsNoAlternative) {
  const Json report = RunJson("bridge " + Case("cases/us-russia/investment.yaml") + " --limit 1");
  const Json& best = report.at("targets").at(0);
  const Json& transfer = best.at("transfer");
  int exit_code = -1;
  const std::string headline = RunMend(
      "report " + Case("cases/us-russia/portfolio.yaml") + " --headline -o /dev/null", exit_code);
  ASSERT_EQ(exit_code, 0) << headline;
  const std::size_t issue = headline.find("(investment)");
  ASSERT_NE(issue, std::string::npos) << headline;
  const std::string section = headline.substr(issue, headline.find("\n== ", issue) - issue);
  EXPECT_NE(section.find("would take   " + best.at("pattern").get<std::string>() +
                         " raises the deciders' total by " +
                         ThreeFigures(best.at("total_gain").get<double>())),
            std::string::npos)
      << section;
  const Json& blocker = best.at("blockers").at(0);
  EXPECT_NE(section.find(blocker.at("actor").get<std::string>() + " would lose " +
                         ThreeFigures(blocker.at("shortfall").get<double>())),
            std::string::npos)
      << section;
  EXPECT_NE(section.find("a transfer of " + ThreeFigures(transfer.at("amount").get<double>()) +
                         " " + transfer.at("unit").get<std::string>() + " from " +
                         transfer.at("from").at(0).at("actor").get<std::string>() + " to " +
                         transfer.at("to").at(0).at("actor").get<std::string>() + " closes it"),
            std::string::npos)
      << section;
  // An issue with an alternative has no such line.
  const std::size_t arms = headline.find("(strategic-arms)");
  ASSERT_NE(arms, std::string::npos);
  EXPECT_EQ(headline.substr(arms, headline.find("\n== ", arms) - arms).find("would take"),
            std::string::npos);
}

TEST(BridgeCommand, ShowsTheStatusNeutralAlternativeWhereItDiffers) {
  const Json report = RunJson("bridge " + Case("tests/cases/bridge/status.yaml"));
  EXPECT_EQ(report.at("alternative"), nullptr);
  EXPECT_EQ(report.at("status_dimensions"), true);
  EXPECT_EQ(report.at("status_neutral_alternative"), "YY");
  int exit_code = -1;
  const std::string brief =
      RunMend("brief " + Case("tests/cases/bridge/status.yaml") + " --actor a", exit_code);
  EXPECT_EQ(exit_code, 0);
  EXPECT_NE(brief.find("Leaving status aside"), std::string::npos) << brief;
}

TEST(BridgeCommand, BadTargetsAreInputErrors) {
  int exit_code = -1;
  RunMend("bridge " + Case("tests/cases/bridge/transfer.yaml") + " --target NNN", exit_code);
  EXPECT_EQ(exit_code, 1);  // not a state of the case
  RunMend("bridge " + Case("tests/cases/bridge/transfer.yaml") + " --target NN", exit_code);
  EXPECT_EQ(exit_code, 1);  // the default itself
  RunMend("bridge " + Case("tests/cases/bridge/transfer.yaml") + " --limit 0", exit_code);
  EXPECT_EQ(exit_code, 2);  // out of the command table's range
}

}  // namespace
