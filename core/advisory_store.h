#pragma once
// The interface to the durable state of the GitHub work (docs/github.md): the
// queue of calls to GitHub, each case's advisory record, and the private
// reports already turned into cases. The real implementation is
// store/SqliteAdvisoryStore, on the same database as the cases.
//
// Like CaseStore, every mutation is one transaction: a request is queued with
// the timeline event that records it; a job is marked done with the case
// fields, timeline event and SRC post of its outcome; a private report's case
// is opened with the row that says it was seen. So a job is done exactly once
// and a report opens exactly one case, across restarts and processes.
//
// Implementations must be safe to call from several threads.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/advisory.h"
#include "core/case_store.h"
#include "core/change.h"
#include "core/result.h"

namespace srcbot::core {

class AdvisoryStore {
 public:
  virtual ~AdvisoryStore() = default;

  // A rule sees the case and its advisory record (an empty one, case_id set,
  // when it has none) and returns the change to commit. Its messages must be
  // addressed (no Audience::kSrcChannel), as for CaseStore.
  using Rule = std::function<Result<Change>(const Case& current, const AdvisoryRecord& record)>;

  // Loads case `id`, calls `rule` and commits its change together with `job`
  // (case_id and created_at filled in; id assigned). kNotFound when there is
  // no such case; kConflict ("… is already in progress") when a job of the
  // same kind for the case is still waiting; on error from `rule` nothing is
  // written. Returns the committed change.
  virtual Result<Change> Enqueue(CaseId id, const Rule& rule, AdvisoryJob job) = 0;

  // Queues `job` alone. Returns false (nothing queued) when a job with the
  // same non-empty key was ever queued, or one of the same kind for the same
  // case is still waiting.
  virtual Result<bool> EnqueueOnce(AdvisoryJob job) = 0;

  // Waiting jobs with not_before <= now, oldest first, at most `limit`.
  virtual Result<std::vector<AdvisoryJob>> DueJobs(TimePoint now, int limit) = 0;

  // Claims waiting job `job_id` for one runner until `until` (its not_before
  // moves there, so a runner that dies mid-call leaves it to be run again
  // then). False when it is done, or not due at `now` (another runner has it).
  virtual Result<bool> Claim(std::int64_t job_id, TimePoint now, TimePoint until) = 0;

  // Marks job `job_id` done with `note`, applies `rule` to its case and
  // writes `record` (when set) — one transaction. kConflict when the job is
  // done already (nothing written), kNotFound when there is no such job.
  virtual Result<Change> Complete(std::int64_t job_id, const Rule& rule,
                                  const std::optional<AdvisoryRecord>& record,
                                  const std::string& note) = 0;

  // Puts a waiting job back with `job`'s kind, parameters, not_before and
  // attempts (the fork wait). kConflict when it is done already.
  virtual Status Reschedule(const AdvisoryJob& job) = 0;

  // The case's advisory record; an empty one (case_id set) when it has none.
  virtual Result<AdvisoryRecord> Record(CaseId id) = 0;
  // Every record that names an advisory, ordered by case id.
  virtual Result<std::vector<AdvisoryRecord>> Records() = 0;

  // Intake of private reports. True when the report `ghsa_id` opened a case already.
  virtual Result<bool> ReportSeen(const std::string& ghsa_id) = 0;
  // Unless `record.ghsa_id` was seen, allocates a case id, calls `build`,
  // and commits the new case with `record` (case_id filled) and the seen
  // row. nullopt (nothing written) when it was seen.
  virtual Result<std::optional<Change>> OpenReport(const AdvisoryRecord& record,
                                                   const CaseStore::Creation& build) = 0;
};

}  // namespace srcbot::core
