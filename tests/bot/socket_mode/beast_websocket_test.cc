#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "bot/net/transport_threads.h"
#include "bot/socket_mode/websocket.h"
#include "tests/fakes/fake_socket_server.h"
#include "tests/fakes/free_port.h"
#include "tests/fakes/ws_test_server.h"

using namespace srcbot;
using namespace std::chrono_literals;

namespace {

// What a connection's callbacks saw. Shared, since callbacks run on library
// threads and may outlive a test's locals.
struct Seen {
  std::mutex mu;
  std::vector<std::string> messages;
  std::atomic<int> closes{0};
  std::atomic<int> activity{0};

  bot::WebSocketCallbacks Callbacks(const std::shared_ptr<Seen>& self) {
    bot::WebSocketCallbacks callbacks;
    callbacks.on_message = [self](const std::string& text) {
      std::lock_guard<std::mutex> lock(self->mu);
      self->messages.push_back(text);
    };
    callbacks.on_activity = [self] { ++self->activity; };
    callbacks.on_close = [self] { ++self->closes; };
    return callbacks;
  }
  std::vector<std::string> Messages() {
    std::lock_guard<std::mutex> lock(mu);
    return messages;
  }
};

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds limit = 5000ms) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

std::chrono::milliseconds Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

// Connects to `url` with `seen`'s callbacks, as most tests here do.
core::Result<std::unique_ptr<bot::WebSocket>> Open(const std::string& url,
                                                   const std::shared_ptr<Seen>& seen,
                                                   const bot::BeastWebSocketOptions& options = {}) {
  return bot::MakeBeastWebSocketConnector(options)->Connect(url, seen->Callbacks(seen), 5000ms);
}

}  // namespace

TEST_CASE("websocket: text frames round trip both ways", "[transport]") {
  bot::InitTransportThreads(4);
  testing::WsTestServer server;
  REQUIRE(server.Start(testing::FreeLoopbackPort()));
  auto seen = std::make_shared<Seen>();
  auto ws = Open(server.url(), seen);
  REQUIRE(ws.ok());
  REQUIRE(ws.value()->Send("hello").ok());
  REQUIRE(ws.value()->Send("{\"envelope_id\":\"e1\"}").ok());
  CHECK(WaitFor([&] { return seen->Messages().size() == 2; }));
  CHECK(seen->Messages() == std::vector<std::string>{"hello", "{\"envelope_id\":\"e1\"}"});
  server.SendToAll("pushed");
  CHECK(WaitFor([&] { return seen->Messages().size() == 3; }));
  CHECK(server.received() == std::vector<std::string>{"hello", "{\"envelope_id\":\"e1\"}"});
  ws.value()->Close();
  ws.value()->Close();       // idempotent
  CHECK(seen->closes == 0);  // our own Close is not reported as the peer going away
  CHECK(ws.value()->Send("late").code() == core::Code::kUnavailable);
}

TEST_CASE("websocket: on_message may Send, as a Socket Mode ack does", "[transport]") {
  bot::InitTransportThreads(4);
  testing::WsTestServer server([](const std::string&) { return std::string(); });  // no echo
  REQUIRE(server.Start(testing::FreeLoopbackPort()));
  std::atomic<bot::WebSocket*> socket{nullptr};
  bot::WebSocketCallbacks callbacks;
  callbacks.on_message = [&socket](const std::string& text) {
    if (bot::WebSocket* ws = socket.load()) (void)ws->Send("ack " + text);
  };
  auto ws = bot::MakeBeastWebSocketConnector()->Connect(server.url(), callbacks, 5000ms);
  REQUIRE(ws.ok());
  socket = ws.value().get();
  REQUIRE(WaitFor([&] { return server.open_connections() == 1; }));
  server.SendToAll("e1");
  server.SendToAll("e2");
  CHECK(WaitFor([&] { return server.received().size() == 2; }));
  CHECK(server.received() == std::vector<std::string>{"ack e1", "ack e2"});
  ws.value()->Close();
}

TEST_CASE("websocket: a close from the server fires on_close once", "[transport]") {
  bot::InitTransportThreads(4);
  testing::WsTestServer server;
  REQUIRE(server.Start(testing::FreeLoopbackPort()));
  auto seen = std::make_shared<Seen>();
  auto ws = Open(server.url(), seen);
  REQUIRE(ws.ok());
  REQUIRE(WaitFor([&] { return server.open_connections() == 1; }));
  server.CloseAll();
  CHECK(WaitFor([&] { return seen->closes > 0; }));
  std::this_thread::sleep_for(200ms);
  CHECK(seen->closes == 1);
  CHECK(ws.value()->Send("after close").code() == core::Code::kUnavailable);
  const auto start = std::chrono::steady_clock::now();
  ws.value().reset();
  CHECK(Since(start) < 1000ms);
  CHECK(seen->closes == 1);
}

TEST_CASE("websocket: Close returns promptly when the server vanished", "[transport]") {
  bot::InitTransportThreads(4);
  testing::WsTestServer server;
  REQUIRE(server.Start(testing::FreeLoopbackPort()));
  auto seen = std::make_shared<Seen>();
  auto ws = Open(server.url(), seen);
  REQUIRE(ws.ok());
  REQUIRE(WaitFor([&] { return server.open_connections() == 1; }));
  server.Freeze();
  const auto start = std::chrono::steady_clock::now();
  ws.value()->Close();
  ws.value().reset();
  CHECK(Since(start) < 4000ms);
}

TEST_CASE("websocket: an unreachable or silent server is unavailable", "[transport]") {
  bot::InitTransportThreads(4);
  auto connector = bot::MakeBeastWebSocketConnector();
  auto seen = std::make_shared<Seen>();
  const int dead_port = testing::FreeLoopbackPort();
  auto start = std::chrono::steady_clock::now();
  auto dead = connector->Connect("ws://127.0.0.1:" + std::to_string(dead_port) + "/?ticket=hush",
                                 seen->Callbacks(seen), 5000ms);
  CHECK(Since(start) < 2000ms);
  REQUIRE(dead.status().code() == core::Code::kUnavailable);
  CHECK(dead.status().message().find("127.0.0.1") != std::string::npos);
  CHECK(dead.status().message().find("hush") == std::string::npos);

  // Accepts TCP connections (the kernel does) but never answers the upgrade.
  testing::WsTestServer silent;
  REQUIRE(silent.Start(testing::FreeLoopbackPort()));
  silent.Freeze();
  start = std::chrono::steady_clock::now();
  auto hung = connector->Connect(silent.url(), seen->Callbacks(seen), 500ms);
  CHECK(hung.status().code() == core::Code::kUnavailable);
  CHECK(Since(start) < 1500ms);
  CHECK(seen->closes == 0);
}

TEST_CASE("websocket: a peer that stops answering pings is a drop", "[transport]") {
  testing::WsTestServer server;
  REQUIRE(server.Start(testing::FreeLoopbackPort()));
  auto seen = std::make_shared<Seen>();
  bot::BeastWebSocketOptions options;
  options.ping_interval = 100ms;
  options.pong_timeout = 300ms;
  auto ws = Open(server.url(), seen, options);
  REQUIRE(ws.ok());
  REQUIRE(WaitFor([&] { return server.open_connections() == 1; }));
  std::this_thread::sleep_for(600ms);  // pings answered: still open
  CHECK(seen->closes == 0);
  server.Freeze();  // the TCP connection stays up; nothing is answered
  const auto start = std::chrono::steady_clock::now();
  CHECK(WaitFor([&] { return seen->closes == 1; }, 3000ms));
  CHECK(Since(start) < 1000ms);
  CHECK(ws.value()->Send("into the void").code() == core::Code::kUnavailable);
}

TEST_CASE("websocket: the server's pings count as activity", "[transport]") {
  testing::FakeSocketServer server;
  REQUIRE(server.Start(nullptr).ok());
  server.SetPingInterval(50ms);
  auto seen = std::make_shared<Seen>();
  bot::BeastWebSocketOptions options;
  options.ping_interval = 10'000ms;  // none of ours during the test
  auto ws =
      Open("ws://127.0.0.1:" + std::to_string(server.port()) + "/link/?ticket=t", seen, options);
  REQUIRE(ws.ok());
  REQUIRE(WaitFor([&] { return seen->Messages().size() == 1; }));  // hello
  const int after_hello = seen->activity;
  CHECK(WaitFor([&] { return seen->activity >= after_hello + 3; }, 2000ms));
  CHECK(seen->Messages().size() == 1);  // pings are not messages
  CHECK(server.pings_sent() >= 3);
}
