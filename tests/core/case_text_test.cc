#include "core/case_text.h"

#include <catch2/catch.hpp>

#include "tests/fakes/fake_clock.h"

using namespace srcbot::core;
using srcbot::testing::TestNow;

TEST_CASE("case text: show lists the fields, team and deadline states") {
  Case c;
  c.id = 3;
  c.title = "Bypass in verify";
  c.repo = "sigstore/cosign";
  c.stage = Stage::kFixDevelopment;
  c.received_at = TestNow() - std::chrono::hours(30);
  c.acknowledged_at = TestNow() - std::chrono::hours(29);
  c.lead = "alice";
  c.team = {{"dana", false, true, false, "danagh"}, {"olly", true, false, false, ""}};
  std::string text = RenderCase(c, DeadlinePolicy{}, TestNow());
  CHECK_THAT(text, Catch::Contains("SRC-3"));
  CHECK_THAT(text, Catch::Contains("stage: fix-development"));
  CHECK_THAT(text, Catch::Contains("repo: sigstore/cosign"));
  CHECK_THAT(text, Catch::Contains("<@dana> (GitHub danagh)"));
  CHECK_THAT(text, Catch::Contains("<@olly> (outside, pending approval)"));
  CHECK_THAT(text, Catch::Contains("acknowledge: met"));
  CHECK_THAT(text, Catch::Contains("fix team: OVERDUE by 6h 0m"));
  CHECK_THAT(text, Catch::Contains("fix ready: due in 5d 18h"));
}

TEST_CASE("case text: list line shows the next open deadline") {
  Case c;
  c.id = 9;
  c.title = "Leak";
  c.received_at = TestNow();
  std::string line = RenderCaseLine(c, DeadlinePolicy{}, TestNow() + std::chrono::hours(1));
  CHECK(line == "SRC-9 [reported] Leak — lead nobody — acknowledge due in 23h 0m (2026-11-26 12:00 UTC)");
}

TEST_CASE("case text: timeline in order with actor and channel") {
  Case c;
  c.id = 2;
  c.title = "T";
  std::vector<Event> events = {{2, TestNow(), "alice", "src", "reported", "New report"},
                               {2, TestNow(), "bob", "src", "acknowledged", "acked"}};
  std::string text = RenderTimeline(c, events);
  CHECK(text == "Timeline of SRC-2 (T)\n2026-11-25 12:00 UTC · <@alice> in <#src> · New report\n"
                "2026-11-25 12:00 UTC · <@bob> in <#src> · acked");
}

TEST_CASE("case text: user text cannot break or forge Slack markup") {
  Case c;
  c.id = 4;
  c.title = "<@U0ADMIN> & <!channel> bypass";
  c.affected = "< 2.4.1";
  std::string text = RenderCase(c, DeadlinePolicy{}, TestNow());
  CHECK_THAT(text, Catch::Contains("*SRC-4* &lt;@U0ADMIN&gt; &amp; &lt;!channel&gt; bypass"));
  CHECK_THAT(text, Catch::Contains("affected: &lt; 2.4.1"));
}
