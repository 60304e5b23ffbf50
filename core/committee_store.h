#pragma once
// The interface to the committee's durable state: the roster (every row, not
// only those with rights), the votes with their ballots, and the committee's
// own timeline. The real implementation is store/SqliteCommitteeStore, on the
// same database as the cases; tests use the in-memory store in tests/fakes.
//
// Like CaseStore, every mutation is one transaction: the mutation callback runs
// inside it with the current state, and what it returns (rows, votes, timeline
// events and outbox messages) is written together or not at all.
//
// Implementations must be safe to call from several threads.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/committee.h"
#include "core/message.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vote.h"

namespace srcbot::core {

// One line of the committee's timeline: roster changes, leaves, votes and
// their outcomes.
struct CommitteeEvent {
  TimePoint at{};
  UserId actor;      // empty for the bot itself (a deadline, an expiry)
  std::string kind;  // "member-added", "vote-passed", …
  std::string text;  // for people (mrkdwn)
  VoteId vote = 0;   // the vote it concerns, or 0
};

// The committee as a mutation sees it.
struct Committee {
  std::vector<RosterEntry> roster;  // every row, ordered by joined_at, then user
  std::vector<Vote> votes;          // ordered by id
  VoteId next_vote_id = 1;          // the id a vote started in this transaction gets

  const Vote* FindVote(VoteId id) const;
};

// What one command or tick does to the committee.
struct CommitteeChange {
  std::vector<RosterEntry> roster;  // rows to insert or replace (by user)
  std::vector<Vote> votes;          // votes to insert or replace (by id), with all their ballots
  std::vector<CommitteeEvent> events;
  std::vector<Message> messages;  // must be addressed (no Audience::kSrcChannel) to commit

  bool empty() const {
    return roster.empty() && votes.empty() && events.empty() && messages.empty();
  }

  // Appends a timeline event and the same text as a post to the SRC channel.
  void Record(TimePoint at, const UserId& actor, std::string kind, const std::string& text,
              VoteId vote = 0) {
    events.push_back({at, actor, std::move(kind), text, vote});
    Message post;
    post.text = text;
    messages.push_back(std::move(post));
  }
  // The row for `user` in this change (the latest one), or nullptr.
  const RosterEntry* Upserted(std::string_view user) const;
};

// `roster` with `change`'s rows inserted or replaced.
std::vector<RosterEntry> ApplyRoster(std::vector<RosterEntry> roster,
                                     const CommitteeChange& change);

class CommitteeStore {
 public:
  virtual ~CommitteeStore() = default;

  using CommitteeMutation = std::function<Result<CommitteeChange>(const Committee& current)>;

  // Loads the committee, calls `mutate` with it and commits what it returns.
  // On error from `mutate` nothing is written and that error is returned. A
  // vote with an id other than an existing one or next_vote_id is kInternal.
  virtual Result<CommitteeChange> UpdateCommittee(const CommitteeMutation& mutate) = 0;
  virtual Result<Committee> LoadCommittee() = 0;
  // Stamps `user`'s last activity (no-op for someone not on the roster, and
  // when the stamp is less than an hour older than `at`: inactivity is judged
  // in months, and a write per command would cost an fsync each).
  virtual Status RecordActivity(const UserId& user, TimePoint at) = 0;
  // The newest `limit` timeline events, oldest first.
  virtual Result<std::vector<CommitteeEvent>> CommitteeTimeline(int limit) = 0;
};

}  // namespace srcbot::core
