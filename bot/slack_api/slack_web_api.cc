#include "bot/slack_api/slack_web_api.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace srcbot::bot {

namespace {

using Json = nlohmann::json;

constexpr std::chrono::seconds kDefaultRetryAfter{1};
constexpr std::chrono::seconds kMaxRetryAfter{60};
constexpr int kMembersPageSize = 200;
// A server that keeps handing out cursors must not keep us here forever.
constexpr int kMaxMemberPages = 1000;
// Slack error codes are short identifiers; anything longer is not one.
constexpr std::size_t kMaxErrorLength = 80;

std::chrono::milliseconds RetryAfter(const HttpHeaders& headers) {
  std::string value = HeaderValue(headers, "retry-after");
  value.erase(0, value.find_first_not_of(" \t"));
  value.erase(value.find_last_not_of(" \t") + 1);
  // Only delta-seconds; an HTTP date or garbage gets the default.
  if (value.empty() || value.size() > 6 ||
      !std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return kDefaultRetryAfter;
  }
  return std::min<std::chrono::milliseconds>(std::chrono::seconds(std::stol(value)),
                                             kMaxRetryAfter);
}

const Json& Field(const Json& j, const char* key) {
  static const Json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

std::string Str(const Json& j, const char* key) {
  const Json& v = Field(j, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

bool Flag(const Json& j, const char* key) {
  const Json& v = Field(j, key);
  return v.is_boolean() && v.get<bool>();
}

bool HasBlocks(const Json& blocks) {
  return !blocks.is_null() && !(blocks.is_array() && blocks.empty());
}

// Slack's error codes are short snake_case identifiers. Anything else in the
// `error` field (a proxy's page, text echoing what was sent) is not one, and
// must not travel on into messages and log lines.
bool IsErrorCode(const std::string& error) {
  return !error.empty() && error.size() <= kMaxErrorLength &&
         std::all_of(error.begin(), error.end(), [](unsigned char c) {
           return std::islower(c) || std::isdigit(c) || c == '_';
         });
}

// missing_scope's `needed`: scope names ("chat:write,users:read"), or nothing.
std::string Scopes(const std::string& needed) {
  bool scopes =
      needed.size() <= kMaxErrorLength &&
      std::all_of(needed.begin(), needed.end(), [](unsigned char c) {
        return std::islower(c) || std::isdigit(c) || c == '_' || c == ':' || c == '.' || c == ',';
      });
  return scopes ? needed : std::string();
}

}  // namespace

core::Code MapSlackError(const std::string& error) {
  static const std::set<std::string> kDenied = {
      "invalid_auth",  "not_authed",    "token_revoked",         "account_inactive",
      "missing_scope", "token_expired", "not_allowed_token_type"};
  static const std::set<std::string> kNotFound = {"channel_not_found", "user_not_found",
                                                  "not_in_channel"};
  if (kDenied.count(error) > 0) return core::Code::kPermissionDenied;
  if (kNotFound.count(error) > 0) return core::Code::kNotFound;
  if (IsTransientSlackError(error)) return core::Code::kUnavailable;
  return core::Code::kInvalidArgument;
}

bool IsTransientSlackError(const std::string& error) {
  // rate_limited is chat.postMessage's "posted too many messages": the same
  // cure as ratelimited.
  static const std::set<std::string> kTransient = {"ratelimited",         "rate_limited",
                                                   "internal_error",      "fatal_error",
                                                   "service_unavailable", "request_timeout"};
  return kTransient.count(error) > 0;
}

struct SlackWebApi::Attempt {
  static Attempt Final(core::Result<Json> result) { return {std::move(result), false, {}}; }
  static Attempt Retry(core::Status status, std::optional<std::chrono::milliseconds> wait = {}) {
    return {std::move(status), true, wait};
  }

  core::Result<Json> result;
  bool retry;
  std::optional<std::chrono::milliseconds> retry_after;  // else: exponential backoff
  bool ratelimited = false;  // HTTP 429, or ok:false with ratelimited / rate_limited
};

// The methods that show nothing to anyone: the only ones an instance without
// an EgressKey may call.
namespace {
bool IsReadingMethod(const std::string& method) {
  static constexpr std::string_view kReading[] = {"auth.test", "apps.connections.open",
                                                  "conversations.info", "conversations.members",
                                                  "users.info"};
  return std::find(std::begin(kReading), std::end(kReading), method) != std::end(kReading);
}
}  // namespace

SlackWebApi::SlackWebApi(HttpClient& http, std::string base_url, std::string token,
                         RetryPolicy policy, Sleeper sleeper, RandomSource random)
    : http_(http),
      base_url_(std::move(base_url)),
      token_(std::move(token)),
      policy_(policy),
      sleeper_(sleeper ? std::move(sleeper) : RealSleeper()),
      random_(random ? std::move(random) : RealRandom()) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  base_url_ += '/';
}

SlackWebApi::SlackWebApi(const EgressKey&, HttpClient& http, std::string base_url,
                         std::string token, RetryPolicy policy, Sleeper sleeper,
                         RandomSource random)
    : SlackWebApi(http, std::move(base_url), std::move(token), policy, std::move(sleeper),
                  std::move(random)) {
  may_write_ = true;
}

std::string SlackWebApi::Redact(std::string text) const {
  if (token_.empty()) return text;
  for (std::size_t at = text.find(token_); at != std::string::npos; at = text.find(token_, at)) {
    text.replace(at, token_.size(), "***");
  }
  return text;
}

SlackWebApi::Attempt SlackWebApi::Try(const std::string& method, const std::string& body) {
  HttpHeaders headers = {{"authorization", "Bearer " + token_},
                         {"content-type", "application/json; charset=utf-8"}};
  auto sent = http_.Send("POST", base_url_ + method, headers, body, policy_.timeout);
  if (!sent.ok()) {
    return Attempt::Retry(
        core::Status::Unavailable(Redact(method + ": " + sent.status().message())));
  }
  const HttpResponse& response = sent.value();
  const std::string http_error = method + ": HTTP " + std::to_string(response.status);
  if (response.status == 429) {
    Attempt limited = Attempt::Retry(core::Status::Unavailable(method + ": ratelimited"),
                                     RetryAfter(response.headers));
    limited.ratelimited = true;
    return limited;
  }
  if (response.status >= 500) return Attempt::Retry(core::Status::Unavailable(http_error));

  Json reply = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (reply.is_discarded() || !reply.is_object()) {
    bool ok_status = response.status == 200;
    return Attempt::Final(
        core::Status::Unavailable(ok_status ? method + ": response is not JSON" : http_error));
  }
  const Json& ok = Field(reply, "ok");
  if (!ok.is_boolean()) {
    return Attempt::Final(core::Status::Unavailable(method + ": response has no ok field"));
  }
  if (ok.get<bool>()) {
    if (response.status / 100 != 2) return Attempt::Final(core::Status::Unavailable(http_error));
    return Attempt::Final(std::move(reply));
  }
  std::string error = Str(reply, "error");
  if (!IsErrorCode(error)) error = "unknown_error";
  std::string message = method + ": " + error;
  if (error == "missing_scope" && !Scopes(Str(reply, "needed")).empty()) {
    message += " (needed: " + Scopes(Str(reply, "needed")) + ")";
  }
  core::Status status(MapSlackError(error), Redact(message));
  if (!IsTransientSlackError(error)) return Attempt::Final(status);
  std::optional<std::chrono::milliseconds> wait;
  if (!HeaderValue(response.headers, "retry-after").empty()) wait = RetryAfter(response.headers);
  Attempt retry = Attempt::Retry(status, wait);
  retry.ratelimited = error == "ratelimited" || error == "rate_limited";
  return retry;
}

core::Result<Json> SlackWebApi::Call(const std::string& method, const Json& args) {
  if (!may_write_ && !IsReadingMethod(method)) {
    return core::Status::Denied(method + ": only the embargo guard may call this");
  }
  std::string body;
  try {
    // Text from users may hold invalid UTF-8: replace it rather than throw.
    body = args.is_null() ? "{}" : args.dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (const Json::exception&) {
    return core::Status::Internal(method + ": arguments cannot be encoded");
  }
  Backoff backoff(policy_.base_delay, policy_.max_delay, random_);
  const int attempts = std::max(1, policy_.max_attempts);
  core::Status last;
  bool limited = false;  // the last try was told to slow down
  auto count = [&](SlackCallResult result) {
    if (metrics_ != nullptr) metrics_->SlackCall(method, result);
  };
  for (int i = 0; i < attempts; ++i) {
    Attempt attempt = Try(method, body);
    if (attempt.ratelimited && metrics_ != nullptr) metrics_->SlackRateLimited();
    if (!attempt.retry) {
      count(attempt.result.ok() ? SlackCallResult::kOk : SlackCallResult::kError);
      return std::move(attempt.result);
    }
    last = attempt.result.status();
    limited = attempt.ratelimited;
    if (i + 1 < attempts) sleeper_(attempt.retry_after ? *attempt.retry_after : backoff.Next());
  }
  count(limited ? SlackCallResult::kRateLimited : SlackCallResult::kError);
  return core::Status(last.code(),
                      last.message() + " (gave up after " + std::to_string(attempts) + " tries)");
}

core::Result<AuthInfo> SlackWebApi::AuthTest() {
  auto r = Call("auth.test", Json::object());
  if (!r.ok()) return r.status();
  return AuthInfo{Str(r.value(), "user_id"), Str(r.value(), "bot_id"), Str(r.value(), "team_id")};
}

core::Result<std::string> SlackWebApi::OpenSocketUrl() {
  auto r = Call("apps.connections.open", Json::object());
  if (!r.ok()) return r.status();
  std::string url = Str(r.value(), "url");
  if (url.empty())
    return core::Status::Unavailable("apps.connections.open: no url in the response");
  return url;
}

core::Result<std::string> SlackWebApi::PostMessage(const std::string& channel,
                                                   const std::string& text, const Json& blocks) {
  Json args = {{"channel", channel}, {"text", text}, {"mrkdwn", true}};
  if (HasBlocks(blocks)) args["blocks"] = blocks;
  auto r = Call("chat.postMessage", args);
  if (!r.ok()) return r.status();
  return Str(r.value(), "ts");
}

core::Status SlackWebApi::PostEphemeral(const std::string& channel, const std::string& user,
                                        const std::string& text, const Json& blocks) {
  Json args = {{"channel", channel}, {"user", user}, {"text", text}};
  if (HasBlocks(blocks)) args["blocks"] = blocks;
  return Call("chat.postEphemeral", args).status();
}

core::Status SlackWebApi::UpdateMessage(const std::string& channel, const std::string& ts,
                                        const std::string& text, const Json& blocks) {
  Json args = {{"channel", channel}, {"ts", ts}, {"text", text}};
  if (HasBlocks(blocks)) args["blocks"] = blocks;
  return Call("chat.update", args).status();
}

core::Result<core::Destination> SlackWebApi::ConversationInfo(const std::string& channel) {
  auto r = Call("conversations.info", Json{{"channel", channel}});
  if (!r.ok()) return r.status();
  const Json& c = Field(r.value(), "channel");
  if (!c.is_object()) return core::Status::Unavailable("conversations.info: no channel object");
  core::Destination d;
  d.id = Str(c, "id").empty() ? channel : Str(c, "id");
  d.is_im = Flag(c, "is_im");
  // A DM is private whether or not Slack sets the flag on it.
  d.is_private = Flag(c, "is_private") || d.is_im;
  d.is_shared = Flag(c, "is_shared");
  d.is_ext_shared = Flag(c, "is_ext_shared");
  d.is_org_shared = Flag(c, "is_org_shared");
  d.is_pending_ext_shared = Flag(c, "is_pending_ext_shared");
  if (d.is_im && !Str(c, "user").empty()) d.members.push_back(Str(c, "user"));
  return d;
}

core::Result<std::vector<std::string>> SlackWebApi::ConversationMembers(
    const std::string& channel) {
  std::vector<std::string> members;
  std::string cursor;
  for (int page = 0; page < kMaxMemberPages; ++page) {
    Json args = {{"channel", channel}, {"limit", kMembersPageSize}};
    if (!cursor.empty()) args["cursor"] = cursor;
    auto r = Call("conversations.members", args);
    if (!r.ok()) return r.status();
    const Json& list = Field(r.value(), "members");
    if (list.is_array()) {
      for (const Json& m : list) {
        if (m.is_string()) members.push_back(m.get<std::string>());
      }
    }
    cursor = Str(Field(r.value(), "response_metadata"), "next_cursor");
    if (cursor.empty()) return members;
  }
  return core::Status::Unavailable("conversations.members: too many pages");
}

core::Result<UserInfo> SlackWebApi::UsersInfo(const std::string& user) {
  auto r = Call("users.info", Json{{"user", user}});
  if (!r.ok()) return r.status();
  const Json& u = Field(r.value(), "user");
  if (!u.is_object()) return core::Status::Unavailable("users.info: no user object");
  return UserInfo{Str(u, "id"), Str(u, "name"), Str(u, "tz"), Flag(u, "is_bot"),
                  Flag(u, "deleted")};
}

core::Result<Json> SlackWebApi::OpenView(const std::string& trigger_id, const Json& view) {
  auto r = Call("views.open", Json{{"trigger_id", trigger_id}, {"view", view}});
  if (!r.ok()) return r.status();
  return Field(r.value(), "view");
}

core::Result<Json> SlackWebApi::UpdateView(const std::string& view_id, const std::string& hash,
                                           const Json& view) {
  Json args = {{"view_id", view_id}, {"view", view}};
  if (!hash.empty()) args["hash"] = hash;
  auto r = Call("views.update", args);
  if (!r.ok()) return r.status();
  return Field(r.value(), "view");
}

core::Result<Json> SlackWebApi::PublishHome(const std::string& user, const Json& view) {
  auto r = Call("views.publish", Json{{"user_id", user}, {"view", view}});
  if (!r.ok()) return r.status();
  return Field(r.value(), "view");
}

}  // namespace srcbot::bot
