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
