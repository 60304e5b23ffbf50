#pragma once
// What the SocketModeClient tests share: a fake apps.connections.open, a
// recording InboundHandler, a clock the test moves, and a Rig that wires them
// to the in-memory connector with a recording sleeper and fixed dice.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/socket_mode/socket_mode_client.h"
#include "tests/fakes/fake_websocket.h"

namespace srcbot::testing::socket_mode {

using Json = nlohmann::json;
using std::chrono::milliseconds;

inline constexpr milliseconds kWait{3000};

template <class Predicate>
inline bool WaitUntil(Predicate predicate, milliseconds timeout = kWait) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(2));
  }
  return true;
}

// Safe to read from the client's threads while the test advances it.
class SharedClock : public core::Clock {
 public:
  core::TimePoint Now() const override { return core::TimePoint(core::Duration(seconds_.load())); }
  void Advance(core::Duration d) { seconds_ += d.count(); }

 private:
  std::atomic<std::int64_t> seconds_{1'800'000'000};
};

// Only apps.connections.open answers; scripted results first, then fresh URLs.
class FakeAppApi : public bot::SlackApi {
 public:
  std::mutex mutex;
  std::deque<core::Status> failures;
  int calls = 0;

  core::Result<std::string> OpenSocketUrl() override {
    std::lock_guard<std::mutex> lock(mutex);
    ++calls;
    if (!failures.empty()) {
      core::Status s = failures.front();
      failures.pop_front();
      return s;
    }
    return "ws://fake/link/?ticket=" + std::to_string(calls);
  }
  int Calls() {
    std::lock_guard<std::mutex> lock(mutex);
    return calls;
  }

  core::Result<bot::AuthInfo> AuthTest() override { return No(); }
  core::Result<core::Destination> ConversationInfo(const std::string&) override { return No(); }
  core::Result<std::vector<std::string>> ConversationMembers(const std::string&) override {
    return No();
  }
  core::Result<bot::UserInfo> UsersInfo(const std::string&) override { return No(); }

 private:
  static core::Status No() { return core::Status::Unavailable("not faked"); }
};

// Records what it was handed; replies with `reply`, throws on "boom", and
// holds any payload with "hold" until released.
class FakeHandler : public bot::InboundHandler {
 public:
  std::optional<Json> reply;

  std::optional<Json> OnSlashCommand(const Json& payload) override {
    return Take("slash", payload);
  }
  std::optional<Json> OnInteraction(const Json& payload) override {
    return Take("interactive", payload);
  }
  std::optional<Json> OnEvent(const Json& body) override { return Take("event", body); }

  std::vector<std::string> seen() {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::optional<Json> Take(const std::string& kind, const Json& payload) {
    std::unique_lock<std::mutex> lock(mutex_);
    seen_.push_back(kind);
    if (payload.contains("boom")) throw std::runtime_error("handler bug");
    if (payload.contains("hold")) changed_.wait(lock, [this] { return released_; });
    return reply;
  }
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> seen_;
  bool released_ = false;
};

inline std::string Envelope(const std::string& id, const std::string& type, const Json& payload,
                            bool accepts) {
  return Json{{"envelope_id", id},
              {"type", type},
              {"payload", payload},
              {"accepts_response_payload", accepts}}
      .dump();
}

// The pieces every test needs, with a recording sleeper and fixed dice.
struct Rig {
  FakeAppApi api;
  FakeWebSocketConnector connector;
  FakeHandler handler;
  SharedClock clock;
  std::mutex mutex;
  std::vector<milliseconds> delays;
  std::vector<std::string> log;
  bot::SocketModeClient::Options options;

  Rig() {
    options.watchdog_poll = milliseconds(5);
    options.random = [] { return 0.5; };
    options.sleeper = [this](milliseconds d) {
      std::lock_guard<std::mutex> lock(mutex);
      delays.push_back(d);
    };
    options.log = [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mutex);
      log.push_back(line);
    };
  }
  std::unique_ptr<bot::SocketModeClient> Start() {
    auto client = std::make_unique<bot::SocketModeClient>(api, connector, handler, clock, options);
    client->Start();
    return client;
  }
  std::vector<milliseconds> Delays() {
    std::lock_guard<std::mutex> lock(mutex);
    return delays;
  }
  std::vector<std::string> Log() {
    std::lock_guard<std::mutex> lock(mutex);
    return log;
  }
};

inline Json Ack(const FakeWebSocketPeer& peer, std::size_t n) {
  REQUIRE(peer.WaitSent(n, kWait));
  return Json::parse(peer.sent().at(n - 1));
}

}  // namespace srcbot::testing::socket_mode
