// SPDX-License-Identifier: Apache-2.0
//
// The readable (text or Markdown) section on linkage that `mend analyze PORTFOLIO` appends.
#pragma once

#include <string>

#include "mend/lenses/linkage.hpp"

namespace mend::cli {

/// Renders the no-linkage analysis of a portfolio as text or Markdown.
std::string LinkageText(const LinkageAnalysis& linkage, bool markdown);

}  // namespace mend::cli
