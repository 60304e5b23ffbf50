// SqliteCaseStore's core::ReminderStore: reminder state and the on-call
// rotation, on the case store's own connection and under its mutex, so a
// reminder is written to the outbox in the transaction that marks it fired.
#include "store/case_rows.h"
#include "store/outbox_rows.h"
#include "store/reminder_rows.h"
#include "store/sqlite_case_store.h"

namespace srcbot::store {
namespace {

bool Addressed(const std::vector<core::Message>& messages) {
  for (const core::Message& m : messages) {
    if (m.audience != core::Audience::kChannel && m.audience != core::Audience::kUser) return false;
  }
  return true;
}

}  // namespace

core::Result<std::vector<core::CaseId>> SqliteCaseStore::DueCases(core::TimePoint now, int limit) {
  return Reading([&](SqliteConnection& db) { return SelectDueCases(db, now, limit); });
}

core::Result<core::ReminderState> SqliteCaseStore::LoadReminders(core::CaseId id) {
  return Reading([&](SqliteConnection& db) { return SelectReminderState(db, id); });
}

core::Result<core::ReminderChange> SqliteCaseStore::UpdateReminders(
    core::CaseId id, const ReminderMutation& mutate) {
  if (!mutate) return core::Status::Internal("update reminders: no callback");
  core::Result<core::ReminderChange> change = core::Status::Internal("update reminders");
  core::Status s = writes_->Write("reminders of " + core::CaseRef(id),
                                  [&] { return WriteReminders(id, mutate, change); });
  if (!s.ok()) return s;
  return change;
}

std::vector<core::Result<core::ReminderChange>> SqliteCaseStore::UpdateRemindersEach(
    const std::vector<core::CaseId>& ids, const ReminderMutation& mutate) {
  std::vector<core::Result<core::ReminderChange>> out(
      ids.size(), core::Result<core::ReminderChange>(core::Status::Internal("update reminders")));
  if (!mutate || ids.empty()) return out;
  // One writer with a savepoint per case: a case that cannot be written
  // leaves the others' reminders in the batch, and the tick pays one fsync.
  core::Status s = writes_->Write("reminder tick", [&]() -> core::Status {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      core::Status one =
          InSavepoint(*db_, "reminder", [&] { return WriteReminders(ids[i], mutate, out[i]); });
      if (!one.ok()) out[i] = one;
      if (!db_->InTransaction()) return one;  // SQLite gave the transaction up
    }
    return core::Status::Ok();
  });
  if (!s.ok()) {
    for (auto& r : out) r = s;
  }
  return out;
}

core::Status SqliteCaseStore::WriteReminders(core::CaseId id, const ReminderMutation& mutate,
                                             core::Result<core::ReminderChange>& out) {
  std::string what = "reminders of " + core::CaseRef(id);
  auto c = SelectCase(*db_, id);
  if (!c.ok()) return c.status();
  if (!c.value()) return core::Status::NotFound("no case " + core::CaseRef(id));
  core::CaseReminders current;
  current.c = std::move(*c.value());
  auto state = SelectReminderState(*db_, id);
  if (!state.ok()) return state.status();
  current.state = std::move(state).value();
  auto last = SelectLastActivity(*db_, id, current.c.reported_at);
  if (!last.ok()) return last.status();
  current.last_activity = last.value();

  // As Update: the callback's exception text stays out of the status.
  try {
    out = mutate(current);
  } catch (...) {
    return core::Status::Internal(what + " failed: unexpected exception");
  }
  if (!out.ok()) return out.status();
  core::ReminderChange& ch = out.value();
  if (!Addressed(ch.messages)) return core::Status::Internal(what + ": message not addressed");
  for (core::Event& e : ch.events) {
    if (e.case_id == 0) e.case_id = id;
    if (e.case_id != id) return core::Status::Internal(what + ": event of another case");
  }
  if (auto s = WriteReminderState(*db_, id, ch.state, ch.wake_at); !s.ok()) return s;
  if (auto s = InsertEvents(*db_, ch.events); !s.ok()) return s;
  return InsertMessages(*db_, ch.messages, clock_.Now());
}

core::Result<core::OnCall> SqliteCaseStore::LoadOnCall() {
  return Reading([&](SqliteConnection& db) { return SelectOnCall(db); });
}

core::Result<core::OnCallChange> SqliteCaseStore::UpdateOnCall(const OnCallMutation& mutate) {
  if (!mutate) return core::Status::Internal("update on-call: no callback");
  return writes_->Exclusive([&] { return UpdateOnCallLocked(mutate); });
}

core::Result<core::OnCallChange> SqliteCaseStore::UpdateOnCallLocked(const OnCallMutation& mutate) {
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kImmediate, "update on-call");
  if (!txn.ok()) return txn.status();
  auto current = SelectOnCall(*db_);
  if (!current.ok()) return current.status();
  core::Result<core::OnCallChange> change = core::Status::Internal("update on-call");
  try {
    change = mutate(current.value());
  } catch (...) {
    return core::Status::Internal("update on-call failed: unexpected exception");
  }
  if (!change.ok()) return change.status();
  const core::OnCallChange& ch = change.value();
  if (!ch.after && ch.messages.empty()) return change;
  if (!Addressed(ch.messages))
    return core::Status::Internal("update on-call: message not addressed");
  if (ch.after) {
    if (auto s = WriteOnCall(*db_, *ch.after); !s.ok()) return s;
  }
  if (auto s = InsertMessages(*db_, ch.messages, clock_.Now()); !s.ok()) return s;
  if (auto s = txn.value().Commit(); !s.ok()) return s;
  return change;
}

}  // namespace srcbot::store
