// SPDX-License-Identifier: Apache-2.0
#include "mend/model/case.hpp"

#include <algorithm>

namespace mend {

bool Dimension::is_status() const {
  return std::find(tags.begin(), tags.end(), "status") != tags.end();
}

std::vector<ActorIndex> CaseDefinition::Deciders() const {
  std::vector<ActorIndex> deciders;
  for (std::uint32_t a = 0; a < actors.size(); ++a) {
    if (actors[a].is_decider()) deciders.emplace_back(a);
  }
  return deciders;
}

std::optional<ActorIndex> CaseDefinition::FindActor(std::string_view actor_id) const {
  for (std::uint32_t a = 0; a < actors.size(); ++a) {
    if (actors[a].id == actor_id) return ActorIndex{a};
  }
  return std::nullopt;
}

std::optional<OptionIndex> CaseDefinition::FindOption(std::string_view option_id) const {
  for (std::uint32_t k = 0; k < options.size(); ++k) {
    if (options[k].id == option_id) return OptionIndex{k};
  }
  return std::nullopt;
}

std::vector<std::string> DistributionFieldNames(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::kFixed:
      return {"value"};
    case DistributionKind::kUniform:
      return {"min", "max"};
    case DistributionKind::kTriangular:
    case DistributionKind::kPert:
      return {"min", "mode", "max"};
    case DistributionKind::kNormal:
      return {"mean", "sd"};
    case DistributionKind::kLognormal:
      return {"median", "p95"};
  }
  return {};
}

const char* DistributionName(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::kFixed:
      return "fixed";
    case DistributionKind::kUniform:
      return "uniform";
    case DistributionKind::kTriangular:
      return "triangular";
    case DistributionKind::kNormal:
      return "normal";
    case DistributionKind::kLognormal:
      return "lognormal";
    case DistributionKind::kPert:
      return "pert";
  }
  return "fixed";
}

const char* SourceKindName(SourceKind kind) {
  switch (kind) {
    case SourceKind::kPrimary:
      return "primary";
    case SourceKind::kSecondary:
      return "secondary";
    case SourceKind::kJudgement:
      return "judgement";
  }
  return "primary";
}

}  // namespace mend
