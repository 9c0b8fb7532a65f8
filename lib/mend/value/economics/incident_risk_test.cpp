// SPDX-License-Identifier: Apache-2.0
#include "mend/value/economics/incident_risk.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace mend::economics {
namespace {

TEST(EscalationProbability, MatchesHandCalculation) {
  EXPECT_NEAR(EscalationProbability(2.0, 0.5), 0.75, 1e-12);
  // 20 incidents at 1/1000: 1 − 0.999^20 = 0.0198111.
  EXPECT_NEAR(EscalationProbability(20.0, 0.001), 0.0198111, 1e-7);
  EXPECT_DOUBLE_EQ(EscalationProbability(0.0, 0.3), 0.0);
  EXPECT_DOUBLE_EQ(EscalationProbability(3.0, 1.0), 1.0);
}

TEST(EscalationProbability, RefusesArgumentsOutsideItsDomain) {
  EXPECT_TRUE(std::isnan(EscalationProbability(-1.0, 0.1)));
  EXPECT_TRUE(std::isnan(EscalationProbability(5.0, 1.1)));
  EXPECT_TRUE(std::isnan(EscalationProbability(5.0, -0.1)));
}

TEST(IncidentCost, MatchesHandCalculation) {
  // 20 incidents, 1/1000, 1,000 USD bn: 19.8111 USD bn/yr.
  EXPECT_NEAR(IncidentCost(20.0, 0.001, 1000.0), 19.8111, 1e-4);
  EXPECT_TRUE(std::isnan(IncidentCost(20.0, 0.001, -1.0)));
}

TEST(ManagedIncidentCost, HalvesIncidentsAndEscalation) {
  // 10 incidents at 1/2000: 1 − (1 − 0.0005)^10 = 0.0049888; · 1,000 = 4.9888.
  EXPECT_NEAR(ManagedIncidentCost(20.0, 0.001, 1000.0, 0.5, 0.5), 4.9888, 1e-4);
  EXPECT_DOUBLE_EQ(ManagedIncidentCost(20.0, 0.001, 1000.0, 0.0, 0.0),
                   IncidentCost(20.0, 0.001, 1000.0));
  EXPECT_DOUBLE_EQ(ManagedIncidentCost(20.0, 0.001, 1000.0, 1.0, 0.0), 0.0);
  EXPECT_TRUE(std::isnan(ManagedIncidentCost(20.0, 0.001, 1000.0, 1.2, 0.0)));
}

}  // namespace
}  // namespace mend::economics
