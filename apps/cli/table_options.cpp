// SPDX-License-Identifier: Apache-2.0
#include "table_options.hpp"

#include <cstdio>
#include <mutex>

#include <unistd.h>

#include "mend/core/assert.hpp"

namespace mend::cli {
namespace {

std::string FlagOf(std::string_view option) {
  std::string flag = "--" + std::string(option);
  for (char& c : flag) {
    if (c == '_') c = '-';
  }
  return flag;
}

}  // namespace

TableOptions::TableOptions(CLI::App& command, std::string_view name)
    : command_(&command), spec_(FindCommand(name)) {
  MEND_ASSERT(spec_ != nullptr, "a CLI command that the engine's table does not list");
  for (const OptionSpec& option : spec_->options) {
    Given given;
    given.option = std::string(option.name);
    given.text = std::make_shared<std::string>();
    given.flag = command.add_option(FlagOf(option.name), *given.text, std::string(option.help));
    if (!option.default_value.empty()) given.flag->default_str(std::string(option.default_value));
    if (option.required) given.flag->required();
    given_.push_back(std::move(given));
  }
}

void TableOptions::AddAlias(const std::string& flag, std::string_view option) {
  Given given;
  given.option = std::string(option);
  given.text = std::make_shared<std::string>();
  given.flag = command_->add_option(flag, *given.text, "Same as " + FlagOf(option));
  given_.push_back(std::move(given));
}

void TableOptions::AddSwitch(const std::string& flag, std::string_view option, std::string value,
                             const std::string& help) {
  Given given;
  given.option = std::string(option);
  given.flag = command_->add_flag(flag, help);
  given.fixed = std::move(value);
  given_.push_back(std::move(given));
}

Result<CommandOptions> TableOptions::Parse() const {
  std::vector<std::pair<std::string, OptionInput>> inputs;
  for (const Given& given : given_) {
    if (given.flag->count() == 0) continue;
    inputs.emplace_back(given.option, OptionInput::Text(given.text ? *given.text : given.fixed));
  }
  return ParseCommandOptions(*spec_, inputs);
}

RunControl ProgressControl(std::string command, std::stop_token stop, bool quiet,
                           const Collective* collective) {
  RunControl control;
  control.stop = std::move(stop);
  control.collective = collective;
  const bool leader = collective == nullptr || collective->rank() == 0;
  if (quiet || !leader) return control;
  const bool tty = isatty(STDERR_FILENO) != 0;
  struct State {
    std::string phase;
    int last = -1;
  };
  auto state = std::make_shared<State>();
  control.progress = [command = std::move(command), tty, state](
                         std::string_view phase, std::uint64_t done, std::uint64_t total) {
    if (total == 0) return;
    const int percent = static_cast<int>(100 * done / total);
    const int step = tty ? percent : percent / 10 * 10;
    if (phase == state->phase && step == state->last) return;
    if (phase != state->phase && tty && state->last >= 0) std::fputc('\n', stderr);
    state->phase = std::string(phase);
    state->last = step;
    std::fprintf(stderr, tty ? "\rmend %s: %s %3d%%%s" : "mend %s: %s %d%%%s", command.c_str(),
                 state->phase.c_str(), step, tty ? (done == total ? "\n" : "") : "\n");
    std::fflush(stderr);
  };
  return control;
}

}  // namespace mend::cli
