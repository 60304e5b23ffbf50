#pragma once
// The interface to durable state: cases, timelines, the committee roster and the
// outbox. The real implementation is store/SqliteCaseStore; tests may use others.
//
// Every mutation runs as one transaction: the case's new state, its timeline
// events and the messages they cause are written together or not at all. The
// mutation callback runs inside the transaction with the current state, so a
// read-modify-write cannot interleave with another writer.
//
// Implementations must be safe to call from several threads.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/case.h"
#include "core/change.h"
#include "core/event.h"
#include "core/message.h"
#include "core/result.h"

namespace srcbot::core {

// A message that has been committed to the outbox, with its resolved channel.
struct OutboxItem {
  std::int64_t id = 0;
  std::string channel;  // channel id, or a user id for a direct message
  bool direct = false;  // true when `channel` is a user id
  std::string text;
  std::vector<CaseId> about;
  TimePoint created_at{};
  int attempts = 0;
  std::string offers;  // see Message::offers
  std::optional<CaseId> release_of;  // see Message::release_of
};

// One decision of the embargo guard about a message that carried details of a
// case (SPEC §3: each decision is recorded). Names no case detail.
struct EmbargoDecision {
  CaseId case_id = 0;
  TimePoint at{};           // stamped by the store
  std::string outcome;      // "sent", "held" (facts missing; tried again), "refused"
  std::string kind;         // "post", "direct", "ephemeral", "ack", "respond", "modal", "home"
  std::string destination;  // channel id, or user id for a DM or an App Home
  std::string recipient;    // the one reader of an ephemeral, DM or App Home; else empty
  std::string reason;
};

enum class OutboxState { kPending, kSent, kHeld };

class CommitteeStore;  // core/committee_store.h
class ReminderStore;   // core/reminder_store.h

struct Member {
  UserId user;
  std::string vendor;
  std::string github;
  TimePoint joined_at{};
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  using Creation = std::function<Result<Change>(CaseId new_id)>;
  using Mutation = std::function<Result<Change>(const Case& current)>;

  // Allocates the next case id, calls `build` with it and commits what it
  // returns. On error from `build` nothing is written and that error is returned.
  virtual Result<Change> Create(const Creation& build) = 0;
  // Loads case `id`, calls `mutate` with it and commits what it returns.
  // kNotFound when there is no such case; on error from `mutate`, nothing changes.
  virtual Result<Change> Update(CaseId id, const Mutation& mutate) = 0;

  virtual Result<Case> Load(CaseId id) = 0;
  // Open cases, or all when include_closed; ordered by id.
  virtual Result<std::vector<Case>> List(bool include_closed) = 0;
  // The case's events in the order they were recorded.
  virtual Result<std::vector<Event>> Timeline(CaseId id) = 0;

  // The people with SRC rights at the store clock's now: full members (also
  // on leave) and temporary members inside their period; never emeritus,
  // removed or expired ones. The embargo guard trusts exactly this list.
  virtual Result<std::vector<Member>> Members() = 0;
  // Adds the users as members when the roster is empty (bootstrap from --admins).
  virtual Status SeedMembers(const std::vector<UserId>& users, TimePoint now) = 0;
  // The committee's own state (roster terms, votes), kept with the cases; may
  // be nullptr for a store without it (then `members` and `vote` say so).
  virtual CommitteeStore* Committee() { return nullptr; }
  // The reminders' state and the on-call rotation, kept with the cases; may
  // be nullptr for a store without them (then no reminders fire, and
  // `oncall` and `snooze` say so).
  virtual ReminderStore* Reminders() { return nullptr; }

  // Outbox: messages committed with a change, waiting for delivery. A change's
  // messages must already be addressed (Audience::kChannel or kUser); one still
  // addressed to kSrcChannel makes the whole change fail with kInternal.
  virtual Result<std::vector<OutboxItem>> PendingMessages(int limit) = 0;
  virtual Status MarkMessage(std::int64_t id, OutboxState state, const std::string& note) = 0;

  // The embargo guard's audit. Record stamps `at` with the store's clock; a
  // decision about a case that does not exist is not recorded (kNotFound).
  virtual Status RecordDecisions(const std::vector<EmbargoDecision>& decisions) = 0;
  // The decisions about case `id`, oldest first.
  virtual Result<std::vector<EmbargoDecision>> Decisions(CaseId id) = 0;

  // The reference (Slack's ts) of case `id`'s release post in `channel`, as
  // the guard noted it when the post was sent (OutboxItem note
  // "public release post ts=<ref>"); nullopt when none was sent.
  virtual Result<std::optional<std::string>> ReleasePostRef(CaseId id, const std::string& channel) = 0;
};

}  // namespace srcbot::core
