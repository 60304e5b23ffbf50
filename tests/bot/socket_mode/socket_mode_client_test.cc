#include "bot/socket_mode/socket_mode_client.h"

#include <thread>

#include <catch2/catch.hpp>

#include "tests/bot/socket_mode/socket_mode_fixture.h"

using namespace srcbot;
using namespace srcbot::testing::socket_mode;
using State = bot::SocketModeClient::State;

TEST_CASE("socket mode: hello, then each envelope is handled and acked", "[socket]") {
  Rig rig;
  rig.handler.reply = Json{{"text", "hi"}};
  auto client = rig.Start();
  REQUIRE(WaitUntil([&] { return client->state() == State::kConnected; }));
  testing::FakeWebSocketPeer peer = rig.connector.peer(1);
  CHECK(peer.url() == "ws://fake/link/?ticket=1");

  peer.Deliver(Envelope("e1", "slash_commands", {{"command", "/src"}}, true));
  CHECK(Ack(peer, 1) == Json{{"envelope_id", "e1"}, {"payload", {{"text", "hi"}}}});
  // The handler replied, but this envelope does not take a reply.
  peer.Deliver(Envelope("e2", "events_api", {{"event_id", "Ev1"}}, false));
  CHECK(Ack(peer, 2) == Json{{"envelope_id", "e2"}});
  rig.handler.reply.reset();
  peer.Deliver(Envelope("e3", "interactive", {{"type", "block_actions"}}, true));
  CHECK(Ack(peer, 3) == Json{{"envelope_id", "e3"}});
  CHECK(rig.handler.seen() == std::vector<std::string>{"slash", "event", "interactive"});

  // Junk is ignored; an unknown type with an envelope_id is acked unhandled.
  peer.Deliver("not json");
  peer.Deliver("[1,2]");
  peer.Deliver(R"({"type":"events_api","payload":{}})");
  peer.Deliver(Envelope("e4", "future_type", {{"x", 1}}, true));
  CHECK(Ack(peer, 4) == Json{{"envelope_id", "e4"}});
  CHECK(rig.handler.seen().size() == 3);
  client->Stop();
  bot::SocketModeClient::Stats stats = client->stats();
  CHECK(stats.envelopes == 4);
  CHECK(stats.acks == 4);
  CHECK(stats.connections == 1);
  CHECK(stats.reconnects == 0);
  CHECK(peer.closed_by_client());
}

TEST_CASE("socket mode: a handler that throws still gets its envelope acked", "[socket]") {
  Rig rig;
  rig.handler.reply = Json{{"text", "never"}};
  auto client = rig.Start();
  REQUIRE(rig.connector.WaitForConnections(1, kWait));
  testing::FakeWebSocketPeer peer = rig.connector.peer(1);
  peer.Deliver(Envelope("e1", "slash_commands", {{"boom", true}}, true));
  CHECK(Ack(peer, 1) == Json{{"envelope_id", "e1"}});
  REQUIRE(WaitUntil([&] { return client->stats().handler_errors == 1; }));
  CHECK(client->stats().acks == 1);
}

TEST_CASE("socket mode: a slow handler does not hold up other acks", "[socket]") {
  Rig rig;
  auto client = rig.Start();
  REQUIRE(rig.connector.WaitForConnections(1, kWait));
  testing::FakeWebSocketPeer peer = rig.connector.peer(1);
  peer.Deliver(Envelope("slow", "events_api", {{"hold", true}}, false));
  REQUIRE(WaitUntil([&] { return rig.handler.seen().size() == 1; }));
  peer.Deliver(Envelope("quick", "events_api", {{"event_id", "Ev2"}}, false));
  CHECK(Ack(peer, 1) == Json{{"envelope_id", "quick"}});
  rig.handler.Release();
  CHECK(Ack(peer, 2) == Json{{"envelope_id", "slow"}});
}

TEST_CASE("socket mode: a disconnect opens the new connection before closing the old", "[socket]") {
  std::string reason = GENERATE("refresh_requested", "warning", "too_many_websockets");
  Rig rig;
  auto client = rig.Start();
  REQUIRE(WaitUntil([&] { return client->state() == State::kConnected; }));
  testing::FakeWebSocketPeer first = rig.connector.peer(1);
  first.Deliver(Json{{"type", "disconnect"}, {"reason", reason}}.dump());
  REQUIRE(WaitUntil([&] { return first.closed_by_client(); }));
  CHECK(WaitUntil([&] { return rig.connector.events().size() == 3; }));
  CHECK(rig.connector.events() == std::vector<std::string>{"connect 1", "connect 2", "close 1"});
  CHECK(rig.api.Calls() == 2);  // a fresh URL: they are single-use

  testing::FakeWebSocketPeer second = rig.connector.peer(2);
  CHECK(second.url() == "ws://fake/link/?ticket=2");
  second.Deliver(Envelope("e9", "events_api", {{"event_id", "Ev9"}}, false));
  CHECK(Ack(second, 1) == Json{{"envelope_id", "e9"}});
  REQUIRE(WaitUntil([&] { return client->state() == State::kConnected; }));
  CHECK(client->stats().reconnects == 1);
  CHECK(rig.Delays().empty());  // a routine refresh waits for nothing
}

TEST_CASE("socket mode: a refresh keeps the old connection for the acks in hand", "[socket]") {
  std::string reason = GENERATE("refresh_requested", "warning");
  Rig rig;
  auto client = rig.Start();
  REQUIRE(WaitUntil([&] { return client->state() == State::kConnected; }));
  testing::FakeWebSocketPeer first = rig.connector.peer(1);
  first.Deliver(Envelope("slow", "slash_commands", {{"hold", true}}, true));
  REQUIRE(WaitUntil([&] { return rig.handler.seen().size() == 1; }));
  first.Deliver(Json{{"type", "disconnect"}, {"reason", reason}}.dump());
  REQUIRE(rig.connector.WaitForConnections(2, kWait));
  std::this_thread::sleep_for(milliseconds(100));
  CHECK_FALSE(first.closed_by_client());  // the slow command is still being answered
  rig.handler.Release();
  CHECK(Ack(first, 1).value("envelope_id", "") == "slow");  // on its own connection
  REQUIRE(WaitUntil([&] { return first.closed_by_client(); }));
  CHECK(rig.connector.events() == std::vector<std::string>{"connect 1", "connect 2", "close 1"});
}

TEST_CASE("socket mode: link_disabled stops the client without reconnecting", "[socket]") {
  Rig rig;
  auto client = rig.Start();
  REQUIRE(rig.connector.WaitForConnections(1, kWait));
  rig.connector.peer(1).Deliver(R"({"type":"disconnect","reason":"link_disabled"})");
  REQUIRE(WaitUntil([&] { return client->state() == State::kLinkDisabled; }));
  REQUIRE(WaitUntil([&] { return rig.connector.peer(1).closed_by_client(); }));
  std::this_thread::sleep_for(milliseconds(50));
  CHECK(rig.connector.connect_calls() == 1);
  CHECK(rig.api.Calls() == 1);
  CHECK(client->last_error().find("link_disabled") != std::string::npos);
  REQUIRE(rig.Log().size() == 1);
  CHECK(rig.Log()[0].find("not reconnecting") != std::string::npos);
  client->Stop();
  CHECK(client->state() == State::kLinkDisabled);
}

TEST_CASE("socket mode: lost connections come back with growing, reset backoff", "[socket]") {
  Rig rig;
  auto client = rig.Start();
  REQUIRE(WaitUntil([&] { return client->state() == State::kConnected; }));
  rig.connector.FailNext(2);
  {
    std::lock_guard<std::mutex> lock(rig.api.mutex);
    rig.api.failures.push_back(core::Status::Unavailable("apps.connections.open: ratelimited"));
  }
  rig.connector.peer(1).CloseFromServer();
  // URL refused, connect refused twice, then connection 2 says hello.
  REQUIRE(rig.connector.WaitForConnections(2, kWait));
  REQUIRE(WaitUntil([&] { return client->state() == State::kConnected; }));
  rig.connector.peer(2).CloseFromServer();
  REQUIRE(rig.connector.WaitForConnections(3, kWait));
  // Equal jitter with the dice at 0.5: three quarters of 1 s, 2 s, 4 s…, then from 1 s again.
  CHECK(rig.Delays() == std::vector<milliseconds>{milliseconds(750), milliseconds(1500),
                                                  milliseconds(3000), milliseconds(6000),
                                                  milliseconds(750)});
  CHECK(client->stats().connect_failures == 3);
  CHECK(WaitUntil([&] { return client->stats().reconnects == 2; }));
}

TEST_CASE("socket mode: the idle watchdog replaces a silent connection", "[socket]") {
  Rig rig;
  rig.options.idle_timeout = core::Duration(30);
  auto client = rig.Start();
  REQUIRE(WaitUntil([&] { return client->state() == State::kConnected; }));
  testing::FakeWebSocketPeer first = rig.connector.peer(1);
  rig.clock.Advance(core::Duration(20));
  first.Deliver(R"({"type":"pong_or_anything"})");  // any frame counts as life
  rig.clock.Advance(core::Duration(20));
  std::this_thread::sleep_for(milliseconds(50));
  CHECK(rig.connector.connections() == 1);

  rig.clock.Advance(core::Duration(11));
  REQUIRE(WaitUntil([&] { return first.closed_by_client(); }));
  CHECK(WaitUntil([&] { return rig.connector.events().size() == 3; }));
  CHECK(rig.connector.events() == std::vector<std::string>{"connect 1", "connect 2", "close 1"});
  CHECK(client->stats().idle_timeouts == 1);
}

TEST_CASE("socket mode: a refused app token stops the client", "[socket]") {
  Rig rig;
  rig.api.failures.push_back(core::Status::Denied("apps.connections.open: invalid_auth"));
  auto client = rig.Start();
  REQUIRE(WaitUntil([&] { return client->state() == State::kAuthFailed; }));
  std::this_thread::sleep_for(milliseconds(30));
  CHECK(rig.api.Calls() == 1);
  CHECK(rig.connector.connect_calls() == 0);
  CHECK(client->last_error().find("invalid_auth") != std::string::npos);
  CHECK(rig.Delays().empty());
}

TEST_CASE("socket mode: Stop cuts a long backoff short", "[socket]") {
  Rig rig;
  rig.options.sleeper = nullptr;  // the real, interruptible wait
  rig.options.backoff_base = milliseconds(60'000);
  rig.connector.FailNext(100);
  auto client = rig.Start();
  REQUIRE(WaitUntil([&] { return rig.connector.connect_calls() == 1; }));
  auto before = std::chrono::steady_clock::now();
  client->Stop();
  CHECK(std::chrono::steady_clock::now() - before < milliseconds(2000));
  CHECK(client->state() == State::kStopped);
  CHECK(rig.connector.connect_calls() == 1);
}
