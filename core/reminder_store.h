#pragma once
// The interface to the reminders' durable state (docs/reminders.md): per case,
// what has fired and when to look at it again; and the on-call rotation. The
// real implementation is store/SqliteReminderStore, on the same database as
// the cases; CaseStore::Reminders() hands it out.
//
// Each case has a wake time, indexed: DueCases finds the cases whose wake time
// has come without reading the others. Every write of a case by the CaseStore
// sets its wake time to "now", so a change (a new case, `public`, a release)
// is looked at on the next tick.
//
// Like CaseStore, every mutation is one transaction: the mutation callback
// runs inside it with the current state, and the new state, the wake time,
// the timeline events and the outbox messages are written together or not at
// all. A reminder therefore fires exactly once, also across restarts.
//
// Implementations must be safe to call from several threads.

#include <functional>
#include <optional>
#include <vector>

#include "core/case.h"
#include "core/event.h"
#include "core/message.h"
#include "core/oncall.h"
#include "core/reminders.h"
#include "core/result.h"

namespace srcbot::core {

// One case as the reminders see it.
struct CaseReminders {
  Case c;
  ReminderState state;
  TimePoint last_activity{};  // the newest timeline event (or the report)
};

struct ReminderChange {
  ReminderState state;
  std::optional<TimePoint> wake_at;  // nullopt: not until the case changes
  std::vector<Event> events;         // appended to the case's timeline
  std::vector<Message> messages;     // must be addressed (no Audience::kSrcChannel)
};

class ReminderStore {
 public:
  virtual ~ReminderStore() = default;

  using ReminderMutation = std::function<Result<ReminderChange>(const CaseReminders& current)>;
  using OnCallMutation = std::function<Result<OnCallChange>(const OnCall& current)>;

  // Up to `limit` cases whose wake time is at or before `now`, the most
  // overdue first. Costs what is due, not the number of cases.
  virtual Result<std::vector<CaseId>> DueCases(TimePoint now, int limit) = 0;
  // Loads case `id` with its reminder state, calls `mutate` and commits what
  // it returns. kNotFound when there is no such case; on error from `mutate`
  // nothing changes.
  virtual Result<ReminderChange> UpdateReminders(CaseId id, const ReminderMutation& mutate) = 0;
  // UpdateReminders for each of `ids`, results in the same order. Each case
  // is all or nothing on its own; a store may make them durable together
  // (one commit for a whole tick), so this returns once all are durable.
  virtual std::vector<Result<ReminderChange>> UpdateRemindersEach(
      const std::vector<CaseId>& ids, const ReminderMutation& mutate) {
    std::vector<Result<ReminderChange>> out;
    out.reserve(ids.size());
    for (CaseId id : ids) out.push_back(UpdateReminders(id, mutate));
    return out;
  }
  virtual Result<ReminderState> LoadReminders(CaseId id) = 0;

  virtual Result<OnCall> LoadOnCall() = 0;
  // Calls `mutate` with the on-call state and commits its `after` (when set)
  // with its messages (which must be addressed) in one transaction.
  virtual Result<OnCallChange> UpdateOnCall(const OnCallMutation& mutate) = 0;
};

}  // namespace srcbot::core
