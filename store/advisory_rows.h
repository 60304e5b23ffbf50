#pragma once
// The mapping between the GitHub work (core/advisory.h) and the tables of
// schema v6 (migrations.cc): advisory_jobs, advisories and github_reports.
// Like case_rows.h, these run single statements on a connection the caller
// holds and open no transaction.
//
// Thread safety: as for SqliteConnection (the caller serializes).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/advisory.h"
#include "core/result.h"
#include "core/time.h"
#include "store/sqlite_connection.h"

namespace srcbot::store {

// A job row and whether it is done.
struct JobRow {
  core::AdvisoryJob job;
  bool done = false;
};

// Inserts `job` as waiting; returns its id. kInternal (constraint) when its
// key was used before: callers check KeyUsed first.
core::Result<std::int64_t> InsertJob(SqliteConnection& db, const core::AdvisoryJob& job);
core::Result<std::optional<JobRow>> SelectJob(SqliteConnection& db, std::int64_t id);
// Waiting jobs with not_before <= now, by not_before then id.
core::Result<std::vector<core::AdvisoryJob>> SelectDueJobs(SqliteConnection& db,
                                                           core::TimePoint now, int limit);
core::Result<bool> HasWaitingJob(SqliteConnection& db, core::CaseId id, core::AdvisoryJobKind kind);
core::Result<bool> KeyUsed(SqliteConnection& db, const std::string& key);
core::Status MarkJobDone(SqliteConnection& db, std::int64_t id, const std::string& note,
                         core::TimePoint now);
// Moves a waiting job that is due at `now` to not_before = `until`, in one
// statement; true when this call did it.
core::Result<bool> ClaimJob(SqliteConnection& db, std::int64_t id, core::TimePoint now,
                            core::TimePoint until);
// Rewrites a waiting job's kind, parameters, not_before and attempts.
core::Status UpdateJob(SqliteConnection& db, const core::AdvisoryJob& job);

// The case's record, or an empty one (case_id set) when it has none.
core::Result<core::AdvisoryRecord> SelectRecord(SqliteConnection& db, core::CaseId id);
// Records naming an advisory (ghsa_id set), by case id.
core::Result<std::vector<core::AdvisoryRecord>> SelectRecords(SqliteConnection& db);
core::Status UpsertRecord(SqliteConnection& db, const core::AdvisoryRecord& record);

core::Result<bool> ReportSeen(SqliteConnection& db, const std::string& ghsa_id);
core::Status InsertReport(SqliteConnection& db, const std::string& ghsa_id, const std::string& repo,
                          core::CaseId id, core::TimePoint now);

}  // namespace srcbot::store
