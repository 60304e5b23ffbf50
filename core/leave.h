#pragma once
// Leave of absence and cover (POLICY.md, "Responsibilities"; SPEC §5):
// - a leave of two weeks (14 days) or more needs a cover, or it is refused;
// - a leave of one to three calendar months may be covered by someone who is
//   not on the SRC: they become a temporary member for exactly that period,
//   with the same rights, and stop being one when it ends;
// - a shorter or longer leave is covered by an SRC member.
// Pure: the caller passes `now`.

#include <chrono>

#include "core/committee.h"
#include "core/result.h"

namespace srcbot::core {

// What `members leave` asks for. Days are UTC calendar days, both inclusive.
struct LeaveRequest {
  UserId user;
  std::chrono::year_month_day first;
  std::chrono::year_month_day last;
  UserId cover;  // empty: none
};

enum class CoverRole {
  kNone,       // no cover (a leave under two weeks)
  kMember,     // a full SRC member covers
  kTemporary,  // the cover becomes a temporary member for the period
};

struct LeavePlan {
  Leave leave;
  CoverRole cover = CoverRole::kNone;
};

// Checks a leave against the roster and the rules above. kInvalidArgument for
// days out of order, a leave already over, a missing cover, a cover who cannot
// cover; kNotFound when `user` is not a full member. Says why, in one line.
Result<LeavePlan> PlanLeave(const std::vector<RosterEntry>& roster, const LeaveRequest& request,
                            TimePoint now);

// Whether [first, last] spans one to three calendar months (the period a
// temporary member may cover): at least first + 1 month, at most first + 3.
bool TemporaryCoverPeriod(std::chrono::year_month_day first, std::chrono::year_month_day last);

}  // namespace srcbot::core
