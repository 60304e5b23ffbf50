#pragma once
// Deadline reminders and stale-case pings (SPEC §5, docs/reminders.md), as a
// pure function: given a case, what has already fired for it, who can be
// pinged and `now`, which pings are due and when to look at the case again.
//
// Every open deadline (core/deadlines.h) has steps: 1 when a quarter of its
// window is left, 2 at the deadline, then 3, 4, … one per day while overdue
// (one per hour on a `public` case). Only the latest step reached fires, once:
// a case reported long ago pings once per deadline, not once per missed step.
// A deadline that moves (`public`, `slow`) starts its steps again.
//
// An open case without timeline activity is stale after 2 days when its CVSS
// score is at least 9.0, 7 days from 7.0, 30 days from 4.0 (lower or unknown
// scores: never); it pings once per such period of silence.
//
// Pings go to the case lead, or to the on-call member when there is no lead or
// the lead is on leave. A ping that can wait is held until the pinged person's
// working hours; an overdue acknowledgement and anything on a `public` case
// cannot wait. A snoozed case pings nothing until the snooze ends.

#include <optional>
#include <vector>

#include "core/committee.h"
#include "core/deadlines.h"
#include "core/message.h"
#include "core/quiet_hours.h"

namespace srcbot::core {

struct ReminderPolicy {
  Duration overdue_every = std::chrono::days(1);
  Duration public_overdue_every = std::chrono::hours(1);
  Duration stale_critical = std::chrono::days(2);  // CVSS >= 9.0
  Duration stale_high = std::chrono::days(7);      // CVSS >= 7.0
  Duration stale_medium = std::chrono::days(30);   // CVSS >= 4.0
  Duration max_snooze = std::chrono::hours(24);
};

// How far one deadline's reminders went: `step` fired for the deadline due at `due`.
struct FiredStep {
  DeadlineKind kind = DeadlineKind::kAcknowledge;
  TimePoint due{};
  int step = 0;
};

// What has fired for one case; kept by the store (core/reminder_store.h).
struct ReminderState {
  std::vector<FiredStep> fired;
  std::optional<TimePoint> stale_pinged_at;
  std::optional<TimePoint> snoozed_until;
};

// Who can be pinged: the roster (leave, working hours) and the on-call
// member right now (empty: nobody).
struct ReminderPeople {
  std::vector<RosterEntry> roster;
  UserId on_call;
};

struct ReminderOutcome {
  ReminderState state;
  // When to evaluate the case again; nullopt when nothing can become due
  // (a closed case) until the case changes.
  std::optional<TimePoint> wake_at;
  // At most one post, to the SRC channel (Audience::kSrcChannel), about the case.
  std::vector<Message> messages;
};

ReminderOutcome EvaluateReminders(const Case& c, const ReminderState& state,
                                  TimePoint last_activity, const ReminderPeople& people,
                                  const DeadlinePolicy& deadlines, const ReminderPolicy& policy,
                                  const ZoneOffsets& zones, TimePoint now);

// The step deadline `d` has reached at `t` (0: none yet), with overdue
// repeats every `every`.
int StepAt(const Deadline& d, Duration every, TimePoint t);
// When step `step` + 1 begins.
TimePoint NextStepTime(const Deadline& d, Duration every, int step);

// How long without activity makes the case stale; nullopt for a low or
// unknown CVSS score.
std::optional<Duration> StaleAfter(const Case& c, const ReminderPolicy& policy);

// Whom the case's reminders ping at `now`: the lead, unless there is none or
// they are on leave, then the on-call member; empty when neither.
UserId Pingee(const Case& c, const ReminderPeople& people, TimePoint now);

}  // namespace srcbot::core
