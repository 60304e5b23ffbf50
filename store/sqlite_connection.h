#pragma once
// A thin RAII layer over the SQLite C API: a connection, a prepared statement
// and a transaction guard. Every fallible call returns a core::Status or
// core::Result; nothing here throws.
//
// Error messages name the database file and the operation ("srcbot.db: insert
// case failed: disk I/O error"), never SQL text, so they cannot leak the data
// that was bound into a statement.
//
// Ownership: statements and transactions point at the connection that made
// them and must be destroyed before it.
//
// Thread safety: none. A SqliteConnection and the statements and transactions
// made from it must be used by one thread at a time; the owner (for example
// SqliteCaseStore) serializes access with its own mutex.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace srcbot::store {

class SqliteConnection;

// Maps a SQLite result code to srcbot's closed set: problems of the file or
// its environment (busy, locked, I/O, read-only, full, not a database, corrupt)
// are kUnavailable; everything else (constraints, misuse) is kInternal.
core::Code CodeFor(int sqlite_rc);

// A prepared statement. Parameters are 1-based, columns 0-based, as in SQLite.
// Bind errors are remembered and reported by the next Step() or Run(), so a
// row of Bind calls needs no checks in between. When destroyed it goes back
// to its connection's cache, reset and unbound, for the next Prepare of the
// same SQL.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& BindInt(int index, std::int64_t value);
  Statement& BindDouble(int index, double value);
  Statement& BindText(int index, std::string_view value);
  Statement& BindNull(int index);
  Statement& BindBlob(int index, std::string_view bytes);  // any bytes, NULs included
  Statement& BindBool(int index, bool value) { return BindInt(index, value ? 1 : 0); }
  Statement& BindOptionalInt(int index, const std::optional<std::int64_t>& value);
  Statement& BindOptionalDouble(int index, const std::optional<double>& value);

  // Advances to the next row. true: a row is available through the Column
  // accessors; false: the statement is done. An error names `operation_`.
  core::Result<bool> Step();
  // Steps until done; for statements that return no rows.
  core::Status Run();
  // Makes the statement ready to run again; bindings are kept.
  void Reset();

  bool IsNull(int column) const;
  std::int64_t ColumnInt(int column) const;
  double ColumnDouble(int column) const;
  bool ColumnBool(int column) const { return ColumnInt(column) != 0; }
  std::string ColumnText(int column) const;  // "" for NULL
  std::optional<std::int64_t> ColumnOptionalInt(int column) const;
  std::optional<double> ColumnOptionalDouble(int column) const;

 private:
  friend class SqliteConnection;
  Statement(SqliteConnection* db, sqlite3_stmt* stmt, std::string operation,
            const std::string* sql);
  void NoteBind(int rc);
  void Dispose();

  SqliteConnection* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  const std::string* sql_ = nullptr;  // its key in db_'s cache; null: not cached
  std::string operation_;
  int bind_rc_ = 0;  // first failing sqlite3_bind_* result, 0 when all succeeded
};

class SqliteConnection {
 public:
  enum class Mode {
    kReadWriteCreate,  // the store: creates the file when missing
    kReadOnly,         // backups read their source this way
    kReadWrite,        // an existing file, opened for writing
  };

  // Opens `path`. In kReadWriteCreate mode a missing file is created empty
  // and owner-only (0600). Nothing is read or written yet, so a file that is
  // not a database is left untouched. Sets extended result codes, a 5 s busy
  // timeout and foreign keys on. Fails, naming the path, when the file or its directory
  // cannot be opened, or when a writable mode was asked for and SQLite could
  // only open the file read-only.
  static core::Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, Mode mode);

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  // Runs one or more statements with no parameters and no rows wanted.
  // `operation` names the work in error messages ("apply migration 1").
  core::Status Exec(const char* sql, std::string_view operation);
  // Compiles `sql` (its first statement), or takes it ready from the cache
  // of statements this connection compiled before: compiling cost more than
  // running (measured: 40% of a command's CPU before the cache).
  core::Result<Statement> Prepare(std::string_view sql, std::string_view operation);
  // Prepare and Run of one statement without parameters (SAVEPOINT, COMMIT).
  core::Status Run(std::string_view sql, std::string_view operation);

  // The error for a failed SQLite call: "<path>: <operation> failed: <errmsg>".
  core::Status Error(int rc, std::string_view operation) const;

  std::int64_t LastInsertRowid() const;
  int Changes() const;  // rows changed by the last INSERT/UPDATE/DELETE
  bool InTransaction() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  friend class Statement;
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  void Recycle(const std::string* sql, sqlite3_stmt* stmt);

  // Distinct SQL texts cached at most (the store has a few dozen; SQL built
  // at run time beyond this is compiled each time), and idle copies per text.
  static constexpr std::size_t kMaxCachedSql = 256;
  static constexpr std::size_t kMaxIdlePerSql = 4;

  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle_;  // by SQL text
};

// Holds a transaction open; rolls it back on destruction unless Commit()
// succeeded. Movable so it can travel in a core::Result.
class Transaction {
 public:
  enum class Kind {
    kDeferred,   // takes locks as statements need them
    kImmediate,  // takes the write lock at BEGIN: use for read-modify-write
  };

  static core::Result<Transaction> Begin(SqliteConnection& db, Kind kind,
                                         std::string_view operation);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // On success the transaction is durable and the guard is spent. On failure
  // the guard still rolls back when destroyed.
  core::Status Commit();

 private:
  Transaction(SqliteConnection* db, std::string operation)
      : db_(db), operation_(std::move(operation)) {}

  SqliteConnection* db_;  // nullptr once committed or moved from
  std::string operation_;
};

}  // namespace srcbot::store
