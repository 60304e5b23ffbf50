#pragma once
// The blameless retrospective (SPEC §4): who was involved, each stage against
// its deadline, the links, and prompts for critique of the response. Pure.

#include <set>
#include <string>
#include <vector>

#include "core/case.h"
#include "core/change.h"
#include "core/command.h"
#include "core/deadlines.h"
#include "core/event.h"
#include "core/result.h"

namespace srcbot::core {

// "met, 3h early" / "missed by 1d 2h" / "open, due in 5h" / "missed: 2h overdue".
std::string DeadlineVerdict(const Deadline& d, TimePoint now);

// The retrospective in Slack mrkdwn, for the SRC's private channel.
std::string RenderRetrospective(const Case& c, const std::vector<Event>& timeline,
                                const DeadlinePolicy& policy, TimePoint now);

// `retro <case> --done`: the retrospective is written; the case closes as
// fixed. SRC only; only once the case is released.
Result<Change> FinishRetrospective(const Case& current, const Actor& actor, TimePoint now);

}  // namespace srcbot::core
