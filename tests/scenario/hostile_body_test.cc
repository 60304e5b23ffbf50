// Hostile requests against the real binary in http mode (issue 10, item 5):
// huge, deeply nested, badly encoded and over-long bodies. For each kind, the
// bad request gets a clear status, the bot stays up and keeps answering
// well-formed signed requests meanwhile and afterwards, and nothing it holds
// (cases, timeline, posts to Slack) changes for the bad request. Hostile
// connections are in hostile_connection_test.cc.
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/scenario/hostile_support.h"
#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("hostile: huge bodies are refused 413 from their headers, unread",
          "[scenario][hostile]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  Baseline baseline(s);
  const long rss_before = RssKiB(s.bot_pid());

  // 10 GB announced, then sent as fast as loopback goes for up to 2 s. The
  // 413 comes from the headers and srcbot stops reading soon after; a
  // listener that read the body first would have taken hundreds of MB.
  std::size_t sent = 0;
  int status = 0;
  std::thread answered_meanwhile;
  std::chrono::milliseconds meanwhile{10s};
  {
    int fd = Connect(s.http_port(), 2000ms);
    REQUIRE(fd >= 0);
    REQUIRE(SendAll(fd, "POST /slack/commands HTTP/1.1\r\nHost: x\r\nContent-Type: " + kForm +
                            "\r\nContent-Length: 10000000000\r\n\r\n"));
    answered_meanwhile = std::thread([&] { meanwhile = TimedCommand(s); });
    const std::string chunk(64 * 1024, 'a');
    const auto start = Clock::now();
    while (Clock::now() - start < 2s) {
      ssize_t n = ::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) sent += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) break;  // srcbot closed it
      if (n < 0) std::this_thread::sleep_for(1ms);
    }
    status = ReadStatus(fd);
    ::close(fd);
  }
  answered_meanwhile.join();
  CHECK(status == 413);
  CHECK(sent < 64u << 20);
  CHECK(meanwhile < 1s);

  // A chunked body has no length to check, so it is refused without reading it.
  CHECK(RawStatus(s.http_port(),
                  "POST /slack/events HTTP/1.1\r\nHost: x\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n7fffffff\r\n" +
                      std::string(1 << 20, 'a')) == 413);
  // One byte over the configured 1 MiB, correctly signed: still 413.
  CHECK(SignedPost(s, "/slack/commands", CommandBody(std::string((1 << 20) + 1, 'x')), kForm) ==
        413);

  CHECK(RssKiB(s.bot_pid()) - rss_before < 32 * 1024);
  baseline.CheckUnchanged();
}

TEST_CASE("hostile: deeply nested JSON is refused 400 before it is parsed", "[scenario][hostile]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  Baseline baseline(s);

  std::string answer;
  const std::string deep_event =
      R"({"type":"event_callback","event_id":"EvDeep","team_id":"T0","event":)" + Nested(100'000) +
      "}";
  CHECK(SignedPost(s, "/slack/events", deep_event, kJson, &answer) == 400);
  CHECK(answer == "JSON nested too deeply");
  std::string deep_objects = R"({"type":"event_callback","event_id":"EvDeep2","event":)";
  for (int i = 0; i < 50'000; ++i) deep_objects += R"({"a":)";
  deep_objects += "1" + std::string(50'001, '}');
  CHECK(SignedPost(s, "/slack/events", deep_objects, kJson) == 400);

  const std::string deep_click =
      R"({"type":"block_actions","user":{"id":"U0ALICE"},"api_app_id":"A0SRC",)"
      R"("channel":{"id":"C0SRC"},"actions":)" +
      Nested(100'000) + "}";
  CHECK(SignedPost(s, "/slack/interactions", Scenario::FormBody({{"payload", deep_click}}), kForm,
                   &answer) == 400);
  CHECK(answer == "payload nested too deeply");

  // Slack's own nesting is far shallower and still goes through.
  CHECK(s.Event({{"type", "member_joined_channel"},
                 {"user", kBob},
                 {"channel", kSrcChannel},
                 {"deep", nlohmann::json::parse(Nested(20))}}));
  baseline.CheckUnchanged();
}

TEST_CASE("hostile: invalid UTF-8 and NUL bytes are refused whole, valid oddities go through",
          "[scenario][hostile]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  Baseline baseline(s);
  std::string answer;

  // Not UTF-8, percent-encoded or raw: the form decoder refuses the body.
  CHECK(SignedPost(s, "/slack/commands", CommandBody("report \"bad \xff\xfe\""), kForm, &answer) ==
        400);
  CHECK(answer == "malformed form body");
  CHECK(SignedPost(s, "/slack/commands", CommandBody("list") + "&x=\xc3\x28", kForm) == 400);
  // A NUL (or any control byte) in the command text: a clear error, no case.
  CHECK(SignedPost(s, "/slack/commands", CommandBody(std::string("report \"nul\0here\"", 17)),
                   kForm, &answer) == 200);
  CHECK_THAT(answer, Catch::Contains("control character"));
  CHECK(SignedPost(s, "/slack/commands", CommandBody("report \"bell\a\""), kForm, &answer) == 200);
  CHECK_THAT(answer, Catch::Contains("control character"));
  // A NUL in the user id names nobody on the SRC.
  CHECK(SignedPost(s, "/slack/commands", CommandBody("report \"x\"", std::string("U0AL\0ICE", 8)),
                   kForm, &answer) == 200);
  CHECK_THAT(answer, Catch::Contains("only SRC members"));

  // JSON bodies: bytes that are not UTF-8, and a lone surrogate escape.
  CHECK(SignedPost(s, "/slack/events",
                   "{\"type\":\"event_callback\",\"event_id\":\"Ev\xff\",\"event\":{}}",
                   kJson) == 400);
  CHECK(SignedPost(s, "/slack/events",
                   R"({"type":"event_callback","event_id":"Ev1","event":{"text":"\ud800"}})",
                   kJson) == 400);
  CHECK(SignedPost(s, "/slack/interactions",
                   Scenario::FormBody({{"payload", "{\"type\":\"block_actions\",\"x\":\"\xff\"}"}}),
                   kForm) == 400);
  // The report form submitted with a NUL in its title: the modal shows the
  // error and stays open (200 with errors), no case is opened.
  nlohmann::json submission = {
      {"type", "view_submission"},
      {"user", {{"id", kAlice}}},
      {"api_app_id", "A0SRC"},
      {"view",
       {{"callback_id", "src_report"},
        {"private_metadata", nlohmann::json{{"channel", kSrcChannel}}.dump()},
        {"state",
         {{"values",
           {{"title",
             {{"title", {{"type", "plain_text_input"}, {"value", std::string("a\0b", 3)}}}}}}}}}}}};
  CHECK(SignedPost(s, "/slack/interactions", Scenario::FormBody({{"payload", submission.dump()}}),
                   kForm, &answer) == 200);
  CHECK_THAT(answer, Catch::Contains("\"response_action\":\"errors\""));
  CHECK_THAT(answer, Catch::Contains("control character"));

  // Raw HTTP: a NUL in a header, bytes above 0x7F in the path.
  CHECK(RawStatus(s.http_port(), std::string("GET /healthz HTTP/1.1\r\nX-A: a\0b\r\n\r\n", 36)) ==
        400);
  const int odd_path = RawStatus(s.http_port(), "GET /slack/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK((odd_path == 400 || odd_path == 404));
  baseline.CheckUnchanged();

  // Valid but unusual text (emoji, right-to-left, combining marks, U+2028,
  // a noncharacter) is a title like any other, stored and posted intact.
  const std::string odd =
      "\xF0\x9F\x94\x92 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D e\xCC\x81 \xE2\x80\xA8 \xEF\xBF\xBF";
  CHECK(s.Command("report \"" + odd + "\"").find("Error") == std::string::npos);
  CHECK(s.WaitForPost(kSrcChannel, odd));
  CHECK_THAT(s.Command("show SRC-2"), Catch::Contains(odd));
}

TEST_CASE("hostile: a 10,000-argument command gets a bounded error at once",
          "[scenario][hostile]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  Baseline baseline(s);

  std::string ten_thousand = "report";
  for (int i = 0; i < 10'000; ++i) ten_thousand += " a" + std::to_string(i);
  std::string mentions = "team SRC-1 add";
  for (int i = 0; i < 10'000; ++i) mentions += " <@U" + std::to_string(i) + ">";
  std::string short_words = "report";  // 2,000 words in under 8,000 bytes
  for (int i = 0; i < 2'000; ++i) short_words += " a";
  for (const std::string& text : {ten_thousand, mentions, short_words}) {
    const auto start = Clock::now();
    const std::string answer = s.Command(text);
    CHECK(Clock::now() - start < 1s);
    CHECK_THAT(answer, Catch::StartsWith("Error: the command"));
    CHECK_THAT(answer, Catch::Contains("Nothing was changed."));
    CHECK(answer.size() < 200);
  }
  baseline.CheckUnchanged();
}
