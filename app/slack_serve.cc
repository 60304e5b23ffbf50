#include "app/slack_serve.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <csignal>
#include <functional>
#include <iostream>
#include <thread>

#include "app/github_runtime.h"
#include "app/mail_runtime.h"
#include "app/mail_settings.h"
#include "app/open_file_limit.h"
#include "app/serve_metrics.h"
#include "app/service_options.h"
#include "bot/blocks/app_home.h"
#include "bot/blocks/home_publisher.h"
#include "bot/egress/delivery_loop.h"
#include "bot/egress/embargo_guard.h"
#include "bot/egress/outbox_worker.h"
#include "bot/http/http_endpoint.h"
#include "bot/http/http_server.h"
#include "bot/http/signature_verifier.h"
#include "bot/inbound/slack_inbound.h"
#include "bot/net/http_client.h"
#include "bot/net/transport_threads.h"
#include "bot/observability/log.h"
#include "bot/observability/metrics.h"
#include "bot/runtime/periodic_task.h"
#include "bot/runtime/work_queue.h"
#include "bot/slack_api/slack_channel_directory.h"
#include "bot/slack_api/slack_sink.h"
#include "bot/slack_api/slack_web_api.h"
#include "bot/socket_mode/socket_mode_client.h"
#include "bot/socket_mode/websocket.h"
#include "commands/command_service.h"
#include "config/version.h"
#include "store/sqlite_case_store.h"

namespace srcbot::app {
namespace {

// Slack rejects bigger slash-command and event bodies long before this; the
// limit keeps a hostile client from filling memory.
constexpr std::size_t kMaxBodyBytes = 1 << 20;
// The open-file limit asked for at start: room for the listener's connection
// cap (HttpServerLimits::max_connections) plus the descriptors kept back.
constexpr long kWantedOpenFiles = 8192;
// Threads answering Slack's HTTP requests (see where the server is made).
constexpr int kHttpWorkers = 32;

// Every line of a serve run is a JSON object on stderr (bot/observability/log.h); the
// messages name settings and error codes, never a secret or a case detail.
int Fail(const std::string& message, int status = 1) {
  bot::Log(bot::LogLevel::kError, "serve", message, {{"exit_status", status}});
  return status;
}

// What each mode needs before anything starts; a missing piece is a usage error.
std::string MissingSetting(const config::Config& cfg, const std::string& mode) {
  if (cfg.slack_bot_token.empty()) return "--slack-bot-token (SLACK_BOT_TOKEN) is required";
  if (mode == "http" && cfg.slack_signing_secret.empty()) {
    return "--mode http needs --slack-signing-secret (SLACK_SIGNING_SECRET)";
  }
  if (mode == "socket" && cfg.slack_app_token.empty()) {
    return "--mode socket needs --slack-app-token (SLACK_APP_TOKEN)";
  }
  if (cfg.src_channel.empty()) return "--src-channel is required: the SRC's private channel id";
  return "";
}

bool SplitHostPort(const std::string& listen, std::string* host, int* port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  *host = listen.substr(0, colon);
  if (host->size() > 2 && host->front() == '[') *host = host->substr(1, host->size() - 2);
  *port = std::atoi(listen.c_str() + colon + 1);
  return *port > 0;
}

// Blocks until SIGINT or SIGTERM. The signals are blocked in every thread
// (they inherit the mask) so that only this sigwait sees them.
void WaitForShutdownSignal(const sigset_t& signals) {
  int signal = 0;
  sigwait(&signals, &signal);
  bot::Log(bot::LogLevel::kInfo, "serve", "shutting down", {{"signal", signal}});
}

// After the transports stop: gives the outbox up to `budget` to empty, so
// that what was just acknowledged also goes out. A second SIGINT/SIGTERM ends
// the wait at once; whatever is still pending is in the database and goes
// out after the next start.
void DrainOutbox(core::CaseStore& store, bot::DeliveryLoop& delivery, const sigset_t& signals,
                 std::chrono::milliseconds budget) {
  const auto deadline = std::chrono::steady_clock::now() + budget;
  delivery.Notify();
  while (std::chrono::steady_clock::now() < deadline) {
    auto pending = store.PendingMessages(1);
    if (pending.ok() && pending.value().empty()) return;
    timespec tick{0, 100'000'000};
    if (sigtimedwait(&signals, nullptr, &tick) > 0) {
      // Exits at once (no join of a Slack call in flight): everything
      // acknowledged is committed already (WAL, synchronous=FULL).
      bot::Log(bot::LogLevel::kWarn, "serve",
               "second signal: exiting now; pending messages go out after the next start");
      std::_Exit(0);
    }
  }
  bot::Log(bot::LogLevel::kWarn, "serve",
           "outbox not empty at the drain deadline; the rest goes out after the next start",
           {{"budget_ms", budget.count()}});
}

constexpr std::chrono::milliseconds kDrainBudget{5000};

}  // namespace

int ServeSlack(const config::Config& cfg, const std::string& mode, const core::Clock& clock) {
  // First, so every run's log says which build it was, even one that fails.
  bot::Log(bot::LogLevel::kInfo, "serve", "starting " + config::VersionLine(),
           {{"version", std::string(config::Version())},
            {"commit", std::string(config::Commit())},
            {"mode", mode}});
  if (std::string missing = MissingSetting(cfg, mode); !missing.empty()) return Fail(missing, 2);
  auto mail_settings = CheckMailSettings(cfg);
  if (!mail_settings.ok()) return Fail(mail_settings.status().message(), 2);
  std::string host;
  int port = 0;
  if (mode == "http" && !SplitHostPort(cfg.listen, &host, &port)) {
    return Fail("--listen must be host:port, got " + cfg.listen, 2);
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  bot::InitTransportThreads(4);

  auto opened = store::SqliteCaseStore::Open(cfg.db, clock);
  if (!opened.ok()) return Fail(opened.status().message());
  store::SqliteCaseStore& store = *opened.value();
  if (!cfg.admins.empty()) {
    if (auto st = store.SeedMembers(cfg.admins, clock.Now()); !st.ok()) return Fail(st.message());
  }
  auto roster = store.Members();
  if (roster.ok() && roster.value().empty()) {
    bot::Log(bot::LogLevel::kWarn, "serve",
             "the SRC roster is empty; set --admins to name the first members");
  }
  // One registry for the process, handed to each object that reports
  // (docs/monitoring.md); the outbox gauges are read from the store per scrape.
  std::unique_ptr<bot::Metrics> metrics = MakeServeMetrics(store, clock);
  // Socket Mode has no listener of its own: /metrics gets one when asked for
  // (--metrics-listen), started before anything else so a bad address fails fast.
  std::unique_ptr<bot::HttpServer> metrics_server;
  if (mode == "socket" && !cfg.metrics_listen.empty()) {
    auto listening = StartMetricsListener(cfg.metrics_listen, *metrics);
    if (!listening.ok()) return Fail(listening.status().message(), 2);
    metrics_server = std::move(listening).value();
  } else if (!cfg.metrics_listen.empty()) {
    bot::Log(bot::LogLevel::kWarn, "serve",
             "--metrics-listen is for Socket Mode; http mode serves /metrics on --listen");
  }

  auto http = bot::MakeCpprestHttpClient();
  bot::Sleeper sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  bot::SlackWebApi api(*http, cfg.slack_api_url, cfg.slack_bot_token, bot::RetryPolicy{}, sleep);
  api.SetMetrics(metrics.get());
  auto auth = api.AuthTest();
  if (!auth.ok()) return Fail("Slack auth.test failed: " + auth.status().message());

  // Channel facts are asked for on the ack path (a reply is judged before it
  // goes into the ack), so they get one quick try: a slow Slack makes the guard
  // fail closed within Slack's 3 seconds instead of making the ack late.
  bot::SlackWebApi facts_api(*http, cfg.slack_api_url, cfg.slack_bot_token,
                             bot::RetryPolicy{1, std::chrono::milliseconds(100),
                                              std::chrono::milliseconds(100),
                                              std::chrono::milliseconds(1500)},
                             sleep);
  facts_api.SetMetrics(metrics.get());
  bot::SlackChannelDirectory directory(facts_api, auth.value().user_id, clock);
  // The guard makes the only sink, and with it the only Web API client that
  // may post; `api` and `facts_api` can only read.
  bot::EmbargoGuard guard(
      store, directory,
      [&](const bot::EgressKey& key) {
        return std::make_unique<bot::SlackSink>(
            key, *http,
            bot::SlackEndpoint{cfg.slack_api_url, cfg.slack_bot_token, bot::RetryPolicy{},
                               metrics.get()},
            bot::SinkOptions{}, sleep);
      },
      metrics.get());
  bot::OutboxWorker worker(store, guard);
  bot::DeliveryLoop delivery(worker, bot::DeliveryOptions{});
  delivery.Start();

  // GitHub (docs/github.md), with --github-token: the job worker and the
  // intake of private reports, on threads of their own.
  auto github = GithubRuntime::Start(cfg, clock, store, cfg.src_channel,
                                     [](const std::string& line) {
                                       bot::Log(bot::LogLevel::kWarn, "github", line);
                                     });
  if (!github.ok()) return Fail(github.status().message());
  // Mail (docs/mail.md): the intake poller and the mail delivery, when configured.
  auto mail = MailRuntime::Start(cfg, mail_settings.value(), clock, store, cfg.src_channel,
                                 [&delivery] { delivery.Notify(); },
                                 [](const std::string& line) {
                                   bot::Log(bot::LogLevel::kWarn, "mail", line);
                                 });
  if (!mail.ok()) return Fail(mail.status().message());
  const commands::ServiceOptions service_options =
      WithMail(WithGithub(ServiceOptionsFrom(cfg, cfg.src_channel, cfg.general_channel,
                                             cfg.development_channel),
                          github.value().get()),
               mail.value().get());
  commands::CommandService service(store, clock, service_options);
  bot::SlackInbound inbound(service, guard, store, directory, clock,
                            {auth.value().user_id, auth.value().bot_id, ""},
                            [&delivery] { delivery.Notify(); });
  inbound.SetMetrics(metrics.get());
  // A click's answer and the edit of its post go out after the ack
  // (docs/buttons.md): the Web API may retry for longer than Slack's 3 s.
  bot::WorkQueue after_ack;
  after_ack.Start();
  inbound.SetAfterAck([&after_ack](std::function<void()> work) { after_ack.Post(std::move(work)); });
  // App Home views are published off the ack path (bot/blocks/home_publisher.h).
  bot::AppHome home(store, guard, service_options);
  bot::HomePublisher home_publisher(
      [&home, &clock](const core::UserId& user) { (void)home.Publish(user, clock.Now()); });
  home_publisher.Start();
  inbound.SetHomeOpenedHandler([&home_publisher](const core::UserId& user) {
    home_publisher.Request(user);
  });
  // The committee's deadlines and the reminders (docs/reminders.md), every
  // --tick-seconds, in both modes; what they queue goes out at once.
  bot::PeriodicTask tick(
      [&] {
        const auto started = metrics->Now();
        const core::TimePoint now = clock.Now();
        (void)service.CommitteeTick(now);
        // What the tick queued: reminders, stale-case pings, on-call hand-overs.
        if (auto fired = service.ReminderTick(now); fired.ok()) {
          metrics->RemindersFired(fired.value());
        }
        metrics->SchedulerTick(metrics->Now() - started);
        delivery.Notify();
      },
      std::chrono::seconds(cfg.tick_seconds));
  tick.Start();

  int status = 0;
  if (mode == "http") {
    bot::SignatureVerifier verifier(cfg.slack_signing_secret, clock);
    bot::HttpEndpoint endpoint(verifier, inbound, nullptr, metrics.get());
    // A command's worker waits for the store's shared commit (group commit,
    // store/group_commit.h): the more workers wait together, the more commands
    // one fsync acknowledges. Waiting threads cost no CPU but a stack each:
    // 32 batch well at 64 connections and hold 1.6 MiB less than 64.
    // Thousands of idle or slow clients must not lock out Slack: each costs a
    // descriptor until the request timeout drops it, so the soft limit (often
    // 1024) is raised first and the connection cap kept under it.
    bot::HttpServerLimits limits;
    const long open_files = RaiseOpenFileLimit(kWantedOpenFiles);
    limits.max_connections = ConnectionsFor(open_files, limits.max_connections);
    limits.request_timeout = std::chrono::seconds(cfg.http_request_timeout_seconds);
    bot::Log(bot::LogLevel::kInfo, "serve", "http limits",
             {{"max_connections", limits.max_connections},
              {"open_file_limit", open_files},
              {"request_timeout_seconds", cfg.http_request_timeout_seconds},
              {"max_body_bytes", static_cast<long long>(kMaxBodyBytes)}});
    auto server = bot::MakeBeastHttpServer(kHttpWorkers, limits);
    auto started = server->Start(host, port, kMaxBodyBytes,
                                 [&endpoint](bot::HttpRequest request, bot::HttpServer::Respond respond) {
                                   respond(endpoint.Handle(request));
                                 });
    if (!started.ok()) {
      status = Fail(started.message());
    } else {
      bot::Log(bot::LogLevel::kInfo, "serve",
               "ready: http on " + host + ":" + std::to_string(port) + " (/metrics served here)");
      WaitForShutdownSignal(signals);
      server->Stop();
    }
  } else {
    bot::SlackWebApi app_api(*http, cfg.slack_api_url, cfg.slack_app_token, bot::RetryPolicy{}, sleep);
    app_api.SetMetrics(metrics.get());
    auto connector = bot::MakeBeastWebSocketConnector();
    bot::SocketModeClient::Options options;
    // The client stops by itself when Slack disables the link or refuses the
    // token: end the process then, with a failure status, instead of idling.
    std::atomic<bool> halted{false};
    options.on_halt = [&halted](bot::SocketModeClient::State) {
      halted = true;
      kill(getpid(), SIGTERM);
    };
    options.metrics = metrics.get();
    bot::SocketModeClient client(app_api, *connector, inbound, clock, options);
    client.Start();
    bot::Log(bot::LogLevel::kInfo, "serve",
             cfg.metrics_listen.empty()
                 ? std::string("ready: socket mode")
                 : "ready: socket mode (/metrics on " + cfg.metrics_listen + ")");
    WaitForShutdownSignal(signals);
    client.Stop();
    if (metrics_server) metrics_server->Stop();
    if (halted) status = Fail("socket mode stopped: " + client.last_error());
  }
  tick.Stop();
  after_ack.Stop();  // what clicks queued still goes out
  home_publisher.Stop();
  // Nothing new arrives now; what was acknowledged gets a bounded time to go out.
  DrainOutbox(store, delivery, signals, kDrainBudget);
  delivery.Stop();
  return status;
}

}  // namespace srcbot::app
