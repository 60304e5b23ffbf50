#include "core/oncall.h"

#include <catch2/catch.hpp>

#include "tests/core/committee_fixtures.h"
#include "tests/fakes/fake_clock.h"

using namespace srcbot;
using namespace std::chrono;
using core::TimePoint;
using testing::Full;
using testing::TestNow;

namespace {

std::vector<core::RosterEntry> Roster() { return {Full("alice"), Full("bob"), Full("carol")}; }

core::OnCall Set(const std::vector<core::RosterEntry>& roster, int days = 7) {
  auto change = core::SetRotation({}, roster, {"alice", "bob", "carol"}, days, "alice", TestNow());
  REQUIRE(change.ok());
  REQUIRE(change.value().after);
  return *change.value().after;
}

}  // namespace

TEST_CASE("oncall: set starts the rotation now, weekly, in order") {
  auto roster = Roster();
  auto change = core::SetRotation({}, roster, {"alice", "bob", "carol"}, 7, "alice", TestNow());
  REQUIRE(change.ok());
  const core::OnCall& o = *change.value().after;
  CHECK(o.current == "alice");
  REQUIRE(change.value().messages.size() == 1);
  CHECK(change.value().messages[0].text.find(
            "On call now: <@alice>. Next: <@bob> from 2026-12-02") != std::string::npos);
  CHECK(core::Scheduled(o.rotation, roster, 1, TestNow() + days(7)) == "bob");
  CHECK(core::Scheduled(o.rotation, roster, 3, TestNow() + days(21)) == "alice");
  CHECK(core::ShiftAt(o.rotation, TestNow() + days(13)) == 1);
}

TEST_CASE("oncall: set refuses an empty list, twice the same member, an outsider, bad days") {
  auto roster = Roster();
  CHECK(core::SetRotation({}, roster, {}, 7, "alice", TestNow()).status().code() ==
        core::Code::kInvalidArgument);
  CHECK(core::SetRotation({}, roster, {"alice", "alice"}, 7, "alice", TestNow()).status().code() ==
        core::Code::kInvalidArgument);
  CHECK(core::SetRotation({}, roster, {"alice", "eve"}, 7, "alice", TestNow()).status().code() ==
        core::Code::kInvalidArgument);
  CHECK(core::SetRotation({}, roster, {"alice"}, 0, "alice", TestNow()).status().code() ==
        core::Code::kInvalidArgument);
}

TEST_CASE("oncall: members on leave are skipped") {
  auto roster = Roster();
  core::OnCall o = Set(roster);
  // Bob is away for the whole of his shift: carol takes it.
  roster[1].leave = core::Leave{TestNow() + days(6), TestNow() + days(16), ""};
  CHECK(core::Scheduled(o.rotation, roster, 1, TestNow() + days(7)) == "carol");
  // The current on-call going on leave hands the pings to whoever is scheduled.
  roster[0].leave = core::Leave{TestNow() + days(1), TestNow() + days(3), ""};
  CHECK(core::OnCallNow(o, roster, TestNow() + days(2)) == "bob");
  CHECK(core::OnCallNow(o, roster, TestNow() + days(4)) == "alice");
}

TEST_CASE("oncall: a hand-over counts only when the new on-call acknowledges it") {
  auto roster = Roster();
  core::OnCall o = Set(roster);
  const TimePoint week = TestNow() + days(7);
  CHECK(core::DueHandover(o, roster, week - minutes(1)).messages.empty());

  core::OnCallChange first = core::DueHandover(o, roster, week);
  REQUIRE(first.messages.size() == 1);
  CHECK(first.messages[0].text.find("<@bob>, run `/src oncall ack` to take over; until then "
                                    "<@alice> stays on call.") != std::string::npos);
  o = *first.after;
  CHECK(core::OnCallNow(o, roster, week + hours(2)) == "alice");
  // Repeated each tick, but at most hourly.
  CHECK(core::DueHandover(o, roster, week + minutes(59)).messages.empty());
  core::OnCallChange again = core::DueHandover(o, roster, week + hours(1));
  REQUIRE(again.messages.size() == 1);
  o = *again.after;

  CHECK(core::AckHandover(o, roster, "carol", week + hours(2)).status().code() ==
        core::Code::kConflict);
  auto ack = core::AckHandover(o, roster, "bob", week + hours(2));
  REQUIRE(ack.ok());
  CHECK(ack.value().messages[0].text ==
        "<@bob> took over the on-call from <@alice>, until 2026-12-09 12:00 UTC.");
  o = *ack.value().after;
  CHECK(core::OnCallNow(o, roster, week + hours(3)) == "bob");
  CHECK(core::DueHandover(o, roster, week + hours(5)).messages.empty());
  CHECK(core::AckHandover(o, roster, "bob", week + hours(3)).status().code() ==
        core::Code::kConflict);
}

TEST_CASE("oncall: swap gives the current shift away and trades the swapper's next one") {
  auto roster = Roster();
  core::OnCall o = Set(roster);
  auto swap = core::SwapShift(o, roster, "carol", "alice", TestNow() + hours(1));
  REQUIRE(swap.ok());
  const std::string& text = swap.value().messages[0].text;
  CHECK(text.find("<@carol> takes the shift until 2026-12-02 12:00 UTC instead of <@alice>; "
                  "<@alice> takes <@carol>'s shift from 2026-12-09 12:00 UTC") !=
        std::string::npos);
  o = *swap.value().after;
  CHECK(core::Scheduled(o.rotation, roster, 0, TestNow()) == "carol");
  CHECK(core::Scheduled(o.rotation, roster, 1, TestNow() + days(7)) == "bob");
  CHECK(core::Scheduled(o.rotation, roster, 2, TestNow() + days(14)) == "alice");
  CHECK(core::Scheduled(o.rotation, roster, 3, TestNow() + days(21)) == "alice");
  // Carol still acknowledges it; until then alice stays on call.
  CHECK(o.current == "alice");
  auto ack = core::AckHandover(o, roster, "carol", TestNow() + hours(2));
  REQUIRE(ack.ok());
  CHECK(ack.value().after->current == "carol");

  // Swapping oneself in takes over at once.
  auto self = core::SwapShift(*ack.value().after, roster, "bob", "bob", TestNow() + hours(3));
  REQUIRE(self.ok());
  CHECK(self.value().after->current == "bob");
  CHECK(core::SwapShift(o, roster, "eve", "alice", TestNow()).status().code() ==
        core::Code::kInvalidArgument);
}

TEST_CASE("oncall: a new report is led by the on-call, who is pinged") {
  core::Change report;
  report.after.id = 4;
  core::Message post;
  post.text = "New report SRC-4.";
  report.messages.push_back(post);
  core::LeadByOnCall(report, "bob", TestNow());
  CHECK(report.after.lead == "bob");
  CHECK(report.messages[0].text ==
        "New report SRC-4. <@bob> is on call and leads it (`/src lead SRC-4 @user` to change).");
  REQUIRE(report.events.size() == 1);
  CHECK(report.events[0].kind == "lead");
  core::Change nobody = report;
  core::LeadByOnCall(nobody, "", TestNow());
  CHECK(nobody.messages[0].text == report.messages[0].text);
}

TEST_CASE("oncall: describe shows now, next and the rotation") {
  auto roster = Roster();
  CHECK(core::DescribeOnCall({}, roster, TestNow()).starts_with("No on-call rotation yet"));
  core::OnCall o = Set(roster);
  std::string text = core::DescribeOnCall(o, roster, TestNow() + days(8));
  CHECK(text.find("*On call now:* <@alice>") == 0);
  CHECK(text.find("*Hand-over waiting:* <@bob>") != std::string::npos);
  CHECK(text.find("*Next:* <@carol> from 2026-12-09 12:00 UTC") != std::string::npos);
  CHECK(text.find("7-day shifts") != std::string::npos);
}
