#include "commands/reminder_tick.h"

#include "core/committee_store.h"

namespace srcbot::commands {

core::Result<core::ReminderStore*> RemindersOf(core::CaseStore& store) {
  core::ReminderStore* reminders = store.Reminders();
  if (reminders == nullptr) return core::Status::Unavailable("reminders are not available");
  return reminders;
}

core::Result<std::vector<core::RosterEntry>> RosterOf(core::CaseStore& store) {
  if (store.Committee() == nullptr) return std::vector<core::RosterEntry>{};
  auto committee = store.Committee()->LoadCommittee();
  if (!committee.ok()) return committee.status();
  return std::move(committee.value().roster);
}

core::UserId OnCallAt(core::CaseStore& store, core::TimePoint now) {
  if (store.Reminders() == nullptr) return "";
  auto roster = RosterOf(store);
  auto oncall = store.Reminders()->LoadOnCall();
  if (!roster.ok() || !oncall.ok()) return "";
  return core::OnCallNow(oncall.value(), roster.value(), now);
}

void AddressToSrc(std::vector<core::Message>& messages, const ServiceOptions& options) {
  for (core::Message& m : messages) {
    if (m.audience == core::Audience::kSrcChannel) {
      m.audience = core::Audience::kChannel;
      m.target = options.src_channel;
    }
  }
}

core::Result<int> ReminderTick(core::CaseStore& store, const ServiceOptions& options,
                               core::TimePoint now) {
  core::ReminderStore* reminders = store.Reminders();
  if (reminders == nullptr) return 0;
  auto roster = RosterOf(store);
  if (!roster.ok()) return roster.status();
  int posts = 0;

  auto handover = reminders->UpdateOnCall([&](const core::OnCall& current) {
    core::OnCallChange change = core::DueHandover(current, roster.value(), now);
    AddressToSrc(change.messages, options);
    return core::Result<core::OnCallChange>(std::move(change));
  });
  if (!handover.ok()) return handover.status();
  posts += static_cast<int>(handover.value().messages.size());
  auto oncall = reminders->LoadOnCall();
  if (!oncall.ok()) return oncall.status();

  core::ReminderPeople people{std::move(roster).value(), ""};
  people.on_call = core::OnCallNow(oncall.value(), people.roster, now);
  static const core::UtcZones kUtc;
  const core::ZoneOffsets& zones = options.zones != nullptr ? *options.zones : kUtc;

  auto due = reminders->DueCases(now, kMaxCasesPerTick);
  if (!due.ok()) return due.status();
  core::Status first_error;
  // All due cases in one call: the store commits them together (one fsync
  // for the tick), each case still all or nothing on its own.
  auto changes = reminders->UpdateRemindersEach(due.value(), [&](const core::CaseReminders& current) {
    core::ReminderOutcome out =
        core::EvaluateReminders(current.c, current.state, current.last_activity, people,
                                options.deadlines, options.reminders, zones, now);
    AddressToSrc(out.messages, options);
    return core::Result<core::ReminderChange>(
        core::ReminderChange{std::move(out.state), out.wake_at, {}, std::move(out.messages)});
  });
  for (const auto& change : changes) {
    // One case that cannot be written must not stop the others' reminders.
    if (!change.ok()) {
      if (first_error.ok()) first_error = change.status();
      continue;
    }
    posts += static_cast<int>(change.value().messages.size());
  }
  if (!first_error.ok()) return first_error;
  return posts;
}

}  // namespace srcbot::commands
