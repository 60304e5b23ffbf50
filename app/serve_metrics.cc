#include "app/serve_metrics.h"

#include <charconv>

#include "bot/observability/log.h"
#include "bot/observability/metrics_endpoint.h"
#include "commands/verb_table.h"
#include "config/version.h"

namespace srcbot::app {
namespace {

// Scrapes carry no body; a few KB is more than any GET needs.
constexpr std::size_t kMaxScrapeBodyBytes = 4096;

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace

std::unique_ptr<bot::Metrics> MakeServeMetrics(store::SqliteCaseStore& store,
                                               const core::Clock& clock) {
  std::vector<std::string> verbs;
  for (const commands::Verb& verb : commands::Verbs()) verbs.emplace_back(verb.name);
  auto metrics = std::make_unique<bot::Metrics>(verbs);
  metrics->SetBuildInfo(std::string(config::Version()), std::string(config::Commit()));
  metrics->SetOutboxProbe([&store, &clock]() -> std::optional<bot::OutboxGauges> {
    auto backlog = store.Backlog();
    if (!backlog.ok()) return std::nullopt;
    bot::OutboxGauges gauges;
    gauges.pending = backlog.value().pending;
    if (backlog.value().oldest_created_at) {
      auto age = clock.Now() - *backlog.value().oldest_created_at;
      gauges.oldest_pending_seconds = std::max<double>(0, static_cast<double>(age.count()));
    }
    return gauges;
  });
  return metrics;
}

core::Result<std::unique_ptr<bot::HttpServer>> StartMetricsListener(const std::string& listen,
                                                                    const bot::Metrics& metrics) {
  // The options check the form already (config/option_table.cc); this only splits it.
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return core::Status::Invalid("--metrics-listen must be host:port, got " + listen);
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  int port = 0;
  const char* digits = listen.data() + colon + 1;
  auto [end, ec] = std::from_chars(digits, listen.data() + listen.size(), port);
  if (ec != std::errc() || end != listen.data() + listen.size() || port <= 0 || port > 65535) {
    return core::Status::Invalid("--metrics-listen must be host:port, got " + listen);
  }
  if (!IsLoopback(host)) {
    bot::Log(bot::LogLevel::kWarn, "metrics",
             "--metrics-listen is not a loopback address: /metrics has no authentication; "
             "restrict who can reach it",
             {{"listen", listen}});
  }
  std::unique_ptr<bot::HttpServer> server = bot::MakeBeastHttpServer(1);
  core::Status started =
      server->Start(host, port, kMaxScrapeBodyBytes,
                    [&metrics](bot::HttpRequest request, bot::HttpServer::Respond respond) {
                      respond(bot::MetricsListenerResponse(metrics, request));
                    });
  if (!started.ok()) return started;
  return server;
}

}  // namespace srcbot::app
