// SqliteCaseStore::Open and Migrate on files it must refuse, and the
// settings it applies to the ones it accepts.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "store/sqlite_case_store.h"
#include "tests/store/store_test_support.h"

namespace srcbot::store {
namespace {

namespace fs = std::filesystem;
using namespace srcbot::store::testing;

std::string QueryText(SqliteConnection& db, const char* sql) {
  auto s = db.Prepare(sql, "query");
  REQUIRE(s.ok());
  REQUIRE(s.value().Step().value());
  return s.value().ColumnText(0);
}

TEST_CASE("store: Open sets WAL and applies migrations; Migrate reports versions") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string path = dir.File("srcbot.db");
  auto first = SqliteCaseStore::Migrate(path);
  REQUIRE(first.ok());
  CHECK(first.value().from_version == 0);
  CHECK(first.value().to_version == LatestSchemaVersion());
  CHECK_FALSE(first.value().applied.empty());
  auto second = SqliteCaseStore::Migrate(path);
  REQUIRE(second.ok());
  CHECK(second.value().from_version == LatestSchemaVersion());
  CHECK(second.value().applied.empty());

  REQUIRE(SqliteCaseStore::Open(path, clock).ok());
  // Owner-only: the file holds embargoed reports.
  CHECK((fs::status(path).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
        fs::perms::none);
  auto raw = SqliteConnection::Open(path, SqliteConnection::Mode::kReadWrite);
  REQUIRE(raw.ok());
  CHECK(QueryText(*raw.value(), "PRAGMA journal_mode") == "wal");
  CHECK(QueryText(*raw.value(), "PRAGMA user_version") == std::to_string(LatestSchemaVersion()));
}

TEST_CASE("store: a newer schema is refused and the file left untouched") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string path = dir.File("srcbot.db");
  {
    REQUIRE(SqliteCaseStore::Open(path, clock).ok());
    auto raw = SqliteConnection::Open(path, SqliteConnection::Mode::kReadWrite);
    REQUIRE(raw.ok());
    REQUIRE(raw.value()->Exec("PRAGMA user_version = 99", "set version").ok());
  }
  std::string before = ReadBytes(path);
  auto store = SqliteCaseStore::Open(path, clock);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == core::Code::kUnavailable);
  CHECK(store.status().message() ==
        path + ": written by a newer srcbot (schema 99, this build knows " +
            std::to_string(LatestSchemaVersion()) + "); refusing to open");
  CHECK(SqliteCaseStore::Migrate(path).status().code() == core::Code::kUnavailable);
  CHECK(ReadBytes(path) == before);
}

TEST_CASE("store: a file that is not SQLite is refused and left byte-identical") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string path = dir.File("notes.db");
  std::string text;
  for (int i = 0; i < 200; ++i) text += "line " + std::to_string(i) + ": not a database\n";
  std::ofstream(path, std::ios::binary) << text;

  auto store = SqliteCaseStore::Open(path, clock);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == core::Code::kUnavailable);
  CHECK(store.status().message().find(path) != std::string::npos);
  CHECK(store.status().message().find("file is not a database") != std::string::npos);
  CHECK(ReadBytes(path) == text);
  CHECK_FALSE(fs::exists(path + "-wal"));
  CHECK_FALSE(fs::exists(path + "-journal"));
}

TEST_CASE("store: a missing or read-only directory is refused naming the path") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string missing = dir.File("no/such/dir/srcbot.db");
  auto store = SqliteCaseStore::Open(missing, clock);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == core::Code::kUnavailable);
  CHECK(store.status().message().find(missing) != std::string::npos);

  fs::path locked = dir.path() / "locked";
  fs::create_directories(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  std::string path = (locked / "srcbot.db").string();
  // Root ignores directory permissions; /proc refuses new files to everyone.
  if (::access(locked.c_str(), W_OK) == 0) path = "/proc/srcbot_store_test.db";
  store = SqliteCaseStore::Open(path, clock);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().message().find(path) != std::string::npos);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("store: a read-only database file is refused naming the path") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string path = dir.File("ro.db");
  REQUIRE(SqliteCaseStore::Open(path, clock).ok());
  fs::permissions(path, fs::perms::owner_read);
  if (::access(path.c_str(), W_OK) == 0) {
    WARN("running as root: file permissions are not enforced, check skipped");
    return;
  }
  auto store = SqliteCaseStore::Open(path, clock);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().message().find(path) != std::string::npos);
  CHECK(store.status().message().find("read-only") != std::string::npos);
}

}  // namespace
}  // namespace srcbot::store
