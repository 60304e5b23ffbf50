#include <catch2/catch.hpp>

#include "tests/commands/command_fixture.h"

using namespace srcbot;
using testing::Fixture;

namespace {

void ToFixTeam(Fixture& f) {
  (void)f.Run("report Leak");
  (void)f.Run("ack 1");
  (void)f.Run("triage 1 --replicated yes");
}

}  // namespace

TEST_CASE("team verbs: outside members wait for approval, then count") {
  Fixture f;
  ToFixTeam(f);
  (void)f.Run("team 1 add @olly --outside");
  const core::Case& c = f.store.cases.at(1);
  REQUIRE(c.team.size() == 1);
  CHECK_FALSE(c.team[0].approved);
  CHECK(c.stage == core::Stage::kFixTeam);
  CHECK_THAT(f.store.outbox.back().item.text, Catch::Contains("pending until an SRC member approves"));
  (void)f.Run("approve 1 @olly", "bob");
  CHECK(f.store.cases.at(1).team[0].approved);
  CHECK(f.store.cases.at(1).stage == core::Stage::kFixDevelopment);
  CHECK_THAT(f.Run("approve 1 @olly").text, Catch::Contains("needs no approval"));
  (void)f.Run("team 1 remove @olly");
  CHECK(f.store.cases.at(1).team.empty());
  CHECK_THAT(f.Run("team 1 remove @olly").text, Catch::Contains("is not on SRC-1's fix team"));
}

TEST_CASE("team verbs: the reporter joins only through a private contact, with credit consent") {
  Fixture f;
  ToFixTeam(f);
  CHECK_THAT(f.Run("reporter 1 @rita").text, Catch::Contains("--private-contact"));
  CHECK(f.store.cases.at(1).team.empty());
  (void)f.Run("reporter 1 <@U0RITA|rita> --private-contact --credit \"Rita R.\"");
  const core::Case& c = f.store.cases.at(1);
  REQUIRE(c.team.size() == 1);
  CHECK(c.team[0].user == "U0RITA");
  CHECK(c.team[0].reporter);
  CHECK(c.credit == "Rita R.");
  CHECK(c.stage == core::Stage::kFixTeam);  // the reporter alone is not a fix team
}

TEST_CASE("team verbs: malformed arguments name the problem") {
  Fixture f;
  ToFixTeam(f);
  CHECK_THAT(f.Run("team 1 invite @dana").text, Catch::Contains("team needs add or remove, got \"invite\""));
  CHECK_THAT(f.Run("team 1 add dana").text, Catch::Contains("expected a user"));
  CHECK_THAT(f.Run("team 1 add @dana @erin").text, Catch::Contains("unexpected"));
  CHECK_THAT(f.Run("team 1 remove @dana --outside").text, Catch::Contains("takes no --outside"));
  CHECK(f.store.cases.at(1).team.empty());
}
