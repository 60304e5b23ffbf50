#pragma once
// SqliteCommitteeStore: core::CommitteeStore on the same SQLite file as the
// cases (schema v5, docs/storage.md), through a connection of its own. WAL and
// SQLite's locks (5 s busy timeout) serialize it with SqliteCaseStore's
// connection; SqliteCaseStore opens one and hands it out as Committee().
//
// UpdateCommittee runs in one BEGIN IMMEDIATE transaction that reads the whole
// committee, calls the mutation, and writes its rows, votes, timeline events
// and outbox messages together or not at all. The Clock (not owned, must
// outlive the store) stamps outbox times.
//
// Thread safety: all methods may be called from any thread; one mutex
// serializes them, and the mutation runs under it (it must not call back into
// this store). Nothing here throws: an exception from a mutation is caught,
// the transaction rolled back, and kInternal returned.

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/committee_store.h"
#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

class SqliteCommitteeStore : public core::CommitteeStore {
 public:
  // Opens the existing database at `path`, which must already be at schema 5
  // or later (SqliteCaseStore::Open migrates it); kUnavailable otherwise,
  // naming the file.
  static core::Result<std::unique_ptr<SqliteCommitteeStore>> Open(const std::string& path,
                                                                  const core::Clock& clock);

  // As core::CommitteeStore. Messages go to the outbox as pending; one still
  // addressed to kSrcChannel is kInternal and nothing is written. A vote id
  // that is neither an existing vote's nor next_vote_id is kInternal.
  core::Result<core::CommitteeChange> UpdateCommittee(const CommitteeMutation& mutate) override;
  core::Result<core::Committee> LoadCommittee() override;
  core::Status RecordActivity(const core::UserId& user, core::TimePoint at) override;
  core::Result<std::vector<core::CommitteeEvent>> CommitteeTimeline(int limit) override;

 private:
  SqliteCommitteeStore(std::unique_ptr<SqliteConnection> db, const core::Clock& clock)
      : db_(std::move(db)), clock_(clock) {}

  core::Result<core::Committee> LoadLocked();
  core::Status Write(const core::Committee& before, const core::CommitteeChange& change);

  std::mutex mu_;
  std::unique_ptr<SqliteConnection> db_;  // guarded by mu_
  // The last_active_at this store wrote for each member, so that a stamp
  // under an hour old is known without touching the file. Guarded by mu_;
  // cleared by every committee change.
  std::unordered_map<core::UserId, core::TimePoint> stamped_;
  const core::Clock& clock_;
};

}  // namespace srcbot::store
