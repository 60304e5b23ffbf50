#pragma once
// AdvisoryWorker: runs the queued GitHub jobs (docs/github.md, "How a call
// runs"). Each pass first queues the bot's own work, at most every
// `scan_every`: publishing a released case's advisory and reminding the SRC
// to take the fix team off the fork (each once per case), and updating the
// collaborators when the fix team's GitHub logins changed. Then it runs every
// due job: claims it (so two processes on one database never run it at
// once), calls GitHub (advisory_calls.h), and commits the outcome — case
// fields, timeline event, SRC-channel post, advisory record — in the
// transaction that marks the job done. A job whose outcome cannot be
// committed runs again once its claim expires.
//
// Not thread-safe: one thread calls RunOnce (a bot::PeriodicTask).

#include <functional>
#include <optional>
#include <string>

#include "core/advisory_store.h"
#include "core/case_store.h"
#include "core/time.h"
#include "integrations/advisory_calls.h"
#include "integrations/github_client.h"

namespace srcbot::integrations {

struct WorkerOptions {
  std::string src_channel;  // where outcomes are posted (channel id)
  ForkWait fork_wait = {};
  core::Duration scan_every = std::chrono::seconds(30);
  core::Duration claim = std::chrono::minutes(10);  // a job's lease while it runs
  int batch = 20;                                   // jobs per pass
};

using Log = std::function<void(const std::string&)>;

class AdvisoryWorker {
 public:
  // Nothing is owned; everything must outlive the worker. `log` gets one line
  // per failure of the store (never a token); may be empty.
  AdvisoryWorker(core::AdvisoryStore& advisories, core::CaseStore& cases, GithubClient& github,
                 const core::Clock& clock, WorkerOptions options, Log log = {});

  // One pass (see above). Returns the number of jobs finished.
  core::Result<int> RunOnce();
  // Queues the bot's own work now; returns the number of jobs queued.
  core::Result<int> Scan();

 private:
  // Runs one claimed job and commits what it did; true when it finished.
  core::Result<bool> Run(const core::AdvisoryJob& job);
  void Note(const std::string& line) const;

  core::AdvisoryStore& advisories_;
  core::CaseStore& cases_;
  GithubClient& github_;
  const core::Clock& clock_;
  const WorkerOptions options_;
  Log log_;
  std::optional<core::TimePoint> last_scan_;
};

}  // namespace srcbot::integrations
