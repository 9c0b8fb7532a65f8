// SPDX-License-Identifier: Apache-2.0
#include "mend/render/internal/json_stream.hpp"

#include <limits>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace mend::internal {
namespace {

using Json = nlohmann::ordered_json;

// Writes `value` through JsonStream, so the result can be compared with nlohmann's dump(1).
void Stream(JsonStream& json, const Json& value) {
  if (value.is_object()) {
    json.BeginObject();
    for (const auto& [key, item] : value.items()) {
      json.Key(key);
      Stream(json, item);
    }
    json.EndObject();
  } else if (value.is_array()) {
    json.BeginArray();
    for (const Json& item : value) Stream(json, item);
    json.EndArray();
  } else if (value.is_string()) {
    json.String(value.get<std::string>());
  } else if (value.is_number_unsigned()) {
    json.Unsigned(value.get<std::uint64_t>());
  } else if (value.is_number()) {
    json.Number(value.get<double>());
  } else if (value.is_boolean()) {
    json.Bool(value.get<bool>());
  } else {
    json.Null();
  }
}

std::string Streamed(const Json& value) {
  std::ostringstream out;
  JsonStream json(out);
  Stream(json, value);
  EXPECT_TRUE(json.Finish().has_value());
  return out.str();
}

TEST(JsonStream, LaysOutDocumentsExactlyAsNlohmannDumpWithIndentOne) {
  Json document = Json::object();
  document["case"] = "pd";
  document["empty_object"] = Json::object();
  document["empty_array"] = Json::array();
  document["nested"] = {{"a", Json::array({"YN", "NY"})}, {"b", Json::array()}, {"c", nullptr}};
  document["numbers"] = Json::array({1.5, 0.0, -3.0, 1e-300, 123456789.125, 1e21, 0.1});
  document["unsigned"] = Json::array(
      {std::uint64_t{0}, std::uint64_t{4194304}, std::numeric_limits<std::uint64_t>::max()});
  document["flags"] = {{"cycle", true}, {"explicit", false}};
  document["escaped \"key\""] = "tab\there, quote \" and backslash \\, \x01, é, \x7f";
  document["arrays_of_objects"] = Json::array({Json::object(), {{"x", Json::array({1U})}}});
  document["nan"] = std::numeric_limits<double>::quiet_NaN();

  EXPECT_EQ(Streamed(document), document.dump(1) + "\n");
  EXPECT_EQ(Streamed(Json::array()), "[]\n");
  EXPECT_EQ(Streamed(Json::object()), "{}\n");
}

TEST(JsonStream, MatchesNlohmannAcrossBlockBoundaries) {
  Json document = Json::object();
  Json list = Json::array();
  for (unsigned k = 0; k < 50'000; ++k) list.push_back("state-" + std::to_string(k));
  document["states"] = std::move(list);
  EXPECT_EQ(Streamed(document), document.dump(1) + "\n");
}

TEST(JsonStream, PlainStringsMatchNlohmannInBatchesAndAcrossBlocks) {
  // Patterns of 5 letters at three depths, written in batches of uneven sizes (the first batch
  // opens the array), against the same document through nlohmann.
  auto pattern = [](std::size_t k) {
    std::string letters(5, 'N');
    for (std::size_t bit = 0; bit < 5; ++bit) {
      if ((k >> bit) & 1U) letters[bit] = 'Y';
    }
    return letters;
  };
  Json expected = Json::object();
  Json list = Json::array();
  for (std::size_t k = 0; k < 30'000; ++k) list.push_back(pattern(k));
  expected["outer"] = {{"states", list}, {"none", Json::array()}};
  expected["top"] = Json::array({pattern(3)});

  std::ostringstream out;
  JsonStream json(out);
  auto fill = [&](std::size_t first) {
    return [&, first](std::size_t k, char* letters) {
      const std::string text = pattern(first + k);
      std::copy(text.begin(), text.end(), letters);
    };
  };
  json.BeginObject();
  json.Key("outer");
  json.BeginObject();
  json.Key("states");
  json.BeginArray();
  std::size_t first = 0;
  for (std::size_t batch : {1U, 0U, 7U, 20'000U, 9'992U}) {
    json.PlainStrings(batch, 5, fill(first));
    first += batch;
  }
  json.EndArray();
  json.Key("none");
  json.BeginArray();
  json.PlainStrings(0, 5, fill(0));
  json.EndArray();
  json.EndObject();
  json.Key("top");
  json.BeginArray();
  json.PlainString(pattern(3));
  json.EndArray();
  json.EndObject();
  ASSERT_TRUE(json.Finish().has_value());
  EXPECT_EQ(out.str(), expected.dump(1) + "\n");
}

TEST(JsonStream, FinishFailsWithIoWhenTheStreamFailed) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  JsonStream json(out);
  json.BeginArray();
  json.EndArray();
  Status finished = json.Finish();
  ASSERT_FALSE(finished.has_value());
  EXPECT_EQ(finished.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace mend::internal
