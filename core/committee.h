#pragma once
// The committee itself (POLICY.md, "Security Response Committee Membership";
// SPEC §5, last paragraph): who sits on the SRC, on what terms, and the
// warnings the roster raises against the policy. Plain data and pure functions:
// time is passed in, nothing here reads a clock or does I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/case.h"
#include "core/time.h"

namespace srcbot::core {

enum class MemberStatus {
  kActive,     // a full member (possibly on leave)
  kTemporary,  // covers a member's leave of 1–3 months, with the same rights, for that period
  kEmeritus,   // stepped down; listed with thanks by `members --emeritus`
  kRemoved,    // removed by `members remove` or a confirmed removal vote
  kExpired,    // a temporary member whose period is over
};

std::string_view MemberStatusName(MemberStatus s);  // "active", "temporary", …
std::optional<MemberStatus> ParseMemberStatus(std::string_view name);

// A leave of absence. Days are whole UTC days: `from` is the first day's
// midnight, `until` the midnight after the last day (exclusive).
struct Leave {
  TimePoint from{};
  TimePoint until{};
  UserId cover;  // empty: nobody covers

  Duration Length() const { return until - from; }
  bool Covers(TimePoint t) const { return from <= t && t < until; }
};

// When a member works, for reminders: an IANA zone and local hours
// [start_hour, end_hour) (end < start wraps past midnight).
struct WorkingHours {
  std::string zone;
  int start_hour = 9;
  int end_hour = 17;
};

// One row of the roster: every person who ever sat on the SRC, whatever their status.
struct RosterEntry {
  UserId user;
  std::string vendor;  // employer, as typed; compared case-insensitively
  std::string github;
  TimePoint joined_at{};  // for a temporary member, the start of the period
  MemberStatus status = MemberStatus::kActive;
  std::optional<TimePoint> until;    // temporary: the end of the period (exclusive)
  UserId covers;                     // temporary: the member whose leave this covers
  std::optional<TimePoint> left_at;  // emeritus, removed, expired: when
  std::optional<Leave> leave;        // the member's latest recorded leave
  std::optional<WorkingHours> hours;
  // Activity (any command, including acknowledgements). Empty until the
  // first command or committee tick: tracking starts then, not at joined_at.
  std::optional<TimePoint> last_active_at;
  std::optional<TimePoint> inactivity_flagged_at;
};

// A policy constant, in one place with the others below.
inline constexpr Duration kCoverNeededFrom = std::chrono::days(14);
inline constexpr Duration kInactivityLimit = std::chrono::days(30);
inline constexpr int kMinMembers = 3;
inline constexpr int kMaxMembers = 5;

// A full member: active, whether on leave or not.
bool IsFullMember(const RosterEntry& e);
// Whether `e` holds SRC rights at `now`: full members (also on leave) and
// temporary members inside their period. This is exactly what
// CaseStore::Members() returns, and so what the embargo guard trusts.
bool HasSrcRights(const RosterEntry& e, TimePoint now);
// On leave at `now` (a full member whose recorded leave covers now).
bool OnLeave(const RosterEntry& e, TimePoint now);
// The members who count for votes at `now`: SRC rights and not on leave
// (a member on leave is replaced by their temporary cover, if any).
std::vector<UserId> ActiveMembers(const std::vector<RosterEntry>& roster, TimePoint now);

const RosterEntry* FindMember(const std::vector<RosterEntry>& roster, std::string_view user);

// The roster's warnings at `now`, each one line of mrkdwn, in a stable order:
// size outside 3–5 full members; a vendor with more than twice the full
// members of all other vendors together (named; members without a recorded
// vendor count as "others", and get a warning of their own); a leave of 14
// days or more, current or upcoming, without a cover on the SRC.
std::vector<std::string> RosterWarnings(const std::vector<RosterEntry>& roster, TimePoint now);

// "2026-12-01"
std::string FormatDay(TimePoint t);

// Accepts "UTC" and zone names shaped like the IANA database's: an area
// (Africa, America, Antarctica, Arctic, Asia, Atlantic, Australia, Europe,
// Indian, Pacific, Etc) then one or two /Name parts of letters, digits, _ - +.
// The domain cannot read the zone database; this catches typos like "CET+1".
bool PlausibleTimeZone(std::string_view zone);
// "09-17" → {9, 17}; hours 0–24, two digits each, start != end.
std::optional<WorkingHours> ParseWorkingHours(std::string_view zone, std::string_view text);

}  // namespace srcbot::core
