#pragma once
// The Web API half of the loopback fake Slack (SLACK.md §5 and §9), without the
// network: FakeSlack's HTTP listener hands each POST /api/<method> to Handle()
// and writes back the reply. Tests set up the world (channels, users), script
// faults, and read what was called. Thread-safe.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/net/http_types.h"

namespace srcbot::testing {

struct FakeChannel {
  std::string name;
  bool is_private = false;
  bool is_im = false;  // a DM: `members` holds the other person
  bool is_shared = false;
  bool is_ext_shared = false;
  bool is_org_shared = false;
  bool is_pending_ext_shared = false;
  bool is_archived = false;
  bool bot_is_member = true;         // else chat.postMessage answers not_in_channel
  std::vector<std::string> members;  // conversations.members, in pages
};

struct FakeUser {
  std::string id;
  std::string name;
  std::string tz;
  bool is_bot = false;
  bool deleted = false;
};

// One call to /api/<method>, as received and as answered.
struct ApiCall {
  std::string method;
  nlohmann::json args;       // a form's fields as strings, or the JSON body's object
  bot::HttpHeaders headers;  // lower-case names
  int status = 0;            // the HTTP status answered
  nlohmann::json response;   // the body answered
};

// One POST to a response_url (/hooks/<id>).
struct HookCall {
  std::string id;
  std::string body;
  nlohmann::json json;  // the body parsed, or null
  bot::HttpHeaders headers;
};

// A message as chat.postMessage created it and chat.update last changed it.
struct PostedMessage {
  std::string channel;
  std::string ts;
  std::string text;
  std::string thread_ts;
  nlohmann::json blocks;
};

struct FakeWebReply {
  int status = 200;
  nlohmann::json body;
  int retry_after_seconds = 0;  // > 0: send Retry-After
};

class FakeWebApi {
 public:
  struct Options {
    std::string bot_token = "xoxb-fake-bot";
    std::string app_token = "xapp-fake-app";
    int members_page_size = 2;  // small, so callers must follow cursors
  };
  using CallPredicate = std::function<bool(const ApiCall&)>;

  explicit FakeWebApi(Options options);

  // What apps.connections.open hands out: `<base>?ticket=N`, e.g. base
  // "ws://127.0.0.1:5000/link/".
  void SetSocketUrlBase(std::string base);
  // True the first time a ticket handed out by apps.connections.open is used.
  bool ConsumeTicket(const std::string& ticket);

  // A trigger_id for a payload, as Slack mints one per click or command: it
  // opens one view, within 3 s (after that views.open answers
  // expired_trigger_id). Triggers made up by a test never expire.
  std::string IssueTrigger();

  // Answers POST /api/<method> and records it.
  FakeWebReply Handle(const std::string& method, const bot::HttpHeaders& headers,
                      const std::string& body);
  void RecordHook(const std::string& id, const bot::HttpHeaders& headers, const std::string& body);

  void SetChannel(const std::string& id, FakeChannel channel);
  void SetUser(FakeUser user);

  // The next `n` calls of `method` get HTTP `status` with {"ok":false,"error":"fatal_error"}.
  // Scripts queue up: FailNext(m, 2) then RateLimitNext(m, 1) fails twice, then
  // limits once. `n` <= 0 clears whatever is still scripted for `method`.
  void FailNext(const std::string& method, int n, int status = 500);
  // The next `n` calls of `method` get HTTP `status` with `body` as given
  // (queued like FailNext): for error bodies that carry more than a code.
  void ReplyNext(const std::string& method, int n, int status, nlohmann::json body);
  // The next `n` calls of `method` get HTTP 429, Retry-After and "ratelimited".
  void RateLimitNext(const std::string& method, int n, int retry_after_seconds = 1);
  // More than `per_second` chat.postMessage calls in one channel within a
  // second get 429 (SLACK.md §5.3); 0 turns the limit off (the default).
  void SetPostMessageLimit(int per_second);
  // Every call of `method` is answered `delay` late (0: at once, also for
  // calls already waiting).
  void SetDelay(const std::string& method, std::chrono::milliseconds delay);
  // Ends every delayed wait and returns once no call is inside Handle.
  void Shutdown();

  std::vector<ApiCall> Calls(const std::string& method = "") const;
  // The first call of `method` (recorded before or during the wait) that
  // matches `predicate` (empty: any); nullopt after `timeout`.
  std::optional<ApiCall> WaitForCall(const std::string& method, const CallPredicate& predicate,
                                     std::chrono::milliseconds timeout) const;
  std::vector<HookCall> Hooks() const;
  std::optional<HookCall> WaitForHook(const std::string& id,
                                      std::chrono::milliseconds timeout) const;
  std::vector<PostedMessage> Messages() const;

 private:
  struct Fault {
    int count = 0;
    int status = 0;
    int retry_after_seconds = 0;
    nlohmann::json body = nullptr;  // null: {"ok":false,"error":…} by status
  };
  using Json = nlohmann::json;

  // All below run with mutex_ held.
  FakeWebReply Answer(const std::string& method, const bot::HttpHeaders& headers, const Json& args);
  FakeWebReply PostMessage(const Json& args);
  FakeWebReply PostEphemeral(const Json& args);
  FakeWebReply UpdateMessage(const Json& args);
  FakeWebReply ConversationInfo(const Json& args);
  FakeWebReply ConversationMembers(const Json& args);
  FakeWebReply UsersInfo(const Json& args);
  FakeWebReply Views(const std::string& method, const Json& args);
  std::string NextTs();

  const Options options_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::string socket_url_base_;
  int next_ticket_ = 1;
  std::set<std::string> open_tickets_;
  std::map<std::string, FakeChannel> channels_;
  std::map<std::string, FakeUser> users_;
  std::map<std::string, std::deque<Fault>> faults_;
  int post_limit_ = 0;
  std::map<std::string, std::chrono::milliseconds> delays_;
  int in_flight_ = 0;
  bool shutting_down_ = false;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> recent_posts_;
  std::map<std::string, Json> views_;  // id → the view as last stored
  std::set<std::string> used_triggers_;
  std::map<std::string, std::chrono::steady_clock::time_point> issued_triggers_;
  int next_trigger_ = 1;
  int next_ts_ = 1;
  int next_view_ = 1;
  std::vector<ApiCall> calls_;
  std::vector<HookCall> hooks_;
  std::vector<PostedMessage> messages_;
};

}  // namespace srcbot::testing
