#include "store/backup.h"

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

core::CaseStore::Creation Titled(std::string title) {
  return [=](core::CaseId id) -> core::Result<core::Change> {
    core::Change change;
    change.after.id = id;
    change.after.title = title;
    change.events.push_back(core::Event());
    change.events[0].kind = "reported";
    change.events[0].text = title;
    return change;
  };
}

TEST_CASE("store: a backup opens with the same cases while the source stays open") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string from = dir.File("srcbot.db");
  std::string to = dir.File("copy.db");
  auto source = SqliteCaseStore::Open(from, clock);
  REQUIRE(source.ok());
  REQUIRE(source.value()->Create(Titled("first")).ok());
  REQUIRE(source.value()->Create(Titled("second")).ok());

  core::Status s = BackupDatabase(from, to);
  INFO(s.message());
  REQUIRE(s.ok());
  REQUIRE(source.value()->Create(Titled("after the backup")).ok());

  auto copy = SqliteCaseStore::Open(to, clock);
  REQUIRE(copy.ok());
  auto cases = copy.value()->List(true);
  REQUIRE(cases.ok());
  REQUIRE(cases.value().size() == 2);
  CHECK(cases.value()[0].title == "first");
  CHECK(cases.value()[1].title == "second");
  CHECK(copy.value()->Timeline(2).value().size() == 1);
  CHECK((fs::status(to).permissions() & fs::perms::others_read) == fs::perms::none);
}

TEST_CASE("store: backup refuses an existing destination and leaves it alone") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string from = dir.File("srcbot.db");
  std::string to = dir.File("exists.db");
  REQUIRE(SqliteCaseStore::Open(from, clock).ok());
  std::ofstream(to) << "keep me";
  core::Status s = BackupDatabase(from, to);
  CHECK(s.code() == core::Code::kConflict);
  CHECK(s.message() == to + " exists");
  CHECK(ReadBytes(to) == "keep me");
}

TEST_CASE("store: backup of a missing or non-database source names it and creates nothing") {
  TempDir dir;
  std::string missing = dir.File("missing.db");
  std::string to = dir.File("copy.db");
  core::Status s = BackupDatabase(missing, to);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find(missing) != std::string::npos);
  CHECK_FALSE(fs::exists(missing));
  CHECK_FALSE(fs::exists(to));

  std::string text = dir.File("text.db");
  std::ofstream(text) << std::string(2000, 'x');
  s = BackupDatabase(text, to);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find(text) != std::string::npos);
  CHECK_FALSE(fs::exists(to));
}

TEST_CASE("store: backup into a missing directory names the destination") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string from = dir.File("srcbot.db");
  REQUIRE(SqliteCaseStore::Open(from, clock).ok());
  std::string to = dir.File("no/dir/copy.db");
  core::Status s = BackupDatabase(from, to);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == core::Code::kUnavailable);
  CHECK(s.message().find(to) != std::string::npos);
}

}  // namespace
}  // namespace srcbot::store
