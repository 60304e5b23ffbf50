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
  // One text frame. Runs on the library's per-connection thread; must not
  // block for long (Send from here is allowed). Control frames (ping/pong) are
  // answered by the library and never reach us: cpprestsdk does not expose them.
  std::function<void(const std::string& text)> on_message;
  // The connection ended because of the peer or an error. Called at most once,
  // and not for our own Close(): replacing a connection must not look like a drop.
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
