// SPDX-License-Identifier: Apache-2.0
#include "output.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

namespace mend::cli {
namespace {

// A device or pipe given as -o (/dev/null, /dev/stdout, a FIFO) is written in place: the
// temporary-and-rename that protects regular files would replace the device node itself.
bool IsSpecialFile(const std::string& path) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  return !error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
         !std::filesystem::is_directory(status);
}

int WriteInPlace(const std::string& path, const std::function<Status(std::ostream&)>& write) {
  std::ofstream out(path, std::ios::binary);
  Status written = out ? write(out) : Status(Error::Io("cannot write the output file"));
  if (written) {
    out.close();
    if (!out) written = Error::Io("cannot write the output file");
  }
  if (written) return kExitOk;
  Error error = written.error();
  if (error.code == ErrorCode::kIo) error = error.At({path, 0, 0});
  return Fail(error);
}

}  // namespace

int Emit(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return kExitOk;
  }
  if (IsSpecialFile(path)) {
    return WriteInPlace(path, [&](std::ostream& out) {
      out << text;
      return Ok();
    });
  }
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      std::remove(temporary.c_str());
      return Fail(Error::Io("cannot write the output file").At({path, 0, 0}));
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::remove(temporary.c_str());
    return Fail(Error::Io(fmt::format("cannot write the output file: {}", error.message()))
                    .At({path, 0, 0}));
  }
  return kExitOk;
}

int EmitStreamed(const std::string& path, const std::function<Status(std::ostream&)>& write) {
  if (path.empty() || path == "-") {
    Status written = write(std::cout);
    std::cout.flush();
    return written ? kExitOk : Fail(written.error());
  }
  if (IsSpecialFile(path)) return WriteInPlace(path, write);
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    Status written = out ? write(out) : Status(Error::Io("cannot write the output file"));
    if (written) {
      out.close();
      if (!out) written = Error::Io("cannot write the output file");
    }
    if (!written) {
      out.close();
      std::remove(temporary.c_str());
      Error error = written.error();
      if (error.code == ErrorCode::kIo) error = error.At({path, 0, 0});
      return Fail(error);
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::remove(temporary.c_str());
    return Fail(Error::Io(fmt::format("cannot write the output file: {}", error.message()))
                    .At({path, 0, 0}));
  }
  return kExitOk;
}

int Fail(const Error& error) {
  fmt::print(stderr, "{}\n", error.ToString());
  // Every failure of an analysis or of its input is status 1 (usage errors have ReportUsage).
  return kExitInputError;
}

int FailUsage(const Error& error) {
  fmt::print(stderr, "{}\n", error.ToString());
  return kExitUsageError;
}

}  // namespace mend::cli
