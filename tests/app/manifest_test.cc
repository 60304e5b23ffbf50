#include "app/manifest.h"

#include <catch2/catch.hpp>

using srcbot::app::SlackManifest;

TEST_CASE("manifest: Socket Mode needs no public URL") {
  auto m = SlackManifest("socket", "", "sigstore");
  REQUIRE(m.ok());
  const auto& j = m.value();
  CHECK(j["settings"]["socket_mode_enabled"] == true);
  CHECK(j["features"]["slash_commands"][0]["command"] == "/src");
  CHECK(j["features"]["slash_commands"][0]["should_escape"] == true);
  CHECK_FALSE(j["features"]["slash_commands"][0].contains("url"));
  CHECK_FALSE(j["settings"]["event_subscriptions"].contains("request_url"));
  CHECK(j["settings"]["event_subscriptions"]["bot_events"] ==
        nlohmann::json{"member_joined_channel", "member_left_channel", "channel_shared",
                       "channel_unshared", "app_home_opened"});
  CHECK(j["features"]["app_home"]["home_tab_enabled"] == true);
  CHECK(j["display_information"]["name"] == "sigstore SRC");
}

TEST_CASE("manifest: HTTP mode points Slack at the three endpoints") {
  auto m = SlackManifest("http", "https://srcbot.example.org/", "sigstore");
  REQUIRE(m.ok());
  const auto& j = m.value();
  CHECK(j["settings"]["socket_mode_enabled"] == false);
  CHECK(j["features"]["slash_commands"][0]["url"] == "https://srcbot.example.org/slack/commands");
  CHECK(j["settings"]["event_subscriptions"]["request_url"] == "https://srcbot.example.org/slack/events");
  CHECK(j["settings"]["interactivity"]["request_url"] == "https://srcbot.example.org/slack/interactions");
}

TEST_CASE("manifest: the scopes are the minimal set") {
  auto j = SlackManifest("socket", "", "p").value();
  CHECK(j["oauth_config"]["scopes"]["bot"] ==
        nlohmann::json{"commands", "chat:write", "channels:read", "groups:read", "im:read", "users:read"});
}

TEST_CASE("manifest: bad requests are refused") {
  CHECK(SlackManifest("http", "", "p").status().message() == "manifest: --mode http needs --url https://your-host");
  CHECK_FALSE(SlackManifest("console", "", "p").ok());
}
