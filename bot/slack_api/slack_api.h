#pragma once
// The Slack Web API methods srcbot reads with, as an interface. The real one is
// SlackWebApi (bot/slack_api/slack_web_api.h, over HttpClient); tests may fake it.
// Nothing here can put text in front of a person: the writing methods
// (chat.*, views.*) are only on a SlackWebApi made with an EgressKey, which
// only the EmbargoGuard's sink holds.
//
// Errors: Slack's `ok:false` codes map to core codes the callers branch on —
// invalid_auth/not_authed/token_revoked/account_inactive/missing_scope →
// kPermissionDenied; channel_not_found/user_not_found/not_in_channel →
// kNotFound; ratelimited and transient server errors that outlived the
// retries → kUnavailable; invalid_* and the rest → kInvalidArgument. The
// message is "<method>: <slack error>" and never holds a token.
// Thread-safe.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/embargo_policy.h"
#include "core/result.h"

namespace srcbot::bot {

struct AuthInfo {
  std::string user_id;  // the bot user's id: its own events are ignored
  std::string bot_id;
  std::string team_id;
};

struct UserInfo {
  std::string id;
  std::string name;
  std::string tz;  // IANA zone, may be empty
  bool is_bot = false;
  bool deleted = false;
};

class SlackApi {
 public:
  virtual ~SlackApi() = default;

  virtual core::Result<AuthInfo> AuthTest() = 0;
  // apps.connections.open (needs the app-level token): a single-use wss URL.
  virtual core::Result<std::string> OpenSocketUrl() = 0;

  // conversations.info: the privacy flags (members left empty); is_im for DMs,
  // with the other person in `members`.
  virtual core::Result<core::Destination> ConversationInfo(const std::string& channel) = 0;
  // conversations.members, every cursor page.
  virtual core::Result<std::vector<std::string>> ConversationMembers(const std::string& channel) = 0;
  virtual core::Result<UserInfo> UsersInfo(const std::string& user) = 0;

};

}  // namespace srcbot::bot
