#pragma once
// GithubService: the GitHub integration as `srcbot serve` and `srcbot console`
// run it (docs/github.md): one thread runs the job worker every
// `job_interval`, another polls the private reports of `repos` every
// `poll_interval` (none when `repos` is empty). Each owns its GithubClient.
//
// Start and Stop from one thread. Stop joins both threads; it waits at most
// for the call in flight (bounded by the client's timeout and retries).

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "bot/runtime/periodic_task.h"
#include "core/advisory_store.h"
#include "core/case_store.h"
#include "integrations/advisory_worker.h"
#include "integrations/github_client.h"
#include "integrations/report_intake.h"

namespace srcbot::integrations {

struct GithubServiceOptions {
  GithubOptions api;
  std::string src_channel;
  std::vector<std::string> repos;
  std::chrono::milliseconds poll_interval{std::chrono::minutes(10)};
  std::chrono::milliseconds job_interval{std::chrono::seconds(2)};
  WorkerOptions worker = {};  // src_channel is taken from above
  // Who is on call (IntakeOptions::on_call); may be empty.
  std::function<core::UserId(core::TimePoint)> on_call = {};
};

class GithubService {
 public:
  // Nothing is owned; everything must outlive the service.
  GithubService(bot::HttpClient& http, core::AdvisoryStore& advisories, core::CaseStore& cases,
                const core::Clock& clock, GithubServiceOptions options, Log log);
  ~GithubService();  // Stop()

  void Start();
  void Stop();

 private:
  GithubClient worker_client_;
  GithubClient intake_client_;
  AdvisoryWorker worker_;
  ReportIntake intake_;
  bot::PeriodicTask jobs_;
  std::unique_ptr<bot::PeriodicTask> polls_;  // null without repositories
};

}  // namespace srcbot::integrations
