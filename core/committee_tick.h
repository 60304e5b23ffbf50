#pragma once
// The committee's time-driven work, as a pure function: given the committee
// and `now`, what is due. The caller (commands/committee_tick.h) commits the
// change and its posts in one transaction, so each thing fires once: what is
// done changes the state that made it due.
//
// Due, in this order:
// - votes at or past their deadline close (or a lazy consensus with an
//   objection becomes a majority vote), see core/vote_changes.h;
// - temporary members whose period is over stop being members;
// - a full member with no recorded activity yet starts being tracked now;
// - a full member not on leave, with no activity for kInactivityLimit (30
//   days) since their last command, their joining or the end of their last
//   leave, is flagged once, with the command that starts a removal vote.
//   Activity after the flag re-arms it.

#include "core/committee_store.h"

namespace srcbot::core {

CommitteeChange DueCommitteeWork(const Committee& c, TimePoint now);

}  // namespace srcbot::core
