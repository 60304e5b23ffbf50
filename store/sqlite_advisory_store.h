#pragma once
// SqliteAdvisoryStore: core::AdvisoryStore on the same SQLite file as the
// cases (schema v6, docs/storage.md), through a connection of its own, as
// SqliteCommitteeStore does: WAL and SQLite's locks (5 s busy timeout)
// serialize it with the case store's connection.
//
// Enqueue, Complete and OpenReport each run in one BEGIN IMMEDIATE
// transaction that writes the case row, its timeline events and outbox
// messages together with the job, record or seen-report rows, or nothing; and,
// as SqliteCaseStore does, marks the case for the next reminder tick.
// The Clock (not owned, must outlive the store) stamps outbox and job times.
//
// Thread safety: all methods may be called from any thread; one mutex
// serializes them, and a rule runs under it (it must not call back into this
// store). Nothing here throws: an exception from a rule is caught, the
// transaction rolled back, and kInternal returned.

#include <memory>
#include <mutex>
#include <string>

#include "core/advisory_store.h"
#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

class SqliteAdvisoryStore : public core::AdvisoryStore {
 public:
  // Opens the existing database at `path`, which must already be at schema 6
  // or later (SqliteCaseStore::Open migrates it); kUnavailable otherwise,
  // naming the file.
  static core::Result<std::unique_ptr<SqliteAdvisoryStore>> Open(const std::string& path,
                                                                 const core::Clock& clock);

  core::Result<core::Change> Enqueue(core::CaseId id, const Rule& rule,
                                     core::AdvisoryJob job) override;
  core::Result<bool> EnqueueOnce(core::AdvisoryJob job) override;
  core::Result<std::vector<core::AdvisoryJob>> DueJobs(core::TimePoint now, int limit) override;
  core::Result<bool> Claim(std::int64_t job_id, core::TimePoint now,
                           core::TimePoint until) override;
  core::Result<core::Change> Complete(std::int64_t job_id, const Rule& rule,
                                      const std::optional<core::AdvisoryRecord>& record,
                                      const std::string& note) override;
  core::Status Reschedule(const core::AdvisoryJob& job) override;
  core::Result<core::AdvisoryRecord> Record(core::CaseId id) override;
  core::Result<std::vector<core::AdvisoryRecord>> Records() override;
  core::Result<bool> ReportSeen(const std::string& ghsa_id) override;
  core::Result<std::optional<core::Change>> OpenReport(
      const core::AdvisoryRecord& record, const core::CaseStore::Creation& build) override;

 private:
  SqliteAdvisoryStore(std::unique_ptr<SqliteConnection> db, const core::Clock& clock)
      : db_(std::move(db)), clock_(clock) {}

  // Runs `rule` on case `id` and writes its change, inside the caller's transaction.
  core::Result<core::Change> ApplyLocked(core::CaseId id, const Rule& rule,
                                         const std::string& what);

  std::mutex mu_;
  std::unique_ptr<SqliteConnection> db_;  // guarded by mu_
  const core::Clock& clock_;
};

}  // namespace srcbot::store
