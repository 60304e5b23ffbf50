#include "bot/slack_api/slack_channel_directory.h"

#include <catch2/catch.hpp>

#include "bot/slack_api/slack_web_api.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/scripted_http_client.h"

using namespace srcbot;
using std::chrono::milliseconds;

namespace {

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A Slack workspace with one private channel C1 (alice, bob, the bot, over two
// member pages) and a DM D1 with carol.
struct Fixture {
  Fixture() {
    http.SetHandler([this](const testing::RecordedRequest& r) -> core::Result<bot::HttpResponse> {
      if (down) return testing::JsonResponse(R"({"ok":false,"error":"channel_not_found"})");
      auto body = nlohmann::json::parse(r.body);
      std::string channel = body.value("channel", "");
      if (EndsWith(r.url, "conversations.info")) {
        if (channel == "D1") {
          return testing::JsonResponse(
              R"({"ok":true,"channel":{"id":"D1","is_im":true,"user":"carol"}})");
        }
        return testing::JsonResponse(R"({"ok":true,"channel":{"id":"C1","is_private":true}})");
      }
      if (body.contains("cursor")) {
        return testing::JsonResponse(
            R"({"ok":true,"members":["bob"],"response_metadata":{"next_cursor":""}})");
      }
      return testing::JsonResponse(
          R"({"ok":true,"members":["alice","UBOT"],"response_metadata":{"next_cursor":"p2"}})");
    });
  }
  testing::ScriptedHttpClient http;
  bot::SlackWebApi api{http, "http://127.0.0.1:9/api/", "xoxb-t", {}, [](milliseconds) {}};
  testing::FakeClock clock{testing::TestNow()};
  bot::SlackChannelDirectory directory{api, "UBOT", clock};
  bool down = false;
};

}  // namespace

TEST_CASE("slack directory: flags and every member page, without the bot", "[slack]") {
  Fixture f;
  auto d = f.directory.Describe("C1");
  REQUIRE(d.ok());
  CHECK(d.value().id == "C1");
  CHECK(d.value().is_private);
  CHECK_FALSE(d.value().is_im);
  CHECK(d.value().members == std::vector<core::UserId>{"alice", "bob"});
  CHECK(f.http.count() == 3);  // info + two member pages
}

TEST_CASE("slack directory: a DM is is_im with its one person", "[slack]") {
  Fixture f;
  auto d = f.directory.Describe("D1");
  REQUIRE(d.ok());
  CHECK(d.value().is_im);
  CHECK(d.value().members == std::vector<core::UserId>{"carol"});
  CHECK(f.http.count() == 1);
}

TEST_CASE("slack directory: facts are cached for at most 60 seconds", "[slack]") {
  Fixture f;
  REQUIRE(f.directory.Describe("C1").ok());
  CHECK(f.http.count() == 3);
  f.clock.Advance(std::chrono::seconds(59));
  REQUIRE(f.directory.Describe("C1").ok());
  CHECK(f.http.count() == 3);                // hit
  f.clock.Advance(std::chrono::seconds(2));  // 61 s after the fetch
  REQUIRE(f.directory.Describe("C1").ok());
  CHECK(f.http.count() == 6);  // miss
}

TEST_CASE("slack directory: Invalidate forces a refetch", "[slack]") {
  Fixture f;
  REQUIRE(f.directory.Describe("C1").ok());
  REQUIRE(f.directory.Describe("D1").ok());
  CHECK(f.http.count() == 4);
  f.directory.Invalidate("C1");
  REQUIRE(f.directory.Describe("C1").ok());
  CHECK(f.http.count() == 7);
  REQUIRE(f.directory.Describe("D1").ok());  // other channels stay cached
  CHECK(f.http.count() == 7);
}

TEST_CASE("slack directory: an API error is kUnavailable and is not cached", "[slack]") {
  Fixture f;
  f.down = true;
  auto d = f.directory.Describe("C1");
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().code() == core::Code::kUnavailable);
  f.down = false;
  CHECK(f.directory.Describe("C1").ok());
}
