// Each metric moves when its event happens, through the real objects that
// report it (SlackWebApi, EmbargoGuard, HttpEndpoint, SocketModeClient,
// SlackInbound) over the usual fakes, and GET /metrics needs no signature.

#include <catch2/catch.hpp>

#include "bot/egress/embargo_guard.h"
#include "bot/http/http_endpoint.h"
#include "bot/observability/metrics.h"
#include "bot/observability/metrics_endpoint.h"
#include "bot/slack_api/slack_web_api.h"
#include "bot/socket_mode/socket_mode_client.h"
#include "commands/verb_table.h"
#include "tests/bot/inbound/inbound_fixture.h"
#include "tests/bot/socket_mode/socket_mode_fixture.h"
#include "tests/fakes/exposition_parser.h"
#include "tests/fakes/scripted_http_client.h"

using namespace srcbot;
using Json = nlohmann::json;
using std::chrono::milliseconds;

namespace {

std::vector<std::string> VerbNames() {
  std::vector<std::string> names;
  for (const commands::Verb& verb : commands::Verbs()) names.emplace_back(verb.name);
  return names;
}

// Each reading of the clock is 10 ms after the one before.
bot::MonotonicNow Ticking() {
  auto now = std::make_shared<std::chrono::steady_clock::time_point>();
  return [now] { return *now += milliseconds(10); };
}

double Count(const bot::Histogram& h) { return static_cast<double>(h.Read().count); }

struct WebApiFixture {
  bot::Metrics metrics{VerbNames()};
  testing::ScriptedHttpClient http;
  bot::SlackWebApi api{testing::TestEgress::Key(),
                       http,
                       "http://127.0.0.1:9/api",
                       "xoxb-test",
                       bot::RetryPolicy{3, milliseconds(1), milliseconds(1), milliseconds(100)},
                       [](milliseconds) {},
                       [] { return 0.5; }};
  WebApiFixture() { api.SetMetrics(&metrics); }
  std::uint64_t Calls(const char* method, const char* result) const {
    return metrics.slack_calls().Value({method, result});
  }
  std::uint64_t Limited() const { return metrics.slack_ratelimited().Value({}); }
};

// InboundFixture's objects again, with a Metrics handed to each.
struct MeteredInbound {
  bot::Metrics metrics{VerbNames(), Ticking()};
  testing::MemoryCaseStore store;
  testing::FakeClock clock{testing::TestNow()};
  commands::CommandService service{store, clock, {"CSRC", core::DeadlinePolicy{}}};
  testing::CountingDirectory directory;
  std::shared_ptr<std::vector<testing::Sent>> sent = std::make_shared<std::vector<testing::Sent>>();
  testing::RespondingSink* sink = nullptr;
  bot::EmbargoGuard guard{store, directory, testing::SinkOf(&sink, sent), &metrics};
  testing::MemoryEventLog events;
  bot::SlackInbound inbound{service, guard, events, directory, clock, {"UBOT", "BBOT", "AAPP"}, {}};
  bot::SignatureVerifier verifier{testing::InboundFixture::kSecret, clock};
  std::vector<std::string> log;
  bot::HttpEndpoint endpoint{verifier, inbound,
                             [this](const std::string& line) { log.push_back(line); }, &metrics};

  MeteredInbound() {
    inbound.SetMetrics(&metrics);
    (void)store.SeedMembers({"UALICE", "UBOB"}, clock.Now());
    directory.channels["CSRC"] = {"CSRC", false, true,  false,
                                  false,  false, false, {"UALICE", "UBOB"}};
    directory.channels["CGEN"] = {"CGEN", false, false, false,
                                  false,  false, false, {"UALICE", "UEVE"}};
  }

  bot::HttpResponse Command(const std::string& user, const std::string& channel,
                            const std::string& text) {
    std::string body = testing::FormEncode({{"channel_id", channel},
                                            {"user_id", user},
                                            {"command", "/src"},
                                            {"text", text},
                                            {"api_app_id", "AAPP"}});
    std::string ts = std::to_string(clock.Now().time_since_epoch().count());
    return endpoint.Handle(
        {"POST",
         "/slack/commands",
         "",
         {{"content-type", "application/x-www-form-urlencoded"},
          {"x-slack-request-timestamp", ts},
          {"x-slack-signature", bot::SlackSignature(testing::InboundFixture::kSecret, ts, body)}},
         body});
  }
  std::uint64_t Commands(const char* verb, const char* outcome) const {
    return metrics.commands().Value({verb, outcome});
  }
  std::uint64_t Verdicts(const char* verdict) const {
    return metrics.embargo_decisions().Value({verdict});
  }
};

}  // namespace

TEST_CASE("metrics hooks: the Web API counts each call by method and final result", "[metrics]") {
  WebApiFixture f;
  f.http.PushJson(R"({"ok":true,"ts":"1.2"})");
  REQUIRE(f.api.PostMessage("C1", "hi", Json()).ok());
  CHECK(f.Calls("chat.postMessage", "ok") == 1);

  f.http.PushJson(R"({"ok":false,"error":"channel_not_found"})");
  CHECK_FALSE(f.api.PostMessage("C1", "hi", Json()).ok());
  CHECK(f.Calls("chat.postMessage", "error") == 1);

  // A 429, then success: one call that ended ok, one rate-limited answer.
  f.http.PushJson(R"({"ok":false,"error":"ratelimited"})", 429, {{"retry-after", "1"}});
  f.http.PushJson(R"({"ok":true,"ts":"1.3"})");
  REQUIRE(f.api.PostMessage("C1", "hi", Json()).ok());
  CHECK(f.Calls("chat.postMessage", "ok") == 2);
  CHECK(f.Limited() == 1);

  // Limited on every try: the call ends "ratelimited", each answer counted.
  for (int i = 0; i < 3; ++i) {
    f.http.PushJson(R"({"ok":false,"error":"ratelimited"})", 429, {{"retry-after", "1"}});
  }
  CHECK_FALSE(f.api.AuthTest().ok());
  CHECK(f.Calls("auth.test", "ratelimited") == 1);
  CHECK(f.Limited() == 4);

  // ok:false "rate_limited" in a 200 counts the same; then a 500 ends it as an error.
  f.http.PushJson(R"({"ok":false,"error":"rate_limited"})");
  for (int i = 0; i < 2; ++i) f.http.PushJson("oops", 500);
  CHECK_FALSE(f.api.PostMessage("C1", "hi", Json()).ok());
  CHECK(f.Limited() == 5);
  CHECK(f.Calls("chat.postMessage", "error") == 2);

  // A reading-only client refuses writes without calling Slack: nothing counted.
  bot::SlackWebApi reader(f.http, "http://127.0.0.1:9/api", "xoxb-test", {}, [](milliseconds) {});
  reader.SetMetrics(&f.metrics);
  CHECK_FALSE(reader.PostMessage("C1", "hi", Json()).ok());
  CHECK(f.Calls("chat.postMessage", "error") == 2);
}

TEST_CASE("metrics hooks: the guard counts its decisions about cases by verdict", "[metrics]") {
  MeteredInbound f;
  core::Case c;
  c.id = 1;
  c.title = "Secret";
  f.store.cases[1] = c;
  std::string note;
  CHECK(f.guard.Deliver({1, "CSRC", false, "details", {1}, {}, 0, "", {}}, &note) ==
        bot::GuardOutcome::kSent);
  CHECK(f.guard.Deliver({2, "CGEN", false, "details", {1}, {}, 0, "", {}}, &note) ==
        bot::GuardOutcome::kHeld);
  // Facts missing (an unknown channel): fails closed, counted as held.
  CHECK(f.guard.Deliver({3, "CNOWHERE", false, "details", {1}, {}, 0, "", {}}, &note) ==
        bot::GuardOutcome::kFailed);
  // A text about no case is not a decision worth counting.
  CHECK(f.guard.Deliver({4, "CGEN", false, "hello", {}, {}, 0, "", {}}, &note) ==
        bot::GuardOutcome::kSent);
  CHECK(f.Verdicts("sent") == 1);
  CHECK(f.Verdicts("refused") == 1);
  CHECK(f.Verdicts("held") == 1);
  // A reply with details in a public channel is refused.
  (void)f.guard.ReplyText({"UALICE", "CGEN", "show SRC-1"}, {"Secret", {1}, ""}, nullptr);
  CHECK(f.Verdicts("refused") == 2);
}

TEST_CASE("metrics hooks: commands are counted by verb and outcome, acks are timed", "[metrics]") {
  MeteredInbound f;
  CHECK(f.Command("UALICE", "CSRC", "help").status == 200);
  CHECK(f.Command("UALICE", "CSRC", "report \"CANARY-TITLE\"").status == 200);
  CHECK(f.Command("UALICE", "CSRC", "CANARY-VERB with words").status == 200);
  CHECK(f.Command("UEVE", "CGEN", "ack SRC-1").status == 200);  // not an SRC member
  CHECK(f.Commands("help", "ok") == 1);
  CHECK(f.Commands("report", "ok") == 1);
  CHECK(f.Commands("unknown", "error") == 1);
  CHECK(f.Commands("ack", "error") == 1);
  CHECK(Count(f.metrics.ack_seconds()) == 4);
  // Ticking() moves 10 ms per reading: each ack took exactly that.
  CHECK(f.metrics.ack_seconds().Read().sum == Approx(0.04));
  std::string text = f.metrics.Render();
  CHECK(text.find("CANARY") == std::string::npos);
  CHECK(text.find("UALICE") == std::string::npos);
  CHECK(text.find("CSRC") == std::string::npos);
}

TEST_CASE("metrics hooks: GET /metrics needs no signature; Slack paths still do", "[metrics]") {
  MeteredInbound f;
  (void)f.Command("UALICE", "CSRC", "help");
  bot::HttpResponse r = f.endpoint.Handle({"GET", "/metrics", "", {}, ""});
  CHECK(r.status == 200);
  CHECK(r.content_type == "text/plain; version=0.0.4; charset=utf-8");
  auto e = testing::ParseExposition(r.body);
  CHECK(e.errors.empty());
  CHECK(e.Value("srcbot_commands_total", {{"verb", "help"}, {"outcome", "ok"}}) == 1);
  CHECK(e.Value("srcbot_ack_seconds_count") == 1);  // /metrics itself is not an ack

  CHECK(f.endpoint.Handle({"HEAD", "/metrics", "", {}, ""}).body.empty());
  bot::HttpResponse post = f.endpoint.Handle({"POST", "/metrics", "", {}, ""});
  CHECK(post.status == 405);
  CHECK(post.headers["allow"] == "GET, HEAD");
  CHECK(f.endpoint.Handle({"GET", "/healthz", "", {}, ""}).status == 200);
  // The Slack paths keep requiring the signature.
  bot::HttpResponse unsigned_post =
      f.endpoint.Handle({"POST",
                         "/slack/commands",
                         "",
                         {{"content-type", "application/x-www-form-urlencoded"}},
                         "user_id=UALICE&channel_id=CSRC&text=help"});
  CHECK(unsigned_post.status == 401);
  CHECK(f.Commands("help", "ok") == 1);

  // Without a Metrics there is no /metrics.
  testing::InboundFixture plain;
  CHECK(plain.endpoint.Handle({"GET", "/metrics", "", {}, ""}).status == 404);
}

TEST_CASE("metrics hooks: the metrics listener serves /metrics and /healthz only", "[metrics]") {
  bot::Metrics metrics(VerbNames());
  bot::HttpResponse r = bot::MetricsListenerResponse(metrics, {"GET", "/metrics", "", {}, ""});
  CHECK(r.status == 200);
  CHECK(testing::ParseExposition(r.body).errors.empty());
  CHECK(bot::MetricsListenerResponse(metrics, {"GET", "/healthz", "", {}, ""}).body == "ok");
  CHECK(bot::MetricsListenerResponse(metrics, {"POST", "/slack/commands", "", {}, ""}).status ==
        404);
  CHECK(bot::MetricsListenerResponse(metrics, {"GET", "/", "", {}, ""}).status == 404);
}

TEST_CASE("metrics hooks: Socket Mode counts reconnects and times each ack", "[metrics]") {
  using namespace testing::socket_mode;
  bot::Metrics metrics(VerbNames(), Ticking());
  Rig rig;
  rig.options.metrics = &metrics;
  auto client = rig.Start();
  REQUIRE(WaitUntil([&] { return client->state() == bot::SocketModeClient::State::kConnected; }));
  testing::FakeWebSocketPeer first = rig.connector.peer(1);
  first.Deliver(Envelope("e1", "slash_commands", {{"command", "/src"}}, true));
  (void)Ack(first, 1);
  REQUIRE(WaitUntil([&] { return metrics.ack_seconds().Read().count == 1; }));
  CHECK(metrics.socket_reconnects().Value({}) == 0);

  first.Deliver(R"({"type":"disconnect","reason":"refresh_requested"})");
  REQUIRE(WaitUntil([&] { return client->stats().reconnects == 1; }));
  CHECK(metrics.socket_reconnects().Value({}) == 1);
  testing::FakeWebSocketPeer second = rig.connector.peer(2);
  second.Deliver(Envelope("e2", "events_api", {{"event_id", "Ev2"}}, false));
  (void)Ack(second, 1);
  REQUIRE(WaitUntil([&] { return metrics.ack_seconds().Read().count == 2; }));
  client->Stop();
  CHECK(metrics.ack_seconds().Read().sum == Approx(0.02));
}
