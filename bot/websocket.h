#pragma once
// A websocket client connection behind a small interface (cpprestsdk's today).
// One object per connection: cpprestsdk's clients cannot reconnect.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"

namespace srcbot::bot {

class WebSocket {
 public:
  // Closes (bounded time) if still open.
  virtual ~WebSocket() = default;
  // Sends one text frame. kUnavailable when the connection is gone. Thread-safe.
  virtual core::Status Send(const std::string& text) = 0;
  // Closes with status 1000, waiting at most a few seconds for the peer.
  // Idempotent. Must not be called from inside this connection's callbacks.
  virtual void Close() = 0;
};

struct WebSocketCallbacks {
  // One text frame. Runs on a library thread; must not block for long.
  std::function<void(const std::string& text)> on_message;
  // The connection ended (peer close, error). Called at most once.
  std::function<void()> on_close;
};

class WebSocketConnector {
 public:
  virtual ~WebSocketConnector() = default;
  // Opens a new connection to `url` (ws:// or wss://). kUnavailable on failure
  // or when `timeout` passes.
  virtual core::Result<std::unique_ptr<WebSocket>> Connect(const std::string& url,
                                                           WebSocketCallbacks callbacks,
                                                           std::chrono::milliseconds timeout) = 0;
};

std::unique_ptr<WebSocketConnector> MakeCpprestWebSocketConnector();

}  // namespace srcbot::bot
