// Canaries through every path that logs, in process: a case whose texts are
// canaries, a Slack that answers with error bodies full of canaries (and
// echoes the token), and the real SlackWebApi, SlackSink, EmbargoGuard,
// OutboxWorker, DeliveryLoop, HttpEndpoint and SocketModeClient writing to
// the JSON log. No canary may reach a line, and every line is one JSON object
// with the fixed keys. tests/scenario/observability_scenario_test.cc does the
// same with the real binary.

#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "bot/egress/delivery_loop.h"
#include "bot/egress/embargo_guard.h"
#include "bot/egress/outbox_worker.h"
#include "bot/http/http_endpoint.h"
#include "bot/observability/log.h"
#include "bot/slack_api/slack_sink.h"
#include "bot/slack_api/slack_web_api.h"
#include "bot/socket_mode/socket_mode_client.h"
#include "tests/bot/inbound/inbound_fixture.h"
#include "tests/bot/socket_mode/socket_mode_fixture.h"
#include "tests/fakes/scripted_http_client.h"

using namespace srcbot;
using Json = nlohmann::json;
using std::chrono::milliseconds;

namespace {

constexpr const char* kBotToken = "xoxb-CANARY-BOT-TOKEN-1111";
constexpr const char* kAppToken = "xapp-CANARY-APP-TOKEN-2222";
constexpr const char* kTitle = "CANARY-TITLE-3333";
constexpr const char* kReporter = "CANARY-REPORTER-4444";
constexpr const char* kSlackBody = "CANARY-SLACK-BODY-5555";

const std::vector<std::string>& Canaries() {
  static const std::vector<std::string> kAll = {kBotToken, kAppToken,  kTitle,
                                                kReporter, kSlackBody, "CANARY"};
  return kAll;
}

// Slack's error answers, each carrying canaries where a careless client would copy them.
void PushHostileErrors(testing::ScriptedHttpClient& http, int rounds) {
  for (int i = 0; i < rounds; ++i) {
    http.PushJson(Json{{"ok", false}, {"error", std::string(kSlackBody) + " " + kTitle}}.dump());
    http.PushJson(Json{{"ok", false},
                       {"error", "missing_scope"},
                       {"needed", std::string(kSlackBody) + " " + kBotToken}}
                      .dump());
    http.PushJson(std::string("<html>") + kSlackBody + " " + kBotToken + "</html>", 502);
    http.PushJson(Json{{"ok", false}, {"error", kBotToken}}.dump(), 400);
  }
}

void CheckLines(const std::string& text) {
  INFO(text);
  for (const std::string& canary : Canaries()) {
    INFO(canary);
    CHECK(text.find(canary) == std::string::npos);
  }
  std::istringstream in(text);
  int count = 0;
  for (std::string line; std::getline(in, line); ++count) {
    Json j = Json::parse(line, nullptr, false);
    INFO(line);
    REQUIRE(j.is_object());
    for (const char* key : {"time", "level", "component", "message"}) {
      CHECK(j.contains(key));
      CHECK(j[key].is_string());
    }
  }
  CHECK(count > 0);
}

}  // namespace

TEST_CASE("log redaction: failed deliveries log ids and codes, never texts or tokens", "[log]") {
  bot::ScopedLogCapture capture(bot::LogLevel::kTrace);
  testing::MemoryCaseStore store;
  (void)store.SeedMembers({"UALICE"}, testing::TestNow());
  core::Case c;
  c.id = 1;
  c.title = kTitle;
  c.reporter = kReporter;
  store.cases[1] = c;
  testing::FakeDirectory directory;
  directory.channels["CSRC"] = {"CSRC", false, true, false, false, false, false, {"UALICE"}};
  testing::ScriptedHttpClient http;
  PushHostileErrors(http, 3);
  bot::EmbargoGuard guard(store, directory, [&](const bot::EgressKey& key) {
    return std::make_unique<bot::SlackSink>(
        key, http,
        bot::SlackEndpoint{
            "http://127.0.0.1:9/api", kBotToken,
            bot::RetryPolicy{1, milliseconds(1), milliseconds(1), milliseconds(100)}},
        bot::SinkOptions{milliseconds(0)}, [](milliseconds) {});
  });
  // Four messages about the case, each meeting a different error body.
  for (std::int64_t id = 1; id <= 4; ++id) {
    core::OutboxItem item;
    item.id = id;
    item.channel = "CSRC";
    item.text = std::string("New report: ") + kTitle + " from " + kReporter;
    item.about = {1};
    store.outbox.push_back({item, core::OutboxState::kPending, ""});
  }
  bot::OutboxWorker worker(store, guard);
  for (int i = 0; i < 4; ++i) {
    bot::DrainReport report = worker.Drain();
    CHECK(report.failed == 1);
  }
  // The loop logs its troubled passes too.
  bot::DeliveryLoop loop(
      worker, bot::DeliveryOptions{milliseconds(5), milliseconds(1), milliseconds(2), 100});
  loop.Start();
  testing::socket_mode::WaitUntil([&] { return loop.passes() >= 3; });
  loop.Stop();
  std::string text = capture.Text();
  CHECK(text.find("\"outbox_id\"") != std::string::npos);
  CHECK(text.find("\"case_ids\":[1]") != std::string::npos);
  CHECK(text.find("unknown_error") != std::string::npos);
  CHECK(text.find("delivery pass failed") != std::string::npos);
  CheckLines(text);
}

TEST_CASE("log redaction: Socket Mode failures log Slack's code, not its body", "[log]") {
  bot::ScopedLogCapture capture(bot::LogLevel::kTrace);
  testing::ScriptedHttpClient http;
  // Two rounds of a 500 whose body names the token, then a refusal whose
  // `error` is no code at all: that one stops the client.
  http.PushJson(std::string("{\"ok\":false,\"error\":\"") + kAppToken + "\"}", 500);
  http.PushJson(std::string("{\"ok\":false,\"error\":\"") + kAppToken + "\"}", 500);
  http.PushJson(Json{{"ok", false}, {"error", std::string(kSlackBody) + " " + kAppToken}}.dump());
  bot::SlackWebApi app_api(http, "http://127.0.0.1:9/api", kAppToken,
                           bot::RetryPolicy{1, milliseconds(1), milliseconds(1), milliseconds(100)},
                           [](milliseconds) {});
  testing::socket_mode::Rig rig;
  rig.options.log = nullptr;  // the real JSON log
  std::atomic<bool> halted{false};
  rig.options.on_halt = [&](bot::SocketModeClient::State) { halted = true; };
  bot::SocketModeClient client(app_api, rig.connector, rig.handler, rig.clock, rig.options);
  client.Start();
  REQUIRE(testing::socket_mode::WaitUntil([&] { return halted.load(); }));
  client.Stop();
  std::string text = capture.Text();
  CHECK(text.find("apps.connections.open: HTTP 500") != std::string::npos);
  CHECK(text.find("unknown_error") != std::string::npos);
  CHECK(text.find("\"level\":\"error\"") != std::string::npos);
  CheckLines(text);
}

TEST_CASE("log redaction: refused HTTP requests log neither body nor signature", "[log]") {
  bot::ScopedLogCapture capture(bot::LogLevel::kTrace);
  testing::InboundFixture f;
  bot::HttpEndpoint endpoint(f.verifier, f.inbound);  // no callback: the JSON log
  std::string body = std::string("user_id=UALICE&channel_id=CSRC&text=report+") + kTitle;
  bot::HttpRequest forged = f.Signed("/slack/commands", "application/x-www-form-urlencoded", body);
  forged.headers["x-slack-signature"] = std::string("v0=") + kSlackBody;
  CHECK(endpoint.Handle(forged).status == 401);
  bot::HttpRequest stale = f.Signed("/slack/commands", "application/x-www-form-urlencoded", body);
  stale.headers["x-slack-request-timestamp"] = "1";
  CHECK(endpoint.Handle(stale).status == 401);
  // A signed event retried by Slack: its id is worth a line, its text is not.
  Json event = {{"type", "event_callback"},
                {"event_id", "Ev1"},
                {"event", {{"type", "message"}, {"text", kTitle}}}};
  bot::HttpRequest retried = f.Signed("/slack/events", "application/json", event.dump());
  retried.headers["x-slack-retry-num"] = "1";
  retried.headers["x-slack-retry-reason"] = "http_timeout";
  CHECK(endpoint.Handle(retried).status == 200);
  std::string text = capture.Text();
  CHECK(text.find("refused") != std::string::npos);
  CHECK(text.find("Ev1") != std::string::npos);
  CheckLines(text);
}
