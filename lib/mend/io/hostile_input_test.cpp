// SPDX-License-Identifier: Apache-2.0
//
// Hostile files: the loader must refuse them with a located message, quickly, without crashing
// or expanding them. Each test also bounds the time it may take.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mend/io/case_reader.hpp"

namespace mend {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// A case that loads, for tests that append something hostile to it.
const std::string kValidHead =
    "mend: 1\nid: t\nactors: [{id: a}, {id: b}]\noptions: {a: [{id: x}], b: [{id: y}]}\n"
    "status_quo: NN\n";
const std::string kPreferences = "preferences: {a: [x], b: [y]}\n";

// Reads `text` and returns the error as "FILE:LINE:COLUMN: error: ..."; fails the test if the
// text loads. A loader that hangs is caught by the test's CTest timeout, not by a timing
// assertion (timings belong in benchmarks).
std::string RefusalOf(const std::string& text, const ReadOptions& options = {}) {
  Result<CompiledCase> result = ReadCase(text, "case.yaml", options);
  if (result) {
    ADD_FAILURE() << "the hostile text loaded";
    return {};
  }
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  return result.error().ToString();
}

TEST(HostileInput, EmptyFile) {
  EXPECT_THAT(RefusalOf(""), StartsWith("case.yaml:1:1: error: the file is empty; expected a mend "
                                        "case"));
  EXPECT_THAT(RefusalOf("\n\n   \n# only a comment\n"),
              StartsWith("case.yaml:1:1: error: the file is empty"));
  EXPECT_THAT(RefusalOf("---\n...\n"), StartsWith("case.yaml:1:1: error: the file is empty"));
}

TEST(HostileInput, NotAMap) {
  EXPECT_THAT(RefusalOf("just some words\n"),
              StartsWith("case.yaml:1:1: error: expected a mend case or portfolio: a map"));
  EXPECT_THAT(RefusalOf("- 1\n- 2\n"), StartsWith("case.yaml:1:1: error: expected a mend case"));
}

TEST(HostileInput, BinaryGarbage) {
  std::string garbage = "mend: 1\nid: t\n";
  std::uint32_t state = 12345;
  for (int i = 0; i < 4096; ++i) {
    state = state * 1103515245U + 12345U;
    garbage.push_back(static_cast<char>(state >> 24));
  }
  const std::string message = RefusalOf(garbage);
  EXPECT_THAT(message, StartsWith("case.yaml:3:"));
  EXPECT_THAT(message, HasSubstr("(is this a binary file?)"));
}

TEST(HostileInput, NulByteIsLocated) {
  EXPECT_EQ(RefusalOf(std::string("mend: 1\nid: t\x00x\n", 15)),
            "case.yaml:2:6: error: control byte 0x00 in the file; expected YAML text (is this a "
            "binary file?)");
}

TEST(HostileInput, NonUtf8IsLocated) {
  EXPECT_EQ(RefusalOf("mend: 1\nid: t\ntitle: caf\xe9 au lait\n"),
            "case.yaml:3:11: error: byte 0xe9 is not valid UTF-8; expected YAML text in UTF-8 (is "
            "this a binary file?)");
  // Overlong encodings and UTF-16 surrogates are not UTF-8 either.
  EXPECT_THAT(RefusalOf("mend: 1\ntitle: \xc0\xaf\n"),
              StartsWith("case.yaml:2:8: error: byte 0xc0"));
  EXPECT_THAT(RefusalOf("mend: 1\ntitle: \xed\xa0\x80\n"),
              StartsWith("case.yaml:2:8: error: byte 0xed"));
  // A truncated sequence at the end of the file.
  EXPECT_THAT(RefusalOf("mend: 1\ntitle: \xe2\x82"), StartsWith("case.yaml:2:8: error: byte 0xe2"));
}

TEST(HostileInput, Utf8TextLoads) {
  Result<CompiledCase> result =
      ReadCase(kValidHead + kPreferences + "title: Ядерные силы — 2023 ✓\n", "case.yaml");
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  EXPECT_EQ(result->definition.title.text, "Ядерные силы — 2023 ✓");
}

TEST(HostileInput, InvalidYamlIsLocated) {
  EXPECT_THAT(RefusalOf("mend: 1\nid: [t\n"), HasSubstr("error: not valid YAML: "));
  EXPECT_THAT(RefusalOf("mend: 1\n  id: t\n bad\n"), HasSubstr("error: not valid YAML: "));
  EXPECT_THAT(RefusalOf("mend: 1\nid: *nowhere\n"), HasSubstr("error: not valid YAML: "));
}

// The classic "billion laughs": nine levels of nine aliases each, 9^9 leaves if expanded.
std::string LaughBomb() {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level <= 9; ++level) {
    const std::string previous = "*a" + std::to_string(level - 1);
    text += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int i = 0; i < 9; ++i) text += (i ? ", " : "") + previous;
    text += "]\n";
  }
  return text;
}

TEST(HostileInput, BillionLaughsAtTheTopIsRefusedBeforeItIsWalked) {
  // Aliases count against the value budget where they are used: the bomb's expansion is
  // counted (one visit per distinct node) and refused before any key is read.
  EXPECT_THAT(RefusalOf("mend: 1\nid: t\n" + LaughBomb()),
              HasSubstr("error: with its aliases expanded the file holds more than 1000000 "
                        "values"));
}

TEST(HostileInput, BillionLaughsWhereTextIsExpected) {
  std::string text = kValidHead + kPreferences + "bomb: " + LaughBomb().substr(4);
  // The bomb nested under a key that expects words: refused without expansion.
  const std::string nested = kValidHead + kPreferences + "title:\n";
  std::string indented;
  for (char c : LaughBomb()) {
    if (indented.empty() || indented.back() == '\n') indented += "  ";
    indented += c;
  }
  EXPECT_THAT(RefusalOf(nested + indented), HasSubstr("with its aliases expanded"));
}

TEST(HostileInput, AliasesThatMultiplyWorkHitTheNodeBudget) {
  // A ranking of 3,000 aliases to one list of 3,000 states: 9 million entries if expanded.
  std::string list = "&g [";
  for (int i = 0; i < 3000; ++i) list += i ? ", NN" : "NN";
  list += "]";
  std::string ranking = "[" + list;
  for (int i = 1; i < 3000; ++i) ranking += ", *g";
  ranking += "]";
  const std::string text =
      kValidHead + "preferences:\n  b: [y]\n  a:\n    ranking: " + ranking + "\n";
  EXPECT_THAT(RefusalOf(text), HasSubstr("error: with its aliases expanded the file holds more "
                                         "than 1000000 values"));
  // Within the value budget, the walker's node budget still stops the expansion.
  ReadOptions small;
  small.max_nodes = 1000;
  small.max_values = 100'000'000;
  EXPECT_THAT(RefusalOf(text, small), HasSubstr("more nodes than mend reads"));
}

TEST(HostileInput, TwoHundredThousandAliasesCountAgainstTheValueBudget) {
  // 200,000 uses of a list of 10 values: 2 million values once expanded.
  std::string text = kValidHead + kPreferences + "tags: &t [a, b, c, d, e, f, g, h, i, j]\n";
  text += "notes: [";
  for (int i = 0; i < 200'000; ++i) text += i ? ", *t" : "*t";
  text += "]\n";
  const std::string message = RefusalOf(text);
  EXPECT_THAT(message, HasSubstr("with its aliases expanded the file holds more than 1000000 "
                                 "values"));
  EXPECT_THAT(message, HasSubstr("aliases count each time they are used"));
}

TEST(HostileInput, AnAliasInsideItsOwnAnchorIsRefused) {
  const std::string message = RefusalOf(kValidHead + kPreferences + "tags: &t [a, *t]\n");
  EXPECT_FALSE(message.empty());
}

TEST(HostileInput, ATabThatIndentsSaysSoAndWhere) {
  const std::string broken = "mend: 1\nid: t\nactors:\n  - {id: a}\n\t- {id: b}\n";
  EXPECT_THAT(RefusalOf(broken),
              HasSubstr("case.yaml:5:1: error: tab character at 5:1; YAML indents with spaces"));
}

// Found by fuzzing (case_reader_fuzzer, a timeout): yaml-cpp's LoadAll never returned on a
// stray ',' where a document starts, and `mend validate` of a one-byte file hung, growing.
TEST(HostileInput, AStrayFlowTokenWhereTheDocumentStartsIsRefused) {
  for (const char* text : {",", ",\n", ",\r", "\n\n,", ", a", "]", "}", ",# yaml\nmend: 1\n"}) {
    Result<CompiledCase> result = ReadCase(text, "case.yaml");
    ASSERT_FALSE(result) << text;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument) << text;
  }
  EXPECT_THAT(RefusalOf(","), HasSubstr("case.yaml:1:1: error: not valid YAML"));
}

TEST(HostileInput, MisalignedLinesPointAtTheIndentation) {
  EXPECT_THAT(RefusalOf("mend: 1\nid: t\nactors:\n  - {id: a}\n - {id: b}\n"),
              HasSubstr("YAML nests by indentation"));
}

TEST(HostileInput, DeepFlowNesting) {
  const std::string text = "mend: 1\nid: " + std::string(100'000, '[') + "\n";
  const std::string message = RefusalOf(text);
  EXPECT_EQ(message,
            "case.yaml:2:1: error: the document nests deeper than mend reads; expected a "
            "case of ordinary depth");
}

TEST(HostileInput, DeepFlowMapNesting) {
  std::string text = "mend: 1\nid: ";
  for (int i = 0; i < 100'000; ++i) text += "{a: ";
  EXPECT_THAT(RefusalOf(text + "\n"), StartsWith("case.yaml:2:1996: error: the document nests"));
}

TEST(HostileInput, DeepBlockNesting) {
  std::string text = "mend: 1\nid:\n";
  for (int i = 0; i < 100'000; ++i) text += "- ";
  text += "x\n";
  EXPECT_THAT(RefusalOf(text), StartsWith("case.yaml:3:998: error: the document nests deeper"));
}

TEST(HostileInput, DeepBlockNestingByIndentation) {
  std::string text = "mend: 1\nid: t\nactors:\n";
  for (int i = 0; i < 5'000; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "- \n";
  EXPECT_THAT(RefusalOf(text), HasSubstr("error: "));
}

TEST(HostileInput, EightMebibyteLine) {
  const std::string huge(8U << 20, 'a');
  EXPECT_THAT(RefusalOf("mend: 1\nid: " + huge + "\n"),
              StartsWith("case.yaml:2:5: error: id: expected lower-case letters, digits and '-' "
                         "([a-z0-9-]+, at most 100), got \"aaaa"));
  EXPECT_THAT(RefusalOf("mend: 1\nid: t\nactors: [{id: " + huge + "}]\n"),
              StartsWith("case.yaml:3:15: error: actors[0].id: expected an identifier"));
  // A long title is fine in itself; the case then fails for what it lacks.
  EXPECT_THAT(RefusalOf("mend: 1\nid: t\ntitle: " + huge + "\n"),
              HasSubstr("missing key 'actors'"));
}

TEST(HostileInput, EightMebibytesOfValuesAreRefusedBeforeParsing) {
  // yaml-cpp would build a node for each of 2.8 million items (gigabytes); mend counts first.
  std::string flow = "mend: 1\nid: t\nactors: [";
  while (flow.size() < (8U << 20)) flow += "1, ";
  EXPECT_EQ(RefusalOf(flow + "1]\n"),
            "case.yaml:3:3000002: error: the file holds more than 1000000 values (counting ',', "
            "'[', '{' and line ends); expected a case of at most that many");
  std::string lines = "mend: 1\nid: t\nactors:\n";
  while (lines.size() < (8U << 20)) lines += "- 1\n";
  EXPECT_THAT(RefusalOf(lines), StartsWith("case.yaml:1000001:4: error: the file holds more"));
  // Under the bound, the reader itself refuses the content.
  ReadOptions generous;
  generous.max_values = 10'000'000;
  std::string small = "mend: 1\nid: t\nactors: [";
  for (int i = 0; i < 100'000; ++i) small += "1, ";
  EXPECT_THAT(RefusalOf(small + "1]\n", generous),
              HasSubstr("actors[0]: expected a map, got \"1\""));
}

TEST(HostileInput, MapsWithVeryManyKeysStillFindTheDuplicate) {
  std::string text = kValidHead + kPreferences + "parameters:\n";
  for (int i = 0; i < 200'000; ++i) text += "  p" + std::to_string(i) + ": 1\n";
  text += "  p0: 2\n";
  EXPECT_THAT(RefusalOf(text),
              HasSubstr("parameters.p0: duplicate key (first at line 8); expected each key once"));
  std::string payoffs = kValidHead + "payoffs:\n";
  for (int i = 0; i < 200'000; ++i) payoffs += "  NN: {a" + std::to_string(i) + ": 1}\n";
  EXPECT_THAT(RefusalOf(payoffs), HasSubstr("payoffs.NN: duplicate key"));
}

TEST(HostileInput, HugeNumbers) {
  EXPECT_EQ(RefusalOf("mend: 1e999\n"),
            "case.yaml:1:7: error: mend: expected a finite number, got 1e999 (out of range)");
  EXPECT_EQ(RefusalOf("mend: 99999999999999999999\n"),
            "case.yaml:1:7: error: mend: expected a whole number, got 99999999999999999999");
  EXPECT_THAT(RefusalOf("mend: .inf\n"), HasSubstr("mend: expected a number, got \".inf\""));
  EXPECT_THAT(
      RefusalOf(kValidHead + "payoffs:\n  NN: {a: 1e999, b: 1}\n"),
      StartsWith("case.yaml:7:11: error: payoffs.NN.a: expected a finite number, got 1e999"));
  EXPECT_THAT(RefusalOf(kValidHead + kPreferences + "parameters: {p: -1e400}\n"),
              StartsWith("case.yaml:7:17: error: parameters.p: expected a finite number"));
  EXPECT_THAT(RefusalOf(kValidHead + kPreferences +
                        "parameters: {p: {dist: normal, mean: 1e308, "
                        "sd: 1e308 * 10}}\n"),
              HasSubstr("parameters.p.sd: expected a finite number"));
}

TEST(HostileInput, FileOverTheSizeLimit) {
  ReadOptions options;
  options.max_file_bytes = 100;
  EXPECT_EQ(RefusalOf(std::string(200, '#'), options),
            "case.yaml:1:1: error: the file has 200 bytes; expected at most 100");
}

TEST(HostileInput, TagsAndOddScalarsDoNotConfuseTheReader) {
  EXPECT_THAT(RefusalOf("mend: !!str 1\nid: t\n"), HasSubstr("error: "));
  EXPECT_THAT(RefusalOf("mend: 1\nid: !custom t\nactors: !!map {}\n"), HasSubstr("error: "));
  EXPECT_THAT(RefusalOf("mend: 1\n? [complex, key]\n: 1\n"),
              StartsWith("case.yaml:2:3: error: expected keys that are plain words"));
}

TEST(HostileInput, MultipleDocumentsAreNotSilentlyIgnored) {
  EXPECT_EQ(RefusalOf(kValidHead + kPreferences + "---\nmend: 1\n"),
            "case.yaml:8:1: error: a second YAML document in the file; expected one case or "
            "portfolio per file");
}

TEST(HostileInput, AnUnknownIdSuggestsTheNearestValidOnes) {
  const std::string text =
      "mend: 1\nid: t\nactors: [{id: us}, {id: ru}]\n"
      "options: {us: [{id: us_strike}], ru: [{id: ru_strike}, {id: ru_talks}]}\n"
      "status_quo: NNN\n";
  EXPECT_THAT(RefusalOf(text + "preferences: {us: [ru_strik], ru: [ru_talks]}\n"),
              HasSubstr("'ru_strik'"));
  EXPECT_THAT(RefusalOf(text + "preferences: {us: [ru_strik], ru: [ru_talks]}\n"),
              HasSubstr("expected an option id of this case; did you "
                        "mean ru_strike?"));
  EXPECT_THAT(RefusalOf(text + "preferences: {us: [us_strike], RU: [ru_talks]}\n"),
              HasSubstr("did you mean ru?"));
  EXPECT_THAT(RefusalOf(text + "preferences: {us: [us_strike], ru: [ru_talks]}\ntitel: x\n"),
              HasSubstr("; did you mean title?"));
}

TEST(HostileInput, APatternOfTheWrongLengthSaysHowManyLettersInWhichOrder) {
  const std::string text =
      "mend: 1\nid: t\nactors: [{id: us}, {id: ru}]\n"
      "options: {us: [{id: us_strike}], ru: [{id: ru_strike}, {id: ru_talks}]}\n"
      "status_quo: NN\n";
  EXPECT_THAT(RefusalOf(text), HasSubstr("got \"NN\" (2 letters, 3 expected); one letter per "
                                         "option, in file order: us_strike ru_strike ru_talks"));
}

TEST(HostileInput, DevicesAndFifosAreRefusedWithoutReadingThem) {
  for (const char* device : {"/dev/zero", "/dev/null", "/dev/urandom"}) {
    Result<Document> read = ReadDocumentFile(device);
    ASSERT_FALSE(read) << device;
    EXPECT_EQ(read.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(read.error().message, HasSubstr("is not a regular file")) << device;
  }
  const std::string fifo = testing::TempDir() + "mend-hostile-fifo";
  ::unlink(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Result<Document> read = ReadDocumentFile(fifo);  // no writer: opening it would block
  ::unlink(fifo.c_str());
  ASSERT_FALSE(read);
  EXPECT_THAT(read.error().message, HasSubstr("is not a regular file"));
}

}  // namespace
}  // namespace mend
