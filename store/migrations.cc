#include "store/migrations.h"

#include <string>

#include "store/schema_migrations.h"

namespace srcbot::store {
namespace {

core::Status ApplyOne(SqliteConnection& db, const Migration& m, const Migration* previous,
                      int latest, bool* applied) {
  *applied = false;
  std::string what = "apply migration " + std::to_string(m.version) + " (" + m.name + ")";
  core::Result<Transaction> txn = Transaction::Begin(db, Transaction::Kind::kImmediate, what);
  if (!txn.ok()) return txn.status();
  // Re-read under the write lock: another process may have migrated meanwhile.
  core::Result<int> current = SchemaVersion(db);
  if (!current.ok()) return current.status();
  if (current.value() > latest) return NewerSchemaError(db.path(), current.value(), latest);
  if (current.value() >= m.version) return core::Status::Ok();  // rolls back an empty txn
  int expected = previous == nullptr ? 0 : previous->version;
  if (current.value() != expected) {
    return core::Status::Internal(db.path() + ": " + what + " failed: schema is at version " +
                                  std::to_string(current.value()) + ", expected " +
                                  std::to_string(expected));
  }
  if (core::Status s = db.Exec(m.sql, what); !s.ok()) return s;
  // PRAGMA takes no bound parameters; the version is our own integer.
  std::string set_version = "PRAGMA user_version = " + std::to_string(m.version);
  if (core::Status s = db.Exec(set_version.c_str(), what); !s.ok()) return s;
  if (core::Status s = txn.value().Commit(); !s.ok()) return s;
  *applied = true;
  return core::Status::Ok();
}

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = [] {
    std::vector<Migration> all = CaseSchemaMigrations();
    for (const Migration& m : MailSchemaMigrations()) all.push_back(m);
    return all;
  }();
  return kMigrations;
}

int LatestSchemaVersion() { return Migrations().back().version; }

core::Result<int> SchemaVersion(SqliteConnection& db) {
  core::Result<Statement> stmt = db.Prepare("PRAGMA user_version", "read schema version");
  if (!stmt.ok()) return stmt.status();
  core::Result<bool> row = stmt.value().Step();
  if (!row.ok()) return row.status();
  if (!row.value()) return core::Status::Internal(db.path() + ": read schema version: no row");
  return static_cast<int>(stmt.value().ColumnInt(0));
}

core::Status NewerSchemaError(const std::string& path, int found, int known) {
  return core::Status::Unavailable(path + ": written by a newer srcbot (schema " +
                                   std::to_string(found) + ", this build knows " +
                                   std::to_string(known) + "); refusing to open");
}

core::Result<std::unique_ptr<SqliteConnection>> OpenAtSchema(const std::string& path,
                                                             int min_version,
                                                             const std::string& missing) {
  auto db = SqliteConnection::Open(path, SqliteConnection::Mode::kReadWrite);
  if (!db.ok()) return db.status();
  // Small tables: a small page cache (the writer connection keeps SQLite's 2 MB).
  if (auto s = db.value()->Exec("PRAGMA cache_size = -256", "set cache size"); !s.ok()) return s;
  core::Result<int> version = SchemaVersion(*db.value());
  if (!version.ok()) return version.status();
  if (version.value() < min_version) {
    return core::Status::Unavailable(path + ": schema " + std::to_string(version.value()) + " " +
                                     missing + "; open it as the case store first");
  }
  // As the case store's connection: an acknowledged command survives power loss.
  if (core::Status s = db.value()->Exec("PRAGMA synchronous = FULL", "set durability"); !s.ok()) {
    return s;
  }
  return db;
}

core::Result<MigrationReport> ApplyMigrations(SqliteConnection& db,
                                              const std::vector<Migration>& migrations) {
  int latest = migrations.empty() ? 0 : migrations.back().version;
  core::Result<int> version = SchemaVersion(db);
  if (!version.ok()) return version.status();
  if (version.value() > latest) return NewerSchemaError(db.path(), version.value(), latest);

  MigrationReport report;
  report.from_version = version.value();
  const Migration* previous = nullptr;
  for (const Migration& m : migrations) {
    if (m.version > report.from_version) {
      bool applied = false;
      if (core::Status s = ApplyOne(db, m, previous, latest, &applied); !s.ok()) return s;
      if (applied) report.applied.push_back(std::to_string(m.version) + " " + m.name);
    }
    previous = &m;
  }
  version = SchemaVersion(db);
  if (!version.ok()) return version.status();
  report.to_version = version.value();
  return report;
}

}  // namespace srcbot::store
