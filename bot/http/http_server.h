#pragma once
// An HTTP/1.1 listener behind a small interface, so the implementation can be
// replaced without touching the handlers. The real one is built on
// Boost.Beast (bot/http/beast_http_server.cc); it replaced cpprestsdk's listener,
// which read any body whole before it could be refused, had no limit on
// header size and no timeouts, and spun on accept when out of descriptors.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "bot/net/http_types.h"
#include "core/result.h"

namespace srcbot::bot {

// What one client may hold of the listener (docs/operations.md, "Hostile
// input"). Each refusal is an answer with a status, then the connection is
// closed; nothing reaches the handler.
struct HttpServerLimits {
  // The request line and headers together; more is answered 431.
  std::size_t max_header_bytes = 8 * 1024;
  // From a connection's first byte (or the end of its previous response) to
  // the last byte of the request: a client slower than that, one that sends a
  // byte at a time or nothing at all, is disconnected unanswered.
  std::chrono::milliseconds request_timeout{10'000};
  // Writing a response to a client that does not read it.
  std::chrono::milliseconds write_timeout{10'000};
  // Open connections; a connection beyond them is answered 503 and closed.
  int max_connections = 4096;
  // Request bodies held at once across all connections, each counted at its
  // Content-Length from its headers until its response is written; a request
  // that would go over is answered 503 (Retry-After: 1) without being read.
  std::size_t max_buffered_body_bytes = 64u << 20;
};

class HttpServer {
 public:
  // Must be called exactly once per request, from any thread.
  using Respond = std::function<void(HttpResponse)>;
  // Runs on the server's own worker threads (never on the I/O thread), so it
  // may block, e.g. on SQLite or an outbound HTTP call.
  using Handler = std::function<void(HttpRequest request, Respond respond)>;

  virtual ~HttpServer() = default;

  // Listens on host:port. A request whose Content-Length exceeds
  // `max_body_bytes`, or that sends a chunked body, is answered 413 from its
  // headers alone, before a byte of the body is read (an `Expect:
  // 100-continue` client is spared sending it); the handler never sees it.
  // kUnavailable when the address cannot be bound.
  virtual core::Status Start(const std::string& host, int port, std::size_t max_body_bytes,
                             Handler handler) = 0;
  // Stops accepting, waits for handlers in flight (bounded), idempotent.
  virtual void Stop() = 0;
};

// The Boost.Beast implementation (bot/http/beast_http_server.cc): one I/O thread
// for every connection, `worker_threads` threads for the handler.
std::unique_ptr<HttpServer> MakeBeastHttpServer(int worker_threads, HttpServerLimits limits = {});

}  // namespace srcbot::bot
