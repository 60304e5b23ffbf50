#pragma once
// HttpEndpoint: Slack's HTTP Request URLs as one pure function from request to
// response, which main plugs into an HttpServer. No sockets here, so every
// path is unit-tested without a server.
//
// The steps, in order (Bolt's, SLACK.md §1-3 and §6):
//   GET /healthz                      → 200 "ok" (not signed, nothing else read)
//   GET /metrics                      → the Prometheus exposition when made with
//                                       a Metrics, else 404 (not signed;
//                                       bot/observability/metrics_endpoint.h)
//   any other path                    → 404
//   not POST on a Slack path          → 405 (Allow: POST)
//   /slack/commands|events|interactions:
//     a form body holding ssl_check=1 → empty 200, before verification (Slack
//                                       does not sign these) and without reading
//                                       anything else in it
//     signature                       → 401, nothing parsed, handler not called
//     content type (commands and interactions: form; events: JSON) → 400
//     undecodable body, no `payload` in an interaction → 400
//     JSON (body or `payload`) nested over kMaxJsonDepth → 400, unparsed
//                                       (bot/decode/bounded_json.h)
//     the handler                     → 200, its JSON ack or an empty body
// Business errors are the handler's to answer with a 200; an exception from
// the handler (a bug) becomes an empty 500. Bodies over the size limit never
// get here: the server answers 413 (http_server.h). With a Metrics, the time
// each Slack path takes to answer is observed as srcbot_ack_seconds.
//
// The verifier, handler and metrics are not owned and must outlive the endpoint.
// Thread safety: Handle may run on several threads at once when the handler
// allows it (InboundHandler implementations must).

#include <functional>
#include <string>
#include <string_view>

#include "bot/http/signature_verifier.h"
#include "bot/inbound/inbound_handler.h"
#include "bot/net/http_types.h"
#include "bot/observability/metrics.h"

namespace srcbot::bot {

inline constexpr std::string_view kHealthPath = "/healthz";
inline constexpr std::string_view kCommandsPath = "/slack/commands";
inline constexpr std::string_view kEventsPath = "/slack/events";
inline constexpr std::string_view kInteractionsPath = "/slack/interactions";

class HttpEndpoint {
 public:
  // One line per noteworthy request (refused signature, a retried event),
  // never holding a body, a signature or a secret. Empty: a warn line of
  // component "http" in the JSON log (bot/observability/log.h).
  using Log = std::function<void(const std::string& line)>;

  HttpEndpoint(SignatureVerifier& verifier, InboundHandler& handler, Log log = nullptr,
               Metrics* metrics = nullptr);

  HttpResponse Handle(const HttpRequest& request);

 private:
  // Dispatch, with an exception turned into a 500.
  HttpResponse Answer(const HttpRequest& request);
  HttpResponse Dispatch(const HttpRequest& request);
  void Note(const std::string& line) const;

  SignatureVerifier& verifier_;
  InboundHandler& handler_;
  Log log_;
  Metrics* metrics_;
};

}  // namespace srcbot::bot
