#pragma once
// A tiny websocket server on 127.0.0.1 for transport tests, built on
// websocketpp (installed with cpprestsdk) and run on its own thread in the
// test process. By default it echoes every text frame back. websocketpp stays
// out of this header, so including it costs nothing.
//
// Start, Freeze and Stop belong to the test's thread; the other methods may be
// called from any thread. The server's own work runs on its thread.

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace srcbot::testing {

class WsTestServer {
 public:
  // Answers one text frame from a client; a non-empty result is sent back to
  // that client as a text frame.
  using OnText = std::function<std::string(const std::string& text)>;

  // `on_text` empty: echo.
  explicit WsTestServer(OnText on_text = nullptr);
  ~WsTestServer();  // Stop()
  WsTestServer(const WsTestServer&) = delete;
  WsTestServer& operator=(const WsTestServer&) = delete;

  // Listens on 127.0.0.1:port. False when the port cannot be bound. Once only.
  bool Start(int port);
  // The ws:// URL of the server, e.g. "ws://127.0.0.1:4321/".
  std::string url() const;

  // Sends `text` to every open connection.
  void SendToAll(const std::string& text);
  // Starts a close handshake (1000, "bye") on every open connection.
  void CloseAll();
  // Stops the server thread without closing anything, as a host that
  // vanished: sockets stay open, nothing is read or answered, and new TCP
  // connections complete in the kernel but never get an HTTP answer.
  void Freeze();
  // Closes every connection and stops, within a few seconds. Idempotent.
  void Stop();

  int accepted() const;                       // connections opened so far
  int open_connections() const;               // connections open now
  std::vector<std::string> received() const;  // text frames, in arrival order

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace srcbot::testing
