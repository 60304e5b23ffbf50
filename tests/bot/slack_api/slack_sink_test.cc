#include "bot/slack_api/slack_sink.h"

#include <algorithm>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include "bot/slack_api/slack_web_api.h"
#include "tests/fakes/scripted_http_client.h"
#include "tests/fakes/test_egress.h"

using namespace srcbot;
using Json = nlohmann::json;
using std::chrono::milliseconds;

namespace {

// Fake monotonic time that only moves when the sink sleeps.
struct Fixture {
  Fixture() {
    http.SetHandler([](const testing::RecordedRequest&) -> core::Result<bot::HttpResponse> {
      return testing::JsonResponse(R"({"ok":true,"ts":"1.1"})");
    });
  }
  bot::SlackSink MakeSink(bot::SinkOptions options = {}) {
    return bot::SlackSink(
        testing::TestEgress::Key(), http, Endpoint(), options,
        [this](milliseconds d) {
          std::lock_guard<std::mutex> lock(mutex);
          sleeps.push_back(d);
          if (advance) now += d;
        },
        [this] {
          std::lock_guard<std::mutex> lock(mutex);
          return now;
        },
        [] { return 0.5; });
  }
  testing::ScriptedHttpClient http;
  static bot::SlackEndpoint Endpoint() { return {"http://127.0.0.1:9/api/", "xoxb-t", {}}; }
  std::mutex mutex;
  std::chrono::steady_clock::time_point now{std::chrono::hours(1000)};
  std::vector<milliseconds> sleeps;
  bool advance = true;
};

}  // namespace

TEST_CASE("slack sink: each kind of message goes to its method", "[slack]") {
  Fixture f;
  bot::SlackSink sink = f.MakeSink();
  REQUIRE(sink.Post("C1", "to the channel").ok());
  REQUIRE(sink.PostEphemeral("C1", "U1", "to one person").ok());
  REQUIRE(sink.PostDirect("U2", "a DM").ok());
  auto r = f.http.requests();
  REQUIRE(r.size() == 3);
  CHECK(r[0].url == "http://127.0.0.1:9/api/chat.postMessage");
  CHECK(Json::parse(r[0].body) ==
        Json{{"channel", "C1"}, {"text", "to the channel"}, {"mrkdwn", true}});
  CHECK(r[1].url == "http://127.0.0.1:9/api/chat.postEphemeral");
  CHECK(Json::parse(r[1].body) ==
        Json{{"channel", "C1"}, {"user", "U1"}, {"text", "to one person"}});
  CHECK(r[2].url == "http://127.0.0.1:9/api/chat.postMessage");
  CHECK(Json::parse(r[2].body)["channel"] == "U2");
}

TEST_CASE("slack sink: modals and App Home views go to views.open and views.publish", "[slack]") {
  Fixture f;
  bot::SlackSink sink = f.MakeSink();
  REQUIRE(sink.OpenView("T.1", Json{{"type", "modal"}}).ok());
  REQUIRE(sink.PublishHome("U1", Json{{"type", "home"}}).ok());
  auto r = f.http.requests();
  REQUIRE(r.size() == 2);
  CHECK(r[0].url == "http://127.0.0.1:9/api/views.open");
  CHECK(Json::parse(r[0].body) == Json{{"trigger_id", "T.1"}, {"view", {{"type", "modal"}}}});
  CHECK(r[1].url == "http://127.0.0.1:9/api/views.publish");
  CHECK(Json::parse(r[1].body) == Json{{"user_id", "U1"}, {"view", {{"type", "home"}}}});
}

TEST_CASE("slack sink: one post per second per channel", "[slack]") {
  Fixture f;
  bot::SlackSink sink = f.MakeSink();
  for (int i = 0; i < 3; ++i) REQUIRE(sink.Post("C1", "m").ok());
  CHECK(f.sleeps == std::vector<milliseconds>{milliseconds(1000), milliseconds(1000)});
  f.sleeps.clear();
  REQUIRE(sink.Post("C2", "m").ok());
  REQUIRE(sink.PostDirect("U1", "m").ok());
  REQUIRE(sink.PostEphemeral("C1", "U1", "m").ok());  // ephemerals never wait
  CHECK(f.sleeps.empty());
  f.now += milliseconds(1500);  // long after C1's last slot
  REQUIRE(sink.Post("C1", "m").ok());
  CHECK(f.sleeps.empty());
}

TEST_CASE("slack sink: concurrent posts to one channel each book their own slot", "[slack]") {
  Fixture f;
  f.advance = false;  // time stands still: every waiter sees the whole queue ahead
  bot::SlackSink sink = f.MakeSink();
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([&] { (void)sink.Post("C1", "m"); });
  for (auto& t : threads) t.join();
  std::sort(f.sleeps.begin(), f.sleeps.end());
  CHECK(f.sleeps ==
        std::vector<milliseconds>{milliseconds(1000), milliseconds(2000), milliseconds(3000)});
  CHECK(f.http.count() == 4);
}

TEST_CASE("slack sink: Respond posts ephemeral JSON to the response_url", "[slack]") {
  Fixture f;
  testing::ScriptedHttpClient hooks;
  bot::SlackSink responder(testing::TestEgress::Key(), hooks, f.Endpoint(), {},
                           [&](milliseconds d) { f.sleeps.push_back(d); });
  hooks.PushJson("oops", 503);
  hooks.Push(testing::JsonResponse("ok", 200));
  REQUIRE(responder.Respond("http://127.0.0.1:9/hooks/T1/B1/xyz", "done *ok*").ok());
  auto r = hooks.requests();
  REQUIRE(r.size() == 2);
  CHECK(r[0].method == "POST");
  CHECK(r[0].url == "http://127.0.0.1:9/hooks/T1/B1/xyz");
  CHECK(bot::HeaderValue(r[0].headers, "authorization").empty());
  CHECK(bot::HeaderValue(r[0].headers, "content-type").rfind("application/json", 0) == 0);
  CHECK(Json::parse(r[0].body) == Json{{"response_type", "ephemeral"}, {"text", "done *ok*"}});
  CHECK(f.sleeps.size() == 1);
  CHECK(f.http.count() == 0);  // never through the Web API
}

TEST_CASE("slack sink: Respond gives up on a used URL and on a bad one", "[slack]") {
  Fixture f;
  testing::ScriptedHttpClient hooks;
  bot::SlackSink sink(testing::TestEgress::Key(), hooks, f.Endpoint(), {}, [](milliseconds) {});
  hooks.PushJson("used_url", 404);
  core::Status used = sink.Respond("https://hooks.slack.com/commands/1/2", "x");
  CHECK(used.code() == core::Code::kInvalidArgument);
  CHECK(used.message().find("hooks.slack.com") == std::string::npos);
  CHECK(hooks.count() == 1);
  CHECK(sink.Respond("file:///etc/passwd", "x").code() == core::Code::kInvalidArgument);
  CHECK(hooks.count() == 1);
  hooks.SetHandler([](const testing::RecordedRequest&) -> core::Result<bot::HttpResponse> {
    return testing::JsonResponse("", 500);
  });
  CHECK(sink.Respond("https://hooks.slack.com/commands/1/2", "x").code() ==
        core::Code::kUnavailable);
  CHECK(hooks.count() == 4);  // three tries
}
