// Buttons through the real binary over HTTP: signed `payload=` forms to
// /slack/interactions, the fake Slack recording the chat.update that says who
// clicked (docs/buttons.md).
#include <catch2/catch.hpp>

#include <optional>

#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;

namespace {

std::optional<PostedMessage> PostWith(Scenario& s, const std::string& needle) {
  if (!s.WaitForPost(kSrcChannel, needle)) return std::nullopt;
  for (const PostedMessage& m : s.slack().Messages()) {
    if (m.channel == kSrcChannel && m.text.find(needle) != std::string::npos) return m;
  }
  return std::nullopt;
}

bool WaitForUpdate(Scenario& s, const std::string& needle) {
  return s.slack()
      .WaitForCall(
          "chat.update",
          [&](const ApiCall& call) {
            return call.args.value("channel", "") == kSrcChannel &&
                   call.args.value("text", "").find(needle) != std::string::npos;
          },
          std::chrono::seconds(10))
      .has_value();
}

int CountUpdates(Scenario& s) { return static_cast<int>(s.slack().Calls("chat.update").size()); }

}  // namespace

TEST_CASE("scenario: buttons acknowledge, refuse outsiders and count a vote once", "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());

  CHECK(s.Command("report \"Signature bypass in verify\"") == "");
  auto post = PostWith(s, "New report SRC-1");
  REQUIRE(post);
  CHECK_THAT(post->blocks.dump(), Catch::Contains("\"action_id\":\"src_snooze\""));

  // Eve, not on the SRC, clicks Acknowledge: the typed verb's refusal, no change.
  CHECK(s.ClickOn(*post, "src_ack", "SRC-1", kEve));
  auto refusal = s.slack().WaitForHook("click", std::chrono::seconds(10));
  REQUIRE(refusal);
  CHECK_THAT(refusal->body, Catch::Contains("only SRC members"));
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("stage: reported"));
  CHECK(CountUpdates(s) == 0);

  // Bob clicks it: the case is acknowledged and the post says by whom.
  CHECK(s.ClickOn(*post, "src_ack", "SRC-1", kBob));
  CHECK(WaitForUpdate(s, "Acknowledged by <@U0BOB>."));
  CHECK(s.WaitForPost(kSrcChannel, "SRC-1 acknowledged by <@U0BOB>"));
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("stage: triage"));
  for (const PostedMessage& m : s.slack().Messages()) {
    if (m.ts == post->ts) CHECK(m.blocks.dump().find("\"actions\"") == std::string::npos);
  }

  // A vote: two clicks by Bob count as one ballot.
  s.Command("vote start \"Adopt the new policy\" --kind majority");
  auto vote = PostWith(s, "Vote #1");
  REQUIRE(vote);
  CHECK_THAT(vote->blocks.dump(), Catch::Contains("\"action_id\":\"src_vote_yes\""));
  CHECK(s.ClickOn(*vote, "src_vote_yes", "1", kBob));
  CHECK(WaitForUpdate(s, "<@U0BOB> voted."));
  CHECK(s.ClickOn(*vote, "src_vote_yes", "1", kBob));
  std::string shown = s.Command("vote show 1");
  INFO(shown);
  CHECK_THAT(shown, Catch::Contains("1 yes"));
}
