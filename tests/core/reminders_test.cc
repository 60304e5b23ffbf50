#include "core/reminders.h"

#include <catch2/catch.hpp>
#include <limits>
#include <map>

#include "tests/core/committee_fixtures.h"
#include "tests/fakes/fake_clock.h"

using namespace srcbot;
using namespace std::chrono;
using core::TimePoint;
using testing::Day;
using testing::TestNow;

namespace {

// Berlin as a fixed +1 h (winter), everything else unknown.
class FakeZones : public core::ZoneOffsets {
 public:
  std::optional<core::Duration> OffsetAt(std::string_view zone, TimePoint) const override {
    if (zone == "Europe/Berlin") return hours(1);
    return std::nullopt;
  }
};

const core::UtcZones kUtc;

// Ticks every five minutes the way the store does: a case is evaluated only
// once its wake time has come, and what fired is kept.
struct Sim {
  core::Case c;
  core::ReminderState state;
  core::ReminderPeople people;
  TimePoint last_activity{};
  const core::ZoneOffsets* zones = &kUtc;
  TimePoint wake{};
  std::vector<std::pair<TimePoint, std::string>> pings;

  explicit Sim(core::Case kase) : c(std::move(kase)) { last_activity = c.received_at; }

  void Run(TimePoint from, TimePoint to, core::Duration step = minutes(5)) {
    for (TimePoint t = from; t <= to; t += step) {
      if (t < wake) continue;
      core::ReminderOutcome out =
          core::EvaluateReminders(c, state, last_activity, people, core::DeadlinePolicy{},
                                  core::ReminderPolicy{}, *zones, t);
      state = out.state;
      wake = out.wake_at.value_or(TimePoint::max());
      for (const core::Message& m : out.messages) pings.push_back({t, m.text});
    }
  }

  // When a line about `what` was posted.
  std::vector<TimePoint> Times(const std::string& what) const {
    std::vector<TimePoint> out;
    for (const auto& [t, text] : pings) {
      if (text.find(what) != std::string::npos) out.push_back(t);
    }
    return out;
  }
};

core::Case NewCase(TimePoint received) {
  core::Case c;
  c.id = 1;
  c.title = "Signature bypass";
  c.received_at = received;
  c.reported_at = received;
  return c;
}

core::RosterEntry Member(const std::string& user, std::optional<core::WorkingHours> hours = {}) {
  core::RosterEntry e = testing::Full(user);
  e.hours = std::move(hours);
  return e;
}

}  // namespace

TEST_CASE(
    "reminders: each deadline fires at a quarter left, at the deadline, then daily, once each") {
  const TimePoint r = TestNow();
  struct Want {
    core::DeadlineKind kind;
    std::string line;
    core::Duration window;
  };
  const std::vector<Want> wants = {
      {core::DeadlineKind::kAcknowledge, "*acknowledge*", hours(24)},
      {core::DeadlineKind::kFixTeam, "*fix team*", hours(24)},
      {core::DeadlineKind::kFix, "*fix ready*", days(7)},
      {core::DeadlineKind::kRelease, "*release*", days(21)},
  };
  Sim sim(NewCase(r));
  sim.people.on_call = "alice";
  sim.Run(r, r + days(24));
  for (const Want& w : wants) {
    INFO(w.line);
    const TimePoint due = r + w.window;
    std::vector<TimePoint> want = {due - w.window / 4, due};
    for (TimePoint t = due + days(1); t <= r + days(24); t += days(1)) want.push_back(t);
    CHECK(sim.Times(w.line) == want);
  }
  for (const auto& [t, text] : sim.pings) {
    CHECK(text.starts_with("<@alice> reminder for SRC-1 (Signature bypass):"));
  }
}

TEST_CASE("reminders: the retrospective counts from the release") {
  const TimePoint r = TestNow();
  core::Case c = NewCase(r - days(10));
  c.stage = core::Stage::kReleased;
  c.acknowledged_at = c.team_formed_at = c.fixed_at = r - days(5);
  c.released_at = r;
  c.lead = "bob";
  Sim sim(c);
  sim.Run(r, r + days(5));
  CHECK(sim.Times("*retrospective*") ==
        std::vector<TimePoint>{r + hours(54), r + days(3), r + days(4), r + days(5)});
  CHECK(sim.pings.front().second.find("`/src retro SRC-1 --done`") != std::string::npos);
  // An acknowledged case's reminder offers Snooze alone.
  auto out = core::EvaluateReminders(c, {}, r, sim.people, {}, {}, kUtc, r + hours(54));
  REQUIRE_FALSE(out.messages.empty());
  CHECK(out.messages[0].offers == "snooze");
}

TEST_CASE("reminders: a fired step never fires again, and a met deadline stops") {
  const TimePoint r = TestNow();
  core::Case c = NewCase(r);
  core::ReminderPeople people{{}, "alice"};
  auto first = core::EvaluateReminders(c, {}, r, people, {}, {}, kUtc, r + hours(25));
  REQUIRE(first.messages.size() == 1);
  auto again = core::EvaluateReminders(c, first.state, r, people, {}, {}, kUtc, r + hours(25));
  CHECK(again.messages.empty());
  c.acknowledged_at = r + hours(26);
  c.team_formed_at = r + hours(26);
  auto later = core::EvaluateReminders(c, again.state, r, people, {}, {}, kUtc, r + days(3));
  for (const core::Message& m : later.messages) {
    CHECK(m.text.find("*acknowledge*") == std::string::npos);
    CHECK(m.text.find("*fix team*") == std::string::npos);
  }
  c.stage = core::Stage::kClosed;
  auto closed = core::EvaluateReminders(c, later.state, r, people, {}, {}, kUtc, r + days(30));
  CHECK(closed.messages.empty());
  CHECK_FALSE(closed.wake_at.has_value());
}

TEST_CASE("reminders: a report received 30 hours ago pings once per deadline at once") {
  const TimePoint now = TestNow();
  core::Case c = NewCase(now - hours(30));
  core::ReminderPeople people{{}, "alice"};
  auto out = core::EvaluateReminders(c, {}, c.received_at, people, {}, {}, kUtc, now);
  REQUIRE(out.messages.size() == 1);
  const std::string& text = out.messages[0].text;
  CHECK(text.find("<@alice>") == 0);
  CHECK(text.find("*acknowledge* is overdue: it was due 2026-11-25 06:00 UTC (6h 0m ago).") !=
        std::string::npos);
  CHECK(text.find("`/src ack SRC-1`") != std::string::npos);
  CHECK(text.find("*fix team* is overdue") != std::string::npos);
  CHECK(text.find("*fix ready*") == std::string::npos);
  CHECK(out.messages[0].about == std::vector<core::CaseId>{1});
  CHECK(out.messages[0].offers == "ack");  // Acknowledge and Snooze under the reminder
  // The next one is the daily repeat, not the steps it missed.
  REQUIRE(out.wake_at);
  CHECK(*out.wake_at == now + hours(18));
}

TEST_CASE("reminders: a public case repeats hourly and ignores quiet hours") {
  const TimePoint r = Day("2026-11-25T20:00:00Z");  // outside bob's 09-17
  core::Case c = NewCase(r);
  c.is_public = true;
  c.via = core::Via::kPublic;
  c.public_at = r;
  c.lead = "bob";
  Sim sim(c);
  sim.people.roster = {Member("bob", core::WorkingHours{"UTC", 9, 17})};
  sim.Run(r, r + hours(4));
  CHECK(sim.Times("*acknowledge*") == std::vector<TimePoint>{r + minutes(45), r + hours(1),
                                                             r + hours(2), r + hours(3),
                                                             r + hours(4)});
}

TEST_CASE("reminders: quiet hours hold a normal ping and let an overdue acknowledgement through") {
  // Bob works 09-17 in Berlin (08:00-16:00 UTC in winter).
  const TimePoint r = Day("2026-11-25T00:00:00Z");
  core::Case c = NewCase(r);
  c.lead = "bob";
  FakeZones zones;
  Sim sim(c);
  sim.zones = &zones;
  sim.people.roster = {Member("bob", core::WorkingHours{"Europe/Berlin", 9, 17})};
  sim.Run(r, r + hours(34));
  // Quarter left at 18:00 UTC (19:00 in Berlin): held. The acknowledgement
  // is overdue at midnight: sent. The fix team waits for 08:00 UTC.
  CHECK(sim.Times("*acknowledge*") == std::vector<TimePoint>{r + hours(24)});
  CHECK(sim.Times("*fix team*") == std::vector<TimePoint>{r + hours(32)});
  CHECK(sim.Times("*fix team* is overdue").size() == 1);
}

TEST_CASE("reminders: a snoozed case pings nothing until the snooze ends") {
  const TimePoint r = TestNow();
  core::Case c = NewCase(r);
  Sim sim(c);
  sim.people.on_call = "alice";
  sim.state.snoozed_until = r + hours(20);
  sim.Run(r, r + hours(23));
  // The quarter-left steps (18 h) wait for the snooze to end.
  CHECK(sim.Times("*acknowledge*") == std::vector<TimePoint>{r + hours(20)});
  CHECK_FALSE(sim.state.snoozed_until.has_value());
}

TEST_CASE("reminders: a lead on leave is not pinged; the on-call is") {
  const TimePoint now = TestNow();
  core::Case c = NewCase(now - hours(30));
  c.lead = "bob";
  core::RosterEntry bob = Member("bob");
  bob.leave = core::Leave{now - days(1), now + days(3), ""};
  core::ReminderPeople people{{bob, Member("alice")}, "alice"};
  CHECK(core::Pingee(c, people, now) == "alice");
  CHECK(core::Pingee(c, people, now + days(4)) == "bob");
  people.on_call.clear();
  c.lead.clear();
  auto out = core::EvaluateReminders(c, {}, c.received_at, people, {}, {}, kUtc, now);
  REQUIRE(out.messages.size() == 1);
  CHECK(out.messages[0].text.starts_with(
      "SRC-1 (Signature bypass) has no lead and nobody is on call"));
}

TEST_CASE("reminders: stale cases by severity, once per period of silence") {
  core::ReminderPolicy policy;
  core::Case c = NewCase(TestNow());
  CHECK_FALSE(core::StaleAfter(c, policy).has_value());
  c.cvss_score = 3.9;
  CHECK_FALSE(core::StaleAfter(c, policy).has_value());
  c.cvss_score = 4.0;
  CHECK(core::StaleAfter(c, policy) == days(30));
  c.cvss_score = 7.0;
  CHECK(core::StaleAfter(c, policy) == days(7));
  c.cvss_score = 9.0;
  CHECK(core::StaleAfter(c, policy) == days(2));

  const TimePoint quiet_since = TestNow();
  c.received_at = quiet_since - days(40);
  c.acknowledged_at = c.team_formed_at = c.fixed_at = c.released_at = quiet_since;
  c.stage = core::Stage::kReleaseScheduled;
  c.released_at.reset();
  c.lead = "bob";
  Sim sim(c);
  sim.last_activity = quiet_since;
  sim.state.fired = {{core::DeadlineKind::kRelease, c.received_at + days(21), 100}};
  sim.Run(quiet_since, quiet_since + days(5), minutes(30));
  CHECK(sim.Times("no activity") ==
        std::vector<TimePoint>{quiet_since + days(2), quiet_since + days(4)});
  // Activity re-arms it from the newest event.
  sim.last_activity = quiet_since + days(5);
  sim.wake = {};
  sim.Run(quiet_since + days(5), quiet_since + days(8), minutes(30));
  CHECK(sim.Times("no activity").back() == quiet_since + days(7));
}

TEST_CASE("reminders: steps of a deadline") {
  core::Deadline d{core::DeadlineKind::kFix, TestNow(), TestNow() + days(8), std::nullopt};
  CHECK(core::StepAt(d, days(1), TestNow()) == 0);
  CHECK(core::StepAt(d, days(1), TestNow() + days(6)) == 1);
  CHECK(core::StepAt(d, days(1), TestNow() + days(8)) == 2);
  CHECK(core::StepAt(d, days(1), TestNow() + days(10)) == 4);
  CHECK(core::NextStepTime(d, days(1), 0) == TestNow() + days(6));
  CHECK(core::NextStepTime(d, days(1), 3) == TestNow() + days(10));
}
