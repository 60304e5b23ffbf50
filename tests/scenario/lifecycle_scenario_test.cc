// A case from report to close through the real binary, in both Slack modes.
#include <catch2/catch.hpp>
#include <signal.h>

#include <algorithm>

#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;

namespace {

void RunLifecycle(Scenario& s) {
  CHECK(s.Command("report \"Signature bypass in verify\" --repo sigstore/cosign") == "");
  CHECK(s.WaitForPost(kSrcChannel, "New report SRC-1: Signature bypass in verify"));
  // The new-report post offers an Acknowledge button; Bob clicks it.
  auto posted = s.slack().WaitForCall(
      "chat.postMessage",
      [](const ApiCall& call) {
        return call.args.value("text", "").find("New report SRC-1") != std::string::npos;
      },
      std::chrono::seconds(10));
  REQUIRE(posted);
  CHECK_THAT(posted->args.dump(), Catch::Contains("\"action_id\":\"src_ack\""));
  CHECK_THAT(posted->args.dump(), Catch::Contains("\"value\":\"SRC-1\""));
  CHECK(s.Click("src_ack", "SRC-1", kBob));
  CHECK(s.WaitForPost(kSrcChannel, "SRC-1 acknowledged by <@U0BOB>"));
  s.Command("triage SRC-1 --replicated yes --affected \"< 2.4.1\"");
  s.Command("team SRC-1 add <@U0DANA|dana> --github dana-gh");
  CHECK(s.WaitForPost(kSrcChannel, "<@U0DANA> joins SRC-1's fix team"));
  // Dana, on the fix team, marks the fix from the SRC channel.
  s.slack().SetChannel(kSrcChannel, FakeChannel{"src", true, false, false, false, false, false,
                                                false, true, {kAlice, kBob, "U0DANA", "UBOT"}});
  s.Command("fixed SRC-1", "U0DANA");
  CHECK(s.WaitForPost(kSrcChannel, "SRC-1: the fix is ready by <@U0DANA>"));
  s.Command("close SRC-1 --reason fixed");
  CHECK(s.WaitForPost(kSrcChannel, "SRC-1 closed as fixed"));

  std::string show = s.Command("show SRC-1");
  CHECK_THAT(show, Catch::Contains("stage: closed (fixed)"));
  CHECK_THAT(show, Catch::Contains("affected: &lt; 2.4.1"));

  // In a public channel: no detail in the ack, nothing posted there.
  std::string in_general = s.Command("show SRC-1", kAlice, kGeneral);
  CHECK(in_general == "case details are only shown in the SRC's private channel");
  CHECK_THAT(s.Command("list --all", kAlice, kGeneral), !Catch::Contains("Signature"));
  CHECK_THAT(s.Command("report \"Leaky title\"", kEve, kGeneral), Catch::Contains("only SRC members"));
  for (const PostedMessage& m : s.slack().Messages()) {
    CHECK(m.channel == kSrcChannel);
  }
}

}  // namespace

TEST_CASE("scenario: HTTP mode carries a case from report to close", "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  RunLifecycle(s);
}

TEST_CASE("scenario: Socket Mode carries a case from report to close", "[scenario]") {
  Scenario s("socket");
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  RunLifecycle(s);
}

TEST_CASE("scenario: a kill right after the ack loses nothing", "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  // Slack is down: the post stays in the outbox.
  s.slack().FailNext("chat.postMessage", 1000, 500);
  CHECK(s.Command("report \"Survives a crash\"") == "");
  s.KillBot(SIGKILL);
  s.slack().FailNext("chat.postMessage", 0, 500);  // n = 0 clears the faults
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  CHECK(s.WaitForPost(kSrcChannel, "New report SRC-1: Survives a crash"));
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("Survives a crash"));
  CHECK(s.CountPosts("New report SRC-1") == 1);
}

TEST_CASE("scenario: Slack failing with 500 then 429 delays messages, loses and repeats none",
          "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  s.slack().FailNext("chat.postMessage", 3, 500);
  s.slack().RateLimitNext("chat.postMessage", 2, 1);
  s.Command("report \"First\"");
  s.Command("report \"Second\"");
  s.Command("ack SRC-1");
  CHECK(s.WaitForPost(kSrcChannel, "SRC-1 acknowledged", std::chrono::seconds(30)));
  INFO(s.BotOutput());
  CHECK(s.CountPosts("New report SRC-1: First") == 1);
  CHECK(s.CountPosts("New report SRC-2: Second") == 1);
  CHECK(s.CountPosts("SRC-1 acknowledged") == 1);
  // In order per channel: the report before its acknowledgement.
  std::vector<PostedMessage> posts = s.slack().Messages();
  auto first = std::find_if(posts.begin(), posts.end(), [](const PostedMessage& m) {
    return m.text.find("New report SRC-1") != std::string::npos;
  });
  auto acked = std::find_if(posts.begin(), posts.end(), [](const PostedMessage& m) {
    return m.text.find("SRC-1 acknowledged") != std::string::npos;
  });
  CHECK(first < acked);
}

TEST_CASE("scenario: a slow Slack delays no ack past 3 seconds", "[scenario]") {
  for (const char* mode : {"http", "socket"}) {
    Scenario s(mode);
    REQUIRE(s.StartBot());
    INFO(mode);
    s.slack().SetDelay("conversations.info", std::chrono::seconds(6));
    s.slack().SetDelay("chat.postMessage", std::chrono::seconds(6));
    auto start = std::chrono::steady_clock::now();
    CHECK(s.Command("report \"Slow Slack\"") == "");
    // The reply must be judged, and the channel's facts are slow to come:
    // the guard gives up in time and fails closed.
    CHECK(s.Command("list") == "case details are only shown in the SRC's private channel");
    auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed < std::chrono::seconds(3));
    s.slack().SetDelay("conversations.info", std::chrono::milliseconds(0));
    s.slack().SetDelay("chat.postMessage", std::chrono::milliseconds(0));
    CHECK(s.WaitForPost(kSrcChannel, "New report SRC-1: Slow Slack", std::chrono::seconds(30)));
  }
}
