#pragma once
// Numbered schema migrations. The database's schema version is its
// PRAGMA user_version: 0 for a new file, N once migrations 1..N are applied.
// Migrations are append-only: a released one is never edited, a change is a
// new entry at the end (see docs/storage.md).
//
// Thread safety: the functions here use the connection they are given and
// share no state; the caller serializes use of that connection.

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

struct Migration {
  int version;       // 1, 2, … in order, no gaps
  const char* name;  // for people: "initial schema"
  const char* sql;   // one or more statements, run inside one transaction
};

// What ApplyMigrations did: the schema version before and after, and the
// names of the migrations applied in between (empty when already current).
struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;
};

// All migrations this build knows, in order.
const std::vector<Migration>& Migrations();
// The newest schema version this build knows.
int LatestSchemaVersion();

// Reads PRAGMA user_version. Fails (naming the file) when the file is not a
// database; that read does not change the file.
core::Result<int> SchemaVersion(SqliteConnection& db);

// The error for a file whose schema version `found` is past the `known` latest:
// kUnavailable, "<path>: written by a newer srcbot (schema 7, this build knows 1);
// refusing to open".
core::Status NewerSchemaError(const std::string& path, int found, int known);

// Applies each pending migration in `migrations` in its own IMMEDIATE
// transaction that also sets user_version, so a failure leaves the database at
// the last version that fully applied. Refuses (changing nothing) a database
// whose version is newer than the last migration. The version is re-read under
// the write lock, so two processes migrating at once apply each step once.
core::Result<MigrationReport> ApplyMigrations(SqliteConnection& db,
                                              const std::vector<Migration>& migrations);
inline core::Result<MigrationReport> ApplyMigrations(SqliteConnection& db) {
  return ApplyMigrations(db, Migrations());
}

// A second connection to the existing database at `path` for a store that
// keeps its own (the advisory and mail stores): a small page cache,
// synchronous=FULL (an acknowledged change survives power loss), and the
// schema at `min_version` or later; kUnavailable naming the file and
// `missing` ("has no GitHub tables") otherwise.
core::Result<std::unique_ptr<SqliteConnection>> OpenAtSchema(const std::string& path,
                                                             int min_version,
                                                             const std::string& missing);

}  // namespace srcbot::store
