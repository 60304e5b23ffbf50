// Metrics and logs of the real binary against the loopback FakeSlack: GET
// /metrics over HTTP in http mode and on --metrics-listen in Socket Mode, and
// canaries — tokens, the signing secret, the GitHub token, a case's title and
// reporter, Slack error bodies — that must never reach a log line, through
// failing and erroring Slack answers too. Every line a serve run writes must
// be one JSON object with time, level, component and message.

#include <signal.h>

#include <ctime>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "bot/http/signature_verifier.h"
#include "bot/net/http_client.h"
#include "tests/fakes/child_process.h"
#include "tests/fakes/exposition_parser.h"
#include "tests/fakes/fake_slack.h"
#include "tests/fakes/free_port.h"
#include "tests/fakes/temp_dir.h"

using namespace srcbot;
using namespace srcbot::testing;
using Json = nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

constexpr const char* kBotToken = "xoxb-CANARY-BOT-TOKEN-7a1";
constexpr const char* kAppToken = "xapp-CANARY-APP-TOKEN-7a2";
constexpr const char* kSecret = "CANARY-SIGNING-SECRET-7a3";
constexpr const char* kGithubToken = "ghp_CANARYGITHUBTOKEN7a4";
constexpr const char* kTitle = "CANARY-TITLE-7a5";
constexpr const char* kReporter = "CANARY-REPORTER-7a6";
constexpr const char* kSlackBody = "CANARY-SLACK-BODY-7a7";
constexpr const char* kSrc = "C0SRC";
constexpr const char* kAlice = "U0ALICE";

// One srcbot process with canary credentials, on a FakeSlack that knows them.
class Run {
 public:
  Run() : slack_(FakeSlack::Options{.bot_token = kBotToken, .app_token = kAppToken}) {
    REQUIRE(slack_.Start().ok());
    slack_.SetChannel(kSrc,
                      FakeChannel{.name = "src", .is_private = true, .members = {kAlice, "UBOT"}});
  }
  // Starts `srcbot serve --mode <mode>` with `extra` arguments and environment.
  void Start(const std::string& mode, std::vector<std::string> extra = {},
             std::vector<std::string> env = {}) {
    std::vector<std::string> argv = {SRCBOT_BINARY,
                                     "serve",
                                     "--mode",
                                     mode,
                                     "--db",
                                     dir_.File("srcbot.db"),
                                     "--src-channel",
                                     kSrc,
                                     "--admins",
                                     kAlice,
                                     "--slack-api-url",
                                     slack_.api_base(),
                                     "--listen",
                                     "127.0.0.1:" + std::to_string(port_)};
    argv.insert(argv.end(), extra.begin(), extra.end());
    env.insert(env.end(),
               {"PATH=/usr/bin:/bin", std::string("SLACK_BOT_TOKEN=") + kBotToken,
                std::string("SLACK_APP_TOKEN=") + kAppToken,
                std::string("SLACK_SIGNING_SECRET=") + kSecret,
                std::string("GITHUB_TOKEN=") + kGithubToken, "GITHUB_API_URL=http://127.0.0.1:1"});
    REQUIRE(bot_.Start(argv, env, dir_.File("bot.log")));
  }

  // SIGTERM, and the exit status.
  int Stop() {
    bot_.Signal(SIGTERM);
    return bot_.Wait(seconds(20));
  }

  core::Result<bot::HttpResponse> Get(int port, const std::string& path) {
    return http_->Send("GET", "http://127.0.0.1:" + std::to_string(port) + path, {}, "",
                       seconds(10));
  }
  core::Result<bot::HttpResponse> Post(const std::string& path, const std::string& body,
                                       bot::HttpHeaders headers) {
    return http_->Send("POST", "http://127.0.0.1:" + std::to_string(port_) + path, headers, body,
                       seconds(10));
  }
  // A signed slash command over HTTP; its response.
  core::Result<bot::HttpResponse> SignedCommand(const std::string& text) {
    std::string body = "channel_id=" + std::string(kSrc) + "&user_id=" + kAlice +
                       "&command=%2Fsrc&api_app_id=A0SRC&text=" + Encode(text);
    std::string ts = std::to_string(std::time(nullptr));
    return Post("/slack/commands", body,
                {{"content-type", "application/x-www-form-urlencoded"},
                 {"x-slack-request-timestamp", ts},
                 {"x-slack-signature", bot::SlackSignature(kSecret, ts, body)}});
  }
  // Polls GET /healthz until srcbot answers (for runs whose log level hides "ready").
  bool WaitHealthy() {
    for (int i = 0; i < 200; ++i) {
      auto r = Get(port_, "/healthz");
      if (r.ok() && r.value().status == 200) return true;
      std::this_thread::sleep_for(milliseconds(100));
    }
    return false;
  }
  bool WaitForMessage(const std::string& needle, milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      for (const PostedMessage& m : slack_.Messages()) {
        if (m.text.find(needle) != std::string::npos) return true;
      }
      std::this_thread::sleep_for(milliseconds(50));
    }
    return false;
  }

  FakeSlack& slack() { return slack_; }
  ChildProcess& bot() { return bot_; }
  int port() const { return port_; }

 private:
  static std::string Encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_') {
        out += static_cast<char>(c);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  }

  FakeSlack slack_;
  TempDir dir_;
  ChildProcess bot_;
  std::unique_ptr<bot::HttpClient> http_ = bot::MakeCpprestHttpClient();
  int port_ = FreeLoopbackPort();
};

// Every line one JSON object with the fixed keys; no canary anywhere.
std::vector<Json> CheckLog(const std::string& output) {
  INFO(output);
  for (const char* canary :
       {kBotToken, kAppToken, kSecret, kGithubToken, kTitle, kReporter, kSlackBody, "CANARY"}) {
    INFO(canary);
    CHECK(output.find(canary) == std::string::npos);
  }
  std::vector<Json> lines;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    INFO(line);
    Json j = Json::parse(line, nullptr, false);
    REQUIRE(j.is_object());
    for (const char* key : {"time", "level", "component", "message"}) {
      REQUIRE(j.contains(key));
      CHECK(j[key].is_string());
    }
    CHECK(j["time"].get<std::string>().size() == 24);  // 2026-11-25T15:09:00.123Z
    lines.push_back(j);
  }
  CHECK_FALSE(lines.empty());
  return lines;
}

bool HasMessage(const std::vector<Json>& lines, const std::string& part) {
  for (const Json& j : lines) {
    if (j["message"].get<std::string>().find(part) != std::string::npos) return true;
  }
  return false;
}

Exposition Scrape(Run& run, int port) {
  auto r = run.Get(port, "/metrics");
  REQUIRE(r.ok());
  REQUIRE(r.value().status == 200);
  CHECK(bot::HeaderValue(r.value().headers, "content-type").find("version=0.0.4") !=
        std::string::npos);
  INFO(r.value().body);
  CHECK(r.value().body.find("CANARY") == std::string::npos);
  Exposition e = ParseExposition(r.value().body);
  CHECK(e.errors.empty());
  return e;
}

}  // namespace

TEST_CASE("observability scenario: http mode serves /metrics and logs no secret", "[scenario]") {
  Run run;
  // Slack fails the first posts with error bodies full of canaries, and the
  // first channel lookup too; srcbot must keep only the codes.
  run.slack().web().ReplyNext("conversations.info", 1, 200,
                              {{"ok", false}, {"error", std::string(kSlackBody) + " " + kTitle}});
  run.slack().web().ReplyNext("chat.postMessage", 1, 200,
                              {{"ok", false}, {"error", std::string(kSlackBody) + " " + kTitle}});
  run.slack().web().ReplyNext(
      "chat.postMessage", 1, 400,
      {{"ok", false}, {"error", "missing_scope"}, {"needed", std::string(kSlackBody) + kBotToken}});
  run.Start("http", {"--log-level", "trace"});
  REQUIRE(run.bot().WaitForOutput("ready", seconds(20)));

  auto reported =
      run.SignedCommand(std::string("report \"") + kTitle + "\" --reporter \"" + kReporter + "\"");
  REQUIRE(reported.ok());
  CHECK(reported.value().status == 200);
  // An unsigned request, and one with a forged signature, carrying a canary.
  auto unsigned_post = run.Post("/slack/commands", std::string("text=") + kTitle,
                                {{"content-type", "application/x-www-form-urlencoded"}});
  REQUIRE(unsigned_post.ok());
  CHECK(unsigned_post.value().status == 401);
  auto forged = run.Post("/slack/commands", std::string("text=") + kTitle,
                         {{"content-type", "application/x-www-form-urlencoded"},
                          {"x-slack-request-timestamp", std::to_string(std::time(nullptr))},
                          {"x-slack-signature", std::string("v0=") + kSecret}});
  REQUIRE(forged.ok());
  CHECK(forged.value().status == 401);

  // After the failures, the case's post goes out.
  REQUIRE(run.WaitForMessage(kTitle, seconds(20)));
  Exposition e = Scrape(run, run.port());  // no signature: Prometheus cannot sign
  CHECK(e.Value("srcbot_commands_total", {{"verb", "report"}, {"outcome", "ok"}}) == 1);
  CHECK(e.Value("srcbot_ack_seconds_count") >= 1);
  CHECK(e.Value("srcbot_slack_calls_total",
                {{"method", "chat.postMessage"}, {"result", "error"}}) == 2);
  CHECK(e.Value("srcbot_slack_calls_total", {{"method", "chat.postMessage"}, {"result", "ok"}}) >=
        1);
  CHECK(e.Value("srcbot_slack_calls_total", {{"method", "auth.test"}, {"result", "ok"}}) == 1);
  CHECK(e.Value("srcbot_embargo_decisions_total", {{"verdict", "sent"}}) >= 1);
  CHECK(e.Value("srcbot_embargo_decisions_total", {{"verdict", "held"}}) >= 1);
  CHECK(e.families.count("srcbot_outbox_pending") == 1);
  CHECK(e.families.count("srcbot_outbox_oldest_pending_seconds") == 1);
  auto post = run.Post("/metrics", "", {});
  REQUIRE(post.ok());
  CHECK(post.value().status == 405);

  CHECK(run.Stop() == 0);
  std::vector<Json> lines = CheckLog(run.bot().Output());
  CHECK(HasMessage(lines, "ready: http on 127.0.0.1:"));
  CHECK(HasMessage(lines, "refused"));
  CHECK(HasMessage(lines, "message not delivered"));
  CHECK(HasMessage(lines, "shutting down"));
}

TEST_CASE("observability scenario: --log-level error keeps only error lines", "[scenario]") {
  Run run;
  run.Start("http", {}, {"SRCBOT_LOG_LEVEL=error"});
  REQUIRE(run.WaitHealthy());
  auto unsigned_post = run.Post("/slack/commands", "text=x",
                                {{"content-type", "application/x-www-form-urlencoded"}});
  REQUIRE(unsigned_post.ok());
  CHECK(unsigned_post.value().status == 401);  // a warn line, dropped
  CHECK(run.Stop() == 0);
  std::string output = run.bot().Output();
  INFO(output);
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    Json j = Json::parse(line, nullptr, false);
    REQUIRE(j.is_object());
    CHECK(j["level"] == "error");
  }
  CHECK(output.find("ready") == std::string::npos);
}

TEST_CASE("observability scenario: Socket Mode serves /metrics on --metrics-listen", "[scenario]") {
  Run run;
  const int metrics_port = FreeLoopbackPort();
  run.Start("socket", {"--metrics-listen", "127.0.0.1:" + std::to_string(metrics_port)});
  REQUIRE(run.bot().WaitForOutput("ready", seconds(20)));
  REQUIRE(run.slack().WaitForOpenConnections(1, seconds(20)));

  Json payload = {
      {"team_id", "T0"},
      {"channel_id", kSrc},
      {"user_id", kAlice},
      {"command", "/src"},
      {"text", std::string("report \"") + kTitle + "\" --reporter \"" + kReporter + "\""},
      {"api_app_id", "A0SRC"}};
  std::string id = run.slack().SendEnvelope("slash_commands", payload, true);
  REQUIRE(run.slack().WaitAck(id, seconds(10)));

  // Slack asks for a refresh, and the next apps.connections.open fails on
  // every try with a body that holds the app token: a logged failure, then
  // a reconnect.
  run.slack().web().ReplyNext("apps.connections.open", 4, 500,
                              {{"ok", false}, {"error", kAppToken}, {"detail", kSlackBody}});
  REQUIRE(run.slack().SendDisconnect("refresh_requested"));
  REQUIRE(run.slack().WaitForConnections(2, seconds(30)));
  REQUIRE(run.slack().WaitForOpenConnections(1, seconds(10)));
  Json help = payload;
  help["text"] = "help";
  std::string id2 = run.slack().SendEnvelope("slash_commands", help, true);
  REQUIRE(run.slack().WaitAck(id2, seconds(10)));

  Exposition e = Scrape(run, metrics_port);
  CHECK(e.Value("srcbot_commands_total", {{"verb", "report"}, {"outcome", "ok"}}) == 1);
  CHECK(e.Value("srcbot_commands_total", {{"verb", "help"}, {"outcome", "ok"}}) == 1);
  CHECK(e.Value("srcbot_ack_seconds_count") >= 2);
  CHECK(e.Value("srcbot_socket_reconnects_total") >= 1);
  // The scheduler ticks once at start-up, then every --tick-seconds.
  CHECK(e.Value("srcbot_scheduler_tick_seconds_count") >= 1);
  CHECK(e.families.count("srcbot_reminders_fired_total") == 1);
  CHECK(e.Value("srcbot_slack_calls_total",
                {{"method", "apps.connections.open"}, {"result", "error"}}) >= 1);
  CHECK(e.Value("srcbot_slack_calls_total",
                {{"method", "apps.connections.open"}, {"result", "ok"}}) >= 2);
  auto health = run.Get(metrics_port, "/healthz");
  REQUIRE(health.ok());
  CHECK(health.value().status == 200);
  auto slack_path = run.Get(metrics_port, "/slack/commands");
  REQUIRE(slack_path.ok());
  CHECK(slack_path.value().status == 404);
  // Socket Mode opens nothing on --listen.
  CHECK_FALSE(run.Get(run.port(), "/metrics").ok());

  CHECK(run.Stop() == 0);
  std::vector<Json> lines = CheckLog(run.bot().Output());
  CHECK(HasMessage(lines, "ready: socket mode (/metrics on 127.0.0.1:"));
  CHECK(HasMessage(lines, "apps.connections.open failed"));
}
