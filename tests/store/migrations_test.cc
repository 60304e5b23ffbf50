#include "store/migrations.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "tests/store/store_test_support.h"

namespace srcbot::store {
namespace {

namespace fs = std::filesystem;
using namespace srcbot::store::testing;

bool HasTable(SqliteConnection& db, const std::string& name) {
  auto s = db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", "lookup");
  REQUIRE(s.ok());
  s.value().BindText(1, name);
  return s.value().Step().value();
}

TEST_CASE("store: migrations are numbered 1..N without gaps") {
  const auto& all = Migrations();
  REQUIRE_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].version == static_cast<int>(i) + 1);
  CHECK(LatestSchemaVersion() == all.back().version);
}

TEST_CASE("store: migration from empty sets user_version and creates the schema") {
  TempDir dir;
  auto db = OpenOrFail(dir.File("m.db"));
  CHECK(SchemaVersion(*db).value() == 0);

  auto report = ApplyMigrations(*db);
  REQUIRE(report.ok());
  CHECK(report.value().from_version == 0);
  CHECK(report.value().to_version == LatestSchemaVersion());
  CHECK(report.value().applied.size() == Migrations().size());
  CHECK(report.value().applied.front() == "1 initial schema");
  CHECK(SchemaVersion(*db).value() == LatestSchemaVersion());
  for (const char* table : {"cases", "case_team", "timeline", "members", "outbox"}) {
    CHECK(HasTable(*db, table));
  }

  auto again = ApplyMigrations(*db);
  REQUIRE(again.ok());
  CHECK(again.value().from_version == LatestSchemaVersion());
  CHECK(again.value().to_version == LatestSchemaVersion());
  CHECK(again.value().applied.empty());
}

TEST_CASE("store: a failing migration keeps the last one that applied") {
  TempDir dir;
  auto db = OpenOrFail(dir.File("f.db"));
  const std::vector<Migration> steps = {
      {1, "first", "CREATE TABLE a (x INTEGER);"},
      {2, "broken", "CREATE TABLE b (x INTEGER); SELEC nonsense;"},
      {3, "never", "CREATE TABLE c (x INTEGER);"},
  };
  auto report = ApplyMigrations(*db, steps);
  REQUIRE_FALSE(report.ok());
  CHECK(report.status().message().find("apply migration 2 (broken)") != std::string::npos);
  CHECK(SchemaVersion(*db).value() == 1);
  CHECK(HasTable(*db, "a"));
  CHECK_FALSE(HasTable(*db, "b"));  // the failed step's own statements rolled back
  CHECK_FALSE(HasTable(*db, "c"));

  const std::vector<Migration> fixed = {steps[0], {2, "fixed", "CREATE TABLE b (x INTEGER);"}};
  auto retry = ApplyMigrations(*db, fixed);
  REQUIRE(retry.ok());
  CHECK(retry.value().from_version == 1);
  CHECK(retry.value().to_version == 2);
  CHECK(retry.value().applied == std::vector<std::string>{"2 fixed"});
}

TEST_CASE("store: migrations refuse a newer schema and change nothing") {
  TempDir dir;
  std::string path = dir.File("n.db");
  auto db = OpenOrFail(path);
  REQUIRE(db->Exec("PRAGMA user_version = 99", "set version").ok());
  auto report = ApplyMigrations(*db);
  REQUIRE_FALSE(report.ok());
  CHECK(report.status().code() == core::Code::kUnavailable);
  CHECK(report.status().message() ==
        path + ": written by a newer srcbot (schema 99, this build knows " +
            std::to_string(LatestSchemaVersion()) + "); refusing to open");
  CHECK(SchemaVersion(*db).value() == 99);
  CHECK_FALSE(HasTable(*db, "cases"));
}

}  // namespace
}  // namespace srcbot::store
