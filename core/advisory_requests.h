#pragma once
// The rules of the GitHub verbs (SPEC §2 `advisory`, `cve`, `fork`;
// docs/github.md): whether a call to GitHub may be asked for now, the
// timeline event that records the request, and the invoker's ack. The call
// itself runs later (integrations/advisory_worker.h); its outcome is applied
// by advisory_outcomes.h. Pure: the caller commits the change together with
// the queued job.

#include <string>

#include "core/advisory.h"
#include "core/change.h"
#include "core/command.h"
#include "core/result.h"
#include "core/time.h"

namespace srcbot::core {

// Checks that `job` may be queued for `current` (SRC members only) and returns
// the change that records the request: one timeline event, no message. On
// failure nothing may be queued:
//   every kind     kConflict on a closed case (publish: unless it was released)
//   kCreate        kInvalidArgument without a repository (job.repo or the
//                  case's) or with a bad repository or ecosystem; kConflict
//                  when the case has an advisory already (unless it is a
//                  private report still in triage: then create accepts it)
//   others         kConflict without an advisory
//   kFork          kConflict once released, or when it has a fork
//   kRequestCve    kConflict when the case has a CVE
//   kPublish       kConflict under embargo, or when published already
Result<Change> RequestAdvisoryWork(const Case& current, const AdvisoryRecord& record,
                                   const AdvisoryJob& job, const Actor& actor, TimePoint now);

// The invoker's ack for a queued request: what is being done, and that
// GitHub's answer will be posted in the SRC channel.
std::string RequestAck(const Case& current, const AdvisoryRecord& record, const AdvisoryJob& job);

// `cve <case> set CVE-YYYY-NNNNN`: records a CVE the SRC got elsewhere (SRC
// members only; not on a closed case). kInvalidArgument for a malformed id.
Result<Change> SetCve(const Case& current, const std::string& cve, const Actor& actor,
                      TimePoint now);

}  // namespace srcbot::core
