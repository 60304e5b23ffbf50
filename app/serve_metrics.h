#pragma once
// The metrics of `srcbot serve` on Slack (docs/monitoring.md): the one Metrics
// of the process, its outbox gauges read from the store at each scrape, and
// the listener that serves them in Socket Mode (--metrics-listen). HTTP mode
// serves /metrics on --listen through HttpEndpoint instead.

#include <memory>
#include <string>

#include "bot/http/http_server.h"
#include "bot/observability/metrics.h"
#include "core/result.h"
#include "core/time.h"
#include "store/sqlite_case_store.h"

namespace srcbot::app {

// A Metrics whose verb label takes the verb table's names, and whose outbox
// gauges come from `store.Backlog()`, aged with `clock`. Both must outlive it.
std::unique_ptr<bot::Metrics> MakeServeMetrics(store::SqliteCaseStore& store,
                                               const core::Clock& clock);

// Listens on `listen` ("host:port", "[::1]:port") for GET /metrics and GET
// /healthz (bot/observability/metrics_endpoint.h) and nothing else. The endpoint is not
// authenticated: a host that is not loopback gets a warning in the log.
// kInvalidArgument for a malformed address, kUnavailable when it cannot be bound.
core::Result<std::unique_ptr<bot::HttpServer>> StartMetricsListener(const std::string& listen,
                                                                    const bot::Metrics& metrics);

}  // namespace srcbot::app
