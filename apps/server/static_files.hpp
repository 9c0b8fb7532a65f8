// SPDX-License-Identifier: Apache-2.0
//
// Static files of the built front end, resolved without path traversal: a request path is
// refused when any segment is "." or "..", when it holds a backslash, NUL or control
// character, or when the file it names resolves (through symbolic links) outside the root.
//
// Example:
//   MEND_TRY(std::filesystem::path file, ResolveStaticPath(root, "/assets/app.js"));
#pragma once

#include <filesystem>
#include <string>

#include "mend/core/result.hpp"

namespace mend::server {

/// The regular file under `root` (canonical, absolute) that `request_path` (already URL-decoded,
/// starting with '/') names; "/" and directories name their index.html. kNotFound for anything
/// missing or refused.
Result<std::filesystem::path> ResolveStaticPath(const std::filesystem::path& root,
                                                const std::string& request_path);

/// The Content-Type for a file name by its extension; application/octet-stream when unknown.
const char* StaticContentType(const std::filesystem::path& file);

}  // namespace mend::server
