#include "store/sqlite_advisory_store.h"

#include "store/advisory_rows.h"
#include "store/case_rows.h"
#include "store/change_rows.h"
#include "store/migrations.h"
#include "store/outbox_rows.h"
#include "store/reminder_rows.h"

namespace srcbot::store {
namespace {

constexpr int kAdvisorySchema = 6;

}  // namespace

core::Result<std::unique_ptr<SqliteAdvisoryStore>> SqliteAdvisoryStore::Open(
    const std::string& path, const core::Clock& clock) {
  auto db = OpenAtSchema(path, kAdvisorySchema, "has no GitHub tables");
  if (!db.ok()) return db.status();
  return std::unique_ptr<SqliteAdvisoryStore>(
      new SqliteAdvisoryStore(std::move(db).value(), clock));
}

core::Result<core::Change> SqliteAdvisoryStore::ApplyLocked(core::CaseId id, const Rule& rule,
                                                            const std::string& what) {
  auto current = SelectCase(*db_, id);
  if (!current.ok()) return current.status();
  if (!current.value()) return core::Status::NotFound("no case " + core::CaseRef(id));
  auto record = SelectRecord(*db_, id);
  if (!record.ok()) return record.status();
  core::Result<core::Change> change = InvokeRule(rule, what, *current.value(), record.value());
  if (!change.ok()) return change;
  if (core::Status s = WriteChange(*db_, change.value(), id, false, clock_.Now()); !s.ok())
    return s;
  return change;
}

core::Result<core::Change> SqliteAdvisoryStore::Enqueue(core::CaseId id, const Rule& rule,
                                                        core::AdvisoryJob job) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string what =
      "queue github " + std::string(core::AdvisoryJobName(job.kind)) + " for " + core::CaseRef(id);
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kImmediate, what);
  if (!txn.ok()) return txn.status();
  auto waiting = HasWaitingJob(*db_, id, job.kind);
  if (!waiting.ok()) return waiting.status();
  if (waiting.value()) {
    return core::Status::Conflict("GitHub " + std::string(core::AdvisoryJobName(job.kind)) +
                                  " for " + core::CaseRef(id) + " is already in progress");
  }
  auto change = ApplyLocked(id, rule, what);
  if (!change.ok()) return change;
  job.case_id = id;
  job.created_at = clock_.Now();
  if (job.not_before == core::TimePoint{}) job.not_before = job.created_at;
  auto inserted = InsertJob(*db_, job);
  if (!inserted.ok()) return inserted.status();
  if (core::Status s = txn.value().Commit(); !s.ok()) return s;
  return change;
}

core::Result<bool> SqliteAdvisoryStore::EnqueueOnce(core::AdvisoryJob job) {
  std::lock_guard<std::mutex> lock(mu_);
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kImmediate, "queue github job");
  if (!txn.ok()) return txn.status();
  if (!job.key.empty()) {
    auto used = KeyUsed(*db_, job.key);
    if (!used.ok()) return used.status();
    if (used.value()) return false;
  }
  auto waiting = HasWaitingJob(*db_, job.case_id, job.kind);
  if (!waiting.ok()) return waiting.status();
  if (waiting.value()) return false;
  job.created_at = clock_.Now();
  if (job.not_before == core::TimePoint{}) job.not_before = job.created_at;
  auto inserted = InsertJob(*db_, job);
  if (!inserted.ok()) return inserted.status();
  if (core::Status s = txn.value().Commit(); !s.ok()) return s;
  return true;
}

core::Result<std::vector<core::AdvisoryJob>> SqliteAdvisoryStore::DueJobs(core::TimePoint now,
                                                                          int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  return SelectDueJobs(*db_, now, limit);
}

core::Result<core::Change> SqliteAdvisoryStore::Complete(
    std::int64_t job_id, const Rule& rule, const std::optional<core::AdvisoryRecord>& record,
    const std::string& note) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string what = "finish github job " + std::to_string(job_id);
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kImmediate, what);
  if (!txn.ok()) return txn.status();
  auto row = SelectJob(*db_, job_id);
  if (!row.ok()) return row.status();
  if (!row.value()) return core::Status::NotFound("no github job " + std::to_string(job_id));
  if (row.value()->done) return core::Status::Conflict(what + ": done already");
  // Done first: if anything below fails, the whole transaction (this mark
  // included) rolls back and the job runs again.
  if (core::Status s = MarkJobDone(*db_, job_id, note, clock_.Now()); !s.ok()) return s;
  const core::CaseId id = row.value()->job.case_id;
  auto change = ApplyLocked(id, rule, what);
  if (!change.ok()) return change;
  if (record) {
    core::AdvisoryRecord r = *record;
    r.case_id = id;
    if (core::Status s = UpsertRecord(*db_, r); !s.ok()) return s;
  }
  if (core::Status s = txn.value().Commit(); !s.ok()) return s;
  return change;
}

core::Result<bool> SqliteAdvisoryStore::Claim(std::int64_t job_id, core::TimePoint now,
                                              core::TimePoint until) {
  std::lock_guard<std::mutex> lock(mu_);
  return ClaimJob(*db_, job_id, now, until);
}

core::Status SqliteAdvisoryStore::Reschedule(const core::AdvisoryJob& job) {
  std::lock_guard<std::mutex> lock(mu_);
  return UpdateJob(*db_, job);
}

core::Result<core::AdvisoryRecord> SqliteAdvisoryStore::Record(core::CaseId id) {
  std::lock_guard<std::mutex> lock(mu_);
  return SelectRecord(*db_, id);
}

core::Result<std::vector<core::AdvisoryRecord>> SqliteAdvisoryStore::Records() {
  std::lock_guard<std::mutex> lock(mu_);
  return SelectRecords(*db_);
}

core::Result<bool> SqliteAdvisoryStore::ReportSeen(const std::string& ghsa_id) {
  std::lock_guard<std::mutex> lock(mu_);
  return store::ReportSeen(*db_, ghsa_id);
}

core::Result<std::optional<core::Change>> SqliteAdvisoryStore::OpenReport(
    const core::AdvisoryRecord& record, const core::CaseStore::Creation& build) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string what = "open a case for " + record.ghsa_id;
  auto txn = Transaction::Begin(*db_, Transaction::Kind::kImmediate, what);
  if (!txn.ok()) return txn.status();
  // Checked under the write lock: two pollers (or processes) open one case.
  auto seen = store::ReportSeen(*db_, record.ghsa_id);
  if (!seen.ok()) return seen.status();
  if (seen.value()) return std::optional<core::Change>();
  auto id = NextCaseId(*db_);
  if (!id.ok()) return id.status();
  core::Result<core::Change> change = InvokeRule(build, what, id.value());
  if (!change.ok()) return change.status();
  if (core::Status s = WriteChange(*db_, change.value(), id.value(), true, clock_.Now()); !s.ok())
    return s;
  core::AdvisoryRecord r = record;
  r.case_id = id.value();
  if (core::Status s = UpsertRecord(*db_, r); !s.ok()) return s;
  if (core::Status s = InsertReport(*db_, record.ghsa_id, record.repo, id.value(), clock_.Now());
      !s.ok()) {
    return s;
  }
  if (core::Status s = txn.value().Commit(); !s.ok()) return s;
  return std::optional<core::Change>(std::move(change).value());
}

}  // namespace srcbot::store
