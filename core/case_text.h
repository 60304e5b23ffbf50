#pragma once
// How a case reads to an SRC member: the texts of `show`, `list` and
// `timeline`. Pure functions of their arguments; `now` comes from the caller.

#include <string>
#include <vector>

#include "core/case.h"
#include "core/case_store.h"
#include "core/deadlines.h"
#include "core/event.h"

namespace srcbot::core {

// `show`: every field that is set, the fix team, and each deadline with its state.
std::string RenderCase(const Case& c, const DeadlinePolicy& policy, TimePoint now);

// One line of `list`: id, stage, title, lead and the next open deadline.
std::string RenderCaseLine(const Case& c, const DeadlinePolicy& policy, TimePoint now);

// `timeline`: the events, oldest first, with time, actor and channel.
std::string RenderTimeline(const Case& c, const std::vector<Event>& events);

// The embargo guard's refusals about a case, as timeline events (kind
// "embargo-refused") for SRC members; the other decisions are left out.
std::vector<Event> RefusalEvents(const std::vector<EmbargoDecision>& decisions);

// "met 2026-11-25 15:09 UTC", "due in 3h 5m (…)", "overdue by 2d 1h (…)".
std::string DeadlineState(const Deadline& d, TimePoint now);

}  // namespace srcbot::core
