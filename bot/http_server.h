#pragma once
// An HTTP listener behind a small interface, so the cpprestsdk one (archived
// upstream) can be replaced without touching the handlers.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "bot/http_types.h"
#include "core/result.h"

namespace srcbot::bot {

class HttpServer {
 public:
  // Must be called exactly once per request, from any thread.
  using Respond = std::function<void(HttpResponse)>;
  // Runs on the server's own worker threads (never on cpprestsdk's task pool),
  // so it may block, e.g. on SQLite or an outbound HTTP call.
  using Handler = std::function<void(HttpRequest request, Respond respond)>;

  virtual ~HttpServer() = default;

  // Listens on host:port. Requests whose Content-Length exceeds
  // `max_body_bytes`, or that send a chunked body, are answered 413 by the
  // server itself; the handler never sees them. (cpprestsdk still reads such a
  // body before answering, so the limit protects the handlers, not the
  // memory: the reverse proxy in front must cap body size too.)
  // kUnavailable when the address cannot be bound.
  virtual core::Status Start(const std::string& host, int port, std::size_t max_body_bytes,
                             Handler handler) = 0;
  // Stops accepting, waits for handlers in flight (bounded), idempotent.
  virtual void Stop() = 0;
};

// The cpprestsdk implementation (bot/cpprest_http_server.cc).
std::unique_ptr<HttpServer> MakeCpprestHttpServer(int worker_threads);

}  // namespace srcbot::bot
