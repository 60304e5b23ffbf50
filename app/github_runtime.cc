#include "app/github_runtime.h"

#include <chrono>

#include "bot/net/transport_threads.h"
#include "commands/reminder_tick.h"

namespace srcbot::app {

core::Result<std::unique_ptr<GithubRuntime>> GithubRuntime::Start(const config::Config& cfg,
                                                                  const core::Clock& clock,
                                                                  core::CaseStore& cases,
                                                                  const std::string& src_channel,
                                                                  integrations::Log log) {
  if (cfg.github_token.empty()) return std::unique_ptr<GithubRuntime>();
  auto store = store::SqliteAdvisoryStore::Open(cfg.db, clock);
  if (!store.ok()) return store.status();
  std::unique_ptr<GithubRuntime> runtime(new GithubRuntime());
  runtime->store_ = std::move(store).value();
  // A no-op when serve has sized cpprestsdk's pool already (CPPREST.md, pitfall 1).
  bot::InitTransportThreads(4);
  runtime->http_ = bot::MakeCpprestHttpClient();
  integrations::GithubServiceOptions options;
  options.api.api_url = cfg.github_api_url;
  options.api.token = cfg.github_token;
  // The gate asks while Slack waits for the slash command's answer, which it
  // takes for 3 s only: one try of at most 2.5 s, then a clear refusal.
  integrations::GithubOptions gate = options.api;
  gate.timeout = std::chrono::milliseconds(2500);
  gate.tries = 1;
  runtime->releases_ = std::make_unique<integrations::GithubReleaseSource>(*runtime->http_, gate,
                                                                           bot::RealSleeper());
  options.src_channel = src_channel;
  options.repos = cfg.github_repos;
  options.on_call = [&cases](core::TimePoint now) { return commands::OnCallAt(cases, now); };
  options.poll_interval =
      std::chrono::milliseconds(static_cast<std::int64_t>(cfg.github_poll_minutes * 60'000.0));
  if (options.poll_interval < std::chrono::seconds(1))
    options.poll_interval = std::chrono::seconds(1);
  runtime->service_ = std::make_unique<integrations::GithubService>(
      *runtime->http_, *runtime->store_, cases, clock, std::move(options), std::move(log));
  runtime->service_->Start();
  return runtime;
}

GithubRuntime::~GithubRuntime() {
  if (service_) service_->Stop();
}

commands::ServiceOptions WithGithub(commands::ServiceOptions options, GithubRuntime* runtime) {
  if (runtime != nullptr) {
    options.advisories = runtime->advisories();
    options.releases = runtime->releases();
  }
  return options;
}

}  // namespace srcbot::app
