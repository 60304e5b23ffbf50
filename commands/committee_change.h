#pragma once
// Shared steps of the committee verbs (members, vote) and of the committee
// tick: find the committee store, run a core committee function inside its
// transaction with the SRC channel filled in, and word the reply.

#include <functional>

#include "commands/verb.h"
#include "core/committee_store.h"

namespace srcbot::commands {

// The committee store kept with `store`, or kUnavailable when it has none.
core::Result<core::CommitteeStore*> CommitteeOf(core::CaseStore& store);

// Commits what `mutate` returns, with its SRC-channel posts addressed to the
// configured channel (one transaction: state, timeline and posts).
core::Result<core::CommitteeChange> ChangeCommittee(
    core::CaseStore& store, const ServiceOptions& options,
    const core::CommitteeStore::CommitteeMutation& mutate);

// The reply to the person who made a committee change: what the posts say,
// unless they typed it in the SRC channel, where the posts already say it.
Reply CommitteeReply(const VerbContext& ctx, const core::CommitteeChange& change);

// Applies what is due at `now` (core::DueCommitteeWork: vote deadlines,
// temporary members' ends, inactivity), posts included, in one transaction.
// Returns the number of posts queued. Each thing fires once.
core::Result<int> CommitteeTick(core::CaseStore& store, const ServiceOptions& options,
                                core::TimePoint now);

}  // namespace srcbot::commands
