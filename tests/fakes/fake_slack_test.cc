// Self-test of the loopback fake Slack (tests/fakes/fake_slack.h), driven by
// the real transports. SocketModeClient against it:
// tests/bot/socket_mode/socket_mode_live_test.cc.

#include "tests/fakes/fake_slack.h"

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "bot/net/http_client.h"
#include "bot/runtime/backoff.h"
#include "bot/slack_api/slack_web_api.h"
#include "bot/socket_mode/socket_mode_client.h"
#include "bot/socket_mode/websocket.h"

using namespace srcbot;
using Json = nlohmann::json;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds kWait{5000};

struct Rig {
  testing::FakeSlack slack;
  std::unique_ptr<bot::HttpClient> http = bot::MakeCpprestHttpClient();

  Rig() { REQUIRE(slack.Start().ok()); }

  bot::HttpResponse Post(const std::string& method, const std::string& token,
                         const std::string& content_type, const std::string& body) {
    bot::HttpHeaders headers = {{"content-type", content_type}};
    if (!token.empty()) headers["authorization"] = "Bearer " + token;
    auto response = http->Send("POST", slack.api_base() + method, headers, body, kWait);
    REQUIRE(response.ok());
    return response.value();
  }
  Json Call(const std::string& method, const Json& args, const std::string& token = "") {
    bot::HttpResponse r = Post(method, token.empty() ? slack.options().bot_token : token,
                               "application/json; charset=utf-8", args.dump());
    return Json::parse(r.body);
  }
};

}  // namespace

TEST_CASE("fake slack: calls are checked for a token, answered and recorded", "[socket]") {
  Rig rig;
  Json auth = rig.Call("auth.test", Json::object());
  CHECK(auth["ok"] == true);
  CHECK(auth["user_id"] == "UBOT");
  CHECK(auth["bot_id"] == "BBOT");
  CHECK(rig.Call("auth.test", Json::object(), "xoxb-wrong")["error"] == "invalid_auth");
  CHECK(Json::parse(rig.Post("auth.test", "", "application/json", "{}").body)["error"] ==
        "not_authed");

  // A form body, as some clients send it.
  bot::HttpResponse posted =
      rig.Post("chat.postMessage", rig.slack.options().bot_token,
               "application/x-www-form-urlencoded", "channel=C1&text=hello+w%C3%B6rld%21");
  CHECK(posted.status == 200);
  Json post = Json::parse(posted.body);
  CHECK(post["ok"] == true);
  REQUIRE(rig.slack.Messages().size() == 1);
  CHECK(rig.slack.Messages()[0].text == "hello w\xC3\xB6rld!");
  CHECK(rig.slack.Messages()[0].ts == post["ts"]);
  auto call = rig.slack.WaitForCall(
      "chat.postMessage", [](const testing::ApiCall& c) { return c.args["channel"] == "C1"; },
      kWait);
  REQUIRE(call);
  CHECK(call->headers.at("authorization") == "Bearer " + rig.slack.options().bot_token);

  // apps.connections.open takes the app token only, and hands out loopback URLs.
  CHECK(rig.Call("apps.connections.open", Json::object())["error"] == "not_allowed_token_type");
  Json open = rig.Call("apps.connections.open", Json::object(), rig.slack.options().app_token);
  CHECK(open["url"] == "ws://127.0.0.1:" + std::to_string(rig.slack.ws_port()) + "/link/?ticket=1");
  CHECK(rig.slack.Calls().size() == 6);
}

TEST_CASE("fake slack: chat.update edits a post; views.open takes a trigger once, within 3 s",
          "[socket]") {
  Rig rig;
  Json post = rig.Call("chat.postMessage", {{"channel", "C1"}, {"text", "before"}});
  Json blocks =
      Json::array({{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "after"}}}}});
  Json edit =
      rig.Call("chat.update",
               {{"channel", "C1"}, {"ts", post["ts"]}, {"text", "after"}, {"blocks", blocks}});
  CHECK(edit["ok"] == true);
  REQUIRE(rig.slack.Messages().size() == 1);
  CHECK(rig.slack.Messages()[0].text == "after");
  CHECK(rig.slack.Messages()[0].blocks == blocks);
  CHECK(rig.Call("chat.update", {{"channel", "C1"}, {"ts", "9.9"}, {"text", "x"}})["error"] ==
        "message_not_found");

  Json view = {{"type", "modal"}, {"title", {{"type", "plain_text"}, {"text", "T"}}}};
  const std::string trigger = rig.slack.IssueTrigger();
  Json opened = rig.Call("views.open", {{"trigger_id", trigger}, {"view", view}});
  CHECK(opened["ok"] == true);
  CHECK(opened["view"]["id"].is_string());
  CHECK(rig.Call("views.open", {{"trigger_id", trigger}, {"view", view}})["error"] ==
        "exchanged_trigger_id");
  const std::string late = rig.slack.IssueTrigger();
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  CHECK(rig.Call("views.open", {{"trigger_id", late}, {"view", view}})["error"] ==
        "expired_trigger_id");
}

TEST_CASE("fake slack: scripted failures, rate limits and the posting limit", "[socket]") {
  Rig rig;
  rig.slack.RateLimitNext("chat.postMessage", 2, 7);
  rig.slack.FailNext("users.info", 1, 503);
  const std::string token = rig.slack.options().bot_token;
  for (int i = 0; i < 2; ++i) {
    bot::HttpResponse limited =
        rig.Post("chat.postMessage", token, "application/json", R"({"channel":"C1","text":"x"})");
    CHECK(limited.status == 429);
    CHECK(bot::HeaderValue(limited.headers, "retry-after") == "7");
    CHECK(Json::parse(limited.body)["error"] == "ratelimited");
  }
  CHECK(rig.Call("chat.postMessage", {{"channel", "C1"}, {"text", "x"}})["ok"] == true);
  CHECK(rig.Post("users.info", token, "application/json", R"({"user":"U1"})").status == 503);
  rig.slack.FailNext("auth.test", 100, 500);
  rig.slack.FailNext("auth.test", 0);  // Slack is back
  CHECK(rig.Call("auth.test", Json::object())["ok"] == true);
  CHECK(rig.Call("users.info", {{"user", "U1"}})["error"] == "user_not_found");

  rig.slack.SetPostMessageLimit(1);
  CHECK(rig.Post("chat.postMessage", token, "application/json", R"({"channel":"C2","text":"a"})")
            .status == 200);
  CHECK(rig.Post("chat.postMessage", token, "application/json", R"({"channel":"C2","text":"b"})")
            .status == 429);
  CHECK(rig.Post("chat.postMessage", token, "application/json", R"({"channel":"C3","text":"c"})")
            .status == 200);
}

TEST_CASE("fake slack: channel facts, members in pages of two, users, hooks", "[socket]") {
  Rig rig;
  testing::FakeChannel src;
  src.name = "src";
  src.is_private = true;
  src.members = {"U1", "U2", "U3", "U4", "U5"};
  rig.slack.SetChannel("G1", src);
  rig.slack.SetUser({"U1", "alice", "Europe/Berlin", false, false});

  Json info = rig.Call("conversations.info", {{"channel", "G1"}});
  CHECK(info["channel"]["is_private"] == true);
  CHECK(info["channel"]["is_ext_shared"] == false);
  CHECK(rig.Call("conversations.info", {{"channel", "C404"}})["error"] == "channel_not_found");

  std::vector<std::string> members;
  std::string cursor;
  int pages = 0;
  do {
    Json args = {{"channel", "G1"}};
    if (!cursor.empty()) args["cursor"] = cursor;
    Json page = rig.Call("conversations.members", args);
    REQUIRE(page["ok"] == true);
    CHECK(page["members"].size() <= 2);
    for (const Json& m : page["members"]) members.push_back(m.get<std::string>());
    cursor = page["response_metadata"]["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  CHECK(pages == 3);
  CHECK(members == src.members);

  CHECK(rig.Call("users.info", {{"user", "U1"}})["user"]["tz"] == "Europe/Berlin");

  auto hook = rig.http->Send("POST", rig.slack.HookUrl("abc"),
                             {{"content-type", "application/json"}}, R"({"text":"later"})", kWait);
  REQUIRE(hook.ok());
  CHECK(hook.value().status == 200);
  auto recorded = rig.slack.WaitForHook("abc", kWait);
  REQUIRE(recorded);
  CHECK(recorded->json["text"] == "later");
}

TEST_CASE("fake slack: hello, envelope and ack over a real websocket", "[socket]") {
  Rig rig;
  std::string url =
      rig.Call("apps.connections.open", Json::object(), rig.slack.options().app_token)["url"];
  auto connector = bot::MakeBeastWebSocketConnector();
  std::mutex mutex;
  std::vector<std::string> frames;
  std::atomic<bool> closed{false};
  bot::WebSocketCallbacks callbacks;
  callbacks.on_message = [&](const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex);
    frames.push_back(text);
  };
  callbacks.on_close = [&] { closed = true; };
  auto socket = connector->Connect(url, callbacks, kWait);
  REQUIRE(socket.ok());
  REQUIRE(rig.slack.WaitForConnections(1, kWait));
  auto count = [&] {
    std::lock_guard<std::mutex> lock(mutex);
    return frames.size();
  };
  auto until = [](auto predicate) {
    auto deadline = std::chrono::steady_clock::now() + kWait;
    while (!predicate() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(5));
    }
    return predicate();
  };
  auto frame = [&](std::size_t i) {
    std::lock_guard<std::mutex> lock(mutex);
    return Json::parse(frames.at(i));
  };
  REQUIRE(until([&] { return count() >= 1; }));
  CHECK(frame(0)["type"] == "hello");

  std::string id = rig.slack.SendEnvelope("slash_commands", {{"text", "hi"}}, true);
  REQUIRE(!id.empty());
  REQUIRE(until([&] { return count() >= 2; }));
  Json envelope = frame(1);
  CHECK(envelope["envelope_id"] == id);
  CHECK(envelope["accepts_response_payload"] == true);
  REQUIRE(
      socket.value()->Send(Json{{"envelope_id", id}, {"payload", {{"text", "ok"}}}}.dump()).ok());
  auto ack = rig.slack.WaitAck(id, kWait);
  REQUIRE(ack);
  CHECK((*ack)["payload"]["text"] == "ok");

  // A ticket works once.
  CHECK_FALSE(connector->Connect(url, {}, kWait).ok());
  rig.slack.DropConnections();
  CHECK(until([&] { return closed.load(); }));
}
