#include "store/sqlite_committee_store.h"

#include <catch2/catch.hpp>

#include "core/vote_changes.h"
#include "tests/store/case_fixtures.h"
#include "tests/store/store_test_support.h"

namespace srcbot::store {
namespace {

using namespace srcbot::store::testing;
using std::chrono::days;
using std::chrono::hours;

core::Message ToSrc(const std::string& text) {
  core::Message m;
  m.audience = core::Audience::kChannel;
  m.target = "C_SRC";
  m.text = text;
  return m;
}

std::vector<core::UserId> Users(const std::vector<core::Member>& members) {
  std::vector<core::UserId> out;
  for (const core::Member& m : members) out.push_back(m.user);
  return out;
}

core::RosterEntry Row(const std::string& user, core::MemberStatus status, core::TimePoint joined) {
  core::RosterEntry e;
  e.user = user;
  e.vendor = "acme";
  e.status = status;
  e.joined_at = joined;
  return e;
}

core::CommitteeStore& CommitteeOf(SqliteCaseStore& store) {
  REQUIRE(store.Committee() != nullptr);
  return *store.Committee();
}

}  // namespace

TEST_CASE("committee store: Members() is who holds SRC rights at the clock's now", "[store]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("srcbot.db"), clock);
  REQUIRE(store->SeedMembers({"alice", "bob"}, TestNow() - days(100)).ok());
  auto written = CommitteeOf(*store).UpdateCommittee([&](const core::Committee&) {
    core::CommitteeChange change;
    core::RosterEntry emeritus = Row("dan", core::MemberStatus::kEmeritus, TestNow() - days(900));
    emeritus.left_at = TestNow() - days(10);
    core::RosterEntry cover = Row("dana", core::MemberStatus::kTemporary, TestNow() + days(5));
    cover.until = TestNow() + days(40);
    cover.covers = "bob";
    core::RosterEntry expired = Row("erin", core::MemberStatus::kExpired, TestNow() - days(50));
    expired.until = TestNow() - days(20);
    core::RosterEntry removed = Row("fay", core::MemberStatus::kRemoved, TestNow() - days(50));
    core::RosterEntry away = Row("bob", core::MemberStatus::kActive, TestNow() - days(100));
    away.leave = core::Leave{TestNow(), TestNow() + days(40), "dana"};
    change.roster = {emeritus, cover, expired, removed, away};
    return core::Result<core::CommitteeChange>(change);
  });
  REQUIRE(written.ok());
  CHECK(Users(store->Members().value()) == std::vector<core::UserId>{"alice", "bob"});
  clock.Set(TestNow() + days(5));
  CHECK(Users(store->Members().value()) == std::vector<core::UserId>{"alice", "bob", "dana"});
  clock.Set(TestNow() + days(40));  // the cover's period is over: no more rights, at once
  CHECK(Users(store->Members().value()) == std::vector<core::UserId>{"alice", "bob"});
}

TEST_CASE("committee store: the roster round-trips every field", "[store]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("srcbot.db"), clock);
  core::RosterEntry e = Row("bob", core::MemberStatus::kActive, T(1000));
  e.github = "bob-gh";
  e.leave = core::Leave{T(2000), T(3000), "carol"};
  e.hours = core::WorkingHours{"Europe/Berlin", 22, 6};
  e.last_active_at = T(4000);
  e.inactivity_flagged_at = T(5000);
  core::RosterEntry t = Row("dana", core::MemberStatus::kTemporary, T(2000));
  t.until = T(3000);
  t.covers = "bob";
  t.left_at = T(2500);
  REQUIRE(CommitteeOf(*store)
              .UpdateCommittee([&](const core::Committee&) {
                core::CommitteeChange change;
                change.roster = {e, t};
                return core::Result<core::CommitteeChange>(change);
              })
              .ok());
  auto c = CommitteeOf(*store).LoadCommittee();
  REQUIRE(c.ok());
  REQUIRE(c.value().roster.size() == 2);
  const core::RosterEntry& b = c.value().roster[0];
  CHECK(b.user == "bob");
  CHECK(b.github == "bob-gh");
  CHECK(b.leave->from == T(2000));
  CHECK(b.leave->until == T(3000));
  CHECK(b.leave->cover == "carol");
  CHECK(b.hours->zone == "Europe/Berlin");
  CHECK(b.hours->start_hour == 22);
  CHECK(b.hours->end_hour == 6);
  CHECK(b.last_active_at == T(4000));
  CHECK(b.inactivity_flagged_at == T(5000));
  CHECK_FALSE(b.until);
  const core::RosterEntry& d = c.value().roster[1];
  CHECK(d.status == core::MemberStatus::kTemporary);
  CHECK(d.until == T(3000));
  CHECK(d.covers == "bob");
  CHECK(d.left_at == T(2500));
  CHECK_FALSE(d.leave);
  CHECK_FALSE(d.hours);

  REQUIRE(CommitteeOf(*store).RecordActivity("bob", T(9000)).ok());
  REQUIRE(CommitteeOf(*store).RecordActivity("bob", T(8000)).ok());  // never goes back
  REQUIRE(CommitteeOf(*store).RecordActivity("nobody", T(9000)).ok());
  CHECK(CommitteeOf(*store).LoadCommittee().value().roster[0].last_active_at == T(9000));
  // Under an hour later the stamp stays (no write on a command's path); past
  // the hour it moves, also after a committee change emptied the cache.
  REQUIRE(CommitteeOf(*store).RecordActivity("bob", T(9000 + 1800)).ok());
  CHECK(CommitteeOf(*store).LoadCommittee().value().roster[0].last_active_at == T(9000));
  REQUIRE(CommitteeOf(*store).UpdateCommittee([](const core::Committee&) {
    return core::Result<core::CommitteeChange>(core::CommitteeChange{});
  }).ok());
  REQUIRE(CommitteeOf(*store).RecordActivity("bob", T(9000 + 3000)).ok());
  CHECK(CommitteeOf(*store).LoadCommittee().value().roster[0].last_active_at == T(9000));
  REQUIRE(CommitteeOf(*store).RecordActivity("bob", T(9000 + 3700)).ok());
  CHECK(CommitteeOf(*store).LoadCommittee().value().roster[0].last_active_at == T(12700));
}

TEST_CASE("committee store: votes, ballots and the timeline survive a restart", "[store]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  {
    auto store = OpenOrFail(dir.File("srcbot.db"), clock);
    REQUIRE(store->SeedMembers({"alice", "bob", "carol"}, TestNow()).ok());
    auto started = CommitteeOf(*store).UpdateCommittee([&](const core::Committee& c) {
      core::VoteRequest r{.topic = "Adopt <the> policy", .kind = core::VoteKind::kLazy};
      auto change = core::StartVote(c, r, {"alice", true, "C_SRC"}, TestNow());
      if (change.ok()) change.value().messages[0] = ToSrc(change.value().messages[0].text);
      return change;
    });
    REQUIRE(started.ok());
    CHECK(started.value().votes.at(0).id == 1);
    for (const char* who : {"bob", "carol", "bob"}) {
      auto cast = CommitteeOf(*store).UpdateCommittee([&](const core::Committee& c) {
        auto choice = std::string(who) == "carol" ? core::Choice::kAbstain : core::Choice::kNo;
        auto change = core::CastBallot(c, 1, choice, {who, true, "C_SRC"}, TestNow() + hours(1));
        if (change.ok()) change.value().messages.clear();
        return change;
      });
      REQUIRE(cast.ok());
    }
    CHECK(store->PendingMessages(10).value().size() == 1);  // the vote's post, in the outbox
  }
  auto store = OpenOrFail(dir.File("srcbot.db"), clock);
  auto c = CommitteeOf(*store).LoadCommittee();
  REQUIRE(c.ok());
  REQUIRE(c.value().votes.size() == 1);
  const core::Vote& v = c.value().votes[0];
  CHECK(v.topic == "Adopt &lt;the&gt; policy");
  CHECK(v.kind == core::VoteKind::kLazy);
  CHECK(v.window == hours(72));
  CHECK(v.deadline == TestNow() + hours(72));
  CHECK(v.opened_by == "alice");
  CHECK(v.state == core::VoteState::kOpen);
  REQUIRE(v.ballots.size() == 2);
  CHECK(v.ballots[0].voter == "bob");
  CHECK(v.ballots[0].choice == core::Choice::kNo);
  CHECK(v.ballots[1].voter == "carol");
  CHECK(v.ballots[1].choice == core::Choice::kAbstain);
  CHECK(c.value().next_vote_id == 2);
  auto timeline = CommitteeOf(*store).CommitteeTimeline(10);
  REQUIRE(timeline.ok());
  REQUIRE(timeline.value().size() == 4);
  CHECK(timeline.value()[0].kind == "vote-started");
  CHECK(timeline.value()[0].vote == 1);
  CHECK(CommitteeOf(*store).CommitteeTimeline(1).value().at(0).actor == "bob");
}

TEST_CASE("committee store: a failed change writes nothing", "[store]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto store = OpenOrFail(dir.File("srcbot.db"), clock);
  REQUIRE(store->SeedMembers({"alice"}, TestNow()).ok());
  core::CommitteeChange change;
  change.roster = {Row("zed", core::MemberStatus::kActive, TestNow())};
  change.events = {{TestNow(), "alice", "member-added", "zed", 0}};
  change.messages = {core::Message{}};  // still addressed to the SRC channel
  auto unaddressed = CommitteeOf(*store).UpdateCommittee(
      [&](const core::Committee&) { return core::Result<core::CommitteeChange>(change); });
  CHECK(unaddressed.status().code() == core::Code::kInternal);
  auto refused = CommitteeOf(*store).UpdateCommittee([&](const core::Committee&) {
    return core::Result<core::CommitteeChange>(core::Status::Invalid("no"));
  });
  CHECK(refused.status().code() == core::Code::kInvalidArgument);
  change.messages.clear();
  core::Vote stray;
  stray.id = 7;
  change.votes = {stray};
  auto skipped = CommitteeOf(*store).UpdateCommittee(
      [&](const core::Committee&) { return core::Result<core::CommitteeChange>(change); });
  CHECK(skipped.status().code() == core::Code::kInternal);
  CHECK(Users(store->Members().value()) == std::vector<core::UserId>{"alice"});
  CHECK(CommitteeOf(*store).CommitteeTimeline(10).value().empty());
  CHECK(store->PendingMessages(10).value().empty());
}

TEST_CASE("committee store: opening needs a migrated file", "[store]") {
  TempDir dir;
  FakeClock clock{TestNow()};
  auto raw = OpenOrFail(dir.File("bare.db"));
  auto opened = SqliteCommitteeStore::Open(dir.File("bare.db"), clock);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.status().message().find("has no committee tables") != std::string::npos);
}

TEST_CASE("committee store: an in-memory case store has none, and still opens", "[store]") {
  FakeClock clock{TestNow()};
  auto store = SqliteCaseStore::Open(":memory:", clock);
  REQUIRE(store.ok());
  CHECK(store.value()->Committee() == nullptr);
  REQUIRE(store.value()->SeedMembers({"alice"}, TestNow()).ok());
  CHECK(Users(store.value()->Members().value()) == std::vector<core::UserId>{"alice"});
}

}  // namespace srcbot::store
