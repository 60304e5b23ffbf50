#include "core/committee_tick.h"

#include <algorithm>

#include "core/markup.h"
#include "core/vote_changes.h"

namespace srcbot::core {
namespace {

void ExpireTemporaries(const Committee& c, TimePoint now, CommitteeChange& change) {
  for (const RosterEntry& e : c.roster) {
    if (e.status != MemberStatus::kTemporary || !e.until || *e.until > now) continue;
    RosterEntry ended = e;
    ended.status = MemberStatus::kExpired;
    ended.left_at = *e.until;
    change.roster.push_back(ended);
    change.Record(now, "", "temporary-ended",
                  Mention(e.user) + "'s temporary membership, covering " + Mention(e.covers) +
                      "'s leave, ended on " + FormatDay(*e.until) +
                      ": they no longer see embargoed cases.");
  }
}

// The moment inactivity counts from: the latest of the last command, the
// joining, and the end of a leave that is over.
TimePoint ActiveSince(const RosterEntry& e, TimePoint now) {
  TimePoint since = std::max(*e.last_active_at, e.joined_at);
  if (e.leave && e.leave->until <= now) since = std::max(since, e.leave->until);
  return since;
}

void FlagInactive(const Committee& c, TimePoint now, CommitteeChange& change) {
  for (const RosterEntry& e : c.roster) {
    if (!IsFullMember(e)) continue;
    // Members who never acted since tracking began start counting now, so an
    // upgrade does not flag the whole roster at once.
    if (!e.last_active_at) {
      RosterEntry tracked = e;
      tracked.last_active_at = now;
      change.roster.push_back(tracked);
      continue;
    }
    if (OnLeave(e, now)) continue;
    TimePoint since = ActiveSince(e, now);
    if (now - since < kInactivityLimit) continue;
    if (e.inactivity_flagged_at && *e.inactivity_flagged_at >= since) continue;  // flagged once
    RosterEntry flagged = e;
    flagged.inactivity_flagged_at = now;
    change.roster.push_back(flagged);
    long long idle = std::chrono::floor<std::chrono::days>(now - since).count();
    change.Record(now, "", "inactive",
                  Mention(e.user) + " has had no activity for " + std::to_string(idle) +
                      " days (since " + FormatDay(since) +
                      ") and is not on leave. The policy removes members who cannot be reached "
                      "for a month by super-majority; to propose it: `/src vote start --remove` " +
                      Mention(e.user));
  }
}

}  // namespace

CommitteeChange DueCommitteeWork(const Committee& c, TimePoint now) {
  CommitteeChange change;
  CloseDueVotes(c, now, change);
  ExpireTemporaries(c, now, change);
  FlagInactive(c, now, change);
  return change;
}

}  // namespace srcbot::core
