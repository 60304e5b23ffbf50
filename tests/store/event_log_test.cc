// SqliteCaseStore as core::EventLog: the seen_events table of migration 2.
#include <catch2/catch.hpp>
#include <string>

#include "store/migrations.h"
#include "store/sqlite_case_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/store/store_test_support.h"

namespace srcbot::store {
namespace {

using namespace srcbot::store::testing;
using Clock = ::srcbot::testing::FakeClock;

constexpr std::int64_t kStart = 1'800'000'000;
constexpr std::int64_t kHour = 3600;

std::int64_t CountRows(SqliteConnection& db, const char* sql) {
  auto s = db.Prepare(sql, "count");
  REQUIRE(s.ok());
  REQUIRE(s.value().Step().value());
  return s.value().ColumnInt(0);
}

std::unique_ptr<SqliteCaseStore> OpenStore(const std::string& path, const core::Clock& clock) {
  auto store = SqliteCaseStore::Open(path, clock);
  REQUIRE(store.ok());
  return std::move(store).value();
}

TEST_CASE("store: event log reports the first delivery only", "[inbound]") {
  TempDir dir;
  Clock clock{T(kStart)};
  auto store = OpenStore(dir.File("e.db"), clock);
  core::EventLog& log = *store;
  CHECK(log.FirstDelivery("Ev1", T(kStart)).value());
  CHECK_FALSE(log.FirstDelivery("Ev1", T(kStart + 60)).value());
  CHECK_FALSE(log.FirstDelivery("Ev1", T(kStart + 300)).value());
  CHECK(log.FirstDelivery("Ev2", T(kStart + 300)).value());
  CHECK(log.FirstDelivery("", T(kStart)).status().code() == core::Code::kInvalidArgument);

  // Remembered across a restart: it is in the file.
  store.reset();
  auto reopened = OpenStore(dir.File("e.db"), clock);
  CHECK_FALSE(reopened->FirstDelivery("Ev1", T(kStart + 600)).value());
}

TEST_CASE("store: event log keeps ids 48 hours and prunes them after", "[inbound]") {
  TempDir dir;
  Clock clock{T(kStart)};
  auto store = OpenStore(dir.File("p.db"), clock);
  REQUIRE(store->FirstDelivery("old", T(kStart)).value());
  REQUIRE(store->FirstDelivery("recent", T(kStart + 47 * kHour)).value());

  REQUIRE(store->PruneSeenEvents(T(kStart + 48 * kHour)).ok());
  CHECK_FALSE(store->FirstDelivery("old", T(kStart + 48 * kHour)).value());
  REQUIRE(store->PruneSeenEvents(T(kStart + 48 * kHour + 1)).ok());
  CHECK(store->FirstDelivery("old", T(kStart + 48 * kHour + 1)).value());
  CHECK_FALSE(store->FirstDelivery("recent", T(kStart + 48 * kHour + 1)).value());
}

TEST_CASE("store: event log prunes by itself every 100th call", "[inbound]") {
  TempDir dir;
  Clock clock{T(kStart)};
  auto store = OpenStore(dir.File("a.db"), clock);
  REQUIRE(store->FirstDelivery("old", T(kStart)).value());  // call 1 (prunes nothing)
  std::int64_t later = kStart + 49 * kHour;
  for (int i = 2; i <= 99; ++i) {
    REQUIRE(store->FirstDelivery("Ev" + std::to_string(i), T(later)).value());
  }
  CHECK_FALSE(store->FirstDelivery("old", T(later)).value());  // call 100: still remembered
  CHECK(store->FirstDelivery("old", T(later)).value());        // call 101 prunes first
}

TEST_CASE("store: later migrations upgrade a populated version 1 file", "[inbound]") {
  TempDir dir;
  std::string path = dir.File("v1.db");
  {
    auto db = OpenOrFail(path);
    REQUIRE(ApplyMigrations(*db, {Migrations().front()}).ok());
    REQUIRE(db->Exec("INSERT INTO members (user, joined_at) VALUES ('UALICE', 1)", "seed").ok());
  }
  auto report = SqliteCaseStore::Migrate(path);
  REQUIRE(report.ok());
  CHECK(report.value().from_version == 1);
  CHECK(report.value().to_version == LatestSchemaVersion());
  REQUIRE(report.value().applied.size() >= 3);
  CHECK(report.value().applied[0] == "2 seen events");
  CHECK(report.value().applied[1] == "3 outbox buttons");
  CHECK(report.value().applied[2] == "4 public fields, cvss vector, embargo decisions");

  auto db = OpenOrFail(path);
  CHECK(CountRows(*db, "SELECT count(*) FROM members") == 1);
  CHECK(CountRows(*db, "SELECT count(*) FROM seen_events") == 0);
  CHECK(CountRows(*db, "SELECT count(*) FROM pragma_table_info('outbox') WHERE name = 'offers'") == 1);
  CHECK(CountRows(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'seen_events_received'") ==
        1);
}

}  // namespace
}  // namespace srcbot::store
