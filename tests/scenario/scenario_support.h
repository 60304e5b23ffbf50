#pragma once
// Scenario tests run the real srcbot binary against the loopback FakeSlack:
// this starts both, and speaks to srcbot the way Slack does (signed HTTP
// requests, or Socket Mode envelopes through the fake).

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/net/http_client.h"
#include "tests/fakes/child_process.h"
#include "tests/fakes/fake_slack.h"
#include "tests/fakes/temp_dir.h"

namespace srcbot::testing {

inline constexpr const char* kSigningSecret = "scenario-signing-secret";
inline constexpr const char* kSrcChannel = "C0SRC";
inline constexpr const char* kGeneral = "C0GEN";
inline constexpr const char* kDevelopment = "C0DEV";
inline constexpr const char* kAlice = "U0ALICE";
inline constexpr const char* kBob = "U0BOB";
inline constexpr const char* kEve = "U0EVE";

// A FakeSlack workspace: the private SRC channel (alice, bob and the bot),
// public #general and #development (everyone), and srcbot started in `mode` ("http" or
// "socket") on one database that survives Restart().
class Scenario {
 public:
  explicit Scenario(std::string mode);
  ~Scenario();

  // Added to srcbot's command line and environment by the next StartBot
  // (e.g. the GitHub settings of github_scenario_test.cc).
  std::vector<std::string> extra_args;
  std::vector<std::string> extra_env;

  // Starts (or starts again) srcbot and waits until it is ready.
  bool StartBot();
  void KillBot(int signal);
  // Sends `signal` without waiting; WaitBot waits for the exit (its status, or -1).
  void SignalBot(int signal) { if (bot_) bot_->Signal(signal); }
  int WaitBot(std::chrono::milliseconds timeout) { return bot_ ? bot_->Wait(timeout) : -1; }
  std::string BotOutput() const { return bot_ ? bot_->Output() : ""; }
  // The running srcbot's process id, or -1 (e.g. to read its memory in /proc).
  int bot_pid() const { return bot_ ? static_cast<int>(bot_->pid()) : -1; }

  // A slash command as `user` in `channel`; the ack's text ("" for an empty ack).
  // HTTP mode: a signed POST; Socket Mode: an envelope, waiting for its ack.
  std::string Command(const std::string& text, const std::string& user = kAlice,
                      const std::string& channel = kSrcChannel);
  // How long Command waits for a Socket Mode ack (10 s unless set).
  void set_ack_wait(std::chrono::seconds wait) { ack_wait_ = wait; }

  // A click on a button (block_actions) under a message in `channel`.
  // HTTP mode: a signed POST to /slack/interactions; Socket Mode: an envelope.
  // True when srcbot acknowledged it.
  bool Click(const std::string& action_id, const std::string& value, const std::string& user,
             const std::string& channel = kSrcChannel);

  // A click on a button under the bot's post `message` (its ts and text are
  // in the payload, as Slack sends them), through the same transport as Click.
  // The answer goes to the response_url HookUrl(hook); `trigger_id` is the
  // payload's (empty: a fresh one from the fake, which expires in 3 s).
  bool ClickOn(const PostedMessage& message, const std::string& action_id, const std::string& value,
               const std::string& user, const std::string& hook = "click",
               const std::string& trigger_id = "");

  // Any interactivity payload (block_actions, view_submission): HTTP mode, a
  // signed `payload=` POST to /slack/interactions; Socket Mode, an
  // `interactive` envelope. The ack's body (HTTP) or payload (Socket Mode),
  // null when empty; nullopt when srcbot did not acknowledge it (HTTP: not 200).
  std::optional<nlohmann::json> Interact(const nlohmann::json& payload);

  // An Events API callback carrying `event` (a fresh event_id each time).
  // HTTP mode: a signed POST to /slack/events; Socket Mode: an envelope. True
  // when srcbot acknowledged it.
  bool Event(const nlohmann::json& event);

  // HTTP mode only: a raw POST to srcbot, for the signature tests.
  core::Result<bot::HttpResponse> Post(const std::string& path, const std::string& body,
                                       const bot::HttpHeaders& headers);
  // Signed headers for `body` at `timestamp` (unix seconds).
  static bot::HttpHeaders Signed(const std::string& body, long long timestamp,
                                 const std::string& content_type);
  static std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields);

  // The first chat.postMessage to `channel` whose text contains `needle`.
  bool WaitForPost(const std::string& channel, const std::string& needle,
                   std::chrono::milliseconds timeout = std::chrono::seconds(10));
  int CountPosts(const std::string& needle) const;

  FakeSlack& slack() { return slack_; }
  int http_port() const { return http_port_; }  // srcbot's own (http mode)
  const std::string& mode() const { return mode_; }

 private:
  std::chrono::seconds ack_wait_{10};
  std::string mode_;
  TempDir dir_;
  FakeSlack slack_;
  int http_port_ = 0;
  int starts_ = 0;
  int events_ = 0;
  std::unique_ptr<ChildProcess> bot_;
  std::unique_ptr<bot::HttpClient> http_;
};

}  // namespace srcbot::testing
