#include "store/sqlite_connection.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <string>

#include "tests/store/store_test_support.h"

namespace srcbot::store {
namespace {

namespace fs = std::filesystem;
using namespace srcbot::store::testing;

int CountRows(SqliteConnection& db) {
  auto s = db.Prepare("SELECT count(*) FROM t", "count");
  REQUIRE(s.ok());
  REQUIRE(s.value().Step().value());
  return static_cast<int>(s.value().ColumnInt(0));
}

TEST_CASE("store: connection binds and reads every column type") {
  TempDir dir;
  auto db = OpenOrFail(dir.File("c.db"));
  REQUIRE(db->Exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, n INTEGER, oi INTEGER, od REAL)",
                   "create")
              .ok());
  auto insert = db->Prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6)", "insert");
  REQUIRE(insert.ok());
  std::string text("a 'quoted' \"text\" with\0nul", 26);
  insert.value().BindInt(1, 1LL << 40).BindDouble(2, 9.8).BindText(3, text).BindNull(4);
  insert.value().BindOptionalInt(5, std::nullopt).BindOptionalDouble(6, 0.5);
  REQUIRE(insert.value().Run().ok());
  CHECK(db->Changes() == 1);
  CHECK(db->LastInsertRowid() == 1);

  auto select = db->Prepare("SELECT i, d, s, n, oi, od FROM t", "select");
  REQUIRE(select.ok());
  auto row = select.value().Step();
  REQUIRE(row.ok());
  REQUIRE(row.value());
  const Statement& r = select.value();
  CHECK(r.ColumnInt(0) == (1LL << 40));
  CHECK(r.ColumnDouble(1) == 9.8);
  CHECK(r.ColumnText(2) == text);  // embedded NUL kept: lengths, not C strings
  CHECK(r.IsNull(3));
  CHECK(r.ColumnText(3).empty());
  CHECK_FALSE(r.ColumnOptionalInt(4).has_value());
  CHECK(r.ColumnOptionalDouble(5) == std::optional<double>(0.5));
  CHECK_FALSE(select.value().Step().value());

  select.value().Reset();
  CHECK(select.value().Step().value());  // runs again after Reset
}

TEST_CASE("store: transaction guard rolls back unless committed") {
  TempDir dir;
  auto db = OpenOrFail(dir.File("t.db"));
  REQUIRE(db->Exec("CREATE TABLE t (x INTEGER)", "create").ok());
  {
    auto txn = Transaction::Begin(*db, Transaction::Kind::kImmediate, "first");
    REQUIRE(txn.ok());
    REQUIRE(db->Exec("INSERT INTO t VALUES (1)", "insert").ok());
    CHECK(db->InTransaction());
  }
  CHECK_FALSE(db->InTransaction());
  CHECK(CountRows(*db) == 0);
  {
    auto txn = Transaction::Begin(*db, Transaction::Kind::kDeferred, "second");
    REQUIRE(txn.ok());
    REQUIRE(db->Exec("INSERT INTO t VALUES (2)", "insert").ok());
    REQUIRE(txn.value().Commit().ok());
    CHECK_FALSE(txn.value().Commit().ok());  // a spent guard says so
  }
  CHECK(CountRows(*db) == 1);
}

TEST_CASE("store: errors name the file and the operation, never the SQL") {
  TempDir dir;
  std::string path = dir.File("e.db");
  auto db = OpenOrFail(path);
  auto bad = db->Prepare("SELEC 'secret-value'", "read things");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == core::Code::kInternal);
  CHECK(bad.status().message().rfind(path + ": read things failed: ", 0) == 0);
  CHECK(bad.status().message().find("secret-value") == std::string::npos);

  REQUIRE(db->Exec("CREATE TABLE t (x INTEGER)", "create").ok());
  auto s = db->Prepare("INSERT INTO t VALUES (?1)", "insert");
  REQUIRE(s.ok());
  s.value().BindInt(7, 1);  // out of range: reported by the step, not lost
  auto step = s.value().Step();
  REQUIRE_FALSE(step.ok());
  CHECK(step.status().message().find("insert failed") != std::string::npos);
}

TEST_CASE("store: open in a missing directory names the path") {
  TempDir dir;
  std::string path = dir.File("missing/sub/x.db");
  auto db = SqliteConnection::Open(path, SqliteConnection::Mode::kReadWriteCreate);
  REQUIRE_FALSE(db.ok());
  CHECK(db.status().code() == core::Code::kUnavailable);
  CHECK(db.status().message().find(path) != std::string::npos);
  CHECK_FALSE(fs::exists(dir.File("missing")));
}

TEST_CASE("store: read-only open of a missing file does not create it") {
  TempDir dir;
  std::string path = dir.File("none.db");
  auto db = SqliteConnection::Open(path, SqliteConnection::Mode::kReadOnly);
  REQUIRE_FALSE(db.ok());
  CHECK(db.status().message().find(path) != std::string::npos);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("store: SQLite codes map to unavailable or internal") {
  CHECK(CodeFor(SQLITE_BUSY) == core::Code::kUnavailable);
  CHECK(CodeFor(SQLITE_IOERR_FSYNC) == core::Code::kUnavailable);
  CHECK(CodeFor(SQLITE_NOTADB) == core::Code::kUnavailable);
  CHECK(CodeFor(SQLITE_READONLY) == core::Code::kUnavailable);
  CHECK(CodeFor(SQLITE_CONSTRAINT_PRIMARYKEY) == core::Code::kInternal);
  CHECK(CodeFor(SQLITE_MISUSE) == core::Code::kInternal);
}

TEST_CASE("sqlite: a statement prepared again comes from the cache without the old bindings") {
  TempDir dir;
  auto db = OpenOrFail(dir.File("cache.db"));
  {
    auto first = db->Prepare("SELECT ?1", "echo");
    REQUIRE(first.ok());
    first.value().BindText(1, "embargoed detail");
    REQUIRE(first.value().Step().value());
    CHECK(first.value().ColumnText(0) == "embargoed detail");
  }
  // The same SQL again: reset and unbound, so nothing of the last call shows.
  auto again = db->Prepare("SELECT ?1", "echo");
  REQUIRE(again.ok());
  REQUIRE(again.value().Step().value());
  CHECK(again.value().IsNull(0));
  // Two live statements of one text are two statements, not one shared.
  auto other = db->Prepare("SELECT ?1", "echo");
  REQUIRE(other.ok());
  other.value().BindInt(1, 7);
  REQUIRE(other.value().Step().value());
  CHECK(other.value().ColumnInt(0) == 7);
  CHECK(again.value().IsNull(0));
}

TEST_CASE("sqlite: a cached statement sees a table created after it was first used") {
  TempDir dir;
  auto db = OpenOrFail(dir.File("schema.db"));
  REQUIRE(db->Exec("CREATE TABLE t (v INTEGER)", "create").ok());
  REQUIRE(db->Run("INSERT INTO t (v) VALUES (1)", "insert").ok());
  REQUIRE(db->Exec("ALTER TABLE t ADD COLUMN w INTEGER DEFAULT 2", "alter").ok());
  REQUIRE(db->Run("INSERT INTO t (v) VALUES (1)", "insert").ok());  // re-prepared by SQLite
  auto s = db->Prepare("SELECT count(*), sum(w) FROM t", "count");
  REQUIRE(s.value().Step().value());
  CHECK(s.value().ColumnInt(0) == 2);
  CHECK(s.value().ColumnInt(1) == 4);
}

}  // namespace
}  // namespace srcbot::store
