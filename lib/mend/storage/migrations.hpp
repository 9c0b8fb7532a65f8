// SPDX-License-Identifier: Apache-2.0
//
// The numbered schema migrations of the workspace. Migration N takes the schema from version
// N-1 to N; they are applied in order, each in its own transaction together with its row in
// `schema_migrations`. Released migrations are never edited: a change is a new migration.
//
// Example:
//   for (const Migration& m : WorkspaceMigrations()) { if (m.number > current) Apply(m.sql); }
#pragma once

#include <span>

namespace mend {

struct Migration {
  int number;
  const char* name;
  const char* sql;  // one or more statements
};

/// Every migration, ascending by number, numbered 1..kWorkspaceSchemaVersion without gaps.
std::span<const Migration> WorkspaceMigrations();

}  // namespace mend
