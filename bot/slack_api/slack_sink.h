#pragma once
// SlackSink: the MessageSink of the Slack transports. Only the EmbargoGuard
// can make one (it takes an EgressKey), and it owns the only SlackWebApi that
// may call Slack's writing methods.
//
//   Post          → chat.postMessage {channel, text, mrkdwn}
//   PostOffering  → chat.postMessage with blocks: the text, then the buttons
//   UpdatePost    → chat.update {channel, ts, text, blocks}
//   PostEphemeral → chat.postEphemeral {channel, user, text}
//   PostDirect    → chat.postMessage with channel = the user's id (Slack opens the DM)
//   Respond       → POST {"response_type":"ephemeral","text":…} to the
//                   absolute response_url, without the token; 429 and 5xx are
//                   tried again a few times with backoff.
//   OpenView      → views.open {trigger_id, view}
//   PublishHome   → views.publish {user_id, view}
//
// Slack accepts about one message per second per channel (SLACK.md §5.3), so
// Post and PostDirect keep a "next allowed time" per channel and wait for it.
// Ephemeral messages and response_url replies answer a person who is waiting
// and are not posts in the channel: they never wait here.
// Thread-safe: concurrent posts to one channel each reserve their own slot.

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "bot/egress/message_sink.h"
#include "bot/net/http_client.h"
#include "bot/runtime/backoff.h"
#include "bot/slack_api/slack_web_api.h"

namespace srcbot::bot {

// Where and as whom the sink writes.
struct SlackEndpoint {
  std::string base_url;  // e.g. "https://slack.com/api/"
  std::string bot_token;
  RetryPolicy retry;
  // Where the sink's Web API calls are counted (SlackWebApi::SetMetrics).
  Metrics* metrics = nullptr;
};

struct SinkOptions {
  std::chrono::milliseconds min_interval{1000};  // between posts to one channel
  int respond_attempts = 3;
  std::chrono::milliseconds respond_base_delay{500};
  std::chrono::milliseconds respond_timeout{10'000};
};

class SlackSink : public MessageSink {
 public:
  // Empty `sleeper`, `now` or `random` mean the real ones.
  SlackSink(const EgressKey& key, HttpClient& http, SlackEndpoint endpoint, SinkOptions options,
            Sleeper sleeper = {}, MonotonicNow now = {}, RandomSource random = {});

  core::Status Post(const std::string& channel, const std::string& text) override;
  // chat.postMessage with the text's sections and the buttons
  // (bot/blocks/button_blocks.h), waiting for the channel's slot.
  core::Status PostOffering(const std::string& channel, const std::string& text,
                            const std::vector<core::Button>& buttons) override;
  // chat.update {channel, ts, text, blocks}: the same blocks as PostOffering.
  // It does not wait for a slot: it edits a post, it adds none.
  core::Status UpdatePost(const std::string& channel, const std::string& ts,
                          const std::string& text, const std::vector<core::Button>& buttons) override;
  core::Status PostEphemeral(const std::string& channel, const core::UserId& user,
                             const std::string& text) override;
  core::Status PostDirect(const core::UserId& user, const std::string& text) override;
  // chat.postMessage (waiting for the channel's slot); the ref is the post's ts.
  core::Result<std::string> PostPublic(const std::string& channel, const std::string& text) override;
  // chat.update {channel, ts, text}.
  core::Status UpdatePublic(const std::string& channel, const std::string& ref,
                            const std::string& text) override;
  core::Status Respond(const std::string& response_url, const std::string& text) override;
  core::Status OpenView(const std::string& trigger_id, const nlohmann::json& view) override;
  core::Status PublishHome(const core::UserId& user, const nlohmann::json& view) override;

 private:
  // Blocks until `channel` may take another post, and books the next slot.
  void WaitForSlot(const std::string& channel);
  core::Status PostMessage(const std::string& channel, const std::string& text);

  HttpClient& http_;
  const SinkOptions options_;
  Sleeper sleeper_;
  MonotonicNow now_;
  RandomSource random_;
  SlackWebApi api_;
  std::mutex mutex_;
  std::map<std::string, std::chrono::steady_clock::time_point> next_allowed_;
};

}  // namespace srcbot::bot
