#include "tests/fakes/fake_web_api.h"

#include <thread>

#include <algorithm>
#include <utility>

namespace srcbot::testing {

namespace {

using Json = nlohmann::json;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded, leniently: a bad escape is kept as is.
std::string FormDecode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Json ParseArgs(const bot::HttpHeaders& headers, const std::string& body) {
  if (bot::HeaderValue(headers, "content-type").find("json") != std::string::npos) {
    Json json = Json::parse(body, nullptr, false);
    return json.is_object() ? json : Json();  // null: invalid_json
  }
  Json args = Json::object();
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    std::string field = body.substr(start, end - start);
    std::size_t eq = field.find('=');
    if (!field.empty()) {
      args[FormDecode(field.substr(0, eq))] =
          eq == std::string::npos ? "" : FormDecode(field.substr(eq + 1));
    }
    start = end + 1;
  }
  return args;
}

std::string Token(const bot::HttpHeaders& headers, const Json& args) {
  std::string auth = bot::HeaderValue(headers, "authorization");
  if (auth.rfind("Bearer ", 0) == 0) return auth.substr(7);
  return args.contains("token") && args["token"].is_string() ? args["token"].get<std::string>()
                                                             : "";
}

FakeWebReply Ok(Json body = Json::object()) {
  body["ok"] = true;
  return {200, std::move(body), 0};
}

FakeWebReply Error(const std::string& error) { return {200, {{"ok", false}, {"error", error}}, 0}; }

}  // namespace

FakeWebApi::FakeWebApi(Options options) : options_(std::move(options)) {}

void FakeWebApi::SetSocketUrlBase(std::string base) {
  std::lock_guard<std::mutex> lock(mutex_);
  socket_url_base_ = std::move(base);
}

bool FakeWebApi::ConsumeTicket(const std::string& ticket) {
  std::lock_guard<std::mutex> lock(mutex_);
  return open_tickets_.erase(ticket) == 1;
}

std::string FakeWebApi::IssueTrigger() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string trigger = "trig-fake-" + std::to_string(next_trigger_++);
  issued_triggers_[trigger] = std::chrono::steady_clock::now();
  return trigger;
}

FakeWebReply FakeWebApi::Handle(const std::string& method, const bot::HttpHeaders& headers,
                                const std::string& body) {
  std::unique_lock<std::mutex> lock(mutex_);
  // A slow Slack: the answer comes late, and other calls go on meanwhile. The
  // wait ends early when the delay is lifted or the fake shuts down, and
  // Shutdown waits for every call in here, so none outlives the fake.
  ++in_flight_;
  auto delay = delays_.count(method) ? delays_[method] : std::chrono::milliseconds(0);
  changed_.wait_for(lock, delay, [&] {
    return shutting_down_ || !delays_.count(method) || delays_[method].count() == 0;
  });
  struct Leave {
    FakeWebApi* api;
    ~Leave() {
      --api->in_flight_;
      api->changed_.notify_all();
    }
  } leave{this};
  Json args = ParseArgs(headers, body);
  FakeWebReply reply;
  std::deque<Fault>& faults = faults_[method];
  if (!faults.empty()) {
    Fault& fault = faults.front();
    reply.status = fault.status;
    reply.retry_after_seconds = fault.retry_after_seconds;
    reply.body = {{"ok", false}, {"error", fault.status == 429 ? "ratelimited" : "fatal_error"}};
    if (!fault.body.is_null()) reply.body = fault.body;
    if (--fault.count <= 0) faults.pop_front();
  } else if (args.is_null()) {
    reply = Error("invalid_json");
  } else {
    reply = Answer(method, headers, args);
  }
  calls_.push_back({method, args, headers, reply.status, reply.body});
  changed_.notify_all();
  return reply;
}

FakeWebReply FakeWebApi::Answer(const std::string& method, const bot::HttpHeaders& headers,
                                const Json& args) {
  std::string token = Token(headers, args);
  if (token.empty()) return Error("not_authed");
  bool app_method = method == "apps.connections.open";
  if (token != options_.bot_token && token != options_.app_token) return Error("invalid_auth");
  if (app_method != (token == options_.app_token)) return Error("not_allowed_token_type");

  if (app_method) {
    std::string ticket = std::to_string(next_ticket_++);
    open_tickets_.insert(ticket);
    return Ok({{"url", socket_url_base_ + "?ticket=" + ticket}});
  }
  if (method == "auth.test") {
    return Ok({{"url", "https://fake.slack.com/"},
               {"team", "Fake"},
               {"user", "srcbot"},
               {"team_id", "TFAKE"},
               {"user_id", "UBOT"},
               {"bot_id", "BBOT"},
               {"is_enterprise_install", false}});
  }
  if (method == "chat.postMessage") return PostMessage(args);
  if (method == "chat.postEphemeral") return PostEphemeral(args);
  if (method == "chat.update") return UpdateMessage(args);
  if (method == "conversations.info") return ConversationInfo(args);
  if (method == "conversations.members") return ConversationMembers(args);
  if (method == "users.info") return UsersInfo(args);
  if (method.rfind("views.", 0) == 0) return Views(method, args);
  return Error("unknown_method");
}

void FakeWebApi::RecordHook(const std::string& id, const bot::HttpHeaders& headers,
                            const std::string& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  Json json = Json::parse(body, nullptr, false);
  hooks_.push_back({id, body, json.is_discarded() ? Json() : json, headers});
  changed_.notify_all();
}

void FakeWebApi::SetChannel(const std::string& id, FakeChannel channel) {
  std::lock_guard<std::mutex> lock(mutex_);
  channels_[id] = std::move(channel);
}

void FakeWebApi::SetUser(FakeUser user) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string id = user.id;
  users_[id] = std::move(user);
}

void FakeWebApi::FailNext(const std::string& method, int n, int status) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (n <= 0) faults_.erase(method);
  if (n > 0) faults_[method].push_back({n, status, 0});
}

void FakeWebApi::ReplyNext(const std::string& method, int n, int status, nlohmann::json body) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (n <= 0) faults_.erase(method);
  if (n > 0) faults_[method].push_back({n, status, 0, std::move(body)});
}

void FakeWebApi::SetDelay(const std::string& method, std::chrono::milliseconds delay) {
  std::lock_guard<std::mutex> lock(mutex_);
  delays_[method] = delay;
  changed_.notify_all();
}

void FakeWebApi::Shutdown() {
  std::unique_lock<std::mutex> lock(mutex_);
  shutting_down_ = true;
  changed_.notify_all();
  changed_.wait(lock, [&] { return in_flight_ == 0; });
}

void FakeWebApi::RateLimitNext(const std::string& method, int n, int retry_after_seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (n <= 0) faults_.erase(method);
  if (n > 0) faults_[method].push_back({n, 429, retry_after_seconds});
}

void FakeWebApi::SetPostMessageLimit(int per_second) {
  std::lock_guard<std::mutex> lock(mutex_);
  post_limit_ = per_second;
}

std::vector<ApiCall> FakeWebApi::Calls(const std::string& method) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<ApiCall> out;
  for (const ApiCall& call : calls_) {
    if (method.empty() || call.method == method) out.push_back(call);
  }
  return out;
}

std::optional<ApiCall> FakeWebApi::WaitForCall(const std::string& method,
                                               const CallPredicate& predicate,
                                               std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  std::optional<ApiCall> found;
  changed_.wait_for(lock, timeout, [&] {
    for (const ApiCall& call : calls_) {
      if (call.method == method && (!predicate || predicate(call))) {
        found = call;
        return true;
      }
    }
    return false;
  });
  return found;
}

std::vector<HookCall> FakeWebApi::Hooks() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return hooks_;
}

std::optional<HookCall> FakeWebApi::WaitForHook(const std::string& id,
                                                std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  std::optional<HookCall> found;
  changed_.wait_for(lock, timeout, [&] {
    for (const HookCall& hook : hooks_) {
      if (hook.id == id) {
        found = hook;
        return true;
      }
    }
    return false;
  });
  return found;
}

std::vector<PostedMessage> FakeWebApi::Messages() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return messages_;
}

std::string FakeWebApi::NextTs() {
  std::string n = std::to_string(next_ts_++);
  return "1700000000." + std::string(6 - std::min<std::size_t>(6, n.size()), '0') + n;
}

}  // namespace srcbot::testing
