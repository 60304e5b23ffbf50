#pragma once
// One Socket Mode websocket as SocketModeClient's threads share it: the
// supervisor opens and retires it, the library's callback thread touches it on
// every frame, and the workers send acks on it. Thread-safe.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "bot/socket_mode/websocket.h"
#include "core/time.h"

namespace srcbot::bot {

class SocketModeConnection {
 public:
  SocketModeConnection(std::uint64_t id, core::TimePoint now);

  std::uint64_t id() const { return id_; }
  // A frame arrived at `now`.
  void Touch(core::TimePoint now);
  core::TimePoint last_frame() const;

  // Connect returned; `socket` is null when it failed. Wakes waiting senders.
  void Settle(std::unique_ptr<WebSocket> socket);
  // An envelope from this connection was queued for a worker / its ack was
  // sent or given up. Retire waits for the ones in between.
  void BeginEnvelope();
  void EndEnvelope();
  // Waits up to `drain` for the envelopes in hand to be acked here (Slack
  // expects an envelope's ack on its own connection), then closes the socket
  // (bounded) and lets go of it; later sends fail. Must not be called from
  // one of this socket's callbacks.
  void Retire(std::chrono::milliseconds drain);
  // Sends one text frame, first waiting up to `wait` for Settle (an envelope
  // can arrive before Connect has returned). False when there is no socket or
  // the send failed.
  bool Send(const std::string& text, std::chrono::milliseconds wait);

 private:
  const std::uint64_t id_;
  std::atomic<std::int64_t> last_frame_;  // seconds since the epoch
  std::mutex mutex_;
  std::condition_variable settled_changed_;  // settled_ or in_flight_
  bool settled_ = false;
  int in_flight_ = 0;
  // Shared so a sender can finish outside the lock while Retire runs.
  std::shared_ptr<WebSocket> socket_;
};

}  // namespace srcbot::bot
