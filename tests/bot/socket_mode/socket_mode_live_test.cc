// SocketModeClient over the real Beast websocket against the loopback fake
// Slack: refreshes, drops, and the ways a connection dies without saying so
// (SLACK.md §4.4). Timeouts are shortened here; the scenario tests run the
// binary with its defaults.
#include <atomic>
#include <memory>
#include <optional>

#include <catch2/catch.hpp>

#include "bot/net/http_client.h"
#include "bot/runtime/backoff.h"
#include "bot/slack_api/slack_web_api.h"
#include "bot/socket_mode/socket_mode_client.h"
#include "bot/socket_mode/websocket.h"
#include "tests/fakes/fake_slack.h"

using namespace srcbot;
using Json = nlohmann::json;
using std::chrono::milliseconds;

namespace {

// A bound for loaded machines (ASan, two cores), not a speed target.
constexpr milliseconds kWait{15000};

class RecordingHandler : public bot::InboundHandler {
 public:
  std::atomic<int> calls{0};
  std::optional<Json> OnSlashCommand(const Json& payload) override {
    ++calls;
    return Json{{"text", "got " + payload.value("text", std::string())}};
  }
  std::optional<Json> OnInteraction(const Json&) override { return std::nullopt; }
  std::optional<Json> OnEvent(const Json&) override {
    ++calls;
    return std::nullopt;
  }
};

class WallClock : public core::Clock {
 public:
  core::TimePoint Now() const override {
    return std::chrono::time_point_cast<core::Duration>(std::chrono::system_clock::now());
  }
};

// A client with fast pings and a short watchdog, connected to a fake Slack.
struct LiveRig {
  testing::FakeSlack slack;
  std::unique_ptr<bot::HttpClient> http = bot::MakeCpprestHttpClient();
  std::unique_ptr<bot::SlackWebApi> app_api;
  std::unique_ptr<bot::WebSocketConnector> connector;
  RecordingHandler handler;
  WallClock clock;
  std::unique_ptr<bot::SocketModeClient> client;

  explicit LiveRig(core::Duration idle_timeout = core::Duration(30)) {
    REQUIRE(slack.Start().ok());
    slack.socket().SetPingInterval(milliseconds(200));
    app_api = std::make_unique<bot::SlackWebApi>(*http, slack.api_base(),
                                                 slack.options().app_token, bot::RetryPolicy{},
                                                 bot::RealSleeper());
    bot::BeastWebSocketOptions ws;
    ws.ping_interval = milliseconds(200);
    ws.pong_timeout = milliseconds(1500);  // a loaded machine answers late
    connector = bot::MakeBeastWebSocketConnector(ws);
    bot::SocketModeClient::Options options;
    options.backoff_base = milliseconds(50);
    options.idle_timeout = idle_timeout;
    options.watchdog_poll = milliseconds(100);
    options.log = [](const std::string&) {};
    client = std::make_unique<bot::SocketModeClient>(*app_api, *connector, handler, clock, options);
    client->Start();
    REQUIRE(slack.WaitForConnections(1, kWait));
  }
  ~LiveRig() { client->Stop(); }

  // A slash command answered in its ack, as the SRC sees it.
  std::optional<Json> Ask(const std::string& text, milliseconds wait = kWait) {
    std::string id = slack.SendEnvelope("slash_commands", {{"text", text}}, true);
    if (id.empty()) return std::nullopt;
    return slack.WaitAck(id, wait);
  }
};

}  // namespace

TEST_CASE("socket mode live: refresh and drop over the real transports", "[socket]") {
  LiveRig rig;
  std::optional<Json> ack = rig.Ask("one");
  REQUIRE(ack);
  CHECK((*ack)["payload"] == Json{{"text", "got one"}});

  // A refresh: the new connection is open before the old one goes.
  REQUIRE(rig.slack.SendDisconnect("refresh_requested"));
  REQUIRE(rig.slack.WaitForConnections(2, kWait));
  CHECK(rig.slack.WaitForOpenConnections(1, kWait));
  std::string id = rig.slack.SendEnvelope("events_api", {{"event_id", "Ev1"}}, false);
  REQUIRE(rig.slack.WaitAck(id, kWait));
  CHECK(*rig.slack.WaitAck(id, kWait) == Json{{"envelope_id", id}});

  // A dropped connection comes back through a fresh URL.
  rig.slack.DropConnections();
  REQUIRE(rig.slack.WaitForConnections(3, kWait));
  REQUIRE(rig.Ask("three"));
  CHECK(rig.slack.Calls("apps.connections.open").size() == 3);
  rig.client->Stop();
  CHECK(rig.client->stats().acks == 3);
  CHECK(rig.handler.calls == 3);
}

TEST_CASE("socket mode live: a quiet but healthy connection is kept", "[socket]") {
  LiveRig rig(core::Duration(2));  // the clock counts whole seconds
  // Nothing but pings both ways for well over the watchdog's two seconds.
  std::this_thread::sleep_for(milliseconds(4500));
  CHECK(rig.slack.connections_accepted() == 1);
  CHECK(rig.slack.socket().pings_sent() > 0);
  CHECK(rig.slack.socket().pongs_received() > 0);  // Beast answers Slack's pings
  CHECK(rig.slack.socket().client_pings() > 0);    // and sends its own
  CHECK(rig.client->stats().idle_timeouts == 0);
  CHECK(rig.Ask("still there"));
}

TEST_CASE("socket mode live: a silent connection is replaced and its envelope redelivered",
          "[socket]") {
  LiveRig rig;
  REQUIRE(rig.slack.socket().Silence());
  // Sent into the dead connection: never seen there, delivered again on the next.
  std::string id = rig.slack.SendEnvelope("slash_commands", {{"text", "lost?"}}, true);
  REQUIRE(!id.empty());
  std::optional<Json> ack = rig.slack.WaitAck(id, kWait);
  INFO("accepted " << rig.slack.connections_accepted() << ", open "
                   << rig.slack.open_connections() << ", envelopes "
                   << rig.client->stats().envelopes << ", acks " << rig.client->stats().acks
                   << ", handled " << rig.handler.calls << ", lost "
                   << rig.slack.socket().frames_lost());
  REQUIRE(ack);
  CHECK((*ack)["payload"] == Json{{"text", "got lost?"}});
  CHECK(rig.slack.connections_accepted() == 2);
  CHECK(rig.handler.calls == 1);
}

TEST_CASE("socket mode live: Slack that stops pinging is taken for dead", "[socket]") {
  LiveRig rig(core::Duration(2));  // the clock counts whole seconds
  rig.slack.socket().SetPingInterval(milliseconds(0));  // still answers our pings
  REQUIRE(rig.slack.WaitForConnections(2, kWait));
  CHECK(rig.client->stats().idle_timeouts >= 1);
  rig.slack.socket().SetPingInterval(milliseconds(200));
  CHECK(rig.Ask("back"));
}

TEST_CASE("socket mode live: a half-closed connection is replaced", "[socket]") {
  LiveRig rig;
  REQUIRE(rig.slack.socket().HalfClose());
  REQUIRE(rig.slack.WaitForConnections(2, kWait));
  CHECK(rig.Ask("after the FIN"));
}

TEST_CASE("socket mode live: a connection stalled mid-frame is replaced", "[socket]") {
  LiveRig rig;
  REQUIRE(rig.slack.socket().StallMidFrame());
  std::string id = rig.slack.SendEnvelope("slash_commands", {{"text", "stalled"}}, true);
  std::optional<Json> ack = rig.slack.WaitAck(id, kWait);
  REQUIRE(ack);
  CHECK((*ack)["payload"] == Json{{"text", "got stalled"}});
  CHECK(rig.slack.connections_accepted() == 2);
}
