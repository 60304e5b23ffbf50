#include "core/reminders.h"

#include <algorithm>
#include <cstdio>

#include "core/buttons.h"
#include "core/markup.h"
#include "core/str_cat.h"

namespace srcbot::core {
namespace {

std::string Action(DeadlineKind kind, const std::string& ref) {
  switch (kind) {
    case DeadlineKind::kAcknowledge:
      return "/src ack " + ref;
    case DeadlineKind::kFixTeam:
      return "/src team " + ref + " add @user";
    case DeadlineKind::kFix:
      return "/src fixed " + ref;
    case DeadlineKind::kRelease:
      return "/src release-day " + ref;
    case DeadlineKind::kRetrospective:
      return "/src retro " + ref + " --done";
  }
  return "/src show " + ref;
}

std::string DeadlineLine(const Case& c, const Deadline& d, int step, TimePoint now) {
  std::string name = StrCat({"*", DeadlineName(d.kind), "*"});
  std::string when = FormatHuman(d.due);
  std::string line;
  if (step == 1) {
    line = name + " is due " + when + " (in " + FormatDuration(d.due - now) +
           "): a quarter of its window is left.";
  } else if (now - d.due < std::chrono::minutes(1)) {
    line = name + " is due now (" + when + ").";
  } else {
    line = name + " is overdue: it was due " + when + " (" + FormatDuration(now - d.due) + " ago).";
  }
  return "• " + line + " `" + Action(d.kind, CaseRef(c.id)) + "`";
}

std::string StaleLine(const Case& c, Duration quiet, Duration period) {
  char score[16];
  std::snprintf(score, sizeof score, "%.1f", c.cvss_score.value_or(0));
  return "• no activity for " + FormatDuration(quiet) + " (CVSS " + score +
         "): what is next? A case this severe is pinged after " + FormatDuration(period) +
         " of silence.";
}

const WorkingHours* HoursOf(const std::vector<RosterEntry>& roster, const UserId& user) {
  const RosterEntry* e = FindMember(roster, user);
  if (e == nullptr || !e->hours) return nullptr;
  return &*e->hours;
}

}  // namespace

int StepAt(const Deadline& d, Duration every, TimePoint t) {
  Duration window = std::max(Duration(0), d.due - d.starts);
  TimePoint quarter = d.due - window / 4;
  if (t < quarter) return 0;
  if (t < d.due) return 1;
  return 2 + static_cast<int>((t - d.due) / std::max(every, Duration(1)));
}

TimePoint NextStepTime(const Deadline& d, Duration every, int step) {
  Duration window = std::max(Duration(0), d.due - d.starts);
  if (step <= 0) return d.due - window / 4;
  if (step == 1) return d.due;
  return d.due + (step - 1) * std::max(every, Duration(1));
}

std::optional<Duration> StaleAfter(const Case& c, const ReminderPolicy& policy) {
  if (!c.cvss_score) return std::nullopt;
  double score = *c.cvss_score;
  if (score >= 9.0) return policy.stale_critical;
  if (score >= 7.0) return policy.stale_high;
  if (score >= 4.0) return policy.stale_medium;
  return std::nullopt;
}

UserId Pingee(const Case& c, const ReminderPeople& people, TimePoint now) {
  if (!c.lead.empty()) {
    const RosterEntry* e = FindMember(people.roster, c.lead);
    if (e == nullptr || !OnLeave(*e, now)) return c.lead;
  }
  return people.on_call;
}

ReminderOutcome EvaluateReminders(const Case& c, const ReminderState& state,
                                  TimePoint last_activity, const ReminderPeople& people,
                                  const DeadlinePolicy& deadlines, const ReminderPolicy& policy,
                                  const ZoneOffsets& zones, TimePoint now) {
  ReminderOutcome out{state, std::nullopt, {}};
  if (!c.IsOpen()) return out;
  if (out.state.snoozed_until && *out.state.snoozed_until <= now) out.state.snoozed_until.reset();

  const UserId pingee = Pingee(c, people, now);
  const WorkingHours* hours = pingee.empty() ? nullptr : HoursOf(people.roster, pingee);
  const bool working = hours == nullptr || InWorkingHours(*hours, zones, now);
  const std::optional<TimePoint> snoozed = out.state.snoozed_until;
  const Duration every = c.is_public ? policy.public_overdue_every : policy.overdue_every;

  std::vector<TimePoint> wakes;
  std::vector<std::string> lines;
  // A due ping either goes now or says when it can: at the snooze's end, or
  // when the pinged person's working day starts.
  auto may_ping = [&](bool urgent) {
    if (snoozed) {
      wakes.push_back(*snoozed);
      return false;
    }
    if (!urgent && !working) {
      wakes.push_back(NextWorkingTime(*hours, zones, now));
      return false;
    }
    return true;
  };

  std::vector<FiredStep> fired;
  for (const Deadline& d : Deadlines(c, deadlines)) {
    if (d.met_at) continue;  // met deadlines drop out of the state
    FiredStep f{d.kind, d.due, 0};
    auto old = std::find_if(state.fired.begin(), state.fired.end(),
                            [&](const FiredStep& s) { return s.kind == d.kind; });
    if (old != state.fired.end() && old->due == d.due) f.step = old->step;
    int step = StepAt(d, every, now);
    wakes.push_back(NextStepTime(d, every, step));
    if (step > f.step) {
      // SPEC §5 and the issue: an unacknowledged report past its deadline, and
      // anything publicly known, is worth waking someone for.
      bool urgent = c.is_public || (d.kind == DeadlineKind::kAcknowledge && step >= 2);
      if (may_ping(urgent)) {
        lines.push_back(DeadlineLine(c, d, step, now));
        f.step = step;
      }
    }
    fired.push_back(f);
  }
  out.state.fired = std::move(fired);

  if (std::optional<Duration> period = StaleAfter(c, policy)) {
    TimePoint base = std::max(last_activity, out.state.stale_pinged_at.value_or(last_activity));
    if (now >= base + *period) {
      if (may_ping(c.is_public)) {
        lines.push_back(StaleLine(c, now - last_activity, *period));
        out.state.stale_pinged_at = now;
        wakes.push_back(now + *period);
      }
    } else {
      wakes.push_back(base + *period);
    }
  }

  if (!wakes.empty()) out.wake_at = *std::min_element(wakes.begin(), wakes.end());
  if (lines.empty()) return out;
  std::string head = CaseRef(c.id) + " (" + Escape(c.title) + ")";
  std::string text = pingee.empty() ? head + " has no lead and nobody is on call (`/src lead " +
                                          CaseRef(c.id) + " @user`):"
                                    : Mention(pingee) + " reminder for " + head + ":";
  for (const std::string& line : lines) text += "\n" + line;
  Message post;
  post.text = std::move(text);
  post.about = {c.id};
  // A report nobody acknowledged can be acknowledged from the reminder itself.
  post.offers = std::string(c.stage == Stage::kReported ? kOffersAck : kOffersSnooze);
  out.messages.push_back(std::move(post));
  return out;
}

}  // namespace srcbot::core
