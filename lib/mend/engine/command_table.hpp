// SPDX-License-Identifier: Apache-2.0
//
// The command table: every analysis command's options declared once — name, type, help,
// default and range — and validated once. The CLI builds its flags from it (`--samples`, ...)
// and the server reads its JSON options through it (`"samples": 2000`), so an option has one
// name, one default and one rule everywhere (docs/cli-contract.md lists them).
//
// Example:
//   const CommandSpec* spec = FindCommand("montecarlo");
//   MEND_TRY(CommandOptions options,
//            ParseCommandOptions(*spec, {{"samples", OptionInput::Text("5000")}}));
//   MEND_TRY(AnalysisOptions analysis, ToAnalysisOptions(options));
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "mend/core/result.hpp"

namespace mend {

enum class OptionType : std::uint8_t {
  kChoice,      // one of `choices`
  kChoiceList,  // a non-empty list of distinct `choices`
  kCount,       // an integer in [min, max]
  kNumber,      // a finite number in [min, max] (min excluded when `open_min`)
  kNumberList,  // a non-empty list of such numbers, at most `max_items`
  kText,        // any non-empty text of at most `max_items` characters
};

struct OptionSpec {
  /// The JSON key; the CLI flag is `--` + name with '_' written '-'.
  std::string_view name;
  OptionType type = OptionType::kText;
  std::string_view help;
  /// The default as the CLI would write it ("" with `required`, or when absence means
  /// something the command decides, such as a brief's language).
  std::string_view default_value;
  std::vector<std::string_view> choices;
  double min = 0;
  double max = 0;
  bool open_min = false;
  std::size_t max_items = 64;
  bool required = false;
};

struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  std::vector<OptionSpec> options;
  /// The command draws random numbers: its results depend on `seed`.
  bool seeded = false;
};

/// The analysis commands every front end runs: states, stability, analyze, montecarlo,
/// viability, perceptions, dynamics, bridge, brief, explain, report. In a fixed order.
const std::vector<CommandSpec>& CommandTable();

/// Returns the command named `name`, or null.
const CommandSpec* FindCommand(std::string_view name);

/// What a front end received for one option: CLI text, or a JSON number, text or list.
struct OptionInput {
  enum class Kind : std::uint8_t { kText, kNumber, kList, kOther };
  Kind kind = Kind::kText;
  std::string text;
  double number = 0;
  bool integral = false;
  std::vector<OptionInput> items;
  /// How the value was written, for messages ("true", "{...}").
  std::string written;

  static OptionInput Text(std::string value);
  static OptionInput Number(double value, bool integral);
  static OptionInput List(std::vector<OptionInput> items);
  static OptionInput Other(std::string written);
};

using OptionValue =
    std::variant<std::string, std::uint64_t, double, std::vector<std::string>, std::vector<double>>;

/// A command's options after validation: every option of its spec, given or defaulted (an
/// option without default that was not given is absent).
struct CommandOptions {
  const CommandSpec* spec = nullptr;
  std::map<std::string, OptionValue, std::less<>> values;

  bool Has(std::string_view name) const { return values.find(name) != values.end(); }
  const std::string& Text(std::string_view name) const;
  std::uint64_t Count(std::string_view name) const;
  double Number(std::string_view name) const;
  const std::vector<std::string>& Texts(std::string_view name) const;
  const std::vector<double>& Numbers(std::string_view name) const;
};

/// Validates one option's value (as ParseCommandOptions does for each option it is given).
[[nodiscard]] Result<OptionValue> ParseOption(const OptionSpec& option, const OptionInput& input);

/// Returns the option `name` of `spec`, or null.
const OptionSpec* FindOption(const CommandSpec& spec, std::string_view name);

/// Validates `given` against `spec` and fills in the defaults: unknown option names, values of
/// the wrong type or out of range, and missing required options fail with kInvalidArgument
/// naming the option and what was expected. Text inputs are parsed as the option's type, so
/// "2000" from the CLI and 2000 from JSON give the same value.
[[nodiscard]] Result<CommandOptions> ParseCommandOptions(
    const CommandSpec& spec, const std::vector<std::pair<std::string, OptionInput>>& given);

}  // namespace mend
