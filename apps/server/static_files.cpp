// SPDX-License-Identifier: Apache-2.0
#include "static_files.hpp"

#include <array>
#include <string_view>
#include <system_error>
#include <utility>

#include <fmt/format.h>

namespace mend::server {

Result<std::filesystem::path> ResolveStaticPath(const std::filesystem::path& root,
                                                const std::string& request_path) {
  const Error refused = Error::NotFound(fmt::format("no file '{}'", request_path));
  if (request_path.empty() || request_path.front() != '/' || request_path.size() > 1024) {
    return refused;
  }
  std::filesystem::path relative;
  std::size_t start = 1;
  while (start <= request_path.size()) {
    std::size_t end = request_path.find('/', start);
    if (end == std::string::npos) end = request_path.size();
    const std::string_view segment(request_path.data() + start, end - start);
    if (segment == "." || segment == "..") return refused;
    for (char c : segment) {
      if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return refused;
    }
    if (!segment.empty()) relative /= std::string(segment);
    start = end + 1;
  }
  std::error_code error;
  std::filesystem::path candidate = root / relative;
  if (std::filesystem::is_directory(candidate, error)) candidate /= "index.html";
  const std::filesystem::path resolved = std::filesystem::canonical(candidate, error);
  if (error) return refused;
  // Symbolic links may point anywhere; only files that end up under the root are served.
  auto [root_end, ignored] =
      std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end());
  if (root_end != root.end()) return refused;
  if (!std::filesystem::is_regular_file(resolved, error)) return refused;
  return resolved;
}

const char* StaticContentType(const std::filesystem::path& file) {
  static constexpr std::array<std::pair<std::string_view, const char*>, 16> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".yaml", "application/yaml"},
      {".wasm", "application/wasm"},
      {".webmanifest", "application/manifest+json"},
  }};
  const std::string extension = file.extension().string();
  for (const auto& [suffix, type] : kTypes) {
    if (extension == suffix) return type;
  }
  return "application/octet-stream";
}

}  // namespace mend::server
