#pragma once
// SlackWebApi: the real SlackApi, over an HttpClient (SLACK.md §5).
//
// Every method is `POST {base_url}{method}` with `Authorization: Bearer
// <token>` and a JSON body. Transient failures are retried inside Call:
// HTTP 429 after its Retry-After (default 1 s, capped at 60 s), HTTP 5xx,
// network errors and the transient `ok:false` codes (ratelimited,
// rate_limited, internal_error, fatal_error, service_unavailable,
// request_timeout) with exponential backoff and jitter. Every try counts
// against RetryPolicy::max_attempts. Anything else is answered at once.
// Error mapping and message format: bot/slack_api/slack_api.h. Messages never hold the
// token.
//
// One instance holds one token: main builds one with the bot token (xoxb-)
// and one with the app-level token (xapp-) for OpenSocketUrl.
//
// An instance made without an EgressKey reads only: Call refuses every method
// but auth.test, apps.connections.open, conversations.info,
// conversations.members and users.info (kPermissionDenied), so PostMessage and
// the views.* methods fail on it. The EmbargoGuard's SlackSink makes the one
// instance that may write.
// Thread-safe when the HttpClient, Sleeper and RandomSource are.

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/egress/egress_key.h"
#include "bot/net/http_client.h"
#include "bot/observability/metrics.h"
#include "bot/runtime/backoff.h"
#include "bot/slack_api/slack_api.h"
#include "bot/slack_api/slack_web_api_methods.h"

namespace srcbot::bot {

struct RetryPolicy {
  int max_attempts = 4;  // tries in all, the first one included
  std::chrono::milliseconds base_delay{500};
  std::chrono::milliseconds max_delay{30'000};
  std::chrono::milliseconds timeout{10'000};  // per HTTP request
};

class SlackWebApi : public SlackApi {
 public:
  // `base_url` gets one trailing slash if it lacks it ("http://127.0.0.1:9/api").
  // `random` may be left empty: the real random source is used.
  SlackWebApi(HttpClient& http, std::string base_url, std::string token, RetryPolicy policy,
              Sleeper sleeper, RandomSource random = {});
  // The same, allowed to call the writing methods too.
  SlackWebApi(const EgressKey& key, HttpClient& http, std::string base_url, std::string token,
              RetryPolicy policy, Sleeper sleeper, RandomSource random = {});

  // One Web API call with retries. On success, the whole response object
  // (`ok` is true). On failure, the mapped code and "<method>: <error>".
  core::Result<nlohmann::json> Call(const std::string& method, const nlohmann::json& args);

  // Where each Call's result (srcbot_slack_calls_total) and each rate-limited
  // answer (srcbot_slack_ratelimited_total) is counted; nullptr (the default):
  // nowhere. Set before the first call.
  void SetMetrics(Metrics* metrics) { metrics_ = metrics; }

  core::Result<AuthInfo> AuthTest() override;
  core::Result<std::string> OpenSocketUrl() override;
  core::Result<core::Destination> ConversationInfo(const std::string& channel) override;
  core::Result<std::vector<std::string>> ConversationMembers(const std::string& channel) override;
  core::Result<UserInfo> UsersInfo(const std::string& user) override;

  // The writing methods: kPermissionDenied unless made with an EgressKey.
  // chat.postMessage (`channel` may be a user id for a DM); returns the ts.
  core::Result<std::string> PostMessage(const std::string& channel, const std::string& text,
                                        const nlohmann::json& blocks);
  core::Status PostEphemeral(const std::string& channel, const std::string& user,
                             const std::string& text, const nlohmann::json& blocks);
  core::Status UpdateMessage(const std::string& channel, const std::string& ts,
                             const std::string& text, const nlohmann::json& blocks);
  // views.open / views.update / views.publish: the view object Slack sent back.
  core::Result<nlohmann::json> OpenView(const std::string& trigger_id, const nlohmann::json& view);
  core::Result<nlohmann::json> UpdateView(const std::string& view_id, const std::string& hash,
                                          const nlohmann::json& view);
  core::Result<nlohmann::json> PublishHome(const std::string& user, const nlohmann::json& view);

 private:
  // What one try produced: a final answer, or a retry after `wait`.
  struct Attempt;
  Attempt Try(const std::string& method, const std::string& body);
  // `text` with every occurrence of the token replaced by "***".
  std::string Redact(std::string text) const;

  HttpClient& http_;
  std::string base_url_;
  std::string token_;
  RetryPolicy policy_;
  Sleeper sleeper_;
  RandomSource random_;
  bool may_write_ = false;
  Metrics* metrics_ = nullptr;
};

// The core code for a Slack `ok:false` error (table in bot/slack_api/slack_api.h).
core::Code MapSlackError(const std::string& error);
// Whether an `ok:false` error is transient and worth another try.
bool IsTransientSlackError(const std::string& error);

}  // namespace srcbot::bot
