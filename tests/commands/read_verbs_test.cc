#include <catch2/catch.hpp>

#include "tests/commands/command_fixture.h"

using namespace srcbot;
using testing::Fixture;
using commands::Reply;

TEST_CASE("commands: help lists what works for the person asking") {
  Fixture f;
  std::string src = f.Run("help").text;
  for (const char* verb :
       {"report", "list", "show", "timeline", "ack", "lead", "triage", "team", "approve",
        "reporter", "fixed", "slow", "public", "going-public", "close", "release-day", "summary",
        "announce", "release", "retro", "link"}) {
    CHECK_THAT(src, Catch::Contains(std::string("/src ") + verb));
  }
  CHECK_THAT(src, Catch::Contains("/src oncall"));
  std::string outsider = f.Run("help", "eve").text;
  CHECK_THAT(outsider, !Catch::Contains("/src oncall"));
  CHECK_THAT(outsider, !Catch::Contains("/src report"));
  CHECK_THAT(outsider, Catch::Contains("/src show"));
  CHECK_THAT(core::PlainText(f.Run("help team").text), Catch::StartsWith("/src team <case> add|remove"));
  CHECK(f.Run("").text == f.Run("help").text);
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
