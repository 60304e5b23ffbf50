// members: the roster verbs through CommandService, with a fake clock.
#include <catch2/catch.hpp>

#include "tests/commands/command_fixture.h"

namespace srcbot::testing {
namespace {

using std::chrono::days;

// alice and bob (seeded, no vendor) plus carol; the store's clock is the fixture's.
struct Roster : Fixture {
  Roster() {
    store.clock = &clock;
    (void)Run("members add @alice --vendor Acme --github alice-gh");
    (void)Run("members add @bob --vendor Globex");
    (void)Run("members add @carol --vendor Initech");
  }
  std::vector<core::UserId> Members() {
    std::vector<core::UserId> out;
    auto members = store.Members();
    for (const core::Member& m : members.value()) out.push_back(m.user);
    return out;
  }
  std::string LastPost() { return store.outbox.empty() ? "" : store.outbox.back().item.text; }
  std::string State() { return Snapshot() + "|" + std::to_string(store.committee_events.size()); }
};

}  // namespace

TEST_CASE("members: only SRC members may see or change the roster", "[committee]") {
  Roster f;
  CHECK(f.Run("members", "eve").text == "Error: only SRC members can do that. Try /src help.");
  CHECK(f.Run("members add @eve --vendor Evil", "eve").text.find("Error: only SRC members") == 0);
}

TEST_CASE("members: the list shows terms and the warnings, which clear", "[committee]") {
  Fixture f;
  f.store.clock = &f.clock;
  Reply before = f.Run("members");
  CHECK(before.text.find("*SRC members* (2)") == 0);
  CHECK(before.text.find("The SRC has 2 members; the policy asks for 3–5.") != std::string::npos);
  CHECK(before.text.find("No vendor recorded for <@alice>, <@bob>") != std::string::npos);
  CHECK(f.Run("members add @alice --vendor Acme --github alice-gh").text.empty());
  CHECK(f.store.outbox.back().item.channel == "src");
  CHECK(f.store.outbox.back().item.text.find(
            "<@alice> updated <@alice>: vendor Acme, GitHub alice-gh.") == 0);
  (void)f.Run("members add @bob --vendor Acme");
  (void)f.Run("members add @carol --vendor ACME");
  Reply lopsided = f.Run("members");
  CHECK(lopsided.text.find("*Acme* has 3 of 3 members") != std::string::npos);
  (void)f.Run("members add @bob --vendor Globex");
  Reply balanced = f.Run("members");
  CHECK(balanced.text.find("*SRC members* (3)") == 0);
  CHECK(balanced.text.find("<@alice> — Acme, GitHub alice-gh, joined 2026-11-25, active") !=
        std::string::npos);
  CHECK(balanced.text.find("Roster warnings") == std::string::npos);
  CHECK(f.store.outbox.back().item.text.find("No roster warnings now.") != std::string::npos);
}

TEST_CASE("members: bad input is refused and changes nothing", "[committee]") {
  Roster f;
  const std::string before = f.State();
  CHECK(f.Run("members add @dana")
            .text.find("Error: members add needs --vendor &lt;name&gt;\nUsage:") == 0);
  CHECK(f.Run("members add @dana --vendor X --github -bad-").text.find("Error: --github must be") ==
        0);
  CHECK(f.Run("members add dana --vendor X").text.find("Error: expected a user") == 0);
  CHECK(f.Run("members remove @zed").text == "Error: <@zed> is not an SRC member");
  CHECK(f.Run("members fire @bob").text.find("Error: members needs add, remove") == 0);
  CHECK(f.Run("members add @dana --vendor X --from 2026-12-01")
            .text.find("Error: members add takes no --from") == 0);
  CHECK(f.Run("members --vendor X").text.find("Error: members takes no --vendor") == 0);
  CHECK(f.Run("members tz @bob Mars/Olympus 09-17").text.find("Error: not an IANA time zone") == 0);
  CHECK(
      f.Run("members tz @bob Europe/Berlin 9-5").text.find("Error: working hours must look like") ==
      0);
  CHECK(f.Run("members leave @bob --from 2026-12-01").text.find("Error: leave needs --to") == 0);
  CHECK(f.Run("members leave @bob --from 2026-12-01 --to 2026-13-01")
            .text.find("Error: --to must be a day") == 0);
  CHECK(f.State() == before);
}

TEST_CASE("members: a leave of two weeks is refused without a cover", "[committee]") {
  Roster f;
  const std::string before = f.State();
  Reply refused = f.Run("members leave @bob --from 2026-12-01 --to 2026-12-14");
  CHECK(refused.text.find("Error: a leave of two weeks or more needs a cover: add --cover @user") ==
        0);
  CHECK(f.State() == before);
  CHECK(f.Run("members leave @bob --from 2026-12-01 --to 2026-12-14 --cover @carol").text.empty());
  CHECK(f.LastPost().find(
            "recorded <@bob>'s leave 2026-12-01 → 2026-12-14 (14 days), covered by <@carol>.") !=
        std::string::npos);
  f.clock.Set(*core::ParseIsoTime("2026-12-02T09:00Z"));
  CHECK(f.Run("members").text.find(
            "<@bob> — Globex, joined 2026-11-25, *on leave* until 2026-12-14 (cover <@carol>)") !=
        std::string::npos);
  // The cover steps down: the leave is uncovered, and the roster says so.
  (void)f.Run("members add @dan --vendor Hooli");
  (void)f.Run("members emeritus @carol");
  CHECK(f.Run("members").text.find("<@bob>'s leave 2026-12-01 → 2026-12-14 has no cover") !=
        std::string::npos);
}

TEST_CASE("members: an outside cover is a temporary member for the period only", "[committee]") {
  Roster f;
  CHECK(f.Run("members leave @bob --from 2026-12-01 --to 2026-12-31 --cover @dana").text.empty());
  CHECK(f.LastPost().find("covered by <@dana> as a temporary member") != std::string::npos);
  CHECK(f.Members() == std::vector<core::UserId>{"alice", "bob", "carol"});
  CHECK(f.Run("members", "dana").text.find("Error: only SRC members") == 0);

  f.clock.Set(*core::ParseIsoTime("2026-12-01T00:00Z"));
  CHECK(f.Members() == std::vector<core::UserId>{"alice", "bob", "carol", "dana"});
  Reply seen = f.Run("members", "dana");
  CHECK(seen.text.find("*Temporary members*\n• <@dana> — temporary member covering <@bob>'s leave, "
                       "2026-12-01 → 2026-12-31") != std::string::npos);

  // At the end of the period the rights go at once; the tick announces it, once.
  f.clock.Set(*core::ParseIsoTime("2026-12-31T12:00Z"));
  (void)f.Run("help", "alice");  // nobody else is idle for a month meanwhile
  (void)f.Run("help", "carol");
  f.clock.Set(*core::ParseIsoTime("2027-01-01T00:00Z"));
  CHECK(f.Members() == std::vector<core::UserId>{"alice", "bob", "carol"});
  CHECK(f.Run("members", "dana").text.find("Error: only SRC members") == 0);
  REQUIRE(f.service.CommitteeTick(f.clock.Now()).value() == 1);
  CHECK(f.LastPost().find(
            "<@dana>'s temporary membership, covering <@bob>'s leave, ended on 2027-01-01") == 0);
  CHECK(f.service.CommitteeTick(f.clock.Now()).value() == 0);
}

TEST_CASE("members: emeritus and remove take rights away and keep the dates", "[committee]") {
  Roster f;
  f.clock.Advance(days(10));
  CHECK(f.Run("members emeritus @bob").text.empty());
  CHECK(f.LastPost().find("moved <@bob> to the emeritus list (member 2026-11-25 → 2026-12-05). "
                          "Thank you, <@bob>!") != std::string::npos);
  CHECK(f.Members() == std::vector<core::UserId>{"alice", "carol"});
  CHECK(f.Run("members", "bob").text.find("Error: only SRC members") == 0);
  CHECK(f.Run("members --emeritus").text ==
        "*SRC members emeritus* — thank you!\n• <@bob> — Globex, member 2026-11-25 → 2026-12-05");
  CHECK(f.Run("members remove @carol").text.empty());
  CHECK(f.Run("members remove @alice").text ==
        "Error: <@alice> is the last SRC member: add someone first");
  CHECK(f.Members() == std::vector<core::UserId>{"alice"});
  CHECK(f.Run("members --emeritus").text.find("carol") == std::string::npos);
  // Coming back is an add.
  CHECK(f.Run("members add @bob --vendor Globex").text.empty());
  CHECK(f.Members() == std::vector<core::UserId>{"alice", "bob"});
}

TEST_CASE("members: working hours are stored and shown", "[committee]") {
  Roster f;
  CHECK(f.Run("members tz @carol America/New_York 09-17", "bob", "D1").text ==
        "<@bob> set <@carol>'s working hours: America/New_York 09–17.");
  CHECK(f.Run("members").text.find("<@carol> — Initech, America/New_York 09–17, joined") !=
        std::string::npos);
  CHECK(f.store.committee.roster.at(2).hours->start_hour == 9);
}

TEST_CASE("members: every command stamps activity; a month without is flagged once",
          "[committee]") {
  Roster f;
  f.clock.Advance(days(20));
  (void)f.Run("help", "bob");
  CHECK(core::FindMember(f.store.committee.roster, "bob")->last_active_at == f.clock.Now());
  f.clock.Advance(days(10));  // alice and carol: 30 days since they joined
  (void)f.Run("help", "alice");
  REQUIRE(f.service.CommitteeTick(f.clock.Now()).value() == 1);
  CHECK(f.LastPost().find(
            "<@carol> has had no activity for 30 days (since 2026-11-25) and is not on leave.") ==
        0);
  CHECK(f.LastPost().find("`/src vote start --remove` <@carol>") != std::string::npos);
  CHECK(f.service.CommitteeTick(f.clock.Now() + days(5)).value() == 0);
  f.clock.Advance(std::chrono::hours(1));
  (void)f.Run("help", "carol");
  f.clock.Advance(days(31));
  CHECK(f.service.CommitteeTick(f.clock.Now()).value() == 3);
}

TEST_CASE("members: history lists the committee timeline", "[committee]") {
  Roster f;
  Reply history = f.Run("members history");
  CHECK(
      history.text.find(
          "*Committee timeline* (latest 20)\n• 2026-11-25 12:00 UTC — <@alice> updated <@alice>") ==
      0);
  CHECK(history.text.find("<@alice> added <@carol> to the SRC (vendor Initech).") !=
        std::string::npos);
}

}  // namespace srcbot::testing
