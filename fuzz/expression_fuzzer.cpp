// SPDX-License-Identifier: Apache-2.0
//
// libFuzzer target: the expression compiler of case parameters. Each input is one expression
// over three parameters; when it compiles, it is evaluated at two parameter vectors.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "mend/value/expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;  // the reader never hands the compiler more than a YAML scalar
  mend::ExpressionSet set({"a", "b", "cost_share"});
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  mend::Result<std::size_t> handle = set.Add(text);
  if (!handle) return 0;
  (void)set.UsedParameters(*handle);
  const std::vector<double> central = {1.5, -2.0, 0.25};
  set.SetParameters(central);
  (void)set.Evaluate(*handle);
  set.SetParameter(1, 0.0);
  (void)set.Evaluate(*handle);
  mend::ExpressionSet copy = set;  // copies recompile against their own buffer
  (void)copy.Evaluate(*handle);
  return 0;
}
