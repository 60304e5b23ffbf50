// Buttons through the real binary, in both Slack modes: clicks arrive as
// signed `payload=` forms to /slack/interactions (HTTP) or as `interactive`
// envelopes (Socket Mode); the fake Slack records the chat.update that says
// who clicked and the views.open of the release form (docs/buttons.md).
#include <catch2/catch.hpp>

#include <optional>

#include "tests/scenario/scenario_support.h"

using namespace srcbot::testing;
using nlohmann::json;

namespace {

constexpr auto kWait = std::chrono::seconds(10);

// The message as the fake holds it now (its text and blocks after any edit).
std::optional<PostedMessage> PostWith(Scenario& s, const std::string& needle) {
  if (!s.WaitForPost(kSrcChannel, needle)) return std::nullopt;
  for (const PostedMessage& m : s.slack().Messages()) {
    if (m.channel == kSrcChannel && m.text.find(needle) != std::string::npos) return m;
  }
  return std::nullopt;
}

std::optional<PostedMessage> Current(Scenario& s, const PostedMessage& post) {
  for (const PostedMessage& m : s.slack().Messages()) {
    if (m.channel == post.channel && m.ts == post.ts) return m;
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
          kWait)
      .has_value();
}

int CountUpdates(Scenario& s) { return static_cast<int>(s.slack().Calls("chat.update").size()); }

std::string HookText(Scenario& s, const std::string& hook) {
  auto answer = s.slack().WaitForHook(hook, kWait);
  return answer ? answer->json.value("text", "") : "<no answer on " + hook + ">";
}

bool HasButtons(const PostedMessage& m) {
  return m.blocks.dump().find("\"actions\"") != std::string::npos;
}

// The release form's submission, as Slack sends it: the view it was opened
// with (private_metadata round-trips) and what was typed.
json Submission(const json& view, const std::string& user, const std::string& version,
                const std::string& url) {
  return {{"type", "view_submission"},
          {"api_app_id", "A0SRC"},
          {"user", {{"id", user}}},
          {"view",
           {{"id", view.value("id", "")},
            {"callback_id", view.value("callback_id", "")},
            {"private_metadata", view.value("private_metadata", "")},
            {"state",
             {{"values",
               {{"version", {{"version", {{"type", "plain_text_input"}, {"value", version}}}}},
                {"release_url",
                 {{"release_url", {{"type", "plain_text_input"}, {"value", url}}}}}}}}}}}};
}

void AcknowledgeAndSnooze(Scenario& s) {
  CHECK(s.Command("report \"Signature bypass in verify\"") == "");
  auto post = PostWith(s, "New report SRC-1");
  REQUIRE(post);
  CHECK_THAT(post->blocks.dump(), Catch::Contains("\"action_id\":\"src_ack\"") &&
                                      Catch::Contains("\"action_id\":\"src_snooze\""));

  // Eve, not on the SRC, clicks Acknowledge: the typed verb's refusal, no change.
  const std::string typed = s.Command("ack SRC-1", kEve);
  CHECK_THAT(typed, Catch::Contains("only SRC members"));
  CHECK(s.ClickOn(*post, "src_ack", "SRC-1", kEve, "eve-ack"));
  CHECK(HookText(s, "eve-ack") == typed);
  // A button srcbot never made, and one whose value was tampered with.
  CHECK(s.ClickOn(*post, "src_close", "SRC-1", kBob, "bob-close"));
  CHECK_THAT(HookText(s, "bob-close"), Catch::Contains("does not know that button"));
  CHECK(s.ClickOn(*post, "src_ack", "SRC-1 --force", kBob, "bob-forged"));
  CHECK_THAT(HookText(s, "bob-forged"), Catch::Contains("does not know that button"));
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("stage: reported"));
  CHECK(CountUpdates(s) == 0);

  // Bob clicks it: the case is acknowledged and the post says by whom, without buttons.
  CHECK(s.ClickOn(*post, "src_ack", "SRC-1", kBob));
  CHECK(WaitForUpdate(s, "Acknowledged by <@U0BOB>."));
  CHECK(s.WaitForPost(kSrcChannel, "SRC-1 acknowledged by <@U0BOB>"));
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("stage: triage"));
  auto edited = Current(s, *post);
  REQUIRE(edited);
  CHECK_THAT(edited->text,
             Catch::StartsWith("New report SRC-1") && Catch::EndsWith("Acknowledged by <@U0BOB>."));
  CHECK_FALSE(HasButtons(*edited));

  // Snooze on a second report: its reminders are silenced for 4 h.
  s.Command("report \"Second report\"");
  auto second = PostWith(s, "New report SRC-2");
  REQUIRE(second);
  CHECK(s.ClickOn(*second, "src_snooze", "SRC-2", kAlice));
  CHECK(WaitForUpdate(s, "Snoozed for 4h by <@U0ALICE>."));
  CHECK(s.WaitForPost(kSrcChannel, "Reminders for SRC-2 snoozed by <@U0ALICE>"));
  CHECK_THAT(s.Command("show SRC-2"), Catch::Contains("stage: reported"));
}

void Vote(Scenario& s) {
  s.Command("vote start \"Adopt the new policy\" --kind majority");
  auto vote = PostWith(s, "Vote #1");
  REQUIRE(vote);
  CHECK_THAT(vote->blocks.dump(), Catch::Contains("\"action_id\":\"src_vote_yes\"") &&
                                      Catch::Contains("\"action_id\":\"src_vote_no\"") &&
                                      Catch::Contains("\"action_id\":\"src_vote_abstain\""));
  const int before = CountUpdates(s);
  CHECK(s.ClickOn(*vote, "src_vote_no", "1", kEve, "eve-vote"));
  CHECK_THAT(HookText(s, "eve-vote"), Catch::Contains("only SRC members"));
  CHECK(CountUpdates(s) == before);

  CHECK(s.ClickOn(*vote, "src_vote_yes", "1", kBob));
  CHECK(WaitForUpdate(s, "<@U0BOB> voted."));
  // Slack sends the edited post with the next click; clicking again counts once.
  auto shown = Current(s, *vote);
  REQUIRE(shown);
  CHECK(HasButtons(*shown));  // a vote post keeps its buttons
  CHECK(s.ClickOn(*shown, "src_vote_yes", "1", kBob));
  CHECK(s.ClickOn(*shown, "src_vote_abstain", "1", kAlice));
  CHECK(WaitForUpdate(s, "<@U0ALICE> voted."));
  std::string tally = s.Command("vote show 1");
  INFO(tally);
  CHECK_THAT(tally, Catch::Contains("1 yes, 0 no, 1 abstain"));
}

void Release(Scenario& s) {
  s.Command("triage SRC-1 --replicated yes");
  s.Command("team SRC-1 add <@U0DANA|dana>");
  REQUIRE(s.WaitForPost(kSrcChannel, "joins SRC-1's fix team"));
  s.Command("fixed SRC-1");
  s.Command("cvss SRC-1 CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H");
  s.Command("summary SRC-1 \"A crafted file could crash the parser.\"");
  s.Command("release-day SRC-1 next");
  auto post = PostWith(s, "Release of SRC-1 set for");
  REQUIRE(post);
  CHECK_THAT(post->blocks.dump(), Catch::Contains("\"action_id\":\"src_release\""));

  // Eve gets the refusal `release` would give her, and no form.
  CHECK(s.ClickOn(*post, "src_release", "SRC-1", kEve, "eve-release"));
  CHECK_THAT(HookText(s, "eve-release"), Catch::Contains("only SRC members"));
  CHECK(s.slack().Calls("views.open").empty());

  // Alice gets the form: it says what releasing does, and releases nothing yet.
  // The trigger the fake hands out lasts 3 s: the form must open before any slow work.
  const std::string trigger = s.slack().IssueTrigger();
  CHECK(s.ClickOn(*post, "src_release", "SRC-1", kAlice, "alice-release", trigger));
  auto opened = s.slack().WaitForCall("views.open", nullptr, kWait);
  REQUIRE(opened);
  CHECK(opened->args.value("trigger_id", "") == trigger);
  CHECK(opened->response.value("ok", false));
  json view = opened->response.value("view", json::object());
  CHECK(view.value("callback_id", "") == "src_release");
  CHECK_THAT(view.dump(), Catch::Contains("cannot be undone"));
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("stage: release-scheduled"));

  // A malformed link keeps the form open with the error on its field.
  auto bad = s.Interact(Submission(view, kAlice, "1.4.2", "not a link"));
  REQUIRE(bad);
  CHECK(bad->value("response_action", "") == "errors");
  CHECK(bad->value("errors", json::object()).contains("release_url"));
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("stage: release-scheduled"));

  // Submitted: released, the public posts go out, and the post says by whom.
  auto done = s.Interact(Submission(view, kAlice, "1.4.2", "https://example.com/widget/1.4.2"));
  REQUIRE(done);
  CHECK(done->is_null());  // an empty ack closes the form
  CHECK(s.WaitForPost(kGeneral, "Security release"));
  CHECK(WaitForUpdate(s, "Released by <@U0ALICE>."));
  auto edited = Current(s, *post);
  REQUIRE(edited);
  CHECK_FALSE(HasButtons(*edited));
}

void RunButtons(Scenario& s) {
  AcknowledgeAndSnooze(s);
  Vote(s);
  Release(s);
  for (const PostedMessage& m : s.slack().Messages()) {
    if (m.channel == kSrcChannel) continue;
    INFO(m.channel << ": " << m.text);
    CHECK(m.text.find("Signature bypass") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("scenario: HTTP mode buttons acknowledge, snooze, vote and release", "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  RunButtons(s);
}

TEST_CASE("scenario: Socket Mode buttons acknowledge, snooze, vote and release", "[scenario]") {
  Scenario s("socket");
  REQUIRE(s.StartBot());
  INFO(s.BotOutput());
  RunButtons(s);
}

TEST_CASE("scenario: a click with a forged signature changes nothing", "[scenario]") {
  Scenario s("http");
  REQUIRE(s.StartBot());
  s.Command("report \"Forged click\"");
  auto post = PostWith(s, "New report SRC-1");
  REQUIRE(post);
  json payload = {{"type", "block_actions"},
                  {"user", {{"id", kBob}}},
                  {"api_app_id", "A0SRC"},
                  {"channel", {{"id", kSrcChannel}}},
                  {"container", {{"type", "message"}, {"message_ts", post->ts}}},
                  {"actions", {{{"action_id", "src_ack"}, {"value", "SRC-1"}}}}};
  std::string body = Scenario::FormBody({{"payload", payload.dump()}});
  auto headers = Scenario::Signed(body, std::time(nullptr), "application/x-www-form-urlencoded");
  headers["x-slack-signature"] = "v0=" + std::string(64, '0');
  auto r = s.Post("/slack/interactions", body, headers);
  REQUIRE(r.ok());
  CHECK(r.value().status == 401);
  CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("stage: reported"));
  CHECK(CountUpdates(s) == 0);
}

TEST_CASE("scenario: a slow chat.update delays no click's ack past 3 seconds", "[scenario]") {
  for (const char* mode : {"http", "socket"}) {
    Scenario s(mode);
    REQUIRE(s.StartBot());
    INFO(mode << "\n" << s.BotOutput());
    s.Command("report \"Slow edit\"");
    auto post = PostWith(s, "New report SRC-1");
    REQUIRE(post);
    s.slack().SetDelay("chat.update", std::chrono::seconds(6));
    const auto start = std::chrono::steady_clock::now();
    CHECK(s.ClickOn(*post, "src_ack", "SRC-1", kBob));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
    // The case is acknowledged at once; the edit follows when Slack answers.
    CHECK_THAT(s.Command("show SRC-1"), Catch::Contains("stage: triage"));
    CHECK(WaitForUpdate(s, "Acknowledged by <@U0BOB>."));
  }
}
