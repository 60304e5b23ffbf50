#include "integrations/github_service.h"

namespace srcbot::integrations {
namespace {

WorkerOptions WithChannel(WorkerOptions options, const std::string& channel) {
  options.src_channel = channel;
  return options;
}

}  // namespace

GithubService::GithubService(bot::HttpClient& http, core::AdvisoryStore& advisories,
                             core::CaseStore& cases, const core::Clock& clock,
                             GithubServiceOptions options, Log log)
    : worker_client_(http, options.api, bot::RealSleeper(), bot::RealRandom()),
      intake_client_(http, options.api, bot::RealSleeper(), bot::RealRandom()),
      worker_(advisories, cases, worker_client_, clock,
              WithChannel(options.worker, options.src_channel), log),
      intake_(intake_client_, advisories, clock,
              IntakeOptions{options.repos, options.src_channel, options.on_call}, log),
      jobs_(
          [this, log] {
            auto ran = worker_.RunOnce();
            if (!ran.ok() && log) log("github: job pass failed: " + ran.status().message());
          },
          options.job_interval) {
  if (!options.repos.empty()) {
    polls_ = std::make_unique<bot::PeriodicTask>([this] { (void)intake_.PollOnce(); },
                                                 options.poll_interval);
  }
}

GithubService::~GithubService() { Stop(); }

void GithubService::Start() {
  jobs_.Start();
  if (polls_) polls_->Start();
}

void GithubService::Stop() {
  if (polls_) polls_->Stop();
  jobs_.Stop();
}

}  // namespace srcbot::integrations
