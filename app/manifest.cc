#include "app/manifest.h"

namespace srcbot::app {

using Json = nlohmann::json;

core::Result<Json> SlackManifest(const std::string& mode, const std::string& base_url,
                                 const std::string& project) {
  if (mode != "socket" && mode != "http") {
    return core::Status::Invalid("manifest: --mode must be socket or http, got " + mode);
  }
  const bool http = mode == "http";
  if (http && base_url.empty()) {
    return core::Status::Invalid("manifest: --mode http needs --url https://your-host");
  }
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();

  Json command = {{"command", "/src"},
                  {"description", "Run the Security Response Committee's cases"},
                  {"usage_hint", "help | report \"<title>\" | list | show SRC-1 | ack SRC-1"},
                  // Mentions, channels and links arrive escaped (<@U1|name>), which the
                  // grammar reads without guessing names.
                  {"should_escape", true}};
  // The four channel events drop what the guard cached about a channel at once
  // (docs/embargo.md); without them a join, a leave or a Slack Connect share is
  // seen only when the 60-second cache runs out. app_home_opened: the Home
  // tab's dashboard (docs/reminders.md).
  Json events = {{"bot_events",
                  {"member_joined_channel", "member_left_channel", "channel_shared",
                   "channel_unshared", "app_home_opened"}}};
  Json interactivity = {{"is_enabled", true}};
  if (http) {
    command["url"] = base + "/slack/commands";
    events["request_url"] = base + "/slack/events";
    interactivity["request_url"] = base + "/slack/interactions";
  }
  return Json{
      {"_metadata", {{"major_version", 2}, {"minor_version", 1}}},
      {"display_information",
       {{"name", project + " SRC"},
        {"description", "Coordinated vulnerability disclosure for the Security Response Committee"}}},
      {"features",
       {{"bot_user", {{"display_name", "srcbot"}, {"always_online", true}}},
        {"app_home", {{"home_tab_enabled", true}, {"messages_tab_enabled", false}}},
        {"slash_commands", Json::array({command})}}},
      // Each scope and the feature that needs it is listed in docs/slack-setup.md.
      {"oauth_config",
       {{"scopes",
         {{"bot", {"commands", "chat:write", "channels:read", "groups:read", "im:read", "users:read"}}}}}},
      {"settings",
       {{"event_subscriptions", events},
        {"interactivity", interactivity},
        {"org_deploy_enabled", false},
        {"socket_mode_enabled", !http},
        {"token_rotation_enabled", false}}},
  };
}

}  // namespace srcbot::app
