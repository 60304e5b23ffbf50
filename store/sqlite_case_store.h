#pragma once
// SqliteCaseStore: core::CaseStore, and core::EventLog (the Slack event
// delivery log), on one SQLite file (schema: docs/storage.md).
//
// Every Create/Update writes the case row, its team, its timeline events and
// its outbox messages together or not at all, and returns only once they are
// durable. Writes from concurrent threads share one transaction and one
// COMMIT (store/group_commit.h), each in a savepoint of its own; reads use a
// second connection, which under WAL sees only committed data. The Clock (not
// owned, must outlive the store) stamps outbox times.
//
// Thread safety: all methods may be called from any thread. Writes, including
// the Creation/Mutation callback, run one at a time on the writer connection
// inside the open transaction: a callback must therefore not call back into
// this store (it would deadlock). Other processes may use the same file;
// SQLite's locks (WAL, 5 s busy timeout) serialize them.
//
// Nothing here throws. An exception thrown by a callback is caught, the
// transaction rolled back, and kInternal returned.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/case_store.h"
#include "core/event_log.h"
#include "core/reminder_store.h"
#include "core/result.h"
#include "core/time.h"
#include "store/group_commit.h"
#include "store/migrations.h"
#include "store/outbox_rows.h"
#include "store/sqlite_committee_store.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

class SqliteCaseStore : public core::CaseStore, public core::EventLog, public core::ReminderStore {
 public:
  ~SqliteCaseStore() override;
  // Opens (creating when missing) the database at `path`: checks the schema
  // version, sets journal_mode=WAL, synchronous=FULL, foreign_keys=ON and a 5 s
  // busy timeout, then applies pending migrations, each in its own transaction.
  // Fails, with a message naming `path` and without changing the file, when:
  // the file is not a SQLite database; it was written by a newer schema
  // (kUnavailable "…: written by a newer srcbot (schema 7, this build knows 1);
  // refusing to open"); the file or its directory is missing, unreadable or
  // read-only. A failed migration leaves the last fully applied version.
  static core::Result<std::unique_ptr<SqliteCaseStore>> Open(const std::string& path,
                                                             const core::Clock& clock);

  // For `srcbot migrate`: opens `path` like Open and reports the schema version
  // found, the version reached and the migrations applied (none when current).
  static core::Result<MigrationReport> Migrate(const std::string& path);

  // As core::CaseStore. Ids: one past the highest ever allocated (a deleted
  // case's id is never reused; an id handed to a `build` that failed is, as
  // nothing was written). In the returned change, a case id or event case_id
  // of 0 is filled in; a case id naming another case is kInternal. Messages go
  // to the outbox as pending: kChannel -> direct=false, kUser -> direct=true,
  // kSrcChannel -> kInternal "message not addressed" and nothing is written.
  // A SQLite failure rolls everything back: kUnavailable (busy, I/O, full) or
  // kInternal (constraint), naming the file and the operation.
  core::Result<core::Change> Create(const Creation& build) override;
  core::Result<core::Change> Update(core::CaseId id, const Mutation& mutate) override;
  core::Result<core::Case> Load(core::CaseId id) override;
  core::Result<std::vector<core::Case>> List(bool include_closed) override;
  // kNotFound when there is no such case.
  core::Result<std::vector<core::Event>> Timeline(core::CaseId id) override;

  // Members with SRC rights at the clock's now (see core::CaseStore), ordered
  // by joined_at, then user.
  core::Result<std::vector<core::Member>> Members() override;
  // When the members table has no rows at all, adds `users` (vendor and GitHub
  // empty, joined_at = now, duplicates once) in one transaction; otherwise does
  // nothing. kInvalidArgument for an empty user id.
  core::Status SeedMembers(const std::vector<core::UserId>& users, core::TimePoint now) override;

  // Pending messages, oldest first; none when limit <= 0.
  core::Result<std::vector<core::OutboxItem>> PendingMessages(int limit) override;
  // Sets state and note, counts an attempt, stamps updated_at from the clock.
  // kNotFound when there is no such message.
  core::Status MarkMessage(std::int64_t id, core::OutboxState state,
                           const std::string& note) override;
  // How many messages are pending and when the oldest was queued: one cheap
  // query (outbox_rows.h), for the metrics scrape.
  core::Result<OutboxBacklog> Backlog();

  // How long an event id is remembered: Slack's retries span minutes, and with
  // Delayed Events up to 24 h; twice that is kept.
  static constexpr core::Duration kSeenEventRetention = std::chrono::hours(48);

  // core::EventLog: INSERT OR IGNORE of (event_id, now) into seen_events; true
  // when the row is new. Every 100th call, the first included, first prunes
  // (below); a failed prune does not fail the call. kInvalidArgument for an
  // empty id; SQLite failures as for the other methods.
  core::Result<bool> FirstDelivery(const std::string& event_id, core::TimePoint now) override;
  // Deletes the seen_events rows received before now - kSeenEventRetention.
  core::Status PruneSeenEvents(core::TimePoint now);

  // embargo_decisions.cc
  core::Status RecordDecisions(const std::vector<core::EmbargoDecision>& decisions) override;
  core::Result<std::vector<core::EmbargoDecision>> Decisions(core::CaseId id) override;
  core::Result<std::optional<std::string>> ReleasePostRef(core::CaseId id,
                                                          const std::string& channel) override;

  // The committee store on the same file, through its own connection;
  // nullptr for an in-memory database.
  core::CommitteeStore* Committee() override { return committee_.get(); }

  // sqlite_reminders.cc: core::ReminderStore on the same connection (schema
  // v7). Every Create/Update above also marks the case for the next tick.
  // UpdateReminders is kNotFound for no such case; its messages must be
  // addressed, as for Update.
  core::ReminderStore* Reminders() override { return this; }
  core::Result<std::vector<core::CaseId>> DueCases(core::TimePoint now, int limit) override;
  core::Result<core::ReminderChange> UpdateReminders(core::CaseId id,
                                                     const ReminderMutation& mutate) override;
  // One transaction and one commit for all of `ids`, each case in a
  // savepoint of its own.
  std::vector<core::Result<core::ReminderChange>> UpdateRemindersEach(
      const std::vector<core::CaseId>& ids, const ReminderMutation& mutate) override;
  core::Result<core::ReminderState> LoadReminders(core::CaseId id) override;
  core::Result<core::OnCall> LoadOnCall() override;
  core::Result<core::OnCallChange> UpdateOnCall(const OnCallMutation& mutate) override;

  const std::string& path() const { return db_->path(); }

  // Writes that succeeded and the COMMITs that made them durable, since
  // Open: their ratio is the group commit's batch size.
  struct CommitCounts {
    std::int64_t writes = 0;
    std::int64_t commits = 0;
  };
  CommitCounts Commits() const { return {writes_->writers(), writes_->batches()}; }

 private:
  SqliteCaseStore(std::unique_ptr<SqliteConnection> db, const core::Clock& clock);

  // Runs f(connection) for a read: on the reader connection, or, for an
  // in-memory database, alone on the writer once pending writes committed.
  template <class F>
  auto Reading(F&& f) {
    if (reader_ == nullptr) return writes_->Exclusive([&] { return f(*db_); });
    std::lock_guard<std::mutex> lock(read_mu_);
    return f(*reader_);
  }
  core::Status SeedMembersLocked(const std::vector<core::UserId>& users, core::TimePoint now);
  core::Result<core::OnCallChange> UpdateOnCallLocked(const OnCallMutation& mutate);
  // Loads, mutates and writes one case's reminders inside the open
  // transaction; the result goes to `out`, its status is returned.
  core::Status WriteReminders(core::CaseId id, const ReminderMutation& mutate,
                              core::Result<core::ReminderChange>& out);

  // Writes `change` for case `id` (after filling ids) inside the caller's
  // transaction; `created` chooses INSERT or UPDATE of the case row.
  core::Status WriteChange(core::Change& change, core::CaseId id, bool created);
  core::Status PruneSeenEventsLocked(core::TimePoint now);

  std::unique_ptr<SqliteConnection> db_;  // the writer: used only through writes_
  std::unique_ptr<GroupCommit> writes_;
  std::mutex read_mu_;
  std::unique_ptr<SqliteConnection> reader_;  // guarded by read_mu_; null in memory
  const core::Clock& clock_;
  std::int64_t first_delivery_calls_ = 0;  // used inside writes_ only
  std::unique_ptr<SqliteCommitteeStore> committee_;  // set by Open, then never changed
};

}  // namespace srcbot::store
