#pragma once
// The roster commands (`members add|remove|emeritus|leave|tz`) as pure
// functions from the committee, the request, the actor and `now` to the
// change they make: rows to write, a committee timeline event, and a post to
// the SRC channel that ends with the roster's warnings as they stand after it.
// On error the caller commits nothing. Rules: core/committee.h, core/leave.h.

#include <string>
#include <vector>

#include "core/command.h"
#include "core/committee_store.h"
#include "core/leave.h"

namespace srcbot::core {

struct AddMemberRequest {
  UserId user;
  std::string vendor;  // required, not empty
  std::string github;  // may be empty
};

// Adds a member, or updates the vendor and GitHub login of a full member. A
// temporary member becomes a full one; an emeritus or removed one comes back.
Result<CommitteeChange> AddMember(const Committee& c, const AddMemberRequest& request,
                                  const Actor& actor, TimePoint now);

enum class Departure { kRemoved, kEmeritus };

// Ends a membership: a full member is removed or moved to the emeritus list
// (dated); a temporary member may only be removed (their period ends now).
// A temporary member covering the departing member's leave ends too.
// kNotFound when `user` holds no SRC rights; kConflict when they are the last
// one who does (nobody could run srcbot any more).
Result<CommitteeChange> EndMembership(const Committee& c, const UserId& user, Departure how,
                                      const Actor& actor, TimePoint now);

// Records a leave (replacing the member's previous one), under PlanLeave's rules.
Result<CommitteeChange> RecordLeave(const Committee& c, const LeaveRequest& request,
                                    const Actor& actor, TimePoint now);

// Stores a member's time zone and working hours, for reminders.
Result<CommitteeChange> SetWorkingHours(const Committee& c, const UserId& user,
                                        const WorkingHours& hours, const Actor& actor,
                                        TimePoint now);

// The lines appended to a roster post: the warnings after `change`, or a note
// that they cleared when there were some before it; "" when none either way.
std::string WarningsNote(const Committee& before, const CommitteeChange& change, TimePoint now);

// "@bob — acme, GitHub bob-gh, Europe/Berlin 09–17, joined 2026-01-05, on leave … (cover @carol)"
std::string DescribeMember(const RosterEntry& e, TimePoint now);

}  // namespace srcbot::core
