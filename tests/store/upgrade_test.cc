// Upgrades from every earlier schema version keep what was there; and a
// backup taken while cases are being written holds every case acknowledged
// before it started.
#include <atomic>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "store/backup.h"
#include "store/migrations.h"
#include "store/sqlite_case_store.h"
#include "tests/store/case_fixtures.h"
#include "tests/store/store_test_support.h"

using namespace srcbot;
using namespace srcbot::store;
using namespace srcbot::store::testing;
using srcbot::testing::FakeClock;
using srcbot::testing::TempDir;
using srcbot::testing::TestNow;

TEST_CASE("store: a database from every earlier schema version upgrades with its data", "[ops]") {
  const std::vector<Migration>& all = Migrations();
  for (std::size_t k = 1; k < all.size(); ++k) {
    INFO("from schema " << all[k - 1].version);
    TempDir dir;
    std::string path = dir.File("old.db");
    {
      auto db = OpenOrFail(path);
      REQUIRE(ApplyMigrations(*db, std::vector<Migration>(all.begin(), all.begin() + k)).ok());
      // Rows in the columns schema 1 already had.
      REQUIRE(db->Exec("INSERT INTO cases (id, title, via, stage, received_at, reported_at) "
                       "VALUES (1, 'Old case', 'email', 'triage', 100, 200)",
                       "seed case")
                  .ok());
      REQUIRE(db->Exec("INSERT INTO timeline (case_id, at, kind, text) VALUES (1, 200, 'reported', 'r')",
                       "seed event")
                  .ok());
      REQUIRE(db->Exec("INSERT INTO members (user, joined_at) VALUES ('UALICE', 1)", "seed member").ok());
      REQUIRE(db->Exec("INSERT INTO outbox (channel, text, created_at, updated_at) "
                       "VALUES ('CSRC', 'pending post', 300, 300)",
                       "seed outbox")
                  .ok());
    }
    FakeClock clock{TestNow()};
    auto store = OpenOrFail(path, clock);
    auto c = store->Load(1);
    REQUIRE(c.ok());
    CHECK(c.value().title == "Old case");
    CHECK(c.value().stage == core::Stage::kTriage);
    CHECK(c.value().cvss_vector.empty());  // a column added later reads as its default
    CHECK(store->Timeline(1).value().size() == 1);
    auto pending = store->PendingMessages(10);
    REQUIRE(pending.ok());
    REQUIRE(pending.value().size() == 1);
    CHECK(pending.value()[0].text == "pending post");
    auto members = store->Members();
    REQUIRE(members.ok());
    CHECK(members.value().size() == 1);
    auto version = SchemaVersion(*OpenOrFail(path));
    CHECK(version.value() == LatestSchemaVersion());
  }
}

TEST_CASE("store: a backup under load holds every case committed before it began", "[ops]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  std::string path = dir.File("live.db");
  auto store = OpenOrFail(path, clock);
  std::atomic<bool> stop{false};
  std::atomic<core::CaseId> committed{0};
  std::thread writer([&] {
    while (!stop) {
      auto made = store->Create(Report(core::Case(), {ToChannel("new report")}));
      if (made.ok()) committed = made.value().after.id;
    }
  });
  for (int i = 0; i < 5; ++i) {
    while (committed.load() < (i + 1) * 20) std::this_thread::yield();
    core::CaseId before = committed.load();
    std::string copy = dir.File("backup-" + std::to_string(i) + ".db");
    REQUIRE(BackupDatabase(path, copy).ok());
    auto restored = OpenOrFail(copy, clock);
    auto cases = restored->List(true);
    REQUIRE(cases.ok());
    INFO("backup " << i << ": " << cases.value().size() << " cases, " << before << " committed before");
    REQUIRE(cases.value().size() >= static_cast<std::size_t>(before));
    // A consistent snapshot: ids 1..n with no hole, each with its timeline.
    for (std::size_t n = 0; n < cases.value().size(); ++n) {
      CHECK(cases.value()[n].id == static_cast<core::CaseId>(n + 1));
    }
    CHECK(restored->Timeline(before).value().size() == 1);
  }
  stop = true;
  writer.join();
}
