#pragma once
// The GitHub calls behind each kind of queued job (docs/github.md): what is
// sent for a case, and what came back, as a core::AdvisoryOutcome for the
// case and the advisory record to keep. No store access: the worker
// (advisory_worker.h) claims the job, runs it here and commits the result.

#include <optional>
#include <string>

#include "core/advisory.h"
#include "core/advisory_outcomes.h"
#include "core/case.h"
#include "core/time.h"
#include "integrations/github_client.h"

namespace srcbot::integrations {

// How long to wait for a temporary private fork, and how often to look.
struct ForkWait {
  core::Duration limit = std::chrono::minutes(5);
  core::Duration first = std::chrono::seconds(5);
  core::Duration max = std::chrono::seconds(60);
};

struct Execution {
  core::AdvisoryOutcome outcome;
  std::optional<core::AdvisoryRecord> record;  // to write with the outcome
  // Set when the job is not finished: put it back as this (the fork wait).
  std::optional<core::AdvisoryJob> again;
};

// The advisory srcbot sends for `c` (docs/github.md, "advisory create"):
// the public summary (or a "(summary pending)" placeholder), the affected
// package in `ecosystem` (default "other"; a Go package defaults to
// github.com/<repo>), affected and fixed versions, the CVSS v3.x vector (a
// v4.0 score goes as its severity: GitHub's API takes v3.x vectors), CWE ids,
// and the reporter credited when they agreed to it.
AdvisoryDraft DraftFor(const core::Case& c, const std::string& repo, const std::string& ecosystem,
                       const std::string& package, const std::vector<std::string>& cwe_ids);

// Runs `job` for case `c` with advisory `record` at `now`.
Execution Execute(GithubClient& github, const core::AdvisoryJob& job, const core::Case& c,
                  const core::AdvisoryRecord& record, core::TimePoint now, const ForkWait& wait);

}  // namespace srcbot::integrations
