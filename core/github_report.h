#pragma once
// A private vulnerability report that arrived through GitHub's private
// reporting (docs/github.md, "Intake"), and the case it opens. Pure.

#include <string>

#include "core/advisory.h"
#include "core/change.h"
#include "core/result.h"
#include "core/time.h"

namespace srcbot::core {

struct GithubReport {
  std::string ghsa_id;
  std::string url;   // the advisory's html_url
  std::string repo;  // owner/name
  std::string summary;
  std::string reporter_login;  // the submitter; may be empty
  TimePoint created_at{};
};

// Opens case `id` from `report` at `now`: title = its summary, received when
// GitHub received it (never later than now, so the acknowledgement deadline
// is real), via private, the submitter's login as reporter, the advisory
// linked (ghsa_id, advisory_url). The new-report post to the SRC channel says
// it came from GitHub private reporting and offers `ack`. The event has no
// actor: the bot recorded it. kInvalidArgument for a report without a valid
// GHSA id or repository.
Result<Change> OpenFromGithubReport(CaseId id, const GithubReport& report, TimePoint now);

// The advisory record of a report's case: state "triage".
AdvisoryRecord ReportRecord(const GithubReport& report);

}  // namespace srcbot::core
