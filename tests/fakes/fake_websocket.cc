#include "tests/fakes/fake_websocket.h"

#include <functional>
#include <utility>

namespace srcbot::testing {

struct FakePeerState {
  std::function<void(const std::string&)> record;  // into the connector's event log
  int index = 0;
  std::string url;
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  bot::WebSocketCallbacks callbacks;
  std::vector<std::string> sent;
  bool closed_by_client = false;
  bool closed_by_server = false;

  bool open() const { return !closed_by_client && !closed_by_server; }
};

namespace {

// The client's end.
class FakeWebSocket : public bot::WebSocket {
 public:
  explicit FakeWebSocket(std::shared_ptr<FakePeerState> state) : state_(std::move(state)) {}
  ~FakeWebSocket() override { Close(); }

  core::Status Send(const std::string& text) override {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (!state_->open()) return core::Status::Unavailable("fake websocket: closed");
    state_->sent.push_back(text);
    state_->changed.notify_all();
    return core::Status::Ok();
  }

  // Like a real client closing politely: no on_close for our own Close.
  void Close() override {
    {
      std::lock_guard<std::mutex> lock(state_->mutex);
      if (state_->closed_by_client) return;
      state_->closed_by_client = true;
      state_->changed.notify_all();
    }
    state_->record("close " + std::to_string(state_->index));
  }

 private:
  std::shared_ptr<FakePeerState> state_;
};

}  // namespace

int FakeWebSocketPeer::index() const { return state_->index; }
std::string FakeWebSocketPeer::url() const { return state_->url; }

bool FakeWebSocketPeer::Deliver(const std::string& text) {
  std::function<void(const std::string&)> on_message;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (!state_->open()) return false;
    on_message = state_->callbacks.on_message;
  }
  if (on_message) on_message(text);
  return true;
}

bool FakeWebSocketPeer::DeliverHello() {
  return Deliver(R"({"type":"hello","num_connections":1,"connection_info":{"app_id":"A1"}})");
}

void FakeWebSocketPeer::CloseFromServer() {
  std::function<void()> on_close;
  {
    std::lock_guard<std::mutex> lock(state_->mutex);
    if (!state_->open()) return;
    state_->closed_by_server = true;
    on_close = state_->callbacks.on_close;
  }
  state_->record("server-close " + std::to_string(state_->index));
  if (on_close) on_close();
}

std::vector<std::string> FakeWebSocketPeer::sent() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->sent;
}

bool FakeWebSocketPeer::WaitSent(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(state_->mutex);
  return state_->changed.wait_for(lock, timeout, [&] { return state_->sent.size() >= count; });
}

bool FakeWebSocketPeer::closed_by_client() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->closed_by_client;
}

core::Result<std::unique_ptr<bot::WebSocket>> FakeWebSocketConnector::Connect(
    const std::string& url, bot::WebSocketCallbacks callbacks, std::chrono::milliseconds) {
  auto state = std::make_shared<FakePeerState>();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++connect_calls_;
    if (fail_next_ > 0) {
      --fail_next_;
      changed_.notify_all();
      return core::Status::Unavailable("fake websocket: connection refused");
    }
    state->record = [this](const std::string& event) { Record(event); };
    state->index = static_cast<int>(peers_.size()) + 1;
    state->url = url;
    state->callbacks = std::move(callbacks);
    peers_.push_back(state);
  }
  Record("connect " + std::to_string(state->index));
  if (auto_hello) FakeWebSocketPeer(state).DeliverHello();
  return std::unique_ptr<bot::WebSocket>(std::make_unique<FakeWebSocket>(state));
}

void FakeWebSocketConnector::FailNext(int n) {
  std::lock_guard<std::mutex> lock(mutex_);
  fail_next_ = n;
}

int FakeWebSocketConnector::connect_calls() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return connect_calls_;
}

std::size_t FakeWebSocketConnector::connections() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return peers_.size();
}

FakeWebSocketPeer FakeWebSocketConnector::peer(int index) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return FakeWebSocketPeer(peers_.at(static_cast<std::size_t>(index - 1)));
}

bool FakeWebSocketConnector::WaitForConnections(std::size_t count,
                                                std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return peers_.size() >= count; });
}

std::vector<std::string> FakeWebSocketConnector::events() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return events_;
}

void FakeWebSocketConnector::Record(const std::string& event) {
  std::lock_guard<std::mutex> lock(mutex_);
  events_.push_back(event);
  changed_.notify_all();
}

}  // namespace srcbot::testing
