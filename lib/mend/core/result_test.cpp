// SPDX-License-Identifier: Apache-2.0
#include "mend/core/result.hpp"

#include <string>

#include <gtest/gtest.h>

namespace mend {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Error::InvalidArgument("odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  MEND_TRY(int half, Half(n));
  MEND_TRY(int quarter, Half(half));
  return quarter;
}

Status CheckEven(int n) {
  MEND_TRY(Half(n));
  return Ok();
}

TEST(Result, CarriesValueOrError) {
  Result<int> good = Half(8);
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(*good, 4);
  Result<int> bad = Half(3);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message, "odd");
}

TEST(Result, TryPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).has_value());
  EXPECT_TRUE(CheckEven(2).has_value());
  EXPECT_FALSE(CheckEven(1).has_value());
}

TEST(Error, FormatsItsLocationLikeACompiler) {
  Error error = Error::InvalidArgument("actors: expected a list").At({"case.yaml", 3, 5});
  EXPECT_EQ(error.ToString(), "case.yaml:3:5: error: actors: expected a list");
  EXPECT_EQ(Error::Io("disk full").ToString(), "error: disk full");
  EXPECT_EQ(Error::NotFound("missing").At({"x.yaml", 0, 0}).ToString(), "x.yaml: error: missing");
}

TEST(Error, KeyIsThePathALocatedMessageNames) {
  const SourceLocation where{"case.yaml", 3, 5};
  EXPECT_EQ(Error::InvalidArgument("options.us[0].id: expected an id").At(where).Key(),
            "options.us[0].id");
  EXPECT_EQ(Error::InvalidArgument("unexpected end: of file").At(where).Key(), "");
  EXPECT_EQ(Error::InvalidArgument("actors: expected a list").Key(), "");
}

}  // namespace
}  // namespace mend
