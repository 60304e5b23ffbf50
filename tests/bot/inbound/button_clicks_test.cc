// Button clicks through the whole inbound path over fakes: signed payload →
// SlackInbound → ButtonClicks → CommandService → store, answers and edits
// through the guard (tests/bot/inbound/inbound_fixture.h).
#include "bot/inbound/button_clicks.h"

#include <catch2/catch.hpp>

#include "tests/bot/inbound/inbound_fixture.h"

using namespace srcbot;
using nlohmann::json;
using testing::InboundFixture;

namespace {

json Click(const std::string& action_id, const std::string& value, const std::string& user,
           const std::string& post_text = "New report SRC-1: Heap overflow",
           const std::string& channel = "CSRC") {
  return {{"type", "block_actions"},
          {"api_app_id", "AAPP"},
          {"user", {{"id", user}}},
          {"channel", {{"id", channel}}},
          {"container", {{"type", "message"}, {"channel_id", channel}, {"message_ts", "1.000001"}}},
          {"message", {{"ts", "1.000001"}, {"text", post_text}}},
          {"trigger_id", "T-1"},
          {"response_url", "https://hooks.slack.test/actions/1"},
          {"actions", {{{"action_id", action_id}, {"value", value}, {"type", "button"}}}}};
}

std::vector<testing::Sent> OfKind(const InboundFixture& f, const std::string& kind) {
  std::vector<testing::Sent> out;
  for (const testing::Sent& s : *f.sent) {
    if (s.kind == kind) out.push_back(s);
  }
  return out;
}

void Report(InboundFixture& f) {
  REQUIRE(f.Command("UALICE", "CSRC", "report \"Heap overflow\"").status == 200);
  f.sent->clear();
}

}  // namespace

TEST_CASE("clicks: Acknowledge acknowledges and the post names who did it", "[buttons]") {
  InboundFixture f;
  Report(f);
  bot::HttpResponse r = f.Interaction(Click("src_ack", "SRC-1", "UBOB"));
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  CHECK(f.store.cases.at(1).acknowledged_at.has_value());
  auto edits = OfKind(f, "edit");
  REQUIRE(edits.size() == 1);
  CHECK(edits[0].where == "CSRC");
  CHECK(edits[0].user == "1.000001");
  CHECK(edits[0].text ==
        "New report SRC-1: Heap overflow\nAcknowledged by <@UBOB>.");  // no buttons
  // A second click is refused by the verb (already acknowledged): no second edit.
  f.Interaction(Click("src_ack", "SRC-1", "UALICE"));
  CHECK(OfKind(f, "edit").size() == 1);
}

TEST_CASE("clicks: an outsider gets the typed verb's refusal and nothing changes", "[buttons]") {
  InboundFixture f;
  Report(f);
  std::string typed = f.service.Handle({"UEVE", "CSRC", "ack SRC-1"}).text;
  f.Interaction(Click("src_ack", "SRC-1", "UEVE"));
  CHECK_FALSE(f.store.cases.at(1).acknowledged_at.has_value());
  auto answers = OfKind(f, "respond");
  REQUIRE(answers.size() == 1);
  CHECK(answers[0].text == typed);
  CHECK(OfKind(f, "edit").empty());
  // Release: refused before any modal opens.
  f.Interaction(Click("src_release", "SRC-1", "UEVE"));
  CHECK(OfKind(f, "modal").empty());
  CHECK(OfKind(f, "respond").back().text == typed);
}

TEST_CASE("clicks: forged, malformed and unknown clicks say so and run nothing", "[buttons]") {
  InboundFixture f;
  Report(f);
  for (const auto& [action, value] :
       std::vector<std::pair<std::string, std::string>>{{"src_ack", "SRC-1 --force"},
                                                        {"src_ack", "1"},
                                                        {"src_ack", ""},
                                                        {"src_close", "SRC-1"},
                                                        {"other_app", "SRC-1"},
                                                        {"src_vote_yes", "SRC-1"}}) {
    INFO(action << " " << value);
    f.sent->clear();
    CHECK(f.Interaction(Click(action, value, "UBOB")).status == 200);
    auto answers = OfKind(f, "respond");
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].text == bot::kUnknownButton);
    CHECK(f.sent->size() == 1);  // no edit, no post
  }
  CHECK_FALSE(f.store.cases.at(1).acknowledged_at.has_value());
  f.sent->clear();
  json no_actions = Click("src_ack", "SRC-1", "UBOB");
  no_actions["actions"] = "nope";
  CHECK(f.Interaction(no_actions).status == 200);
  REQUIRE(OfKind(f, "respond").size() == 1);
  CHECK(OfKind(f, "respond")[0].text == bot::kUnknownButton);
  json no_user = Click("src_ack", "SRC-1", "UBOB");
  no_user.erase("user");
  CHECK(f.Interaction(no_user).status == 200);
  REQUIRE(OfKind(f, "respond").size() == 2);
  CHECK(OfKind(f, "respond")[1].text == bot::kNoClicker);
  CHECK(OfKind(f, "edit").empty());
  CHECK_FALSE(f.store.cases.at(1).acknowledged_at.has_value());
  // Not even JSON, or a payload that is not signed: refused by the endpoint.
  bot::HttpRequest garbage = f.Signed("/slack/interactions", "application/x-www-form-urlencoded",
                                      testing::FormEncode({{"payload", "{not json"}}));
  CHECK(f.endpoint.Handle(garbage).status == 400);
  bot::HttpRequest forged =
      f.Signed("/slack/interactions", "application/x-www-form-urlencoded",
               testing::FormEncode({{"payload", Click("src_ack", "SRC-1", "UBOB").dump()}}));
  forged.body = testing::FormEncode({{"payload", Click("src_ack", "SRC-1", "UEVE").dump()}});
  CHECK(f.endpoint.Handle(forged).status == 401);
  CHECK_FALSE(f.store.cases.at(1).acknowledged_at.has_value());
  // A case that does not exist: the verb's error, no edit.
  f.Interaction(Click("src_ack", "SRC-9", "UBOB"));
  CHECK(OfKind(f, "edit").empty());
  CHECK_THAT(OfKind(f, "respond").back().text, Catch::Contains("SRC-9"));
  CHECK_FALSE(f.store.cases.at(1).acknowledged_at.has_value());
}

TEST_CASE("clicks: in a channel that does not qualify the edit is refused", "[buttons]") {
  InboundFixture f;
  Report(f);
  // A forged click naming the public channel: the ack runs (as typed there),
  // but neither the answer nor the edit carries the post's text there.
  f.Interaction(Click("src_ack", "SRC-1", "UBOB", "New report SRC-1: Heap overflow", "CGEN"));
  CHECK(OfKind(f, "edit").empty());
  for (const testing::Sent& s : *f.sent) CHECK(s.text.find("Heap") == std::string::npos);
}

TEST_CASE("clicks: a vote click counts once and keeps the buttons", "[buttons]") {
  InboundFixture f;
  REQUIRE(f.Command("UALICE", "CSRC", "vote start \"Adopt the policy\" --kind majority").status ==
          200);
  f.sent->clear();
  const std::string post = "*Vote #1* (majority)";
  f.Interaction(Click("src_vote_yes", "1", "UBOB", post));
  auto edits = OfKind(f, "edit");
  REQUIRE(edits.size() == 1);
  CHECK(edits[0].text == post + "\n<@UBOB> voted. [Yes] [No] [Abstain]");
  // Slack sends the edited text with the next click: the same voter is not
  // listed twice, and the tally has one ballot from bob.
  f.Interaction(Click("src_vote_yes", "1", "UBOB", post + "\n<@UBOB> voted."));
  CHECK(OfKind(f, "edit").size() == 1);
  std::string shown = f.service.Handle({"UALICE", "CSRC", "vote show 1"}).text;
  INFO(shown);
  CHECK(shown.find("1 yes") != std::string::npos);
  // An outsider's vote is refused.
  f.Interaction(Click("src_vote_no", "1", "UEVE", post));
  CHECK(OfKind(f, "edit").size() == 1);
}

TEST_CASE("clicks: Release opens the release form for an SRC member", "[buttons]") {
  InboundFixture f;
  Report(f);
  f.Interaction(Click("src_release", "SRC-1", "UALICE", "Release of SRC-1 set"));
  auto modals = OfKind(f, "modal");
  REQUIRE(modals.size() == 1);
  CHECK(modals[0].where == "T-1");
  json view = json::parse(modals[0].text);
  CHECK(view["callback_id"] == "src_release");
  // The submission runs `release`: here the case is not ready, so the verb's
  // error stays in the form and nothing changes.
  json submit = {{"type", "view_submission"},
                 {"api_app_id", "AAPP"},
                 {"user", {{"id", "UALICE"}}},
                 {"view",
                  {{"callback_id", "src_release"},
                   {"private_metadata", view["private_metadata"]},
                   {"state",
                    {{"values",
                      {{"version", {{"version", {{"value", "1.0.1"}}}}},
                       {"release_url", {{"release_url", {{"value", "https://e.com/r"}}}}}}}}}}}};
  json ack = json::parse(f.Interaction(submit).body);
  CHECK(ack["response_action"] == "errors");
  CHECK(ack["errors"].contains("version"));
  CHECK(f.store.cases.at(1).stage == core::Stage::kReported);
  CHECK(OfKind(f, "edit").empty());
}
