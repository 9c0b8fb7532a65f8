// SPDX-License-Identifier: Apache-2.0
//
// `mend brief` on the shipped U.S.-Russia cases, for every decider in English and Russian:
// every figure of the bottom line, the ledger table and the others' gains is parsed back out of
// the brief and checked against `mend analyze --format json` (to the precision shown); the 90 %
// range, P(net gain) and switching values against `mend montecarlo --format json`, the
// persuasion gaps against `mend viability --format json` and the perception gaps against
// `mend perceptions --format json`, all with the brief's default seed and samples; and the
// brief is compared with its golden file (MEND_UPDATE_GOLDEN=1 rewrites them).
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mend/io/case_reader.hpp"
#include "mend/report/brief.hpp"
#include "mend/report/brief_evidence.hpp"
#include "mend/report/markdown.hpp"

namespace mend {
namespace {

namespace fs = std::filesystem;

std::string Capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  EXPECT_EQ(pclose(pipe), 0) << command;
  return out;
}

struct Figure {
  double value = 0;
  double tolerance = 0;  // half a unit of the last digit shown
};

// Reads a number as the brief prints it in either language.
Figure ParseFigure(std::string text, Language language) {
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  replace_all("'", "");
  replace_all("+", "");
  if (language == Language::kEnglish) {
    replace_all(",", "");
  } else {
    replace_all(",", ".");
  }
  const std::size_t dot = text.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
  return {std::stod(text), 0.5 * std::pow(10.0, -decimals) + 1e-9};
}

void ExpectFigure(const std::string& shown, double expected, Language language,
                  const std::string& what) {
  const Figure figure = ParseFigure(shown, language);
  EXPECT_NEAR(figure.value, expected, figure.tolerance) << what << ": brief shows " << shown;
}

// std::regex reads bytes: the brief's minus sign and no-break space are mapped to ASCII first.
constexpr const char* kNumber = R"(([+\-]?[0-9][0-9,\.']*[0-9]|[+\-]?[0-9]))";

std::string Ascii(std::string text) {
  for (const auto& [from, to] :
       {std::pair<std::string, std::string>{"\u2212", "-"}, {"\u00a0", "'"}}) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

std::string RegexQuote(const std::string& text) {
  return std::regex_replace(text, std::regex(R"([\\^$.|?*+()\[\]{}])"), R"(\$&)");
}

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

struct BriefCase {
  std::string file;
  std::string actor;
  std::string lang;
};

class ShippedBrief : public ::testing::TestWithParam<BriefCase> {};

TEST_P(ShippedBrief, EveryFigureMatchesTheAnalysis) {
  const BriefCase& param = GetParam();
  const Language language = *ParseLanguage(param.lang);
  const std::string file = std::string(MEND_SOURCE_DIR) + "/cases/us-russia/" + param.file;
  const std::string brief = Capture(std::string(MEND_BINARY) + " brief " + file + " --actor " +
                                    param.actor + " --lang " + param.lang);
  const nlohmann::json analysis = nlohmann::json::parse(
      Capture(std::string(MEND_BINARY) + " analyze " + file + " --format json"));
  Result<Document> document = ReadDocumentFile(file);
  ASSERT_TRUE(document.has_value()) << document.error().message;
  const CaseDefinition& definition = std::get<CompiledCase>(*document).definition;
  const ActorIndex actor = *definition.FindActor(param.actor);

  // Golden text.
  const fs::path golden =
      fs::path(MEND_SOURCE_DIR) / "tests/golden/briefs" /
      (fs::path(param.file).stem().string() + "-" + param.actor + "-" + param.lang + ".md");
  if (std::getenv("MEND_UPDATE_GOLDEN") != nullptr) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << brief;
  }
  std::ifstream in(golden, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden brief " << golden << " (MEND_UPDATE_GOLDEN=1 writes it)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(brief, expected.str()) << "brief differs from " << golden;

  if (analysis["alternative"].is_null()) {
    // No alternative: the brief must say so and print no ledger.
    EXPECT_EQ(brief.find("| "), std::string::npos);
    return;
  }
  const nlohmann::json& ledger = analysis["ledger"][param.actor];
  const std::string text = Ascii(brief);

  // 1. The bottom line's figure is the actor's ledger total.
  std::smatch match;
  const std::regex bold(std::string(R"(\*\*)") + kNumber);
  ASSERT_TRUE(std::regex_search(text, match, bold)) << brief;
  ExpectFigure(match[1], ledger["total"].get<double>(), language, "bottom line");

  // 2. Every ledger row: change and weighted, by dimension name.
  bool values_status = false;
  const auto& valuation = definition.valuations[actor.value];
  for (std::size_t d = 0; d < definition.dimensions.size(); ++d) {
    if (valuation && definition.dimensions[d].is_status() && valuation->weights[d] != 0) {
      values_status = true;
    }
  }
  int rows = 0;
  for (std::size_t d = 0; d < definition.dimensions.size(); ++d) {
    const Dimension& dimension = definition.dimensions[d];
    const std::string name = Ascii(EscapeMarkdown(Localized(dimension.name, language)));
    const std::regex row("\\| " +
                         std::regex_replace(name, std::regex(R"([\\^$.|?*+()\[\]{}])"), R"(\$&)") +
                         "(?: \\([^)]*\\))? \\| " + kNumber + " \\| [^|]* \\| " + kNumber + " \\|");
    if (!std::regex_search(text, match, row)) {
      // A row may be left out only when the analysis has nothing on it, or it is status the
      // actor does not weigh.
      if (ledger["dimensions"].contains(dimension.id)) {
        const auto& entry = ledger["dimensions"][dimension.id];
        EXPECT_TRUE((entry["natural"].get<double>() == 0 && entry["weighted"].get<double>() == 0) ||
                    (dimension.is_status() && !values_status))
            << "ledger row missing for " << dimension.id;
      }
      continue;
    }
    ++rows;
    const auto& entry = ledger["dimensions"][dimension.id];
    ExpectFigure(match[1], entry["natural"].get<double>(), language, dimension.id + " natural");
    ExpectFigure(match[2], entry["weighted"].get<double>(), language, dimension.id + " weighted");
  }
  EXPECT_GT(rows, 0);

  // 3. Each other actor's gain (status-neutral unless the actor weighs status).
  for (std::size_t a = 0; a < definition.actors.size(); ++a) {
    if (a == actor.value) continue;
    const std::string& id = definition.actors[a].id;
    const std::string name = Ascii(EscapeMarkdown(Localized(definition.actors[a].name, language)));
    // The figure comes before the line's first "(" (its 90 % range); a line without one says the
    // actor neither gains nor loses.
    const std::regex line("\n- " +
                          std::regex_replace(name, std::regex(R"([\\^$.|?*+()\[\]{}])"), R"(\$&)") +
                          "[^:\n]*: ([^(\n]*)");
    ASSERT_TRUE(std::regex_search(text, match, line)) << "no line for " << id;
    const double total = values_status
                             ? analysis["ledger"][id]["total"].get<double>()
                             : analysis["status_neutral_ledger"][id]["total"].get<double>();
    const std::string head = match[1];
    std::smatch figure;
    if (std::regex_search(head, figure, std::regex(kNumber))) {
      ExpectFigure(figure[1], std::fabs(total), language, id + " gain");
    } else {
      EXPECT_EQ(total, 0.0) << id << " gain: " << head;
    }
  }

  // The evidence the brief's ranges and caveats come from, run the way the brief runs it.
  const std::string sampling =
      fmt::format(" --samples {} --seed {}", kDefaultSamples, kDefaultSeed);
  const nlohmann::json mc = nlohmann::json::parse(
      Capture(std::string(MEND_BINARY) + " montecarlo " + file + sampling + " -q --format json"));
  const std::string alternative = analysis["alternative"]["pattern"];
  const bool same_states = mc["central"]["default"] == analysis["default"]["pattern"] &&
                           mc["central"]["alternative"] == alternative;
  const bool english = language == Language::kEnglish;

  // 1. The 90 % range and P(net gain) of the actor's ledger.
  const std::regex range(std::string(R"(\*\*)") + kNumber + "\u2013" + kNumber + R"(\*\*)");
  const std::regex p_gain(R"(\*\*([<>]?)([0-9]+)'?%\*\*)");
  const nlohmann::json& sampled = mc["ledger"][param.actor];
  if (same_states && sampled.is_object()) {
    ASSERT_TRUE(std::regex_search(text, match, range)) << "no 90% range in the bottom line";
    ExpectFigure(match[1], sampled["p5"].get<double>(), language, "p5");
    ExpectFigure(match[2], sampled["p95"].get<double>(), language, "p95");
    ASSERT_TRUE(std::regex_search(text, match, p_gain)) << "no P(net gain) in the bottom line";
    const double gain = 1 - sampled["p_loss"].get<double>();
    const int shown = std::stoi(match[2]);
    if (match[1] == "<") {
      EXPECT_LT(gain, 0.01);
    } else if (match[1] == ">") {
      EXPECT_GT(gain, 0.99);
    } else {
      EXPECT_NEAR(100 * gain, shown, 0.5 + 1e-9) << "P(net gain)";
    }
  } else {
    EXPECT_FALSE(std::regex_search(text, match, range))
        << "a range for other states than the brief's";
  }

  // 4. The interval on which the actor's own gain and "the default is dominated" hold, both
  // ends, stated as "this holds while <parameter> stays between <from> and <to>" (or "above
  // <from>", "below <to>" when it holds to the other end of the range), and nothing else.
  // (Both holding on the same interval of one parameter make one sentence.)
  std::set<std::tuple<std::string, std::optional<double>, std::optional<double>>> intervals;
  auto end_of = [](const nlohmann::json& value) {
    return value.is_null() ? std::optional<double>() : std::optional<double>(value.get<double>());
  };
  for (const nlohmann::json& entry : mc["sensitivity"]) {
    if (entry["switching_value"].is_null()) continue;
    const std::string figure = entry["figure"];
    if (figure != "default_pareto_dominated" &&
        !(same_states && figure == "ledger." + param.actor + ".total")) {
      continue;
    }
    const std::optional<double> from = end_of(entry["holds_from"]);
    const std::optional<double> to = end_of(entry["holds_to"]);
    ASSERT_TRUE(from || to) << "a switching value without an end";
    intervals.emplace(entry["parameter"], from, to);
    // The brief names the parameter in its language (name_ru, else name, else the id).
    const std::string id = entry["parameter"];
    std::string shown = id;
    for (const Parameter& parameter : definition.parameters) {
      if (parameter.id != id) continue;
      if (!parameter.name.text.empty()) shown = parameter.name.text;
      if (!english && !parameter.name.ru.empty()) shown = parameter.name.ru;
    }
    const std::string name = RegexQuote(Ascii(EscapeMarkdown(shown)));
    const std::string head =
        english ? "while " + name + " stays " : "пока параметр «" + name + "» остаётся ";
    std::string ends;
    if (from && to) {
      ends = (english ? "between " : "между ") + std::string(kNumber) +
             (english ? " and " : " и ") + kNumber;
    } else if (from) {
      ends = (english ? "above " : "выше ") + std::string(kNumber);
    } else {
      ends = (english ? "below " : "ниже ") + std::string(kNumber);
    }
    const std::regex line(head + ends);
    ASSERT_TRUE(std::regex_search(text, match, line))
        << "no interval for " << entry["parameter"] << " (" << figure << ")";
    const std::string what = "interval of " + entry["parameter"].get<std::string>();
    if (from && to) {
      ExpectFigure(match[1], *from, language, what + " (from)");
      ExpectFigure(match[2], *to, language, what + " (to)");
    } else {
      ExpectFigure(match[1], from ? *from : *to, language, what);
    }
  }
  const int switching = static_cast<int>(intervals.size());
  EXPECT_EQ(Count(text, english ? "This holds while " : "Вывод сохраняется, пока параметр"),
            switching);
  if (switching == 0) {
    EXPECT_NE(text.find(english ? "No assumption within its range flips this"
                                : "Ни одно допущение в пределах своего диапазона не меняет вывода"),
              std::string::npos);
  }

  // 5. The perception gaps the actor holds.
  const nlohmann::json perceptions = nlohmann::json::parse(
      Capture(std::string(MEND_BINARY) + " perceptions " + file + " --format json"));
  int held = 0;
  for (const nlohmann::json& gap : perceptions["gaps"]) {
    held += gap["holder"] == param.actor && gap["perceived_weight"] != gap["actual_weight"] ? 1 : 0;
  }
  EXPECT_EQ(Count(text, english ? " is taken to believe that " : "Ваша сторона полагает, что"),
            held);

  // 6. The persuasion gap of every decider on a*, from the viability lens.
  const nlohmann::json viability =
      nlohmann::json::parse(Capture(std::string(MEND_BINARY) + " viability " + file +
                                    " --proposal " + alternative + sampling + " --format json"));
  ASSERT_NE(text.find(english ? "## 6. " : "## 6. "), std::string::npos) << "no status-quo concern";
  if (viability["viable"].get<bool>()) {
    EXPECT_NE(text.find(english ? "no persuasion gap remains" : "убеждать больше не в чем"),
              std::string::npos);
  }
  for (const auto& [id, decider] : viability["deciders"].items()) {
    if (decider["gap"].get<double>() <= 0) continue;
    const ActorIndex who = *definition.FindActor(id);
    const std::string name =
        RegexQuote(Ascii(EscapeMarkdown(Localized(definition.actors[who.value].name, language))));
    const std::regex line("\n- " + name + (english ? ": a gap of " : ": разрыв ") + kNumber);
    ASSERT_TRUE(std::regex_search(text, match, line)) << "no persuasion gap for " << id;
    ExpectFigure(match[1], decider["gap"].get<double>(), language, id + " persuasion gap");
  }
}

std::vector<BriefCase> Cases() {
  std::vector<BriefCase> out;
  for (const char* file : {"incidents.yaml", "investment.yaml", "nonproliferation.yaml",
                           "space-station.yaml", "strategic-arms.yaml", "test-moratorium.yaml"}) {
    for (const char* actor : {"us", "ru"}) {
      for (const char* lang : {"en", "ru"}) out.push_back({file, actor, lang});
    }
  }
  // Tehran decides in the custody of its enriched uranium only.
  for (const char* lang : {"en", "ru"}) out.push_back({"nonproliferation.yaml", "ir", lang});
  return out;
}

std::string Name(const ::testing::TestParamInfo<BriefCase>& info) {
  std::string name =
      info.param.file.substr(0, info.param.file.find('.')) + info.param.actor + info.param.lang;
  std::string clean;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) clean += c;
  }
  return clean;
}

INSTANTIATE_TEST_SUITE_P(UsRussia, ShippedBrief, ::testing::ValuesIn(Cases()), Name);

TEST(BriefCommand, SameBytesForAnyThreadCount) {
  const std::string command =
      std::string(MEND_BINARY) + " brief " + MEND_SOURCE_DIR +
      "/cases/us-russia/nonproliferation.yaml --actor ru --lang ru --threads ";
  const std::string one = Capture(command + "1");
  EXPECT_EQ(one, Capture(command + "3"));
  EXPECT_NE(one.find("**"), std::string::npos);
}

// Tehran decides in one issue of the shipped portfolio: its brief is that issue's alone.
TEST(BriefCommand, ADeciderOfOneIssueGetsTheBriefOfThatIssue) {
  const std::string brief = Capture(std::string(MEND_BINARY) + " brief " + MEND_SOURCE_DIR +
                                    "/cases/us-russia/portfolio.yaml --actor ir --samples 200");
  EXPECT_NE(brief.find("Custody of Iran"), std::string::npos) << brief;
  for (const char* other : {"Strategic arms", "military incidents", "Trade and investment"})
    EXPECT_EQ(brief.find(other), std::string::npos) << other;
  // An actor of no issue is still refused, with the reason.
  const std::string command = std::string(MEND_BINARY) + " brief " + MEND_SOURCE_DIR +
                              "/cases/us-russia/portfolio.yaml --actor xx --samples 200 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  std::array<char, 4096> buffer{};
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  EXPECT_NE(pclose(pipe), 0);
  EXPECT_NE(out.find("no case of the portfolio"), std::string::npos) << out;
}

// A case without expectation dimensions: those need samples for their means (see the next test).
TEST(BriefCommand, NoSamplingGivesCentralFiguresOnly) {
  const std::string brief =
      Capture(std::string(MEND_BINARY) + " brief " + MEND_SOURCE_DIR +
              "/tests/golden/analyze-third-party/input.yaml --actor us --samples 0");
  EXPECT_NE(brief.find("need a Monte Carlo run"), std::string::npos) << brief;
  EXPECT_EQ(brief.find("## 4. Robustness"), std::string::npos);
  EXPECT_NE(brief.find("no sampling (central values)"), std::string::npos);
}

TEST(BriefCommand, NoSamplingIsRefusedWhereExpectedCostsNeedTheirMeans) {
  const std::string command = std::string(MEND_BINARY) + " brief " + MEND_SOURCE_DIR +
                              "/cases/us-russia/nonproliferation.yaml --actor us --samples 0 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  EXPECT_NE(pclose(pipe), 0);
  EXPECT_NE(out.find("cannot measure the means of the expectation dimensions"), std::string::npos)
      << out;
}

TEST(BriefCommand, RefusesAnUnknownActor) {
  const std::string command = std::string(MEND_BINARY) + " brief " + MEND_SOURCE_DIR +
                              "/cases/us-russia/incidents.yaml --actor nobody >/dev/null 2>&1";
  EXPECT_EQ(WEXITSTATUS(std::system(command.c_str())), 1);
}

}  // namespace
}  // namespace mend
