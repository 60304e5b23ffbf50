#pragma once
// The triage on-call rotation (SPEC §5, docs/reminders.md), pure: time is
// passed in, the roster gives leave and rights.
//
// `oncall set @a @b @c [--days N]` starts shifts of N days (7 by default) at
// that moment, in that order, round and round. A shift goes to the first
// member in order from its own who holds SRC rights and is not on leave. A
// hand-over counts only once the incoming member acknowledges it (`oncall
// ack`): until then the outgoing one stays on call, and the hand-over is
// announced again at most hourly. `oncall swap @user` gives the current shift
// to @user; when @user has a shift later in the rotation, the member they
// replace takes that one (a trade).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/change.h"
#include "core/committee.h"
#include "core/message.h"
#include "core/result.h"
#include "core/time.h"

namespace srcbot::core {

inline constexpr Duration kHandoverRepeat = std::chrono::hours(1);

struct Rotation {
  std::vector<UserId> members;  // in order; empty: no rotation set
  Duration shift = std::chrono::days(7);
  TimePoint starts{};
  std::map<std::int64_t, UserId> overrides;  // shift number → who takes it (swaps)
};

// The rotation and who holds the on-call now; kept by the store.
struct OnCall {
  Rotation rotation;
  UserId current;  // who is on call (acknowledged); empty before the first `set`
  TimePoint since{};
  UserId handover_to;                           // the incoming member last announced
  std::optional<TimePoint> handover_announced;  // when
};

// What an on-call command or the tick does: the new state (when changed) and
// posts to the SRC channel (Audience::kSrcChannel).
struct OnCallChange {
  std::optional<OnCall> after;
  std::vector<Message> messages;
};

// The shift number at `t` (0 from rotation.starts).
std::int64_t ShiftAt(const Rotation& r, TimePoint t);
TimePoint ShiftStart(const Rotation& r, std::int64_t shift);
// Who shift `shift` belongs to, judged for leave and rights at `at`; empty
// when nobody in the rotation can take it.
UserId Scheduled(const Rotation& r, const std::vector<RosterEntry>& roster, std::int64_t shift,
                 TimePoint at);
// Who is pinged as on-call at `now`: the current holder unless they are on
// leave or have lost their rights, then whoever the rotation schedules now.
UserId OnCallNow(const OnCall& o, const std::vector<RosterEntry>& roster, TimePoint now);

// `oncall set`: kInvalidArgument for an empty list, a repeated member, a
// member without SRC rights or days outside 1–90.
Result<OnCallChange> SetRotation(const OnCall& o, const std::vector<RosterEntry>& roster,
                                 const std::vector<UserId>& members, int days, const UserId& actor,
                                 TimePoint now);
// `oncall ack` by `actor`: takes over when a hand-over to them is due;
// kConflict otherwise, saying who is next.
Result<OnCallChange> AckHandover(const OnCall& o, const std::vector<RosterEntry>& roster,
                                 const UserId& actor, TimePoint now);
// `oncall swap @user`.
Result<OnCallChange> SwapShift(const OnCall& o, const std::vector<RosterEntry>& roster,
                               const UserId& user, const UserId& actor, TimePoint now);
// The tick: announces a hand-over that is due (again at most every
// kHandoverRepeat until acknowledged). Empty when nothing is due.
OnCallChange DueHandover(const OnCall& o, const std::vector<RosterEntry>& roster, TimePoint now);
// `oncall`: now, a pending hand-over, next, and the rotation (mrkdwn).
std::string DescribeOnCall(const OnCall& o, const std::vector<RosterEntry>& roster, TimePoint now);

// A new report (SPEC §5): pings `on_call` in the report's post and makes them
// the lead when there is none, on the timeline. No-op for an empty on_call.
void LeadByOnCall(Change& report, const UserId& on_call, TimePoint now);

}  // namespace srcbot::core
