#pragma once
// The vote commands (`vote start|yes|no|abstain|confirm`) and the closing of a
// vote at its deadline, as pure functions to the change they make (the vote
// row, a committee timeline event, a post to the SRC channel). The rules of
// the tally are in core/vote.h. On error the caller commits nothing.

#include <optional>
#include <string>

#include "core/command.h"
#include "core/committee_store.h"

namespace srcbot::core {

inline constexpr Duration kDefaultVoteWindow = std::chrono::hours(72);
inline constexpr Duration kMaxVoteWindow = std::chrono::hours(24 * 30);

// Every field has a default, so a request can name only what it sets.
struct VoteRequest {
  std::string topic{};             // may be empty for an admission or removal
  std::optional<VoteKind> kind{};  // required without an action
  Duration window = kDefaultVoteWindow;
  VoteAction action = VoteAction::kNone;
  UserId subject{};      // admit/remove
  std::string vendor{};  // admit: required
  std::string github{};  // admit: optional
};

// Opens vote c.next_vote_id. A removal is by super-majority (the default); an
// admission by lazy consensus (the default) or majority. The subject of a
// removal must be a full member, of an admission not one, and neither may
// have another open vote on them (kConflict).
Result<CommitteeChange> StartVote(const Committee& c, const VoteRequest& request,
                                  const Actor& actor, TimePoint now);

// Casts or changes the actor's ballot. kNotFound for an unknown vote;
// kConflict once it is closed or past its deadline.
Result<CommitteeChange> CastBallot(const Committee& c, VoteId id, Choice choice, const Actor& actor,
                                   TimePoint now);

// Applies a passed admission or removal to the roster. kConflict when the
// vote is open, failed, already applied or has nothing to apply, or when the
// roster no longer allows it (the subject already joined or left).
Result<CommitteeChange> ConfirmVote(const Committee& c, VoteId id, const Actor& actor,
                                    TimePoint now);

// Closes the open votes whose deadline is at or before `now`, adding their
// rows, events and posts to `change`: a lazy consensus with an objection
// becomes a majority vote with a new deadline of the same length; any other
// is counted (active members as of its deadline) and passes or fails.
void CloseDueVotes(const Committee& c, TimePoint now, CommitteeChange& change);

// `vote show`: the question, its terms, every ballot and the count so far (or
// the result), and what is left to do.
std::string RenderVote(const Committee& c, const Vote& vote, TimePoint now);

}  // namespace srcbot::core
