#include "bot/http/http_endpoint.h"

#include <exception>
#include <optional>
#include <utility>

#include "bot/decode/bounded_json.h"
#include "bot/decode/form_decoder.h"
#include "bot/observability/log.h"
#include "bot/observability/metrics_endpoint.h"

namespace srcbot::bot {
namespace {

using nlohmann::json;

constexpr std::string_view kFormType = "application/x-www-form-urlencoded";
constexpr std::string_view kJsonType = "application/json";

HttpResponse Plain(int status, std::string body = "") {
  HttpResponse r;
  r.status = status;
  if (!body.empty()) r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

// "Application/JSON; charset=utf-8" → "application/json".
std::string MediaType(const HttpHeaders& headers) {
  std::string value = LowerHeaderName(HeaderValue(headers, "content-type"));
  value = value.substr(0, value.find(';'));
  std::size_t first = value.find_first_not_of(" \t");
  if (first == std::string::npos) return std::string();
  return value.substr(first, value.find_last_not_of(" \t") - first + 1);
}

// Slack's ssl_check: an unsigned form POST with ssl_check=1 (and a token) that
// wants an empty 200. Only that answer is given: like bolt-js, which rewrites
// the body to just "ssl_check=1", nothing else in an unsigned body is read.
bool IsSslCheck(const HttpRequest& request) {
  if (MediaType(request.headers) != kFormType) return false;
  auto form = DecodeForm(request.body);
  if (!form.ok()) return false;
  auto it = form.value().find("ssl_check");
  return it != form.value().end() && it->second == "1";
}

HttpResponse Ack(const std::optional<json>& body) {
  HttpResponse r;
  if (!body) return r;
  r.content_type = "application/json; charset=utf-8";
  // Replace, not throw, should a handler ever echo bytes that are not UTF-8.
  r.body = body->dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

bool IsSlackPath(std::string_view path) {
  return path == kCommandsPath || path == kEventsPath || path == kInteractionsPath;
}

}  // namespace

HttpEndpoint::HttpEndpoint(SignatureVerifier& verifier, InboundHandler& handler, Log log,
                           Metrics* metrics)
    : verifier_(verifier), handler_(handler), log_(std::move(log)), metrics_(metrics) {}

void HttpEndpoint::Note(const std::string& line) const {
  if (log_) {
    log_(line);
  } else {
    bot::Log(LogLevel::kWarn, "http", line);
  }
}

HttpResponse HttpEndpoint::Handle(const HttpRequest& request) {
  // The ack's latency is Slack's business (3 s); /healthz and /metrics are not timed.
  if (metrics_ != nullptr && IsSlackPath(request.path)) {
    const auto start = metrics_->Now();
    HttpResponse response = Answer(request);
    metrics_->AckBuilt(metrics_->Now() - start);
    return response;
  }
  return Answer(request);
}

HttpResponse HttpEndpoint::Answer(const HttpRequest& request) {
  try {
    return Dispatch(request);
  } catch (const std::exception& e) {
    Note("http: " + request.path + ": unexpected exception: " + e.what());
  } catch (...) {
    Note("http: " + request.path + ": unexpected exception");
  }
  return Plain(500);
}

HttpResponse HttpEndpoint::Dispatch(const HttpRequest& request) {
  if (request.path == kHealthPath) {
    if (request.method != "GET" && request.method != "HEAD") {
      HttpResponse r = Plain(405);
      r.headers["allow"] = "GET, HEAD";
      return r;
    }
    return Plain(200, "ok");
  }
  if (request.path == kMetricsPath && metrics_ != nullptr) {
    return MetricsResponse(*metrics_, request);
  }
  if (!IsSlackPath(request.path)) return Plain(404, "not found");
  if (request.method != "POST") {
    HttpResponse r = Plain(405);
    r.headers["allow"] = "POST";
    return r;
  }
  if (IsSslCheck(request)) return Plain(200);

  if (core::Status s = verifier_.Verify(request.headers, request.body); !s.ok()) {
    Note("http: " + request.path + ": refused: " + s.message());
    return Plain(401);
  }

  const std::string media = MediaType(request.headers);
  if (request.path == kEventsPath) {
    if (media != kJsonType) return Plain(400, "expected application/json");
    if (JsonDepth(request.body) > kMaxJsonDepth) return Plain(400, "JSON nested too deeply");
    json body = ParseBoundedJson(request.body);
    if (body.is_discarded() || !body.is_object()) return Plain(400, "malformed JSON");
    // Redeliveries are deduplicated by event_id (SlackInbound); the header is
    // only worth a line in the log.
    if (std::string retry = HeaderValue(request.headers, "x-slack-retry-num"); !retry.empty()) {
      Note("http: event " + StringField(body, "event_id") + " retry " + retry + " (" +
           HeaderValue(request.headers, "x-slack-retry-reason") + ")");
    }
    return Ack(handler_.OnEvent(body));
  }

  if (media != kFormType) return Plain(400, "expected application/x-www-form-urlencoded");
  auto form = DecodeFormToJson(request.body);
  if (!form.ok()) return Plain(400, "malformed form body");
  if (request.path == kCommandsPath) return Ack(handler_.OnSlashCommand(form.value()));

  // Interactivity: the whole payload is JSON in the one form field `payload`.
  const std::string payload_text = StringField(form.value(), "payload");
  if (JsonDepth(payload_text) > kMaxJsonDepth) return Plain(400, "payload nested too deeply");
  json payload = ParseBoundedJson(payload_text);
  if (payload.is_discarded() || !payload.is_object()) return Plain(400, "malformed payload");
  return Ack(handler_.OnInteraction(payload));
}

}  // namespace srcbot::bot
