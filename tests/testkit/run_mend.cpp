// SPDX-License-Identifier: Apache-2.0
#include "testkit/run_mend.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

namespace mend::testkit {
namespace {

// A fresh file for each run's standard error, so concurrent tests never share one.
std::filesystem::path ErrorFile() {
  static std::atomic<int> counter{0};
  return std::filesystem::temp_directory_path() /
         ("mend-testkit-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".err");
}

}  // namespace

CommandResult RunMend(const std::string& arguments) {
  const std::filesystem::path err = ErrorFile();
  const std::string command = MendBinary() + " " + arguments + " 2>" + err.string();
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.out.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = ReadFile(err);
  std::error_code ignored;
  std::filesystem::remove(err, ignored);
  return result;
}

std::string SourcePath(const std::string& relative) {
  return std::string(MEND_SOURCE_DIR) + "/" + relative;
}

std::string MendBinary() { return MEND_BINARY; }

std::vector<std::string> ShippedAndTestCases() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const char* folder :
       {"cases/classic", "cases/us-russia", "tests/cases/one-answer", "tests/golden"}) {
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(SourcePath(folder))) {
      const fs::path& path = entry.path();
      if (path.extension() != ".yaml") continue;
      // Portfolios name cases rather than define one.
      if (ReadFile(path).find("\ncases:") != std::string::npos) continue;
      files.push_back(path.string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace mend::testkit
