#include "commands/command_service.h"

#include <catch2/catch.hpp>

#include "core/markup.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/memory_case_store.h"

using namespace srcbot;
using commands::Invocation;
using commands::Reply;

namespace {

struct Fixture {
  testing::MemoryCaseStore store;
  testing::FakeClock clock{testing::TestNow()};
  commands::CommandService service{store, clock, {"src", core::DeadlinePolicy{}}};

  Fixture() { (void)store.SeedMembers({"alice", "bob"}, clock.Now()); }

  Reply Run(const std::string& text, const std::string& user = "alice",
            const std::string& channel = "src") {
    return service.Handle(Invocation{user, channel, text});
  }

  // Everything a command could change, to prove an error changed nothing.
  std::string Snapshot() {
    std::string s;
    for (const auto& [id, c] : store.cases)
      s += core::CaseRef(id) + std::string(core::StageName(c.stage)) + c.lead;
    return s + "|" + std::to_string(store.events.size()) + "|" +
           std::to_string(store.outbox.size());
  }
};

}  // namespace

TEST_CASE("commands: report opens a case and posts it to the SRC channel") {
  Fixture f;
  Reply r = f.Run(
      "report \"Signature bypass in verify\" --repo sigstore/cosign --received 2026-11-24T09:00Z "
      "--reporter \"Jane Doe\"");
  CHECK(r.text.empty());  // typed in #src: the post says it all
  REQUIRE(f.store.cases.size() == 1);
  const core::Case& c = f.store.cases.at(1);
  CHECK(c.title == "Signature bypass in verify");
  CHECK(c.repo == "sigstore/cosign");
  CHECK(c.reporter == "Jane Doe");
  CHECK(core::FormatIso(c.received_at) == "2026-11-24T09:00:00Z");
  REQUIRE(f.store.outbox.size() == 1);
  CHECK(f.store.outbox[0].item.channel == "src");
  CHECK_THAT(f.store.outbox[0].item.text,
             Catch::StartsWith("New report SRC-1: Signature bypass in verify"));
  CHECK(f.store.outbox[0].item.about == std::vector<core::CaseId>{1});
}

TEST_CASE("commands: case refs in every accepted form, and Slack mentions") {
  Fixture f;
  (void)f.Run("report Leak");
  CHECK(f.Run("ack src-1").text.empty());
  CHECK(f.store.cases.at(1).stage == core::Stage::kTriage);
  (void)f.Run("triage SRC-1 --replicated yes --affected \"&lt; 1.4.2\"");
  CHECK(f.store.cases.at(1).affected == "< 1.4.2");
  (void)f.Run("team 1 add <@U0DANA|dana> --github danagh");
  const core::Case& c = f.store.cases.at(1);
  REQUIRE(c.team.size() == 1);
  CHECK(c.team[0].user == "U0DANA");
  CHECK(c.team[0].github == "danagh");
  CHECK(c.stage == core::Stage::kFixDevelopment);
}

TEST_CASE("commands: errors are one line plus usage, and change nothing") {
  Fixture f;
  (void)f.Run("report Leak");
  const std::string before = f.Snapshot();

  Reply unknown = f.Run("frobnicate 1");
  CHECK(unknown.text == "Error: unknown verb \"frobnicate\". Try /src help.");

  Reply bad = f.Run("triage 1 --replicated maybe");
  CHECK(core::PlainText(bad.text) ==
        "Error: triage needs --replicated yes or --replicated no\n"
        "Usage: /src triage <case> --replicated yes|no [--repo owner/name] "
        "[--affected \"<versions>\"] [--upstream \"<project>\"]");

  CHECK_THAT(f.Run("ack SRC-99").text, Catch::StartsWith("Error: no case SRC-99"));
  CHECK_THAT(f.Run("ack banana").text, Catch::StartsWith("Error: not a case id"));
  CHECK_THAT(f.Run("ack 1 2").text, Catch::StartsWith("Error: unexpected \"2\""));
  CHECK_THAT(f.Run("report").text, Catch::StartsWith("Error: report needs a title"));
  CHECK_THAT(f.Run("report x --repo nope").text, Catch::Contains("owner/name"));
  CHECK_THAT(f.Run("report x --received yesterday").text, Catch::Contains("ISO-8601"));
  CHECK_THAT(f.Run("report x --bogus 1").text, Catch::Contains("--bogus"));
  CHECK_THAT(f.Run("report \"unterminated").text, Catch::Contains("quote"));
  CHECK_THAT(f.Run("close 1").text, Catch::Contains("--reason"));
  CHECK_THAT(f.Run("reporter 1 @rita").text, Catch::Contains("--private-contact"));
  CHECK_THAT(f.Run("going-public 1 --accepted --refused").text, Catch::Contains("exactly one"));
  CHECK(f.Snapshot() == before);
}

TEST_CASE("commands: a refused transition says why, and counts as a case detail") {
  Fixture f;
  (void)f.Run("report Leak");
  Reply r = f.Run("fixed 1");
  CHECK(r.text == "Error: cannot fixed SRC-1 while it is reported");
  CHECK(r.about == std::vector<core::CaseId>{1});
  CHECK_THAT(r.fallback, Catch::Contains("SRC-1"));
}

TEST_CASE("commands: who may do what") {
  Fixture f;
  (void)f.Run("report Leak");
  (void)f.Run("ack 1");
  (void)f.Run("triage 1 --replicated yes");
  (void)f.Run("team 1 add @dana");

  CHECK(f.Run("report Other", "eve").text == "Error: only SRC members can do that. Try /src help.");
  CHECK(f.store.cases.size() == 1);
  CHECK_THAT(f.Run("show 1", "eve").text, Catch::Contains("only the SRC and SRC-1's fix team"));
  CHECK_THAT(f.Run("show 1", "dana").text, Catch::Contains("SRC-1"));
  CHECK(f.Run("ack 1", "dana").text == "Error: only SRC members can do that. Try /src help.");
  (void)f.Run("fixed 1", "dana");
  CHECK(f.store.cases.at(1).fixed_at);
}

TEST_CASE("commands: help lists what works for the person asking") {
  Fixture f;
  std::string src = f.Run("help").text;
  for (const char* verb :
       {"report", "list", "show", "timeline", "ack", "lead", "triage", "team", "approve",
        "reporter", "fixed", "slow", "public", "going-public", "close"}) {
    CHECK_THAT(src, Catch::Contains(std::string("/src ") + verb));
  }
  CHECK_THAT(src, !Catch::Contains("release-day"));  // not built yet, so not offered
  std::string outsider = f.Run("help", "eve").text;
  CHECK_THAT(outsider, !Catch::Contains("/src report"));
  CHECK_THAT(outsider, Catch::Contains("/src show"));
  CHECK_THAT(core::PlainText(f.Run("help team").text), Catch::StartsWith("/src team <case> add|remove"));
  CHECK(f.Run("").text == f.Run("help").text);
}

TEST_CASE("commands: outside the SRC channel the reply carries a detail-free fallback") {
  Fixture f;
  Reply r = f.Run("report \"Secret title\"", "alice", "general");
  CHECK_THAT(r.text, Catch::Contains("Secret title"));
  CHECK(r.about == std::vector<core::CaseId>{1});
  CHECK(r.fallback ==
        "Recorded as SRC-1. Its details are only shown in the SRC's private channel.");
  CHECK_THAT(r.fallback, !Catch::Contains("Secret"));
}

TEST_CASE("commands: list and timeline") {
  Fixture f;
  CHECK(f.Run("list").text == "No open cases.");
  (void)f.Run("report One");
  (void)f.Run("report Two");
  (void)f.Run("close 2 --reason duplicate");
  Reply open = f.Run("list");
  CHECK_THAT(open.text, Catch::Contains("SRC-1 [reported] One"));
  CHECK_THAT(open.text, !Catch::Contains("Two"));
  CHECK(open.about == std::vector<core::CaseId>{1});
  CHECK_THAT(f.Run("list --all").text, Catch::Contains("SRC-2 [closed] Two"));
  Reply tl = f.Run("timeline 2");
  CHECK_THAT(tl.text, Catch::Contains("New report SRC-2"));
  CHECK_THAT(tl.text, Catch::Contains("SRC-2 closed as duplicate"));
}

TEST_CASE("commands: a store failure is an error reply, not a crash") {
  Fixture f;
  f.store.fail_next = true;
  CHECK_THAT(f.Run("list").text, Catch::StartsWith("Error: "));
}
