#pragma once
// An in-memory WebSocketConnector for unit tests: no sockets, no threads. The
// test plays the server through FakeWebSocketPeer, whose calls run the
// client's callbacks on the test's thread, as a library thread would.
//
// The connector keeps an ordered log of what happened ("connect 1",
// "close 1" when the client closed connection 1, "server-close 1") so tests
// can assert the order of opening and closing. Thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bot/socket_mode/websocket.h"

namespace srcbot::testing {

struct FakePeerState;  // shared by a peer and the client's WebSocket; in the .cc

// The server end of one connection.
class FakeWebSocketPeer {
 public:
  explicit FakeWebSocketPeer(std::shared_ptr<FakePeerState> state) : state_(std::move(state)) {}

  int index() const;  // 1 for the first Connect that succeeded, 2 for the next…
  std::string url() const;
  // Runs the client's on_message. False (nothing delivered) once either side closed.
  bool Deliver(const std::string& text);
  bool DeliverHello();
  // The server ends the connection: the client's on_close runs, once.
  void CloseFromServer();
  // The frames the client sent, in order.
  std::vector<std::string> sent() const;
  // Waits until the client has sent at least `count` frames.
  bool WaitSent(std::size_t count, std::chrono::milliseconds timeout) const;
  bool closed_by_client() const;

 private:
  std::shared_ptr<FakePeerState> state_;
};

class FakeWebSocketConnector : public bot::WebSocketConnector {
 public:
  // When set (the default), each new connection delivers `hello` from inside
  // Connect, before it returns: real libraries may run callbacks that early.
  bool auto_hello = true;

  core::Result<std::unique_ptr<bot::WebSocket>> Connect(const std::string& url,
                                                        bot::WebSocketCallbacks callbacks,
                                                        std::chrono::milliseconds timeout) override;

  // The next `n` Connect calls fail with kUnavailable.
  void FailNext(int n);
  int connect_calls() const;
  // Connections opened so far.
  std::size_t connections() const;
  // Connection `index` (1-based); the test must know it exists (WaitForConnections).
  FakeWebSocketPeer peer(int index) const;
  bool WaitForConnections(std::size_t count, std::chrono::milliseconds timeout) const;
  std::vector<std::string> events() const;

 private:
  void Record(const std::string& event);

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  int fail_next_ = 0;
  int connect_calls_ = 0;
  std::vector<std::shared_ptr<FakePeerState>> peers_;
  std::vector<std::string> events_;
};

}  // namespace srcbot::testing
