#include <catch2/catch.hpp>

#include "tests/commands/command_fixture.h"

using namespace srcbot;
using testing::Fixture;
using commands::Reply;

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

TEST_CASE("commands: a refused transition says why, and counts as a case detail") {
  Fixture f;
  (void)f.Run("report Leak");
  Reply r = f.Run("fixed 1");
  CHECK(r.text == "Error: cannot fixed SRC-1 while it is reported");
  CHECK(r.about == std::vector<core::CaseId>{1});
  CHECK_THAT(r.fallback, Catch::Contains("SRC-1"));
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
