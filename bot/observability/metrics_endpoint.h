#pragma once
// GET /metrics as pure functions from request to response, for the two places
// that serve it: HttpEndpoint (http mode, on --listen) and the loopback
// listener main starts on --metrics-listen in Socket Mode. Neither asks for a
// signature: Prometheus cannot sign, and the exposition holds no case detail,
// channel or user id (bot/observability/metrics.h).

#include <string_view>

#include "bot/net/http_types.h"
#include "bot/observability/metrics.h"

namespace srcbot::bot {

inline constexpr std::string_view kMetricsPath = "/metrics";
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// For a request to kMetricsPath: GET → 200 with the exposition (HEAD: the
// same without a body); any other method → 405 (Allow: GET, HEAD).
HttpResponse MetricsResponse(const Metrics& metrics, const HttpRequest& request);

// The whole metrics listener: /metrics as above, /healthz → 200 "ok",
// anything else → 404.
HttpResponse MetricsListenerResponse(const Metrics& metrics, const HttpRequest& request);

}  // namespace srcbot::bot
