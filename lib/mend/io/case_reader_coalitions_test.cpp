// SPDX-License-Identifier: Apache-2.0
//
// The `coalitions:` key of the case format.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

std::string Trio(const std::string& coalitions) {
  return "mend: 1\n"
         "id: trio\n"
         "actors: [{id: a}, {id: b}, {id: c}, {id: town, role: affected}]\n"
         "options: {a: [{id: x}], b: [{id: y}], c: [{id: z}]}\n"
         "status_quo: NNN\n"
         "preferences: {a: [x], b: [y], c: [z], town: [-x]}\n" +
         coalitions;
}

TEST(CaseReaderCoalitions, ReadsCoalitionsInTheOrderWritten) {
  Result<CaseDefinition> definition =
      ParseCaseDefinition(Trio("coalitions: [[c, a], [b]]\n"), "trio.yaml");
  ASSERT_TRUE(definition.has_value()) << definition.error().ToString();
  ASSERT_EQ(definition->coalitions.size(), 2u);
  EXPECT_THAT(definition->coalitions[0].members, ElementsAre(ActorIndex{2}, ActorIndex{0}));
  EXPECT_EQ(definition->coalitions[0].where.line, 7);
}

TEST(CaseReaderCoalitions, NoCoalitionsKeyMeansNone) {
  Result<CaseDefinition> definition = ParseCaseDefinition(Trio(""), "trio.yaml");
  ASSERT_TRUE(definition.has_value()) << definition.error().ToString();
  EXPECT_TRUE(definition->coalitions.empty());
}

TEST(CaseReaderCoalitions, RefusesUnknownAffectedRepeatedAndEmpty) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"coalitions: [[a, d]]\n", "trio.yaml:7:18: error: coalitions[0][1]: unknown actor 'd'"},
      {"coalitions: [[a, town]]\n",
       "trio.yaml:7:18: error: coalitions[0][1]: 'town' is affected, not a decider"},
      {"coalitions: [[a, a]]\n", "trio.yaml:7:18: error: coalitions[0][1]: 'a' is listed twice"},
      {"coalitions: [[a, b], [b, a]]\n",
       "trio.yaml:7:22: error: coalitions[1]: the same coalition is listed twice"},
      {"coalitions: [[]]\n",
       "trio.yaml:7:14: error: coalitions[0]: expected a list of at least "
       "one decider id"},
  };
  for (const auto& [text, expected] : cases) {
    Result<CaseDefinition> definition = ParseCaseDefinition(Trio(text), "trio.yaml");
    ASSERT_FALSE(definition.has_value()) << text;
    EXPECT_THAT(definition.error().ToString(), StartsWith(expected)) << text;
  }
}

}  // namespace
}  // namespace mend
