// What only HTTP mode has: signatures, retries of events, the raw endpoints.
#include <catch2/catch.hpp>

#include <ctime>

#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;

TEST_CASE("scenario: forged, stale, missing and tampered requests are refused", "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  std::string body = Scenario::FormBody({{"channel_id", kSrcChannel}, {"user_id", kAlice},
                                         {"command", "/src"}, {"text", "report \"Forged\""}});
  const std::string form = "application/x-www-form-urlencoded";
  long long now = std::time(nullptr);

  auto forged = Scenario::Signed(body, now, form);
  forged["x-slack-signature"][5] = forged["x-slack-signature"][5] == 'a' ? 'b' : 'a';
  // Well outside the 5-minute window either way, whatever the machine's load.
  auto stale = Scenario::Signed(body, now - 400, form);
  auto future = Scenario::Signed(body, now + 400, form);
  auto missing = srcbot::bot::HttpHeaders{{"content-type", form}};
  auto tampered = Scenario::Signed(body, now, form);
  for (const srcbot::bot::HttpHeaders& headers : {forged, stale, future, missing}) {
    auto r = s.Post("/slack/commands", body, headers);
    REQUIRE(r.ok());
    CHECK(r.value().status == 401);
  }
  auto r = s.Post("/slack/commands", body + "x", tampered);
  REQUIRE(r.ok());
  CHECK(r.value().status == 401);
  CHECK(s.Command("list --all") == "No cases yet.");

  auto big = s.Post("/slack/commands", std::string(2 << 20, 'a'), Scenario::Signed("", now, form));
  REQUIRE(big.ok());
  CHECK(big.value().status == 413);
}

TEST_CASE("scenario: an event retried three times is processed once", "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  s.Command("report \"Cache me\"");  // the SRC channel's facts are now cached
  auto info_calls = [&] { return s.slack().Calls("conversations.info").size(); };
  nlohmann::json event = {{"type", "event_callback"}, {"event_id", "Ev0001"}, {"team_id", "T0"},
                          {"event", {{"type", "member_joined_channel"}, {"user", kEve},
                                     {"channel", kSrcChannel}}}};
  std::string body = event.dump();
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto headers = Scenario::Signed(body, std::time(nullptr), "application/json");
    if (attempt > 0) headers["x-slack-retry-num"] = std::to_string(attempt);
    auto r = s.Post("/slack/events", body, headers);
    REQUIRE(r.ok());
    CHECK(r.value().status == 200);
    size_t before = info_calls();
    s.Command("show SRC-1");
    size_t after = info_calls();
    // Only the first delivery drops the cached facts and makes srcbot ask again.
    CHECK((after > before) == (attempt == 0));
  }
}

TEST_CASE("scenario: url_verification and health", "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  std::string body = R"({"type":"url_verification","challenge":"c-123","token":"x"})";
  auto r = s.Post("/slack/events", body, Scenario::Signed(body, std::time(nullptr), "application/json"));
  REQUIRE(r.ok());
  CHECK(r.value().status == 200);
  CHECK_THAT(r.value().body, Catch::Contains("c-123"));
}
