#include "bot/observability/metrics_endpoint.h"

namespace srcbot::bot {

HttpResponse MetricsResponse(const Metrics& metrics, const HttpRequest& request) {
  HttpResponse r;
  if (request.method != "GET" && request.method != "HEAD") {
    r.status = 405;
    r.headers["allow"] = "GET, HEAD";
    return r;
  }
  r.content_type = std::string(kMetricsContentType);
  if (request.method == "GET") r.body = metrics.Render();
  return r;
}

HttpResponse MetricsListenerResponse(const Metrics& metrics, const HttpRequest& request) {
  if (request.path == kMetricsPath) return MetricsResponse(metrics, request);
  HttpResponse r;
  r.content_type = "text/plain; charset=utf-8";
  if (request.path == "/healthz" && (request.method == "GET" || request.method == "HEAD")) {
    r.body = "ok";
    return r;
  }
  r.status = 404;
  r.body = "not found";
  return r;
}

}  // namespace srcbot::bot
