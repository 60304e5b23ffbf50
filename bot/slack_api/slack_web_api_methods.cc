#include "bot/slack_api/slack_web_api_methods.h"

namespace srcbot::bot {

const std::vector<std::string>& SlackWebApiMethods() {
  // The writing methods are named here and in slack_web_api.cc only
  // (tests/bot/egress/egress_test.cc).
  static const std::vector<std::string> kMethods = {
      "auth.test",  "apps.connections.open", "conversations.info", "conversations.members",
      "users.info", "chat.postMessage",      "chat.postEphemeral", "chat.update",
      "views.open", "views.update",          "views.publish"};
  return kMethods;
}

}  // namespace srcbot::bot
