// oncall and snooze through the command service, on a SQLite store.
#include <catch2/catch.hpp>

#include "commands/command_service.h"
#include "store/sqlite_case_store.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/temp_dir.h"

using namespace srcbot;
using std::chrono::days;
using std::chrono::hours;

namespace {

struct World {
  testing::TempDir dir;
  testing::FakeClock clock{testing::TestNow()};
  std::unique_ptr<store::SqliteCaseStore> store;
  std::unique_ptr<commands::CommandService> service;

  World() {
    auto opened = store::SqliteCaseStore::Open(dir.File("srcbot.db"), clock);
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    REQUIRE(store->SeedMembers({"alice", "bob", "carol"}, clock.Now() - days(100)).ok());
    service = std::make_unique<commands::CommandService>(*store, clock,
                                                         commands::ServiceOptions{"src", {}});
  }

  commands::Reply Run(const std::string& text, const std::string& user = "alice",
                      const std::string& channel = "src") {
    return service->Handle({user, channel, text});
  }

  std::string LastPost() {
    auto items = store->PendingMessages(1000);
    REQUIRE(items.ok());
    REQUIRE_FALSE(items.value().empty());
    return items.value().back().text;
  }
};

}  // namespace

TEST_CASE("oncall verbs: set, show, hand-over with ack, swap", "[commands]") {
  World w;
  CHECK(w.Run("oncall").text.starts_with("No on-call rotation yet"));
  CHECK(w.Run("oncall set @alice @bob @carol").text.empty());
  CHECK(w.LastPost().find("On call now: <@alice>") != std::string::npos);
  // Typed elsewhere, the invoker is told what the post says.
  CHECK(w.Run("oncall", "bob", "D1").text.find("*On call now:* <@alice>") == 0);

  w.clock.Advance(days(7));
  REQUIRE(w.service->ReminderTick(w.clock.Now()).ok());
  CHECK(w.LastPost().find("<@bob>, run `/src oncall ack` to take over") != std::string::npos);
  CHECK(w.Run("oncall ack", "carol").text.starts_with("Error: no hand-over is waiting for you"));
  CHECK(w.Run("oncall ack", "bob").text.empty());
  CHECK(w.LastPost().find("<@bob> took over the on-call from <@alice>") == 0);

  CHECK(w.Run("oncall swap @carol", "bob").text.empty());
  CHECK(w.LastPost().find("<@carol> takes the shift") != std::string::npos);
  CHECK(w.Run("oncall ack", "carol").text.empty());
  CHECK(w.Run("oncall").text.find("*On call now:* <@carol>") == 0);
}

TEST_CASE("oncall verbs: bad arguments and outsiders change nothing", "[commands]") {
  World w;
  CHECK(w.Run("oncall set").text.starts_with("Error: oncall set needs at least one @member"));
  CHECK(w.Run("oncall set @alice --days 0").text.starts_with("Error: --days must be between"));
  CHECK(w.Run("oncall set @alice --days x").text.starts_with("Error: --days must be a whole"));
  CHECK(w.Run("oncall set @alice @eve").text.starts_with("Error: <@eve> is not an SRC member"));
  CHECK(w.Run("oncall ack --days 3").text.starts_with("Error: --days goes with oncall set"));
  CHECK(w.Run("oncall dance").text.starts_with("Error: oncall takes set, ack or swap"));
  CHECK(w.Run("oncall", "eve").text.starts_with("Error: only SRC members"));
  CHECK(w.Run("oncall set @eve", "eve").text.starts_with("Error: only SRC members"));
  CHECK(w.Run("oncall").text.starts_with("No on-call rotation yet"));
}

TEST_CASE("snooze: silences a case's reminders for up to 24 hours, on the timeline", "[commands]") {
  World w;
  (void)w.Run("oncall set @alice");
  (void)w.Run("report \"Leak\" --received 2026-11-24T06:00Z");
  CHECK(w.Run("snooze SRC-1 25h").text.starts_with("Error: a snooze lasts at most 1d 0h"));
  CHECK(w.Run("snooze SRC-1 soon").text.starts_with("Error: the duration must look like"));
  CHECK(w.Run("snooze SRC-1").text.starts_with("Error: snooze needs a case and a duration"));
  CHECK(w.Run("snooze SRC-9 1h").text.starts_with("Error: no case SRC-9"));
  CHECK(w.Run("snooze SRC-1 2h", "eve").text.starts_with("Error: only SRC members"));

  CHECK(w.Run("snooze SRC-1 1h30m").text.empty());
  CHECK(w.LastPost() ==
        "Reminders for SRC-1 snoozed by <@alice> until 2026-11-25 13:30 UTC (1h 30m).");
  auto timeline = w.store->Timeline(1);
  REQUIRE(timeline.ok());
  CHECK(timeline.value().back().kind == "snoozed");
  CHECK(timeline.value().back().actor == "alice");

  REQUIRE(w.service->ReminderTick(w.clock.Now()).value() == 0);
  w.clock.Advance(hours(1));
  REQUIRE(w.service->ReminderTick(w.clock.Now()).value() == 0);
  w.clock.Advance(hours(1));
  REQUIRE(w.service->ReminderTick(w.clock.Now()).value() == 1);
  CHECK(w.LastPost().starts_with("<@alice> reminder for SRC-1 (Leak):"));

  // Elsewhere the reply holds details, so the guard judges it.
  auto off = w.Run("snooze SRC-1 off", "alice", "D1");
  CHECK(off.text == "Reminders for SRC-1 resumed by <@alice>.");
  CHECK(off.about == std::vector<core::CaseId>{1});
  (void)w.Run("close SRC-1 --reason duplicate");
  CHECK(w.Run("snooze SRC-1 1h").text.starts_with("Error: SRC-1 is closed"));
}
