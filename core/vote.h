#pragma once
// Committee votes (POLICY.md: new members by lazy consensus with a majority
// vote as fallback; removal by super-majority). Plain data and the tally, a
// pure function of the ballots and of who is an active member when it runs.
//
// The rules, as srcbot applies them (docs/governance.md):
// - one ballot per member (yes, no or abstain), changeable until the deadline;
// - only the active members when the vote closes count, for the ballots and
//   for the total: members who left mid-vote do not count, members who joined
//   do; a member on leave is not active (their temporary cover is);
// - lazy consensus passes at the deadline unless an active member voted no; an
//   objection turns it into a majority vote with a new deadline (same length);
// - majority passes with yes from more than half of the active members;
// - super-majority passes with yes from at least two thirds of them;
// - abstaining and not voting count as not-yes; no active members: it fails.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/case.h"
#include "core/time.h"

namespace srcbot::core {

using VoteId = std::int64_t;

enum class VoteKind { kLazy, kMajority, kSuper };
enum class Choice { kYes, kNo, kAbstain };
enum class VoteState { kOpen, kPassed, kFailed };
// What a passed vote changes once an SRC member confirms it (`vote confirm`).
enum class VoteAction { kNone, kAdmit, kRemove };

std::string_view VoteKindName(VoteKind k);  // "lazy", "majority", "super"
std::optional<VoteKind> ParseVoteKind(std::string_view name);
std::string_view VoteKindTitle(VoteKind k);  // "lazy consensus", "majority", "super-majority"
std::string_view ChoiceName(Choice c);       // "yes", "no", "abstain"
std::optional<Choice> ParseChoice(std::string_view name);
std::string_view VoteStateName(VoteState s);  // "open", "passed", "failed"
std::optional<VoteState> ParseVoteState(std::string_view name);
std::string_view VoteActionName(VoteAction a);  // "none", "admit", "remove"
std::optional<VoteAction> ParseVoteAction(std::string_view name);

struct Ballot {
  UserId voter;
  Choice choice = Choice::kAbstain;
  TimePoint at{};
};

struct Vote {
  VoteId id = 0;
  std::string topic;
  VoteKind kind = VoteKind::kLazy;
  bool converted = false;  // a lazy consensus that an objection turned into a majority vote
  Duration window{};       // the length of a voting period (--hours)
  UserId opened_by;
  TimePoint opened_at{};
  TimePoint deadline{};
  std::vector<Ballot> ballots;  // one per voter, in the order first cast

  VoteState state = VoteState::kOpen;
  std::optional<TimePoint> closed_at;
  std::string result;  // the closing line, for `vote show`

  VoteAction action = VoteAction::kNone;
  UserId subject;      // admit/remove: who
  std::string vendor;  // admit: the new member's vendor and GitHub login
  std::string github;
  std::optional<TimePoint> applied_at;  // when `vote confirm` applied the outcome
  UserId applied_by;

  const Ballot* BallotOf(std::string_view voter) const;
};

// The count of a vote's ballots among `active` members.
struct Tally {
  int active = 0;
  int yes = 0;
  int no = 0;
  int abstain = 0;
  int silent = 0;  // active members who did not vote
  int needed = 0;  // yes votes needed to pass (majority, super); 0 for lazy
  bool passes = false;
};

// Counts `vote` as if it closed now with these active members. For a lazy
// vote, passes means "no objection".
Tally Count(const Vote& vote, const std::vector<UserId>& active);

// Yes votes needed out of `active` members: majority floor(n/2)+1, super
// ceil(2n/3), lazy 0.
int YesNeeded(VoteKind kind, int active);

// "3 yes, 1 no, 0 abstain, 1 silent of 5 active members (3 needed)".
std::string DescribeTally(const Vote& vote, const Tally& tally);

}  // namespace srcbot::core
