// Scenario tests: signed Slack requests through the endpoint, SlackInbound,
// the command service and the guard, over fakes (tests/bot/inbound/inbound_fixture.h).
#include "bot/inbound/slack_inbound.h"

#include <catch2/catch.hpp>

#include "bot/blocks/block_kit.h"
#include "tests/bot/inbound/inbound_fixture.h"

using namespace srcbot;
using nlohmann::json;
using testing::InboundFixture;

namespace {

const std::string kTitle = "Heap overflow in the parser";

json Body(const bot::HttpResponse& r) { return r.body.empty() ? json() : json::parse(r.body); }

json MemberJoined(const std::string& event_id, const std::string& user = "UEVE") {
  return {{"type", "event_callback"},
          {"api_app_id", "AAPP"},
          {"event_id", event_id},
          {"event_time", 1234567890},
          {"event",
           {{"type", "member_joined_channel"},
            {"user", user},
            {"channel", "CSRC"},
            {"channel_type", "C"}}}};
}

json Values(const std::string& title, const std::string& repo = "",
            const std::string& received = "", const std::string& via = "email") {
  auto text = [](const std::string& id, const std::string& v) {
    json element = {{"type", "plain_text_input"}, {"value", v.empty() ? json() : json(v)}};
    return json{{id, element}};
  };
  return {{"title", text("title", title)},
          {"repo", text("repo", repo)},
          {"received", text("received", received)},
          {"reporter", text("reporter", "Jo & \"Co\"")},
          {"via", {{"via", {{"type", "static_select"}, {"selected_option", {{"value", via}}}}}}}};
}

json Submission(const json& values, const std::string& user = "UALICE",
                const std::string& channel = "CSRC") {
  return {{"type", "view_submission"},
          {"api_app_id", "AAPP"},
          {"user", {{"id", user}}},
          {"view",
           {{"id", "V1"},
            {"type", "modal"},
            {"callback_id", "src_report"},
            {"private_metadata", json{{"channel", channel}}.dump()},
            {"state", {{"values", values}}}}}};
}

}  // namespace

TEST_CASE("inbound: a report typed in the SRC channel opens a case with an empty ack",
          "[inbound]") {
  InboundFixture f;
  bot::HttpResponse r = f.Command("UALICE", "CSRC", "report \"" + kTitle + "\" --repo acme/widget");
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  REQUIRE(f.store.cases.size() == 1);
  CHECK(f.store.cases.at(1).title == kTitle);
  CHECK(f.store.cases.at(1).repo == "acme/widget");
  REQUIRE_FALSE(f.store.outbox.empty());
  CHECK(f.store.outbox[0].item.channel == "CSRC");
  CHECK(f.notified == 1);
}

TEST_CASE("inbound: a report typed in a public channel is acked without any detail", "[inbound]") {
  InboundFixture f;
  bot::HttpResponse r = f.Command("UALICE", "CGEN", "report \"" + kTitle + "\"");
  CHECK(r.status == 200);
  REQUIRE(f.store.cases.size() == 1);
  json ack = Body(r);
  CHECK(ack["response_type"] == "ephemeral");
  std::string text = ack["text"];
  CHECK(text.find("Recorded as SRC-1") != std::string::npos);
  CHECK(r.body.find("Heap overflow") == std::string::npos);
  CHECK(f.sent->empty());  // the ack is the answer; nothing else was sent
}

TEST_CASE("inbound: other commands answer in the ack, judged by the guard", "[inbound]") {
  InboundFixture f;
  REQUIRE(f.Command("UALICE", "CSRC", "report \"" + kTitle + "\"").status == 200);
  std::string in_src = Body(f.Command("UALICE", "CSRC", "show SRC-1"))["text"];
  CHECK(in_src.find("Heap overflow") != std::string::npos);
  bot::HttpResponse in_public = f.Command("UALICE", "CGEN", "show SRC-1");
  CHECK(in_public.body.find("Heap overflow") == std::string::npos);
  CHECK(Body(in_public)["response_type"] == "ephemeral");
  CHECK(Body(f.Command("UEVE", "CGEN", "list"))["text"].get<std::string>().starts_with("Error:"));
}

TEST_CASE("inbound: /src report alone opens the modal and acks empty", "[inbound]") {
  InboundFixture f;
  bot::HttpResponse r = f.Command("UALICE", "CGEN", " report ", "trigger.1");
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  REQUIRE(f.sent->size() == 1);
  CHECK((*f.sent)[0].kind == "modal");
  CHECK((*f.sent)[0].where == "trigger.1");
  CHECK((*f.sent)[0].text == bot::ReportModal("CGEN").dump());
  CHECK(f.store.cases.empty());

  SECTION("when views.open fails, the ack explains the command") {
    f.sink->fail_kind = "modal";
    json ack = Body(f.Command("UALICE", "CGEN", "report", "trigger.2"));
    std::string text = ack["text"];
    CHECK(text.find("/src report \"&lt;title&gt;\"") != std::string::npos);
  }
  SECTION("without a trigger it is the command, which needs a title") {
    std::string text = Body(f.Command("UALICE", "CGEN", "report"))["text"];
    CHECK(text.find("needs a title") != std::string::npos);
    CHECK(f.sent->size() == 1);
  }
}

TEST_CASE("inbound: a report modal without a title stays open with the error", "[inbound]") {
  InboundFixture f;
  json ack = Body(f.Interaction(Submission(Values("  ", "not-a-repo", "yesterday"))));
  CHECK(ack["response_action"] == "errors");
  CHECK(ack["errors"].contains("title"));
  CHECK(ack["errors"].contains("repo"));
  CHECK(ack["errors"].contains("received"));
  CHECK(f.store.cases.empty());
}

TEST_CASE("inbound: a valid report modal opens the case and closes", "[inbound]") {
  InboundFixture f;
  std::string title = "Bug in \"parse\" & <render> \\ x";
  bot::HttpResponse r =
      f.Interaction(Submission(Values(title, "acme/widget", "2026-11-20T09:30Z", "private")));
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  REQUIRE(f.store.cases.size() == 1);
  const core::Case& c = f.store.cases.at(1);
  CHECK(c.title == title);
  CHECK(c.repo == "acme/widget");
  CHECK(c.reporter == "Jo & \"Co\"");
  CHECK(c.via == core::Via::kPrivate);
  CHECK(c.received_at == *core::ParseIsoTime("2026-11-20T09:30Z"));
  CHECK(f.notified == 1);

  SECTION("from a public channel the submitter gets a detail-free ephemeral") {
    REQUIRE(f.Interaction(Submission(Values("Second"), "UALICE", "CGEN")).body.empty());
    REQUIRE(f.sent->size() == 1);
    CHECK(f.sent->at(0).kind == "ephemeral");
    CHECK(f.sent->at(0).where == "CGEN");
    CHECK(f.sent->at(0).text.find("Second") == std::string::npos);
  }
}

TEST_CASE("inbound: a report modal from a non-member shows the refusal", "[inbound]") {
  InboundFixture f;
  json ack = Body(f.Interaction(Submission(Values(kTitle), "UEVE", "CGEN")));
  CHECK(ack["response_action"] == "errors");
  CHECK(ack["errors"]["title"].get<std::string>().find("only SRC members") != std::string::npos);
  CHECK(f.store.cases.empty());
}

TEST_CASE("inbound: the Acknowledge button acknowledges the case", "[inbound]") {
  InboundFixture f;
  REQUIRE(f.Command("UALICE", "CSRC", "report \"" + kTitle + "\"").status == 200);
  json click = {{"type", "block_actions"},
                {"api_app_id", "AAPP"},
                {"user", {{"id", "UBOB"}}},
                {"channel", {{"id", "CGEN"}}},
                {"response_url", "https://hooks.slack.test/actions/1"},
                {"actions", {{{"action_id", "src_ack"}, {"value", "SRC-1"}, {"type", "button"}}}}};
  bot::HttpResponse r = f.Interaction(click);
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  CHECK(f.store.cases.at(1).acknowledged_at.has_value());
  REQUIRE(f.sent->size() == 1);
  CHECK(f.sent->at(0).kind == "respond");
  CHECK(f.sent->at(0).where == "https://hooks.slack.test/actions/1");
  CHECK(f.sent->at(0).text.find("Heap overflow") == std::string::npos);

  json other = click;
  other["actions"][0]["action_id"] = "something_else";
  CHECK(f.Interaction(other).body.empty());
  CHECK(f.Interaction({{"type", "shortcut"}}).status == 200);
}

TEST_CASE("inbound: url_verification echoes the challenge", "[inbound]") {
  InboundFixture f;
  bot::HttpResponse r = f.Event({{"type", "url_verification"},
                                 {"token", "x"},
                                 {"challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMm"}});
  CHECK(r.status == 200);
  CHECK(Body(r) == json{{"challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMm"}});
}

TEST_CASE("inbound: an event delivered three times is processed once", "[inbound]") {
  InboundFixture f;
  CHECK(f.Event(MemberJoined("Ev1")).status == 200);
  CHECK(f.Event(MemberJoined("Ev1"), "1").status == 200);
  CHECK(f.Event(MemberJoined("Ev1"), "2").status == 200);
  CHECK(f.directory.invalidated == std::vector<std::string>{"CSRC"});
  CHECK(f.log.size() == 2);  // the retries are logged
  CHECK(f.Event(MemberJoined("Ev2")).status == 200);
  CHECK(f.directory.invalidated.size() == 2);
}

TEST_CASE("inbound: when the event log fails, the event is processed anyway", "[inbound]") {
  InboundFixture f;
  f.events.fail = true;
  CHECK(f.Event(MemberJoined("Ev1")).status == 200);
  CHECK(f.directory.invalidated == std::vector<std::string>{"CSRC"});
}

TEST_CASE("inbound: our own events are ignored, except membership", "[inbound]") {
  InboundFixture f;
  json shared = {{"type", "event_callback"},
                 {"event_id", "Ev1"},
                 {"event", {{"type", "channel_shared"}, {"channel", "CSRC"}, {"user", "UBOT"}}}};
  CHECK(f.Event(shared).status == 200);
  json by_bot_id = shared;
  by_bot_id["event_id"] = "Ev2";
  by_bot_id["event"].erase("user");
  by_bot_id["event"]["bot_id"] = "BBOT";
  CHECK(f.Event(by_bot_id).status == 200);
  CHECK(f.directory.invalidated.empty());

  CHECK(f.Event(MemberJoined("Ev3", "UBOT")).status == 200);  // Bolt keeps these too
  json from_someone = shared;
  from_someone["event_id"] = "Ev4";
  from_someone["event"]["user"] = "UEVE";
  CHECK(f.Event(from_someone).status == 200);
  CHECK(f.directory.invalidated == std::vector<std::string>{"CSRC", "CSRC"});
}

TEST_CASE("inbound: payloads for another app are dropped", "[inbound]") {
  InboundFixture f;
  json event = MemberJoined("Ev1");
  event["api_app_id"] = "AOTHER";
  CHECK(f.Event(event).status == 200);
  CHECK(f.directory.invalidated.empty());
  json submission = Submission(Values(kTitle));
  submission["api_app_id"] = "AOTHER";
  CHECK(f.Interaction(submission).body.empty());
  CHECK(f.store.cases.empty());
}

TEST_CASE("inbound: replies come as Block Kit sections with the text as fallback", "[inbound]") {
  InboundFixture f;
  auto body = Body(f.Command("UALICE", "CSRC", "help"));
  REQUIRE(body["blocks"].is_array());
  REQUIRE_FALSE(body["blocks"].empty());
  CHECK(body["blocks"][0]["type"] == "section");
  CHECK(body["blocks"][0]["text"]["type"] == "mrkdwn");
  CHECK(body["blocks"][0]["text"]["text"].get<std::string>().find("/src report") != std::string::npos);
  CHECK(body["text"].get<std::string>().find("/src report") != std::string::npos);
}
