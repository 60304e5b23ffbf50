#pragma once
// The reminders' time-driven work (docs/reminders.md): each tick announces a
// due on-call hand-over, then evaluates the cases whose wake time has come
// (core::EvaluateReminders) and commits each case's pings with its new state
// in one transaction, so each fires once. Also the on-call as other verbs
// need it.

#include "commands/verb.h"
#include "core/reminder_store.h"

namespace srcbot::commands {

// At most this many cases are looked at per tick; the rest wait for the next.
inline constexpr int kMaxCasesPerTick = 1000;

// Runs what is due at `now`. Returns the number of posts queued. A store
// without reminders (CaseStore::Reminders() == nullptr) does nothing.
core::Result<int> ReminderTick(core::CaseStore& store, const ServiceOptions& options,
                               core::TimePoint now);

// The reminder store kept with `store`, or kUnavailable when it has none.
core::Result<core::ReminderStore*> RemindersOf(core::CaseStore& store);

// The committee's roster (every row); empty for a store without a committee.
core::Result<std::vector<core::RosterEntry>> RosterOf(core::CaseStore& store);

// Who is on call at `now` (core::OnCallNow); empty when nobody is, or when it
// cannot be known (no rotation, no reminder store, a store error).
core::UserId OnCallAt(core::CaseStore& store, core::TimePoint now);

// Addresses SRC-channel messages to the configured channel.
void AddressToSrc(std::vector<core::Message>& messages, const ServiceOptions& options);

}  // namespace srcbot::commands
