#pragma once
// ReportIntake: GitHub private vulnerability reports become cases
// (docs/github.md, "Intake"). For each repository in --github-repos it lists
// the advisories in state "triage" (every page) and opens a case for each
// one not seen before, through core::AdvisoryStore::OpenReport: the case,
// its new-report post to the SRC channel and the seen row are one
// transaction, so a report opens exactly one case across polls, restarts
// and processes.
//
// Not thread-safe: one thread calls PollOnce (a bot::PeriodicTask every
// --github-poll-minutes).

#include <functional>
#include <string>
#include <vector>

#include "core/advisory_store.h"
#include "core/time.h"
#include "integrations/advisory_worker.h"
#include "integrations/github_client.h"

namespace srcbot::integrations {

struct IntakeOptions {
  std::vector<std::string> repos;  // owner/name
  std::string src_channel;         // where the new-report posts go (channel id)
  // Who is on call at a time (empty: nobody); a new report pings them and
  // they lead it, as for `report` (SPEC §5). May be empty.
  std::function<core::UserId(core::TimePoint)> on_call = {};
};

class ReportIntake {
 public:
  // Nothing is owned. `log` gets one line per repository that failed (never a
  // token); may be empty.
  ReportIntake(GithubClient& github, core::AdvisoryStore& advisories, const core::Clock& clock,
               IntakeOptions options, Log log = {});

  // Polls every repository once. Returns the number of cases opened; a
  // repository that fails is logged and skipped, and the first failure is
  // returned when no case could be opened at all.
  core::Result<int> PollOnce();

 private:
  core::Result<int> PollRepo(const std::string& repo);

  GithubClient& github_;
  core::AdvisoryStore& advisories_;
  const core::Clock& clock_;
  const IntakeOptions options_;
  Log log_;
};

}  // namespace srcbot::integrations
