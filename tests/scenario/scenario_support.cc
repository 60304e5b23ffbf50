#include "tests/scenario/scenario_support.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <signal.h>

#include <ctime>

#include "tests/fakes/free_port.h"

namespace srcbot::testing {
namespace {

std::string Hex(const unsigned char* data, unsigned int size) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 15];
  }
  return out;
}

std::string PercentEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

Scenario::Scenario(std::string mode) : mode_(std::move(mode)), http_(bot::MakeCpprestHttpClient()) {
  if (!slack_.Start().ok()) return;
  slack_.SetChannel(kSrcChannel, FakeChannel{"src", true, false, false, false, false, false, false,
                                             true, {kAlice, kBob, "UBOT"}});
  slack_.SetChannel(kGeneral, FakeChannel{"general", false, false, false, false, false, false,
                                          false, true, {kAlice, kBob, kEve, "UBOT"}});
  slack_.SetChannel(kDevelopment, FakeChannel{"development", false, false, false, false, false,
                                              false, false, true, {kAlice, kBob, kEve, "UBOT"}});
  http_port_ = FreeLoopbackPort();
}

Scenario::~Scenario() {
  if (bot_) {
    bot_->Signal(SIGTERM);
    bot_->Wait(std::chrono::seconds(5));
  }
}

bool Scenario::StartBot() {
  bot_ = std::make_unique<ChildProcess>();
  std::vector<std::string> argv = {SRCBOT_BINARY, "serve", "--mode", mode_,
                                   "--db", dir_.File("srcbot.db"),
                                   "--src-channel", kSrcChannel, "--general-channel", kGeneral,
                                   "--development-channel", kDevelopment,
                                   "--admins", std::string(kAlice) + "," + kBob,
                                   "--slack-api-url", slack_.api_base(),
                                   "--listen", "127.0.0.1:" + std::to_string(http_port_)};
  std::vector<std::string> env = {"PATH=/usr/bin:/bin",
                                  "SLACK_BOT_TOKEN=" + slack_.options().bot_token};
  if (mode_ == "http") env.push_back(std::string("SLACK_SIGNING_SECRET=") + kSigningSecret);
  if (mode_ == "socket") env.push_back("SLACK_APP_TOKEN=" + slack_.options().app_token);
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  ++starts_;
  if (!bot_->Start(argv, env, dir_.File("bot-" + std::to_string(starts_) + ".log"))) return false;
  if (!bot_->WaitForOutput("ready", std::chrono::seconds(20))) return false;
  if (mode_ == "socket") return slack_.WaitForOpenConnections(1, std::chrono::seconds(20));
  return true;
}

void Scenario::KillBot(int signal) {
  if (!bot_) return;
  bot_->Signal(signal);
  bot_->Wait(std::chrono::seconds(10));
  if (mode_ == "socket") slack_.WaitForOpenConnections(0, std::chrono::seconds(5));
}

bot::HttpHeaders Scenario::Signed(const std::string& body, long long timestamp,
                                  const std::string& content_type) {
  std::string ts = std::to_string(timestamp);
  std::string base = "v0:" + ts + ":" + body;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), kSigningSecret, static_cast<int>(std::string(kSigningSecret).size()),
       reinterpret_cast<const unsigned char*>(base.data()), base.size(), mac, &size);
  return {{"content-type", content_type},
          {"x-slack-request-timestamp", ts},
          {"x-slack-signature", "v0=" + Hex(mac, size)}};
}

std::string Scenario::FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + k + "=" + PercentEncode(v);
  return body;
}

core::Result<bot::HttpResponse> Scenario::Post(const std::string& path, const std::string& body,
                                               const bot::HttpHeaders& headers) {
  return http_->Send("POST", "http://127.0.0.1:" + std::to_string(http_port_) + path, headers, body,
                     std::chrono::seconds(10));
}

std::string Scenario::Command(const std::string& text, const std::string& user,
                              const std::string& channel) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"team_id", "T0"},        {"channel_id", channel},
      {"user_id", user},        {"command", "/src"},
      {"text", text},           {"response_url", slack_.HookUrl("cmd")},
      {"trigger_id", "trig.1"}, {"api_app_id", "A0SRC"}};
  if (mode_ == "http") {
    std::string body = FormBody(fields);
    auto response = Post("/slack/commands", body,
                         Signed(body, std::time(nullptr), "application/x-www-form-urlencoded"));
    if (!response.ok()) return "<no response: " + response.status().message() + ">";
    if (response.value().status != 200) {
      return "<status " + std::to_string(response.value().status) + ">";
    }
    if (response.value().body.empty()) return "";
    auto json = nlohmann::json::parse(response.value().body, nullptr, false);
    return json.is_object() ? json.value("text", "") : response.value().body;
  }
  nlohmann::json payload = nlohmann::json::object();
  for (const auto& [k, v] : fields) payload[k] = v;
  std::string id = slack_.SendEnvelope("slash_commands", payload, true);
  auto ack = slack_.WaitAck(id, ack_wait_);
  if (!ack) return "<no ack>";
  if (!ack->contains("payload")) return "";
  return (*ack)["payload"].value("text", "");
}

std::optional<nlohmann::json> Scenario::Interact(const nlohmann::json& payload) {
  if (mode_ == "http") {
    std::string body = FormBody({{"payload", payload.dump()}});
    auto r = Post("/slack/interactions", body,
                  Signed(body, std::time(nullptr), "application/x-www-form-urlencoded"));
    if (!r.ok() || r.value().status != 200) return std::nullopt;
    if (r.value().body.empty()) return nlohmann::json();
    auto json = nlohmann::json::parse(r.value().body, nullptr, false);
    return json.is_discarded() ? nlohmann::json(r.value().body) : json;
  }
  std::string id = slack_.SendEnvelope("interactive", payload, true);
  auto ack = slack_.WaitAck(id, std::chrono::seconds(10));
  if (!ack) return std::nullopt;
  return ack->contains("payload") ? (*ack)["payload"] : nlohmann::json();
}

bool Scenario::Click(const std::string& action_id, const std::string& value,
                     const std::string& user, const std::string& channel) {
  // A post the payload does not name (no ts, no text): nothing to edit.
  return ClickOn(PostedMessage{channel, "", "", "", nullptr}, action_id, value, user);
}

bool Scenario::ClickOn(const PostedMessage& message, const std::string& action_id,
                       const std::string& value, const std::string& user, const std::string& hook,
                       const std::string& trigger_id) {
  nlohmann::json payload = {
      {"type", "block_actions"},
      {"user", {{"id", user}}},
      {"api_app_id", "A0SRC"},
      {"channel", {{"id", message.channel}}},
      {"container",
       {{"type", "message"},
        {"channel_id", message.channel},
        {"message_ts", message.ts},
        {"is_ephemeral", false}}},
      {"message", {{"type", "message"}, {"ts", message.ts}, {"text", message.text}}},
      {"response_url", slack_.HookUrl(hook)},
      {"trigger_id", trigger_id.empty() ? slack_.IssueTrigger() : trigger_id},
      {"actions", {{{"action_id", action_id}, {"value", value}, {"type", "button"}}}}};
  return Interact(payload).has_value();
}

bool Scenario::WaitForPost(const std::string& channel, const std::string& needle,
                           std::chrono::milliseconds timeout) {
  return slack_
      .WaitForCall(
          "chat.postMessage",
          [&](const ApiCall& call) {
            return call.status == 200 && call.args.value("channel", "") == channel &&
                   call.args.value("text", "").find(needle) != std::string::npos;
          },
          timeout)
      .has_value();
}

int Scenario::CountPosts(const std::string& needle) const {
  int n = 0;
  for (const PostedMessage& m : slack_.Messages()) {
    if (m.text.find(needle) != std::string::npos) ++n;
  }
  return n;
}

bool Scenario::Event(const nlohmann::json& event) {
  nlohmann::json body = {{"type", "event_callback"},
                         {"event_id", "EvScenario" + std::to_string(++events_)},
                         {"team_id", "T0"},
                         {"event", event}};
  if (mode_ == "socket") {
    std::string id = slack_.SendEnvelope("events_api", body, false);
    return slack_.WaitAck(id, std::chrono::seconds(10)).has_value();
  }
  std::string text = body.dump();
  auto r = Post("/slack/events", text, Signed(text, std::time(nullptr), "application/json"));
  return r.ok() && r.value().status == 200;
}

}  // namespace srcbot::testing
