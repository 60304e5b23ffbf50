#include "bot/socket_mode/socket_mode_connection.h"

#include <utility>

namespace srcbot::bot {

SocketModeConnection::SocketModeConnection(std::uint64_t id, core::TimePoint now)
    : id_(id), last_frame_(now.time_since_epoch().count()) {}

void SocketModeConnection::Touch(core::TimePoint now) {
  last_frame_ = now.time_since_epoch().count();
}

core::TimePoint SocketModeConnection::last_frame() const {
  return core::TimePoint(core::Duration(last_frame_.load()));
}

void SocketModeConnection::Settle(std::unique_ptr<WebSocket> socket) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    settled_ = true;
    socket_ = std::move(socket);
  }
  settled_changed_.notify_all();
}

void SocketModeConnection::BeginEnvelope() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++in_flight_;
}

void SocketModeConnection::EndEnvelope() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --in_flight_;
  }
  settled_changed_.notify_all();
}

void SocketModeConnection::Retire(std::chrono::milliseconds drain) {
  std::shared_ptr<WebSocket> socket;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (socket_) settled_changed_.wait_for(lock, drain, [this] { return in_flight_ <= 0; });
    settled_ = true;
    socket = std::move(socket_);
  }
  settled_changed_.notify_all();
  // The last owner destroys it: here, or a sender that is still using it.
  if (socket) socket->Close();
}

bool SocketModeConnection::Send(const std::string& text, std::chrono::milliseconds wait) {
  std::shared_ptr<WebSocket> socket;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    settled_changed_.wait_for(lock, wait, [this] { return settled_; });
    socket = socket_;
  }
  return socket && socket->Send(text).ok();
}

}  // namespace srcbot::bot
