// What only Socket Mode has: refreshes and redelivery across connections.
#include <catch2/catch.hpp>

#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;

TEST_CASE("scenario: a refresh_requested disconnect reconnects and keeps answering", "[scenario]") {
  Scenario s("socket");
  REQUIRE(s.StartBot());
  s.Command("report \"Before the refresh\"");
  REQUIRE(s.slack().SendDisconnect("refresh_requested"));
  REQUIRE(s.slack().WaitForConnections(2, std::chrono::seconds(15)));
  CHECK(s.slack().WaitForOpenConnections(1, std::chrono::seconds(15)));
  INFO(s.BotOutput());
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("Before the refresh"));
}

TEST_CASE("scenario: an event redelivered on a new connection is processed once", "[scenario]") {
  Scenario s("socket");
  REQUIRE(s.StartBot());
  s.Command("report \"Cache me\"");
  auto info_calls = [&] { return s.slack().Calls("conversations.info").size(); };
  nlohmann::json event = {{"type", "event_callback"}, {"event_id", "Ev0002"}, {"team_id", "T0"},
                          {"event", {{"type", "member_joined_channel"}, {"user", kEve},
                                     {"channel", kSrcChannel}}}};
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string id = s.slack().SendEnvelope("events_api", event, false);
    REQUIRE(s.slack().WaitAck(id, std::chrono::seconds(10)));
    size_t before = info_calls();
    s.Command("show SRC-1");
    CHECK((info_calls() > before) == (attempt == 0));
    if (attempt == 0) {
      REQUIRE(s.slack().SendDisconnect("refresh_requested"));
      REQUIRE(s.slack().WaitForConnections(2, std::chrono::seconds(15)));
      REQUIRE(s.slack().WaitForOpenConnections(1, std::chrono::seconds(15)));
    }
  }
}

// SLACK.md §4.4: the bot's defaults (pings every 5 s, a 10 s pong deadline,
// 30 s without a ping from Slack) bring a dead connection back well within
// the 45 s the SRC may wait (bench/ measures how long it takes). The command sent into the dead connection is
// not lost: the fake redelivers it on the new one, as Slack does.
TEST_CASE("scenario: a connection that goes silent is replaced, the command answered",
          "[scenario]") {
  Scenario s("socket");
  REQUIRE(s.StartBot());
  s.Command("report \"Before the silence\"");
  REQUIRE(s.slack().socket().Silence());
  s.set_ack_wait(std::chrono::seconds(45));
  INFO(s.BotOutput());
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("Before the silence"));
  CHECK(s.slack().connections_accepted() == 2);
}

TEST_CASE("scenario: a half-closed connection is replaced at once", "[scenario]") {
  Scenario s("socket");
  REQUIRE(s.StartBot());
  s.Command("report \"Before the FIN\"");
  REQUIRE(s.slack().socket().HalfClose());
  REQUIRE(s.slack().WaitForConnections(2, std::chrono::seconds(10)));
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("Before the FIN"));
}

// Slack's way in Socket Mode: the reply rides in the ack's payload; nothing
// is posted beside it (no chat.postEphemeral, nothing to the response_url).
TEST_CASE("scenario: a slash command's reply is the ack's payload, not a second post",
          "[scenario]") {
  Scenario s("socket");
  REQUIRE(s.StartBot());
  s.Command("report \"Ack me\"");  // answered by a post in the channel
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("Ack me"));
  CHECK(s.slack().Calls("chat.postEphemeral").empty());
  CHECK(s.slack().Hooks().empty());
}
