// The embargo through the real binary: an outsider in the SRC channel stops
// the posts until they leave, refusals show on the timeline, and the release
// posts reach #general and #development with the public fields only.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;

namespace {

FakeChannel SrcChannel(std::vector<std::string> members) {
  return FakeChannel{"src", true, false, false, false, false, false, false, true, std::move(members)};
}

void RunEmbargo(Scenario& s) {
  // Alice's DM with the bot: the one place she can read details while #src
  // is compromised.
  s.slack().SetChannel("D0ALICE", FakeChannel{"", true, true, false, false, false, false, false,
                                              true, {kAlice}});
  s.Command("report \"Heap overflow in the parser\" --repo acme/widget --reporter \"Jane Doe\"");
  REQUIRE(s.WaitForPost(kSrcChannel, "New report SRC-1"));
  s.Command("ack SRC-1");
  s.Command("triage SRC-1 --replicated yes");
  s.Command("team SRC-1 add <@U0DANA|dana>");
  REQUIRE(s.WaitForPost(kSrcChannel, "joins SRC-1's fix team"));

  // Eve joins #src: Slack says so, and the next post about the case is refused.
  s.slack().SetChannel(kSrcChannel, SrcChannel({kAlice, kBob, kEve, "UBOT"}));
  REQUIRE(s.Event({{"type", "member_joined_channel"}, {"user", kEve}, {"channel", kSrcChannel}}));
  s.Command("lead SRC-1 <@U0BOB>");
  // The post is judged when the outbox delivers it: wait for the refusal on
  // the timeline (read in her DM) before she leaves.
  std::string timeline;
  for (int i = 0; i < 100 && timeline.find("embargo guard refused") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    timeline = s.Command("timeline SRC-1", kAlice, "D0ALICE");
  }
  CHECK_THAT(timeline, Catch::Contains("embargo guard refused a post to <#C0SRC>") &&
                           Catch::Contains("a member is neither SRC nor on the fix team"));
  // She leaves; the posts resume.
  s.slack().SetChannel(kSrcChannel, SrcChannel({kAlice, kBob, "UBOT"}));
  REQUIRE(s.Event({{"type", "member_left_channel"}, {"user", kEve}, {"channel", kSrcChannel}}));
  s.Command("fixed SRC-1");
  REQUIRE(s.WaitForPost(kSrcChannel, "SRC-1: the fix is ready"));
  CHECK(s.CountPosts("SRC-1 is now led by") == 0);  // the refused post never went out

  s.Command("cvss SRC-1 CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H");
  s.Command("summary SRC-1 \"A crafted file could crash the parser.\"");
  s.Command("release-day SRC-1 next");
  s.Command("release SRC-1 --version 1.4.2 --release-url <https://example.com/widget/1.4.2>");
  for (const char* channel : {kGeneral, kDevelopment}) {
    CHECK(s.WaitForPost(channel, ":shield: *Security release: acme/widget 1.4.2*"));
  }
  for (const PostedMessage& m : s.slack().Messages()) {
    if (m.channel == kSrcChannel) continue;
    INFO(m.channel << ": " << m.text);
    CHECK(m.text.find("A crafted file could crash the parser.") != std::string::npos);
    CHECK(m.text.find("https://example.com/widget/1.4.2") != std::string::npos);
    for (const char* secret : {"Heap overflow", "Jane Doe", "U0DANA", "U0ALICE", "U0BOB"}) {
      CHECK(m.text.find(secret) == std::string::npos);
    }
  }
  // Released, the case's details still stay in the SRC's space.
  CHECK(s.Command("show SRC-1", kAlice, kGeneral) ==
        "case details are only shown in the SRC's private channel");
}

}  // namespace

TEST_CASE("scenario: HTTP mode keeps the embargo and posts the release", "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  RunEmbargo(s);
}

TEST_CASE("scenario: Socket Mode keeps the embargo and posts the release", "[scenario]") {
  Scenario s("socket");
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  RunEmbargo(s);
}

static void RunJoin(Scenario& s) {
  s.Command("report \"Heap overflow in the parser\" --repo acme/widget");
  REQUIRE(s.WaitForPost(kSrcChannel, "New report SRC-1"));
  s.Command("ack SRC-1");
  s.Command("triage SRC-1 --replicated yes");
  s.Command("team SRC-1 add <@U0DANA|dana>");
  REQUIRE(s.WaitForPost(kSrcChannel, "joins SRC-1's fix team"));
  s.Command("show SRC-1");  // #src's members are now known to the bot
  s.slack().SetChannel(kSrcChannel, SrcChannel({kAlice, kBob, "U0DANA", "UBOT"}));
  REQUIRE(s.Event({{"type", "member_joined_channel"}, {"user", "U0DANA"}, {"channel", kSrcChannel}}));
  CHECK_THAT(s.Command("show SRC-1", "U0DANA"), Catch::Contains("*SRC-1* Heap overflow in the parser"));
  CHECK_THAT(s.Command("timeline SRC-1", "U0DANA"), Catch::Contains("Timeline of SRC-1"));
  // And the channel still carries the case's posts.
  s.Command("lead SRC-1 <@U0BOB>");
  CHECK(s.WaitForPost(kSrcChannel, "SRC-1 is now led by"));
}

TEST_CASE("scenario: a fix-team member who joins the SRC channel may read their case there",
          "[scenario]") {
  for (const char* mode : {"http", "socket"}) {
    Scenario s(mode);
    REQUIRE(s.StartBot());
    INFO(mode << "\n" << s.BotOutput());
    RunJoin(s);
  }
}
