#pragma once
// The release day (SPEC §4): the recommended slot is <hour>:00 UTC on a
// Monday–Thursday, at least one day ahead, not on a holiday. A Friday, a
// weekend or a holiday needs --force and a reason. Pure.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/case.h"
#include "core/change.h"
#include "core/command.h"
#include "core/deadlines.h"
#include "core/result.h"
#include "core/time.h"

namespace srcbot::core {

struct ReleaseDayPolicy {
  int hour_utc = 16;
  std::vector<std::chrono::year_month_day> holidays;
};

struct SlotProposal {
  TimePoint slot{};
  std::optional<TimePoint> deadline;  // the case's release deadline, when it has one
  bool within_deadline = true;
};

// The earliest recommended slot at least 24 hours after `now`. When even that
// slot lies past `deadline`, within_deadline is false (no slot can do better).
SlotProposal ProposeReleaseSlot(TimePoint now, const ReleaseDayPolicy& policy,
                                std::optional<TimePoint> deadline);

// Why `day` is not a recommended day ("a Friday", "a holiday"…), or "" when it is.
std::string WhyNotRecommended(std::chrono::year_month_day day, const ReleaseDayPolicy& policy);

struct ReleaseDayCommand {
  std::optional<std::chrono::year_month_day> day;  // empty: propose only
  bool force = false;
  std::string reason;
};

// Sets the release day (SRC only; once the fix is ready, before release) and
// moves the case to release-scheduled. A day that is not recommended needs
// force and a reason, both recorded. A day in the past is refused.
Result<Change> SetReleaseDay(const Case& current, const ReleaseDayCommand& cmd, const Actor& actor,
                             TimePoint now, const ReleaseDayPolicy& policy);

}  // namespace srcbot::core
