#pragma once
// A websocket client connection behind a small interface, on Boost.Beast
// (beast_websocket.cc). One object per connection: a connection is never
// reopened; the client opens a new one.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"

namespace srcbot::bot {

class WebSocket {
 public:
  // Closes (bounded time) if still open.
  virtual ~WebSocket() = default;
  // Sends one text frame. kUnavailable when the connection is gone or the
  // frame could not be written within a few seconds. Thread-safe; allowed from
  // this connection's own callbacks (then it queues the frame and returns).
  virtual core::Status Send(const std::string& text) = 0;
  // Closes with status 1000, waiting at most a few seconds for the peer.
  // Idempotent. Must not be called from inside this connection's callbacks.
  virtual void Close() = 0;
};

struct WebSocketCallbacks {
  // One text frame. Runs on the connection's own thread; must not block for
  // long (Send from here is allowed). Binary frames are dropped.
  std::function<void(const std::string& text)> on_message;
  // Any frame from the peer arrived: text, binary, ping, pong or close. This
  // is the sign of life a read-idle watchdog counts: Slack keeps a quiet
  // connection alive with pings, and the connector's own pings draw pongs.
  // Runs on the connection's thread, before on_message for a text frame.
  std::function<void()> on_activity;
  // The connection ended because of the peer or an error (a close frame, a
  // reset, a FIN without a close frame, a frame over the size limit). Called
  // at most once, and not for our own Close(): replacing a connection must not
  // look like a drop.
  std::function<void()> on_close;
};

class WebSocketConnector {
 public:
  virtual ~WebSocketConnector() = default;
  // Opens a new connection to `url` (ws:// or wss://). kUnavailable on failure
  // or when `timeout` passes; the message names the host, never the query
  // (Slack's ticket is in it).
  virtual core::Result<std::unique_ptr<WebSocket>> Connect(const std::string& url,
                                                           WebSocketCallbacks callbacks,
                                                           std::chrono::milliseconds timeout) = 0;
};

struct BeastWebSocketOptions {
  // A websocket ping is sent this often, as Slack's SDKs do (SLACK.md §4.4),
  // so a quiet but healthy connection keeps showing activity through pongs.
  std::chrono::milliseconds ping_interval{5'000};
  // A ping unanswered this long ends the connection as a drop (on_close).
  // Node's SDK allows 5 s; twice that spares a slow but live link.
  std::chrono::milliseconds pong_timeout{10'000};
  // Close() waits this long for the peer's close frame, then drops the socket.
  std::chrono::milliseconds close_wait{3'000};
  // Send() waits this long for the frame to be written.
  std::chrono::milliseconds send_wait{5'000};
  // A message larger than this ends the connection (close 1009) instead of
  // being buffered. Slack's frames are a few KiB.
  std::size_t max_message_bytes = 1u << 20;
  // ws:// is refused unless the host is loopback (127.0.0.0/8, ::1,
  // localhost): a plain socket elsewhere would carry the envelopes in clear.
  // wss:// verifies the certificate chain against the system CA store and the
  // host name. Tests may name a CA file instead (PEM); empty: the system store.
  std::string ca_file;
};

// Beast websocket over TCP, or TLS (OpenSSL) for wss://. Each connection has
// its own io_context and thread.
std::unique_ptr<WebSocketConnector> MakeBeastWebSocketConnector(BeastWebSocketOptions options = {});

}  // namespace srcbot::bot
