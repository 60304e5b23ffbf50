#include "core/committee.h"

#include <catch2/catch.hpp>

#include "core/committee_tick.h"
#include "core/leave.h"
#include "core/roster_changes.h"
#include "tests/core/committee_fixtures.h"

using namespace srcbot::core;
using namespace srcbot::testing;
using std::chrono::days;

namespace {

bool Mentions(const std::vector<std::string>& warnings, const std::string& what) {
  for (const std::string& w : warnings) {
    if (w.find(what) != std::string::npos) return true;
  }
  return false;
}

Committee ThreeMembers() {
  Committee c;
  c.roster = {Full("alice", "acme"), Full("bob", "Globex"), Full("carol", "Initech")};
  return c;
}

}  // namespace

TEST_CASE("committee: size warning appears outside 3 to 5 members and clears", "[committee]") {
  Committee c;
  c.roster = {Full("alice", "a"), Full("bob", "b")};
  CHECK(Mentions(RosterWarnings(c.roster, TestNow()), "has 2 members"));
  c.roster.push_back(Full("carol", "c"));
  CHECK(RosterWarnings(c.roster, TestNow()).empty());
  c.roster.push_back(Full("dan", "d"));
  c.roster.push_back(Full("erin", "e"));
  CHECK(RosterWarnings(c.roster, TestNow()).empty());
  c.roster.push_back(Full("fay", "f"));
  CHECK(Mentions(RosterWarnings(c.roster, TestNow()), "has 6 members"));
  // Emeritus and temporary members are not counted.
  c.roster.back().status = MemberStatus::kEmeritus;
  RosterEntry temp = Full("gus", "");
  temp.status = MemberStatus::kTemporary;
  temp.until = TestNow() + days(30);
  c.roster.push_back(temp);
  CHECK(RosterWarnings(c.roster, TestNow()).empty());
}

TEST_CASE("committee: vendor with more than twice all others is named", "[committee]") {
  Committee c;
  c.roster = {Full("alice", "Acme"), Full("bob", "acme"), Full("carol", "Globex")};
  CHECK(RosterWarnings(c.roster, TestNow()).empty());  // 2:1 is allowed
  c.roster.push_back(Full("dan", "ACME"));
  auto warnings = RosterWarnings(c.roster, TestNow());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("*Acme* has 3 of 4 members") != std::string::npos);
  c.roster.push_back(Full("erin", "Initech"));  // 3:2 clears it
  CHECK(RosterWarnings(c.roster, TestNow()).empty());
}

TEST_CASE("committee: members without a vendor count as others and are listed", "[committee]") {
  Committee c;
  c.roster = {Full("alice", "acme"), Full("bob", "acme"), Full("carol", "")};
  auto warnings = RosterWarnings(c.roster, TestNow());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("No vendor recorded for <@carol>") != std::string::npos);
}

TEST_CASE("committee: a long leave whose cover left the SRC is warned about", "[committee]") {
  Committee c = ThreeMembers();
  c.roster.push_back(Full("dan", "Hooli"));
  c.roster[1].leave = Leave{TestNow() + days(1), TestNow() + days(15), "carol"};
  CHECK(RosterWarnings(c.roster, TestNow()).empty());
  c.roster[2].status = MemberStatus::kEmeritus;
  CHECK(Mentions(RosterWarnings(c.roster, TestNow()), "<@bob>'s leave"));
  CHECK(Mentions(RosterWarnings(c.roster, TestNow()), "<@carol> is no longer on the SRC"));
  // Under two weeks, or over, it needs none.
  c.roster[1].leave->until = TestNow() + days(14);
  CHECK(RosterWarnings(c.roster, TestNow()).empty());
  c.roster[1].leave = Leave{TestNow() - days(20), TestNow() - days(1), ""};
  CHECK(RosterWarnings(c.roster, TestNow()).empty());
}

TEST_CASE("committee: who holds SRC rights and who is active", "[committee]") {
  RosterEntry temp = Full("dana", "");
  temp.status = MemberStatus::kTemporary;
  temp.joined_at = Day("2026-12-01");
  temp.until = Day("2027-01-01");
  CHECK_FALSE(HasSrcRights(temp, Day("2026-11-30T23:59")));
  CHECK(HasSrcRights(temp, Day("2026-12-01")));
  CHECK(HasSrcRights(temp, Day("2026-12-31T23:59")));
  CHECK_FALSE(HasSrcRights(temp, Day("2027-01-01")));
  RosterEntry emeritus = Full("dan");
  emeritus.status = MemberStatus::kEmeritus;
  CHECK_FALSE(HasSrcRights(emeritus, TestNow()));
  RosterEntry away = Full("bob");
  away.leave = Leave{Day("2026-12-01"), Day("2027-01-01"), "dana"};
  CHECK(HasSrcRights(away, Day("2026-12-10")));
  CHECK(OnLeave(away, Day("2026-12-10")));
  CHECK_FALSE(OnLeave(away, Day("2027-01-01")));
  std::vector<RosterEntry> roster = {Full("alice"), away, temp, emeritus};
  CHECK(ActiveMembers(roster, Day("2026-12-10")) == std::vector<UserId>{"alice", "dana"});
  CHECK(ActiveMembers(roster, Day("2027-01-02")) == std::vector<UserId>{"alice", "bob"});
}

TEST_CASE("committee: time zones and working hours", "[committee]") {
  CHECK(PlausibleTimeZone("Europe/Berlin"));
  CHECK(PlausibleTimeZone("America/Argentina/Buenos_Aires"));
  CHECK(PlausibleTimeZone("UTC"));
  CHECK(PlausibleTimeZone("Etc/GMT+5"));
  CHECK_FALSE(PlausibleTimeZone("CET+1"));
  CHECK_FALSE(PlausibleTimeZone("Mars/Olympus"));
  CHECK_FALSE(PlausibleTimeZone("Europe/"));
  CHECK_FALSE(PlausibleTimeZone("Europe/Berlin; rm"));
  auto hours = ParseWorkingHours("Europe/Berlin", "09-17");
  REQUIRE(hours);
  CHECK(hours->start_hour == 9);
  CHECK(hours->end_hour == 17);
  CHECK(ParseWorkingHours("UTC", "22-06"));
  CHECK_FALSE(ParseWorkingHours("UTC", "9-17"));
  CHECK_FALSE(ParseWorkingHours("UTC", "09-09"));
  CHECK_FALSE(ParseWorkingHours("UTC", "25-02"));
}

TEST_CASE("leave: two weeks or more is refused without a cover", "[committee]") {
  Committee c = ThreeMembers();
  auto thirteen = PlanLeave(c.roster, {"bob", Ymd("2026-12-01"), Ymd("2026-12-13"), ""}, TestNow());
  REQUIRE(thirteen.ok());
  CHECK(thirteen.value().cover == CoverRole::kNone);
  auto fourteen = PlanLeave(c.roster, {"bob", Ymd("2026-12-01"), Ymd("2026-12-14"), ""}, TestNow());
  REQUIRE_FALSE(fourteen.ok());
  CHECK(fourteen.status().message().find("needs a cover") != std::string::npos);
  auto covered =
      PlanLeave(c.roster, {"bob", Ymd("2026-12-01"), Ymd("2026-12-14"), "carol"}, TestNow());
  REQUIRE(covered.ok());
  CHECK(covered.value().cover == CoverRole::kMember);
  CHECK(covered.value().leave.until == Day("2026-12-15"));
}

TEST_CASE("leave: an outside cover only for one to three months", "[committee]") {
  Committee c = ThreeMembers();
  auto plan = [&](const char* from, const char* to) {
    return PlanLeave(c.roster, {"bob", Ymd(from), Ymd(to), "dana"}, TestNow());
  };
  CHECK_FALSE(plan("2026-12-01", "2026-12-30").ok());  // a day short of a month
  REQUIRE(plan("2026-12-01", "2026-12-31").ok());
  CHECK(plan("2026-12-01", "2026-12-31").value().cover == CoverRole::kTemporary);
  CHECK(plan("2026-12-01", "2027-02-28").ok());                       // exactly three months
  CHECK_FALSE(plan("2026-12-01", "2027-03-01").ok());                 // a day over
  CHECK(TemporaryCoverPeriod(Ymd("2027-01-31"), Ymd("2027-02-27")));  // 31 Jan + 1 month = 28 Feb
}

TEST_CASE("leave: impossible requests say why", "[committee]") {
  Committee c = ThreeMembers();
  c.roster[2].leave = Leave{Day("2026-12-10"), Day("2026-12-20"), ""};
  auto msg = [&](LeaveRequest r) { return PlanLeave(c.roster, r, TestNow()).status().message(); };
  CHECK(msg({"bob", Ymd("2026-12-05"), Ymd("2026-12-01"), ""}) == "--to is before --from");
  CHECK(msg({"bob", Ymd("2026-11-01"), Ymd("2026-11-20"), "carol"}) ==
        "that leave is already over");
  CHECK(msg({"bob", Ymd("2026-12-01"), Ymd("2026-12-20"), "bob"}) ==
        "nobody covers their own leave");
  CHECK(msg({"bob", Ymd("2026-12-01"), Ymd("2026-12-20"), "carol"}) ==
        "<@carol> is on leave then too");
  CHECK(PlanLeave(c.roster, {"zed", Ymd("2026-12-01"), Ymd("2026-12-02"), ""}, TestNow())
            .status()
            .code() == Code::kNotFound);
}

TEST_CASE("leave: a temporary cover has rights for the period and ends once", "[committee]") {
  Committee c = ThreeMembers();
  auto change = RecordLeave(c, {"bob", Ymd("2026-12-01"), Ymd("2026-12-31"), "dana"},
                            ActorFor("alice"), TestNow());
  REQUIRE(change.ok());
  CHECK(change.value().messages.at(0).text.find("as a temporary member") != std::string::npos);
  Apply(c, change.value());
  const RosterEntry* dana = FindMember(c.roster, "dana");
  REQUIRE(dana);
  CHECK(dana->status == MemberStatus::kTemporary);
  CHECK(dana->covers == "bob");
  CHECK_FALSE(HasSrcRights(*dana, TestNow()));
  CHECK(HasSrcRights(*dana, Day("2026-12-15")));

  for (RosterEntry& e : c.roster) e.last_active_at = Day("2026-12-31");  // nobody idle
  CHECK(DueCommitteeWork(c, Day("2026-12-31T23:59")).messages.empty());
  auto ended = DueCommitteeWork(c, Day("2027-01-01T00:00:30"));
  REQUIRE(ended.messages.size() == 1);
  CHECK(ended.messages[0].text.find("<@dana>'s temporary membership") != std::string::npos);
  Apply(c, ended);
  CHECK(FindMember(c.roster, "dana")->status == MemberStatus::kExpired);
  CHECK(DueCommitteeWork(c, Day("2027-01-01T00:01")).messages.empty());
}

TEST_CASE("leave: a new leave replaces the old one and its temporary cover", "[committee]") {
  Committee c = ThreeMembers();
  Apply(c, RecordLeave(c, {"bob", Ymd("2026-12-01"), Ymd("2026-12-31"), "dana"}, ActorFor("bob"),
                       TestNow())
               .value());
  auto shorter =
      RecordLeave(c, {"bob", Ymd("2026-12-01"), Ymd("2026-12-05"), ""}, ActorFor("bob"), TestNow());
  REQUIRE(shorter.ok());
  Apply(c, shorter.value());
  CHECK(FindMember(c.roster, "dana")->status == MemberStatus::kExpired);
  CHECK(FindMember(c.roster, "bob")->leave->until == Day("2026-12-06"));
}

TEST_CASE("roster: add, update, promote and re-add", "[committee]") {
  Committee c = ThreeMembers();
  auto updated = AddMember(c, {"bob", "Hooli", "bob-gh"}, ActorFor("alice"), TestNow());
  REQUIRE(updated.ok());
  CHECK(updated.value().events.at(0).kind == "member-updated");
  CHECK(updated.value().roster.at(0).joined_at == c.roster[1].joined_at);
  CHECK(updated.value().roster.at(0).github == "bob-gh");

  c.roster[2].status = MemberStatus::kEmeritus;
  c.roster[2].left_at = TestNow() - days(10);
  auto back = AddMember(c, {"carol", "Initech", ""}, ActorFor("alice"), TestNow());
  REQUIRE(back.ok());
  CHECK(back.value().roster.at(0).status == MemberStatus::kActive);
  CHECK_FALSE(back.value().roster.at(0).left_at);
  CHECK(back.value().roster.at(0).joined_at == TestNow());
  CHECK(AddMember(c, {"dan", "", ""}, ActorFor("alice"), TestNow()).status().code() ==
        Code::kInvalidArgument);
}

TEST_CASE("roster: the post carries the warnings, and says when they clear", "[committee]") {
  Committee c;
  c.roster = {Full("alice", "acme"), Full("bob", "globex")};
  auto add = AddMember(c, {"carol", "initech", ""}, ActorFor("alice"), TestNow());
  REQUIRE(add.ok());
  CHECK(add.value().messages.at(0).text.find("No roster warnings now.") != std::string::npos);
  Apply(c, add.value());
  auto leave = EndMembership(c, "carol", Departure::kEmeritus, ActorFor("carol"), TestNow());
  REQUIRE(leave.ok());
  CHECK(leave.value().messages.at(0).text.find("Roster warnings:\n• The SRC has 2 members") !=
        std::string::npos);
  CHECK(leave.value().roster.at(0).left_at == TestNow());
}

TEST_CASE("roster: the last member cannot leave; a departure ends their cover", "[committee]") {
  Committee c;
  c.roster = {Full("alice")};
  CHECK(EndMembership(c, "alice", Departure::kRemoved, ActorFor("alice"), TestNow())
            .status()
            .code() == Code::kConflict);
  c = ThreeMembers();
  Apply(c, RecordLeave(c, {"bob", Ymd("2026-11-25"), Ymd("2026-12-31"), "dana"}, ActorFor("bob"),
                       TestNow())
               .value());
  auto gone = EndMembership(c, "bob", Departure::kEmeritus, ActorFor("alice"), TestNow());
  REQUIRE(gone.ok());
  Apply(c, gone.value());
  CHECK(FindMember(c.roster, "dana")->status == MemberStatus::kExpired);
  CHECK_FALSE(HasSrcRights(*FindMember(c.roster, "dana"), TestNow()));
  CHECK(
      EndMembership(c, "dana", Departure::kRemoved, ActorFor("alice"), TestNow()).status().code() ==
      Code::kNotFound);
  CHECK(
      EndMembership(c, "zed", Departure::kRemoved, ActorFor("alice"), TestNow()).status().code() ==
      Code::kNotFound);
}

TEST_CASE("inactivity: flagged once after 30 days, re-armed by activity", "[committee]") {
  Committee c = ThreeMembers();
  for (RosterEntry& e : c.roster) e.last_active_at = TestNow();
  c.roster[1].last_active_at = TestNow() - days(29);
  CHECK(DueCommitteeWork(c, TestNow()).empty());
  auto flag = DueCommitteeWork(c, TestNow() + days(1));
  REQUIRE(flag.messages.size() == 1);
  CHECK(flag.messages[0].text.find("<@bob> has had no activity for 30 days") != std::string::npos);
  CHECK(flag.messages[0].text.find("`/src vote start --remove` <@bob>") != std::string::npos);
  Apply(c, flag);
  CHECK(DueCommitteeWork(c, TestNow() + days(2)).empty());
  CHECK(DueCommitteeWork(c, TestNow() + days(60)).messages.size() == 2);  // alice, carol only
  c.roster[1].last_active_at = TestNow() + days(3);
  auto again = DueCommitteeWork(c, TestNow() + days(33));
  CHECK(again.messages.size() == 3);
}

TEST_CASE("inactivity: not while on leave, and counted from the leave's end", "[committee]") {
  Committee c = ThreeMembers();
  for (RosterEntry& e : c.roster) e.last_active_at = TestNow();
  c.roster[1].leave = Leave{TestNow() + days(1), TestNow() + days(40), "carol"};
  c.roster[0].last_active_at = TestNow() + days(45);
  c.roster[2].last_active_at = TestNow() + days(45);
  CHECK(DueCommitteeWork(c, TestNow() + days(39)).empty());
  CHECK(DueCommitteeWork(c, TestNow() + days(69)).empty());
  CHECK(DueCommitteeWork(c, TestNow() + days(70)).messages.size() == 1);
}

TEST_CASE("inactivity: tracking starts at the first tick for members never seen", "[committee]") {
  Committee c = ThreeMembers();
  c.roster[0].last_active_at.reset();
  c.roster[0].joined_at = TestNow() - days(400);
  auto first = DueCommitteeWork(c, TestNow());
  CHECK(first.messages.empty());
  REQUIRE(first.roster.size() == 1);
  CHECK(first.roster[0].last_active_at == TestNow());
}

TEST_CASE("roster: working hours are stored for members only", "[committee]") {
  Committee c = ThreeMembers();
  auto set = SetWorkingHours(c, "bob", *ParseWorkingHours("Europe/Berlin", "09-17"),
                             ActorFor("bob"), TestNow());
  REQUIRE(set.ok());
  CHECK(set.value().roster.at(0).hours->zone == "Europe/Berlin");
  CHECK(DescribeMember(set.value().roster.at(0), TestNow()).find("Europe/Berlin 09–17") !=
        std::string::npos);
  CHECK(SetWorkingHours(c, "zed", {}, ActorFor("bob"), TestNow()).status().code() ==
        Code::kNotFound);
}
