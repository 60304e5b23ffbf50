// The reminders on SQLite: fired exactly once, across a restart, found through
// the wake-time index; the on-call rotation kept.
#include <catch2/catch.hpp>

#include "commands/command_service.h"
#include "commands/reminder_tick.h"
#include "store/reminder_rows.h"
#include "tests/store/case_fixtures.h"
#include "tests/store/store_test_support.h"

namespace srcbot::store {
namespace {

using namespace srcbot::store::testing;
using std::chrono::days;
using std::chrono::hours;

commands::ServiceOptions Options() { return commands::ServiceOptions{"C_SRC", {}}; }

// The texts of the pending outbox messages that mention `what`.
std::vector<std::string> Pending(SqliteCaseStore& store, const std::string& what) {
  auto items = store.PendingMessages(1000);
  REQUIRE(items.ok());
  std::vector<std::string> out;
  for (const core::OutboxItem& i : items.value()) {
    if (i.text.find(what) != std::string::npos) out.push_back(i.text);
  }
  return out;
}

int Tick(SqliteCaseStore& store, core::TimePoint now) {
  auto posts = commands::ReminderTick(store, Options(), now);
  INFO(posts.status().message());
  REQUIRE(posts.ok());
  return posts.value();
}

}  // namespace

TEST_CASE("reminders store: a back-dated report pings at the next tick, once, across a restart",
          "[store]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  const std::string path = dir.File("srcbot.db");
  {
    auto store = OpenOrFail(path, clock);
    REQUIRE(store->SeedMembers({"alice", "bob"}, TestNow() - days(100)).ok());
    commands::CommandService service(*store, clock, Options());
    (void)service.Handle({"alice", "C_SRC", "oncall set @bob @alice"});
    auto reply = service.Handle(
        {"alice", "C_SRC", "report \"Signature bypass\" --received 2026-11-24T06:00Z"});
    CHECK(reply.text.empty());
    // The report pings the on-call, who leads it.
    CHECK(Pending(*store, "New report SRC-1").at(0).find("<@bob> is on call and leads it") !=
          std::string::npos);
    CHECK(store->Load(1).value().lead == "bob");

    CHECK(Tick(*store, TestNow()) == 1);
    auto pings = Pending(*store, "reminder for SRC-1");
    REQUIRE(pings.size() == 1);
    CHECK(pings[0].starts_with("<@bob> reminder for SRC-1 (Signature bypass):"));
    CHECK(pings[0].find("*acknowledge* is overdue") != std::string::npos);
    CHECK(Tick(*store, TestNow() + hours(1)) == 0);
  }
  // A second process on the same file: nothing fires twice.
  auto again = OpenOrFail(path, clock);
  CHECK(Tick(*again, TestNow() + hours(2)) == 0);
  CHECK(Pending(*again, "reminder for SRC-1").size() == 1);
  // The daily repeat comes once, a day after the deadline.
  CHECK(Tick(*again, TestNow() + hours(18)) == 1);
  CHECK(Tick(*again, TestNow() + hours(19)) == 0);
  CHECK(Pending(*again, "reminder for SRC-1").size() == 2);
}

TEST_CASE("reminders store: a change to a case is looked at on the next tick", "[store]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("srcbot.db"), clock);
  REQUIRE(store->SeedMembers({"alice"}, TestNow() - days(100)).ok());
  commands::CommandService service(*store, clock, Options());
  (void)service.Handle({"alice", "C_SRC", "oncall set @alice"});
  (void)service.Handle({"alice", "C_SRC", "report \"Leak\""});
  CHECK(Tick(*store, TestNow()) == 0);
  auto due = store->DueCases(TestNow() + hours(1), 10);
  REQUIRE(due.ok());
  CHECK(due.value().empty());
  // `public` compresses the deadlines: the case is due again at once.
  (void)service.Handle({"alice", "C_SRC", "public SRC-1"});
  CHECK(store->DueCases(TestNow(), 10).value() == std::vector<core::CaseId>{1});
  CHECK(Tick(*store, TestNow() + hours(2)) == 1);
  CHECK(Pending(*store, "reminder for SRC-1").at(0).find("<@alice>") == 0);
}

TEST_CASE("reminders store: the due query reads the wake-time index", "[store]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("srcbot.db"), clock);
  auto db = OpenOrFail(dir.File("srcbot.db"));
  auto plan = db->Prepare(
      "EXPLAIN QUERY PLAN SELECT case_id FROM case_reminders WHERE wake_at <= ?1 "
      "ORDER BY wake_at LIMIT ?2",
      "plan");
  REQUIRE(plan.ok());
  plan.value().BindInt(1, 0).BindInt(2, 10);
  std::string details;
  for (;;) {
    auto row = plan.value().Step();
    REQUIRE(row.ok());
    if (!row.value()) break;
    details += plan.value().ColumnText(3) + "\n";
  }
  INFO(details);
  CHECK(details.find("INDEX case_reminders_wake (wake_at<") != std::string::npos);
  CHECK(details.find("SCAN case_reminders\n") == std::string::npos);
}

TEST_CASE("reminders store: state, snooze and the on-call rotation survive a restart", "[store]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  const std::string path = dir.File("srcbot.db");
  {
    auto store = OpenOrFail(path, clock);
    REQUIRE(store->SeedMembers({"alice", "bob"}, TestNow() - days(100)).ok());
    commands::CommandService service(*store, clock, Options());
    (void)service.Handle({"alice", "C_SRC", "oncall set @alice @bob --days 3"});
    (void)service.Handle({"alice", "C_SRC", "oncall swap @bob"});
    (void)service.Handle({"alice", "C_SRC", "report \"Leak\""});
    (void)service.Handle({"alice", "C_SRC", "snooze SRC-1 4h"});
  }
  auto store = OpenOrFail(path, clock);
  auto oncall = store->LoadOnCall();
  REQUIRE(oncall.ok());
  CHECK(oncall.value().rotation.members == std::vector<core::UserId>{"alice", "bob"});
  CHECK(oncall.value().rotation.shift == days(3));
  CHECK(oncall.value().rotation.overrides.at(0) == "bob");
  CHECK(oncall.value().rotation.overrides.at(1) == "alice");
  CHECK(oncall.value().current == "alice");
  CHECK(oncall.value().handover_to == "bob");
  auto state = store->LoadReminders(1);
  REQUIRE(state.ok());
  CHECK(state.value().snoozed_until == TestNow() + hours(4));
  auto timeline = store->Timeline(1);
  REQUIRE(timeline.ok());
  CHECK(timeline.value().back().kind == "snoozed");
}

TEST_CASE("reminders store: the fired column reads back what was written", "[store]") {
  std::vector<core::FiredStep> fired = {{core::DeadlineKind::kAcknowledge, T(100), 2},
                                        {core::DeadlineKind::kRetrospective, T(200), 5}};
  auto back = DecodeFired(EncodeFired(fired));
  REQUIRE(back.size() == 2);
  CHECK(back[1].kind == core::DeadlineKind::kRetrospective);
  CHECK(back[1].due == T(200));
  CHECK(back[1].step == 5);
  CHECK(DecodeFired("9:1:1;x;1:2").empty());
}

}  // namespace srcbot::store

namespace srcbot::store {

TEST_CASE("reminders store: migration 7 schedules the open cases of an older file", "[store]") {
  using namespace srcbot::store::testing;
  TempDir dir;
  const std::string path = dir.File("srcbot.db");
  {
    auto db = OpenOrFail(path);
    std::vector<Migration> up_to_6(Migrations().begin(), Migrations().begin() + 6);
    REQUIRE(ApplyMigrations(*db, up_to_6).ok());
    REQUIRE(db->Exec("INSERT INTO cases (title, via, stage, received_at, reported_at) VALUES "
                     "('Open', 'email', 'triage', 1, 1), ('Done', 'email', 'closed', 1, 1)",
                     "seed")
                .ok());
  }
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(path, clock);
  auto due = store->DueCases(TestNow(), 10);
  REQUIRE(due.ok());
  CHECK(due.value() == std::vector<core::CaseId>{1});
}

}  // namespace srcbot::store
