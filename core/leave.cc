#include "core/leave.h"

#include "core/markup.h"

namespace srcbot::core {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// Calendar months: 31 January plus one month is the last day of February.
sys_days AddMonths(year_month_day d, int n) {
  year_month_day r = d + std::chrono::months{n};
  if (!r.ok()) return sys_days(r.year() / r.month() / std::chrono::last);
  return sys_days(r);
}

// A temporary member is someone the roster does not hold as a member now or
// later; a former temporary member may cover again, a former full member
// (emeritus, removed) is added back with `members add` instead.
Status CheckOutsideCover(const RosterEntry* row, const UserId& member) {
  if (row == nullptr || row->status == MemberStatus::kExpired) return Status::Ok();
  if (row->status == MemberStatus::kTemporary) {
    if (row->covers == member) return Status::Ok();
    return Status::Invalid(Mention(row->user) + " already covers " + Mention(row->covers) +
                           "'s leave as a temporary member");
  }
  return Status::Invalid(Mention(row->user) + " is " + std::string(MemberStatusName(row->status)) +
                         ": add them back with `members add`, or choose another cover");
}

}  // namespace

bool TemporaryCoverPeriod(year_month_day first, year_month_day last) {
  sys_days until = sys_days(last) + days(1);
  return until >= AddMonths(first, 1) && until <= AddMonths(first, 3);
}

Result<LeavePlan> PlanLeave(const std::vector<RosterEntry>& roster, const LeaveRequest& request,
                            TimePoint now) {
  if (!request.first.ok() || !request.last.ok()) return Status::Invalid("not a calendar day");
  if (sys_days(request.last) < sys_days(request.first)) {
    return Status::Invalid("--to is before --from");
  }
  LeavePlan plan;
  plan.leave.from = TimePoint(sys_days(request.first));
  plan.leave.until = TimePoint(sys_days(request.last) + days(1));
  plan.leave.cover = request.cover;
  if (plan.leave.until <= now) return Status::Invalid("that leave is already over");

  const RosterEntry* member = FindMember(roster, request.user);
  if (member == nullptr || !IsFullMember(*member)) {
    return Status::NotFound(Mention(request.user) + " is not a full SRC member");
  }
  const bool long_leave = plan.leave.Length() >= kCoverNeededFrom;
  if (request.cover.empty()) {
    if (long_leave) {
      return Status::Invalid("a leave of two weeks or more needs a cover: add --cover @user");
    }
    return plan;
  }
  if (request.cover == request.user) return Status::Invalid("nobody covers their own leave");

  const RosterEntry* cover = FindMember(roster, request.cover);
  if (cover != nullptr && IsFullMember(*cover)) {
    if (cover->leave && cover->leave->from < plan.leave.until &&
        plan.leave.from < cover->leave->until) {
      return Status::Invalid(Mention(cover->user) + " is on leave then too");
    }
    plan.cover = CoverRole::kMember;
    return plan;
  }
  if (Status st = CheckOutsideCover(cover, request.user); !st.ok()) return st;
  if (!TemporaryCoverPeriod(request.first, request.last)) {
    return Status::Invalid(
        "only a leave of one to three months may be covered by someone outside the SRC (as a "
        "temporary member); " +
        Mention(request.cover) + " is not an SRC member");
  }
  plan.cover = CoverRole::kTemporary;
  return plan;
}

}  // namespace srcbot::core
