#include "core/vote.h"

#include <catch2/catch.hpp>

#include "core/committee_tick.h"
#include "core/roster_changes.h"
#include "core/vote_changes.h"
#include "tests/core/committee_fixtures.h"

using namespace srcbot::core;
using namespace srcbot::testing;
using std::chrono::hours;

namespace {

Committee Members(int n) {
  Committee c;
  const char* names[] = {"alice", "bob", "carol", "dan", "erin", "fay"};
  const char* vendors[] = {"a", "b", "c", "d", "e", "f"};
  for (int i = 0; i < n; ++i) c.roster.push_back(Full(names[i], vendors[i]));
  return c;
}

// Starts a vote of `kind`, casts `ballots` ("alice:yes") and returns its id.
VoteId Run(Committee& c, VoteKind kind, const std::vector<std::string>& ballots) {
  VoteRequest r;
  r.topic = "Adopt the new process";
  r.kind = kind;
  auto started = StartVote(c, r, ActorFor("alice"), TestNow());
  REQUIRE(started.ok());
  Apply(c, started.value());
  VoteId id = started.value().votes.at(0).id;
  // Yes / No / Abstain under the post that opens it.
  CHECK(started.value().messages.back().offers == "vote:" + std::to_string(id));
  for (const std::string& b : ballots) {
    auto colon = b.find(':');
    auto cast = CastBallot(c, id, *ParseChoice(b.substr(colon + 1)), ActorFor(b.substr(0, colon)),
                           TestNow() + hours(1));
    REQUIRE(cast.ok());
    Apply(c, cast.value());
  }
  return id;
}

// Closes everything due at the default deadline and returns vote `id` after it.
Vote Close(Committee& c, VoteId id, TimePoint at = TestNow() + hours(72)) {
  for (RosterEntry& e : c.roster) e.last_active_at = at;  // nobody idle
  Apply(c, DueCommitteeWork(c, at));
  return *c.FindVote(id);
}

}  // namespace

TEST_CASE("vote: yes votes needed for majority and super-majority", "[vote]") {
  CHECK(YesNeeded(VoteKind::kMajority, 3) == 2);
  CHECK(YesNeeded(VoteKind::kMajority, 4) == 3);
  CHECK(YesNeeded(VoteKind::kMajority, 5) == 3);
  CHECK(YesNeeded(VoteKind::kSuper, 3) == 2);
  CHECK(YesNeeded(VoteKind::kSuper, 4) == 3);
  CHECK(YesNeeded(VoteKind::kSuper, 5) == 4);
  CHECK(YesNeeded(VoteKind::kSuper, 6) == 4);
  CHECK(YesNeeded(VoteKind::kLazy, 5) == 0);
}

TEST_CASE("vote: majority is more than half, a tie fails", "[vote]") {
  Committee c = Members(4);
  VoteId tie = Run(c, VoteKind::kMajority, {"alice:yes", "bob:yes", "carol:no", "dan:no"});
  CHECK(Close(c, tie).state == VoteState::kFailed);
  c = Members(4);
  VoteId three = Run(c, VoteKind::kMajority, {"alice:yes", "bob:yes", "carol:yes"});
  Vote v = Close(c, three);
  CHECK(v.state == VoteState::kPassed);
  CHECK(v.result ==
        "passed (majority): 3 yes, 0 no, 0 abstain, 1 silent of 4 active members (3 yes needed)");
}

TEST_CASE("vote: abstentions and silence count as not-yes", "[vote]") {
  Committee c = Members(5);
  VoteId id = Run(c, VoteKind::kMajority, {"alice:yes", "bob:yes", "carol:abstain", "dan:abstain"});
  CHECK(Close(c, id).state == VoteState::kFailed);  // 2 of 5
  c = Members(3);
  id = Run(c, VoteKind::kMajority, {"alice:yes", "bob:yes", "carol:abstain"});
  CHECK(Close(c, id).state == VoteState::kPassed);  // 2 of 3
}

TEST_CASE("vote: super-majority is at least two thirds", "[vote]") {
  struct Row {
    int members;
    int yes;
    VoteState expected;
  };
  for (Row row :
       {Row{3, 2, VoteState::kPassed}, Row{3, 1, VoteState::kFailed}, Row{4, 3, VoteState::kPassed},
        Row{4, 2, VoteState::kFailed}, Row{5, 4, VoteState::kPassed}, Row{5, 3, VoteState::kFailed},
        Row{6, 4, VoteState::kPassed}}) {
    Committee c = Members(row.members);
    std::vector<std::string> ballots;
    const char* names[] = {"alice", "bob", "carol", "dan", "erin", "fay"};
    for (int i = 0; i < row.members; ++i)
      ballots.push_back(std::string(names[i]) + (i < row.yes ? ":yes" : ":no"));
    VoteId id = Run(c, VoteKind::kSuper, ballots);
    INFO(row.members << " members, " << row.yes << " yes");
    CHECK(Close(c, id).state == row.expected);
  }
}

TEST_CASE("vote: lazy consensus passes without objection, even in silence", "[vote]") {
  Committee c = Members(4);
  VoteId id = Run(c, VoteKind::kLazy, {"bob:abstain"});
  Vote v = Close(c, id);
  CHECK(v.state == VoteState::kPassed);
  CHECK(v.result.find("passed (by lazy consensus, no objection)") == 0);
}

TEST_CASE("vote: an objection turns lazy consensus into a majority vote with a new deadline",
          "[vote]") {
  Committee c = Members(4);
  VoteId id = Run(c, VoteKind::kLazy, {"alice:yes", "bob:no"});
  const TimePoint first_deadline = TestNow() + hours(72);
  for (RosterEntry& e : c.roster) e.last_active_at = first_deadline;
  auto converted = DueCommitteeWork(c, first_deadline + std::chrono::seconds(30));
  REQUIRE(converted.messages.size() == 1);
  CHECK(converted.messages[0].text.find("<@bob> objected") != std::string::npos);
  Apply(c, converted);
  Vote v = *c.FindVote(id);
  CHECK(v.state == VoteState::kOpen);
  CHECK(v.kind == VoteKind::kMajority);
  CHECK(v.converted);
  CHECK(v.deadline == first_deadline + std::chrono::seconds(30) + hours(72));
  // It fires once: nothing more is due until the new deadline.
  CHECK(DueCommitteeWork(c, first_deadline + hours(1)).votes.empty());
  // Ballots stand and can change: two more yes make 3 of 4.
  for (const char* who : {"carol", "dan"}) {
    Apply(c, CastBallot(c, id, Choice::kYes, ActorFor(who), first_deadline + hours(2)).value());
  }
  v = Close(c, id, v.deadline);
  CHECK(v.state == VoteState::kPassed);
  CHECK(v.result.find("passed (majority): 3 yes, 1 no") == 0);
}

TEST_CASE("vote: members who leave mid-vote do not count, members who join do", "[vote]") {
  Committee c = Members(4);
  VoteId id = Run(c, VoteKind::kMajority, {"alice:yes", "bob:yes", "dan:yes"});
  // dan steps down: 2 yes of 3 still passes.
  Apply(
      c,
      EndMembership(c, "dan", Departure::kEmeritus, ActorFor("dan"), TestNow() + hours(2)).value());
  CHECK(Count(*c.FindVote(id), ActiveMembers(c.roster, TestNow() + hours(3))).yes == 2);
  // erin and fay join: 2 yes of 5 fails.
  Apply(c, AddMember(c, {"erin", "e", ""}, ActorFor("alice"), TestNow() + hours(3)).value());
  Apply(c, AddMember(c, {"fay", "f", ""}, ActorFor("alice"), TestNow() + hours(3)).value());
  Vote v = Close(c, id);
  CHECK(v.state == VoteState::kFailed);
  CHECK(v.result.find("2 yes, 0 no, 0 abstain, 3 silent of 5 active members") != std::string::npos);
}

TEST_CASE("vote: a member on leave does not count, their temporary cover does", "[vote]") {
  Committee c = Members(3);
  Apply(c, RecordLeave(c, {"carol", Ymd("2026-11-25"), Ymd("2026-12-31"), "dana"},
                       ActorFor("carol"), TestNow())
               .value());
  VoteId id = Run(c, VoteKind::kSuper, {"alice:yes", "carol:yes", "dana:yes"});
  Vote v = Close(c, id);
  CHECK(v.state == VoteState::kPassed);  // alice, dana of alice, bob, dana
  CHECK(v.result.find("2 yes, 0 no, 0 abstain, 1 silent of 3 active members") != std::string::npos);
}

TEST_CASE("vote: one ballot per member, changeable until the deadline", "[vote]") {
  Committee c = Members(3);
  VoteId id = Run(c, VoteKind::kMajority, {"bob:no"});
  auto changed = CastBallot(c, id, Choice::kYes, ActorFor("bob"), TestNow() + hours(5));
  REQUIRE(changed.ok());
  CHECK(changed.value().messages[0].text.find("changed their vote on #1: *yes*") !=
        std::string::npos);
  Apply(c, changed.value());
  CHECK(c.FindVote(id)->ballots.size() == 1);
  CHECK(CastBallot(c, id, Choice::kNo, ActorFor("bob"), TestNow() + hours(72)).status().code() ==
        Code::kConflict);
  Close(c, id);
  CHECK(CastBallot(c, id, Choice::kNo, ActorFor("bob"), TestNow() + hours(80)).status().code() ==
        Code::kConflict);
  CHECK(CastBallot(c, 9, Choice::kNo, ActorFor("bob"), TestNow()).status().code() ==
        Code::kNotFound);
}

TEST_CASE("vote: start checks its terms", "[vote]") {
  Committee c = Members(3);
  auto start = [&](VoteRequest r) { return StartVote(c, r, ActorFor("alice"), TestNow()); };
  CHECK(start({.topic = "Topic"}).status().message() ==
        "vote start needs --kind lazy, majority or super");
  CHECK(start({.kind = VoteKind::kLazy}).status().message() ==
        "vote start needs a topic, in quotes");
  VoteRequest too_long{.topic = "Topic", .kind = VoteKind::kLazy, .window = hours(721)};
  CHECK(start(too_long).status().code() == Code::kInvalidArgument);
  VoteRequest removal{.action = VoteAction::kRemove, .subject = "bob"};
  auto ok = start(removal);
  REQUIRE(ok.ok());
  CHECK(ok.value().votes[0].kind == VoteKind::kSuper);
  CHECK(ok.value().votes[0].topic == "Remove <@bob> from the SRC");
  Apply(c, ok.value());
  CHECK(start(removal).status().code() == Code::kConflict);
  removal.subject = "carol";
  removal.kind = VoteKind::kMajority;
  CHECK(start(removal).status().code() == Code::kInvalidArgument);
  VoteRequest admit{.action = VoteAction::kAdmit, .subject = "erin"};
  CHECK(start(admit).status().message() == "an admission needs the --vendor of the new member");
  admit.vendor = "Hooli";
  REQUIRE(start(admit).ok());
  CHECK(start(admit).value().votes[0].kind == VoteKind::kLazy);
  CHECK(start(admit).value().votes[0].id == 2);
  admit.subject = "carol";
  CHECK(start(admit).status().code() == Code::kConflict);
}

TEST_CASE("vote: a passed removal changes the roster when confirmed, once", "[vote]") {
  Committee c = Members(4);
  VoteRequest removal{.action = VoteAction::kRemove, .subject = "dan"};
  auto started = StartVote(c, removal, ActorFor("alice"), TestNow());
  Apply(c, started.value());
  for (const char* who : {"alice", "bob", "carol"}) {
    Apply(c, CastBallot(c, 1, Choice::kYes, ActorFor(who), TestNow()).value());
  }
  CHECK(ConfirmVote(c, 1, ActorFor("alice"), TestNow()).status().code() == Code::kConflict);
  Vote v = Close(c, 1);
  REQUIRE(v.state == VoteState::kPassed);
  CHECK(FindMember(c.roster, "dan")->status == MemberStatus::kActive);
  auto confirmed = ConfirmVote(c, 1, ActorFor("bob"), TestNow() + hours(73));
  REQUIRE(confirmed.ok());
  CHECK(confirmed.value().messages.back().text.find("*Vote #1* confirmed: <@bob> removed <@dan>") ==
        0);
  CHECK(confirmed.value().events.back().vote == 1);
  Apply(c, confirmed.value());
  CHECK(FindMember(c.roster, "dan")->status == MemberStatus::kRemoved);
  CHECK(c.FindVote(1)->applied_by == "bob");
  CHECK(ConfirmVote(c, 1, ActorFor("bob"), TestNow() + hours(74)).status().code() ==
        Code::kConflict);
}

TEST_CASE("vote: a passed admission adds the member; failed votes confirm nothing", "[vote]") {
  Committee c = Members(3);
  VoteRequest admit{.window = hours(24),
                    .action = VoteAction::kAdmit,
                    .subject = "erin",
                    .vendor = "Hooli",
                    .github = "erin-gh"};
  Apply(c, StartVote(c, admit, ActorFor("alice"), TestNow()).value());
  VoteId plain = Run(c, VoteKind::kMajority, {});
  Close(c, 1, TestNow() + hours(24));
  Close(c, plain);
  auto confirmed = ConfirmVote(c, 1, ActorFor("carol"), TestNow() + hours(80));
  REQUIRE(confirmed.ok());
  Apply(c, confirmed.value());
  const RosterEntry* erin = FindMember(c.roster, "erin");
  REQUIRE(erin);
  CHECK(erin->status == MemberStatus::kActive);
  CHECK(erin->vendor == "Hooli");
  CHECK(erin->github == "erin-gh");
  CHECK(c.FindVote(plain)->state == VoteState::kFailed);
  CHECK(ConfirmVote(c, plain, ActorFor("carol"), TestNow() + hours(80)).status().code() ==
        Code::kConflict);
}

TEST_CASE("vote: show lists ballots, the silent and what is left to do", "[vote]") {
  Committee c = Members(3);
  VoteId id = Run(c, VoteKind::kSuper, {"alice:yes", "bob:no"});
  std::string open = RenderVote(c, *c.FindVote(id), TestNow() + hours(2));
  CHECK(open.find("*Vote #1* — super-majority, open until 2026-11-28 12:00 UTC") == 0);
  CHECK(open.find("Ballots: <@alice> yes, <@bob> no. Not voted: <@carol>.") != std::string::npos);
  CHECK(open.find("So far: 1 yes, 1 no, 0 abstain, 1 silent of 3 active members (2 yes needed)") !=
        std::string::npos);
  Close(c, id);
  std::string closed = RenderVote(c, *c.FindVote(id), TestNow() + hours(80));
  CHECK(closed.find("Result: failed (super-majority)") != std::string::npos);
}
