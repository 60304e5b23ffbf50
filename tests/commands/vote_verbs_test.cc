// vote: committee votes through CommandService, with a fake clock; the last
// test runs them on the SQLite store and reopens it.
#include <catch2/catch.hpp>

#include "store/sqlite_case_store.h"
#include "tests/commands/command_fixture.h"
#include "tests/fakes/temp_dir.h"

namespace srcbot::testing {
namespace {

using std::chrono::hours;

// alice, bob and carol on the SRC, with vendors.
struct Voters : Fixture {
  Voters() {
    store.clock = &clock;
    (void)Run("members add @alice --vendor Acme");
    (void)Run("members add @bob --vendor Globex");
    (void)Run("members add @carol --vendor Initech");
  }
  std::string LastPost() { return store.outbox.empty() ? "" : store.outbox.back().item.text; }
  // Moves to `h` hours after the start and runs the tick, as the serve loop would.
  int TickAt(int h) {
    clock.Set(TestNow() + hours(h));
    return service.CommitteeTick(clock.Now()).value();
  }
  std::vector<core::UserId> Members() {
    std::vector<core::UserId> out;
    auto members = store.Members();
    for (const core::Member& m : members.value()) out.push_back(m.user);
    return out;
  }
};

}  // namespace

TEST_CASE("vote verbs: start replies with the number and posts the question", "[vote]") {
  Voters f;
  Reply reply = f.Run("vote start \"Adopt the new triage rota\" --kind majority --hours 48");
  CHECK(reply.text == "Started vote #1; it closes 2026-11-27 12:00 UTC.");
  CHECK(reply.about.empty());
  const auto& post = f.store.outbox.back().item;
  CHECK(post.channel == "src");
  CHECK(post.text.find("*Vote #1* (majority), opened by <@alice>, closes 2026-11-27 12:00 UTC:\n> "
                       "Adopt the new triage rota") == 0);
  CHECK(post.text.find("Vote with `/src vote yes 1`, `/src vote no 1` or `/src vote abstain 1`") !=
        std::string::npos);
  // Elsewhere the reply carries the whole question.
  Reply elsewhere = f.Run("vote start \"Second question\" --kind lazy", "bob", "D1");
  CHECK(elsewhere.text.find("*Vote #2* (lazy consensus), opened by <@bob>") == 0);
}

TEST_CASE("vote verbs: bad input is refused and changes nothing", "[vote]") {
  Voters f;
  (void)f.Run("vote start \"Q\" --kind super");
  const std::string before = f.Snapshot() + std::to_string(f.store.committee_events.size());
  CHECK(f.Run("vote start \"Q\"")
            .text.find(
                "Error: vote start needs --kind lazy, majority or super\nUsage: /src vote start") ==
        0);
  CHECK(f.Run("vote start --kind lazy").text.find("Error: vote start needs a topic") == 0);
  CHECK(f.Run("vote start \"Q\" --kind unanimous").text.find("Error: --kind must be") == 0);
  CHECK(f.Run("vote start \"Q\" --kind lazy --hours 0").text.find("Error: --hours must be") == 0);
  CHECK(f.Run("vote start \"Q\" --kind lazy --vendor X")
            .text.find("Error: --vendor and --github go with --admit") == 0);
  CHECK(f.Run("vote start --remove @bob --kind lazy")
            .text.find("Error: a removal is decided by super-majority") == 0);
  CHECK(f.Run("vote start --remove @zed").text == "Error: <@zed> is not a full SRC member");
  CHECK(f.Run("vote yes").text.find("Error: vote yes needs one vote number") == 0);
  CHECK(f.Run("vote yes x").text.find("Error: not a vote number: \"x\"") == 0);
  CHECK(f.Run("vote yes 9").text == "Error: no vote #9");
  CHECK(f.Run("vote maybe 1").text.find("Error: vote needs start, yes, no") == 0);
  CHECK(f.Run("vote confirm 1").text.find("Error: vote #1 admits or removes nobody") == 0);
  Reply looks_like_a_case = f.Run("vote 3");
  CHECK(looks_like_a_case.text.find("Error: vote needs start") == 0);
  CHECK(looks_like_a_case.about.empty());  // not judged as case SRC-3
  CHECK(f.Run("vote yes 1", "eve").text.find("Error: only SRC members") == 0);
  CHECK(f.Snapshot() + std::to_string(f.store.committee_events.size()) == before);
}

TEST_CASE("vote verbs: ballots change until the deadline, then the tick closes it once", "[vote]") {
  Voters f;
  (void)f.Run("vote start \"Rotate weekly\" --kind majority");
  CHECK(f.Run("vote no 1", "bob").text.empty());
  CHECK(f.LastPost().find("<@bob> voted on #1: *no*.\nSo far: 0 yes, 1 no, 0 abstain, 2 silent of "
                          "3 active members (2 yes needed).") == 0);
  (void)f.Run("vote yes #1", "bob");
  (void)f.Run("vote yes 1", "alice");
  (void)f.Run("vote abstain 1", "carol");
  Reply shown = f.Run("vote show 1");
  CHECK(shown.text.find("Ballots: <@bob> yes, <@alice> yes, <@carol> abstain.") !=
        std::string::npos);
  CHECK(f.Run("vote show").text ==
        "*Open votes*\n• #1 (majority, closes 2026-11-28 12:00 UTC): Rotate weekly");
  CHECK(f.TickAt(71) == 0);
  CHECK(f.TickAt(72) == 1);
  CHECK(f.LastPost().find("*Vote #1 passed* (majority):\n> Rotate weekly\n2 yes, 0 no, 1 abstain, "
                          "0 silent of 3 active members (2 yes needed).") == 0);
  CHECK(f.TickAt(73) == 0);
  CHECK(f.Run("vote no 1", "carol").text.find("Error: vote #1 is closed: passed (majority)") == 0);
  CHECK(f.Run("vote show").text == "No open votes.");
}

TEST_CASE("vote verbs: an objection turns lazy consensus into a majority vote", "[vote]") {
  Voters f;
  (void)f.Run("vote start \"Move to the new tracker\" --kind lazy --hours 24");
  (void)f.Run("vote no 1", "carol");
  CHECK(f.LastPost().find("That is an objection") != std::string::npos);
  CHECK(f.TickAt(24) == 1);
  CHECK(f.LastPost().find("*Vote #1*: <@carol> objected, so the lazy consensus is now a majority "
                          "vote, closing 2026-11-27 12:00 UTC") == 0);
  CHECK(f.TickAt(30) == 0);
  (void)f.Run("vote yes 1", "alice");
  CHECK(f.TickAt(48) == 1);
  CHECK(f.LastPost().find("*Vote #1 failed* (majority)") == 0);  // 1 yes of 3
}

TEST_CASE("vote verbs: a removal runs to its outcome and the roster follows on confirm", "[vote]") {
  Voters f;
  Reply started = f.Run("vote start --remove @carol");
  CHECK(started.text == "Started vote #1; it closes 2026-11-28 12:00 UTC.");
  CHECK(f.LastPost().find("(super-majority)") != std::string::npos);
  CHECK(f.LastPost().find("> Remove <@carol> from the SRC") != std::string::npos);
  (void)f.Run("vote yes 1", "alice");
  (void)f.Run("vote yes 1", "bob");
  CHECK(f.Run("vote confirm 1").text.find("Error: vote #1 is still open") == 0);
  CHECK(f.TickAt(72) == 1);
  CHECK(f.LastPost().find("An SRC member applies it with `/src vote confirm 1`.") !=
        std::string::npos);
  CHECK(f.Members() == std::vector<core::UserId>{"alice", "bob", "carol"});
  CHECK(f.Run("vote confirm 1", "bob").text.empty());
  CHECK(f.LastPost().find("*Vote #1* confirmed: <@bob> removed <@carol> from the SRC.") == 0);
  CHECK(f.Members() == std::vector<core::UserId>{"alice", "bob"});
  CHECK(f.Run("vote confirm 1").text.find("Error: vote #1 was already applied") == 0);
  CHECK(f.Run("vote show 1").text.find("Applied by <@bob> on 2026-11-28 12:00 UTC.") !=
        std::string::npos);
}

TEST_CASE("vote verbs: an admission by lazy consensus adds the member on confirm", "[vote]") {
  Voters f;
  (void)f.Run("vote start --admit @dana --vendor Hooli --github dana-gh --hours 72");
  CHECK(f.LastPost().find("> Admit <@dana> (Hooli) to the SRC") != std::string::npos);
  CHECK(f.TickAt(72) == 1);
  CHECK(f.LastPost().find("*Vote #1 passed* (by lazy consensus, no objection)") == 0);
  CHECK(f.Run("members", "dana").text.find("Error: only SRC members") == 0);
  (void)f.Run("vote confirm 1", "carol");
  CHECK(f.Members() == std::vector<core::UserId>{"alice", "bob", "carol", "dana"});
  CHECK(f.Run("members").text.find("<@dana> — Hooli, GitHub dana-gh, joined 2026-11-28") !=
        std::string::npos);
}

TEST_CASE("vote verbs: votes survive a restart of the SQLite store", "[vote]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  const std::string path = dir.File("srcbot.db");
  {
    auto store = store::SqliteCaseStore::Open(path, clock);
    REQUIRE(store.ok());
    REQUIRE(store.value()->SeedMembers({"alice", "bob", "carol"}, clock.Now()).ok());
    commands::CommandService service{*store.value(), clock, {"src", core::DeadlinePolicy{}}};
    CHECK(service.Handle({"alice", "src", "vote start \"Adopt it\" --kind super"}).text ==
          "Started vote #1; it closes 2026-11-28 12:00 UTC.");
    CHECK(service.Handle({"bob", "src", "vote yes 1"}).text.empty());
    CHECK(service.Handle({"carol", "src", "vote yes 1"}).text.empty());
  }
  auto store = store::SqliteCaseStore::Open(path, clock);
  REQUIRE(store.ok());
  commands::CommandService service{*store.value(), clock, {"src", core::DeadlinePolicy{}}};
  CHECK(service.Handle({"alice", "D1", "vote show 1"})
            .text.find("Ballots: <@bob> yes, <@carol> yes.") != std::string::npos);
  clock.Advance(hours(72));
  CHECK(service.CommitteeTick(clock.Now()).value() == 1);
  CHECK(service.CommitteeTick(clock.Now()).value() == 0);
  auto pending = store.value()->PendingMessages(100).value();
  CHECK(pending.back().text.find("*Vote #1 passed* (super-majority)") == 0);
  CHECK(pending.back().channel == "src");
}

}  // namespace srcbot::testing
