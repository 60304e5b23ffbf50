#include "bot/slack_api/slack_web_api.h"

#include <catch2/catch.hpp>

#include "tests/fakes/scripted_http_client.h"
#include "tests/fakes/test_egress.h"

using namespace srcbot;
using Json = nlohmann::json;
using std::chrono::milliseconds;

namespace {

constexpr const char* kToken = "xoxb-secret-token-123";

struct Fixture {
  testing::ScriptedHttpClient http;
  std::vector<milliseconds> sleeps;
  bot::RetryPolicy policy{4, milliseconds(100), milliseconds(1000), milliseconds(5000)};
  bot::SlackWebApi api{testing::TestEgress::Key(),
                       http,
                       "http://127.0.0.1:9/api",
                       kToken,
                       policy,
                       [this](milliseconds d) { sleeps.push_back(d); },
                       [] { return 0.5; }};
};

Json Body(const testing::RecordedRequest& r) { return Json::parse(r.body); }

}  // namespace

TEST_CASE("slack web api: a call is a POST of JSON with the bearer token", "[slack]") {
  Fixture f;
  f.http.PushJson(R"({"ok":true,"channel":"C1","ts":"1503435956.000247"})");
  auto ts = f.api.PostMessage("C1", "hello *world*", Json());
  REQUIRE(ts.ok());
  CHECK(ts.value() == "1503435956.000247");
  auto requests = f.http.requests();
  REQUIRE(requests.size() == 1);
  const auto& r = requests[0];
  CHECK(r.method == "POST");
  CHECK(r.url == "http://127.0.0.1:9/api/chat.postMessage");
  CHECK(bot::HeaderValue(r.headers, "Authorization") == std::string("Bearer ") + kToken);
  CHECK(bot::HeaderValue(r.headers, "Content-Type") == "application/json; charset=utf-8");
  CHECK(r.timeout == milliseconds(5000));
  Json body = Body(r);
  CHECK(body["channel"] == "C1");
  CHECK(body["text"] == "hello *world*");
  CHECK(body["mrkdwn"] == true);
  CHECK_FALSE(body.contains("blocks"));
  CHECK(f.sleeps.empty());
}

TEST_CASE("slack web api: the base URL gets exactly one trailing slash", "[slack]") {
  testing::ScriptedHttpClient http;
  bot::SlackWebApi api(http, "http://127.0.0.1:9/api//", kToken, {}, [](milliseconds) {});
  http.PushJson(R"({"ok":true,"user_id":"UBOT","bot_id":"B1","team_id":"T1"})");
  auto auth = api.AuthTest();
  REQUIRE(auth.ok());
  CHECK(auth.value().user_id == "UBOT");
  CHECK(auth.value().bot_id == "B1");
  CHECK(auth.value().team_id == "T1");
  CHECK(http.requests().at(0).url == "http://127.0.0.1:9/api/auth.test");
}

TEST_CASE("slack web api: ok:false codes map to core codes without a retry", "[slack]") {
  auto [error, code] = GENERATE(table<std::string, core::Code>({
      {"invalid_auth", core::Code::kPermissionDenied},
      {"not_authed", core::Code::kPermissionDenied},
      {"token_revoked", core::Code::kPermissionDenied},
      {"account_inactive", core::Code::kPermissionDenied},
      {"missing_scope", core::Code::kPermissionDenied},
      {"channel_not_found", core::Code::kNotFound},
      {"user_not_found", core::Code::kNotFound},
      {"not_in_channel", core::Code::kNotFound},
      {"invalid_blocks", core::Code::kInvalidArgument},
      {"is_archived", core::Code::kInvalidArgument},
      {"no_text", core::Code::kInvalidArgument},
  }));
  Fixture f;
  f.http.PushJson(Json{{"ok", false}, {"error", error}}.dump());
  core::Status st = f.api.PostEphemeral("C1", "U1", "hi", Json());
  CHECK(st.code() == code);
  CHECK(st.message() == "chat.postEphemeral: " + error);
  CHECK(f.http.count() == 1);
  CHECK(f.sleeps.empty());
}

TEST_CASE("slack web api: HTTP 429 waits Retry-After seconds, then succeeds", "[slack]") {
  Fixture f;
  f.http.PushJson(R"({"ok":false,"error":"ratelimited"})", 429, {{"retry-after", "2"}});
  f.http.PushJson(R"({"ok":true,"ts":"1.2"})");
  auto ts = f.api.PostMessage("C1", "x", Json());
  REQUIRE(ts.ok());
  CHECK(f.sleeps == std::vector<milliseconds>{milliseconds(2000)});
  CHECK(f.http.count() == 2);
}

TEST_CASE("slack web api: a missing or odd Retry-After waits 1 s; a huge one is capped",
          "[slack]") {
  auto [header, expected] = GENERATE(table<std::string, milliseconds>({
      {"", milliseconds(1000)},
      {"soon", milliseconds(1000)},
      {"Wed, 21 Oct 2015 07:28:00 GMT", milliseconds(1000)},
      {"3600", milliseconds(60'000)},
      {" 3 ", milliseconds(3000)},
  }));
  Fixture f;
  bot::HttpHeaders headers;
  if (!header.empty()) headers["retry-after"] = header;
  f.http.PushJson(R"({"ok":false,"error":"ratelimited"})", 429, headers);
  f.http.PushJson(R"({"ok":true})");
  CHECK(f.api.Call("auth.test", Json::object()).ok());
  CHECK(f.sleeps == std::vector<milliseconds>{expected});
}

TEST_CASE("slack web api: 5xx is retried with growing backoff", "[slack]") {
  Fixture f;
  for (int i = 0; i < 3; ++i) f.http.PushJson("<html>bad gateway</html>", 502);
  f.http.PushJson(R"({"ok":true,"ts":"9.9"})");
  auto ts = f.api.PostMessage("C1", "x", Json());
  REQUIRE(ts.ok());
  CHECK(ts.value() == "9.9");
  CHECK(f.http.count() == 4);
  // base 100 ms doubling, equal jitter at 0.5: 75, 150, 300.
  CHECK(f.sleeps ==
        std::vector<milliseconds>{milliseconds(75), milliseconds(150), milliseconds(300)});
}

TEST_CASE("slack web api: transient ok:false codes are retried", "[slack]") {
  Fixture f;
  f.http.PushJson(R"({"ok":false,"error":"internal_error"})");
  f.http.PushJson(R"({"ok":false,"error":"ratelimited"})", 200, {{"retry-after", "4"}});
  f.http.PushJson(R"({"ok":true})");
  CHECK(f.api.Call("chat.update", Json::object()).ok());
  CHECK(f.sleeps == std::vector<milliseconds>{milliseconds(75), milliseconds(4000)});
}

TEST_CASE("slack web api: running out of attempts is kUnavailable", "[slack]") {
  Fixture f;
  SECTION("server errors") {
    f.http.SetHandler([](const testing::RecordedRequest&) -> core::Result<bot::HttpResponse> {
      return testing::JsonResponse("oops", 500);
    });
  }
  SECTION("network errors") {
    f.http.SetHandler([](const testing::RecordedRequest&) -> core::Result<bot::HttpResponse> {
      return core::Status::Unavailable("connection refused by 127.0.0.1");
    });
  }
  auto r = f.api.Call("conversations.info", Json{{"channel", "C1"}});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == core::Code::kUnavailable);
  CHECK(r.status().message().rfind("conversations.info: ", 0) == 0);
  CHECK(f.http.count() == 4);
  CHECK(f.sleeps.size() == 3);  // no sleep after the last try
}

TEST_CASE("slack web api: a body that is not JSON is kUnavailable", "[slack]") {
  Fixture f;
  f.http.PushJson("<html>hi</html>");
  auto r = f.api.Call("auth.test", Json::object());
  CHECK(r.status().code() == core::Code::kUnavailable);
  CHECK(r.status().message() == "auth.test: response is not JSON");
  CHECK(f.http.count() == 1);
}

TEST_CASE("slack web api: error messages never hold the token", "[slack]") {
  Fixture f;
  std::string token = kToken;
  f.http.PushJson(Json{{"ok", false}, {"error", token}}.dump());
  f.http.PushJson(Json{{"ok", false}, {"error", "missing_scope"}, {"needed", token}}.dump());
  f.http.SetHandler([&](const testing::RecordedRequest&) -> core::Result<bot::HttpResponse> {
    return core::Status::Unavailable("refused: Bearer " + token);
  });
  std::vector<core::Status> errors;
  errors.push_back(f.api.Call("auth.test", Json::object()).status());
  errors.push_back(f.api.Call("auth.test", Json::object()).status());
  errors.push_back(f.api.Call("auth.test", Json::object()).status());
  for (const core::Status& st : errors) {
    CHECK_FALSE(st.ok());
    CHECK(st.message().find(token) == std::string::npos);
    CHECK(st.message().find("secret") == std::string::npos);
  }
  CHECK(errors[1].code() == core::Code::kPermissionDenied);
}

TEST_CASE("slack web api: conversations.members follows every cursor", "[slack]") {
  Fixture f;
  f.http.PushJson(R"({"ok":true,"members":["U1","U2"],"response_metadata":{"next_cursor":"c2"}})");
  f.http.PushJson(R"({"ok":true,"members":[],"response_metadata":{"next_cursor":"c3"}})");
  f.http.PushJson(R"({"ok":true,"members":["U3"],"response_metadata":{"next_cursor":""}})");
  auto members = f.api.ConversationMembers("C1");
  REQUIRE(members.ok());
  CHECK(members.value() == std::vector<std::string>{"U1", "U2", "U3"});
  auto requests = f.http.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].url == "http://127.0.0.1:9/api/conversations.members");
  CHECK(Body(requests[0]) == Json{{"channel", "C1"}, {"limit", 200}});
  CHECK(Body(requests[1])["cursor"] == "c2");
  CHECK(Body(requests[2])["cursor"] == "c3");
}

TEST_CASE("slack web api: conversations.info reads the privacy flags", "[slack]") {
  Fixture f;
  f.http.PushJson(R"({"ok":true,"channel":{"id":"C9","is_private":true,"is_shared":true,
      "is_ext_shared":true,"is_org_shared":false,"is_pending_ext_shared":true}})");
  f.http.PushJson(R"({"ok":true,"channel":{"id":"D1","is_im":true,"user":"U7"}})");
  auto channel = f.api.ConversationInfo("C9");
  REQUIRE(channel.ok());
  CHECK(channel.value().id == "C9");
  CHECK(channel.value().is_private);
  CHECK_FALSE(channel.value().is_im);
  CHECK(channel.value().is_shared);
  CHECK(channel.value().is_ext_shared);
  CHECK_FALSE(channel.value().is_org_shared);
  CHECK(channel.value().is_pending_ext_shared);
  CHECK(channel.value().members.empty());
  auto dm = f.api.ConversationInfo("D1");
  REQUIRE(dm.ok());
  CHECK(dm.value().is_im);
  CHECK(dm.value().members == std::vector<std::string>{"U7"});
}

TEST_CASE("slack web api: apps.connections.open returns the url", "[slack]") {
  testing::ScriptedHttpClient http;
  bot::SlackWebApi app(http, "http://127.0.0.1:9/api/", "xapp-1-abc", {}, [](milliseconds) {});
  http.PushJson(R"({"ok":true,"url":"ws://127.0.0.1:9/link/?ticket=1"})");
  auto url = app.OpenSocketUrl();
  REQUIRE(url.ok());
  CHECK(url.value() == "ws://127.0.0.1:9/link/?ticket=1");
  CHECK(http.requests().at(0).url == "http://127.0.0.1:9/api/apps.connections.open");
  CHECK(bot::HeaderValue(http.requests().at(0).headers, "authorization") == "Bearer xapp-1-abc");
}

TEST_CASE("slack web api: users.info and views", "[slack]") {
  Fixture f;
  f.http.PushJson(R"({"ok":true,"user":{"id":"U1","name":"alice","tz":"Europe/Paris",
      "is_bot":false,"deleted":true}})");
  f.http.PushJson(R"({"ok":true,"view":{"id":"V1","hash":"h1"}})");
  f.http.PushJson(R"({"ok":true,"view":{"id":"V1","hash":"h2"}})");
  auto user = f.api.UsersInfo("U1");
  REQUIRE(user.ok());
  CHECK(user.value().name == "alice");
  CHECK(user.value().tz == "Europe/Paris");
  CHECK(user.value().deleted);
  auto view = f.api.OpenView("T.1", Json{{"type", "modal"}});
  REQUIRE(view.ok());
  CHECK(view.value()["id"] == "V1");
  auto updated = f.api.UpdateView("V1", "h1", Json{{"type", "modal"}});
  REQUIRE(updated.ok());
  CHECK(Body(f.http.requests().at(2)) ==
        Json{{"view_id", "V1"}, {"hash", "h1"}, {"view", {{"type", "modal"}}}});
}

TEST_CASE("slack web api: invalid UTF-8 in a text is sent, not thrown", "[slack]") {
  Fixture f;
  f.http.PushJson(R"({"ok":true,"ts":"1"})");
  CHECK(f.api.PostMessage("C1", std::string("bad \xff byte"), Json()).ok());
  CHECK(Json::parse(f.http.requests().at(0).body)["text"].is_string());
}

TEST_CASE("slack web api: without the guard's key it only reads", "[slack]") {
  testing::ScriptedHttpClient http;
  http.SetHandler([](const testing::RecordedRequest&) -> core::Result<bot::HttpResponse> {
    return testing::JsonResponse(R"({"ok":true,"ts":"1.1","view":{}})");
  });
  bot::SlackWebApi reader{http, "http://127.0.0.1:9/api", kToken, {}, [](milliseconds) {}};
  CHECK(reader.AuthTest().ok());
  CHECK(reader.PostMessage("C1", "leak", Json()).status().code() == core::Code::kPermissionDenied);
  CHECK(reader.PostEphemeral("C1", "U1", "leak", Json()).code() == core::Code::kPermissionDenied);
  CHECK(reader.OpenView("T.1", Json::object()).status().code() == core::Code::kPermissionDenied);
  CHECK(reader.PublishHome("U1", Json::object()).status().code() == core::Code::kPermissionDenied);
  CHECK(reader.Call("chat.scheduleMessage", Json::object()).status().code() ==
        core::Code::kPermissionDenied);
  CHECK(http.count() == 1);  // only auth.test went out
}
