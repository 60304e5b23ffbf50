#include "core/case_state_machine.h"

#include <catch2/catch.hpp>
#include <map>

#include "tests/fakes/fake_clock.h"

using namespace srcbot::core;
using srcbot::testing::TestNow;

namespace {

const Actor kAlice{"alice", true, "src"};

// A case in `stage` with everything an SRC would have recorded by then.
Case CaseIn(Stage stage) {
  Case c;
  c.id = 7;
  c.title = "Signature bypass";
  c.received_at = TestNow() - std::chrono::hours(2);
  c.reported_at = c.received_at;
  c.stage = stage;
  c.cvss_score = 3.1;
  if (stage >= Stage::kTriage) c.acknowledged_at = c.received_at;
  if (stage >= Stage::kFixDevelopment) {
    c.team = {{"dana", false, true, false, ""}, {"olly", true, false, false, ""}};
    c.team_formed_at = c.received_at;
  } else if (stage >= Stage::kFixTeam) {
    c.team = {{"olly", true, false, false, ""}};
  }
  if (stage == Stage::kClosed) c.resolution = Resolution::kFixed;
  return c;
}

struct Row {
  const char* verb;
  Command command;
  std::vector<Stage> allowed;
};

const std::vector<Stage> kAll = {Stage::kReported,       Stage::kTriage,        Stage::kFixTeam,
                                 Stage::kFixDevelopment, Stage::kReleaseScheduled, Stage::kReleased,
                                 Stage::kRetrospective,  Stage::kClosed};
const std::vector<Stage> kOpen(kAll.begin(), kAll.end() - 1);
const std::vector<Stage> kPreRelease(kAll.begin(), kAll.begin() + 5);
const std::vector<Stage> kTeam = {Stage::kFixTeam, Stage::kFixDevelopment, Stage::kReleaseScheduled};

}  // namespace

TEST_CASE("state machine: every stage x verb is accepted or refused as the process says") {
  const std::vector<Row> rows = {
      {"ack", AckCommand{}, {Stage::kReported}},
      {"lead", LeadCommand{"bob"}, kOpen},
      {"triage", TriageCommand{true, "sigstore/cosign", "", ""}, {Stage::kTriage}},
      {"team add", TeamAddCommand{"newbie", false, ""}, kTeam},
      {"team remove", TeamRemoveCommand{"olly"}, kTeam},
      {"approve", ApproveCommand{"olly"}, kTeam},
      {"reporter", ReporterCommand{"rita", true, "Rita"}, kTeam},
      {"fixed", FixedCommand{}, {Stage::kFixDevelopment}},
      {"slow", SlowCommand{"holidays"}, kPreRelease},
      {"public", PublicCommand{}, kPreRelease},
      {"going-public", GoingPublicCommand{true}, kPreRelease},
      {"close", CloseCommand{Resolution::kDuplicate}, kOpen},
  };
  for (const Row& row : rows) {
    for (Stage stage : kAll) {
      bool expected = std::find(row.allowed.begin(), row.allowed.end(), stage) != row.allowed.end();
      INFO(row.verb << " in " << StageName(stage));
      Case before = CaseIn(stage);
      auto result = ApplyCommand(before, row.command, kAlice, TestNow());
      REQUIRE(result.ok() == expected);
      if (expected) {
        CHECK(result.value().events.size() == 1);
        CHECK(result.value().events[0].actor == "alice");
        CHECK(result.value().messages.size() == 1);
        CHECK(result.value().messages[0].about == std::vector<CaseId>{7});
      } else {
        CHECK(result.status().code() == Code::kConflict);
        CHECK(result.status().message().find("SRC-7") != std::string::npos);
      }
    }
  }
}

TEST_CASE("state machine: the happy path walks the stages in order") {
  auto opened = OpenCase(1, {"Bypass", "sigstore/cosign", std::nullopt, "Jane", Via::kEmail}, kAlice, TestNow());
  REQUIRE(opened.ok());
  Case c = opened.value().after;
  CHECK(c.stage == Stage::kReported);
  CHECK(opened.value().messages.at(0).offers == "ack");  // the post offers an Acknowledge button
  CHECK(c.embargoed);
  CHECK(c.received_at == TestNow());

  auto step = [&](const Command& cmd) {
    auto r = ApplyCommand(c, cmd, kAlice, TestNow());
    REQUIRE(r.ok());
    c = r.value().after;
  };
  step(AckCommand{});
  CHECK(c.stage == Stage::kTriage);
  CHECK(c.lead == "alice");  // the acknowledger leads until someone else is named
  step(TriageCommand{false, "", "", ""});
  CHECK(c.stage == Stage::kTriage);
  step(TriageCommand{true, "", "< 2.1", ""});
  CHECK(c.stage == Stage::kFixTeam);
  CHECK(c.affected == "< 2.1");
  step(TeamAddCommand{"olly", true, ""});
  CHECK(c.stage == Stage::kFixTeam);  // a pending outside member does not form the team
  step(ReporterCommand{"rita", true, ""});
  CHECK(c.stage == Stage::kFixTeam);  // nor does the reporter alone
  step(ApproveCommand{"olly"});
  CHECK(c.stage == Stage::kFixDevelopment);
  CHECK(c.team_formed_at == TestNow());
  step(FixedCommand{});
  CHECK(c.fixed_at == TestNow());
  step(CloseCommand{Resolution::kFixed});
  CHECK(c.stage == Stage::kClosed);
  CHECK(c.resolution == Resolution::kFixed);
  CHECK(c.embargoed);  // only release lifts the embargo
}

TEST_CASE("state machine: who may do what") {
  Case c = CaseIn(Stage::kFixDevelopment);
  Actor dana{"dana", false, "src"};  // on the fix team
  Actor olly{"olly", false, "src"};  // pending, not yet approved
  Actor eve{"eve", false, "general"};
  CHECK(ApplyCommand(c, FixedCommand{}, dana, TestNow()).ok());
  CHECK(ApplyCommand(c, FixedCommand{}, olly, TestNow()).status().code() == Code::kPermissionDenied);
  CHECK(ApplyCommand(c, FixedCommand{}, eve, TestNow()).status().code() == Code::kPermissionDenied);
  CHECK(ApplyCommand(c, CloseCommand{Resolution::kFixed}, dana, TestNow()).status().code() ==
        Code::kPermissionDenied);
  CHECK(OpenCase(1, {"x", "", {}, "", Via::kEmail}, eve, TestNow()).status().code() ==
        Code::kPermissionDenied);
}

TEST_CASE("state machine: refusals name the reason") {
  Case c = CaseIn(Stage::kFixDevelopment);
  SECTION("duplicate team member") {
    auto r = ApplyCommand(c, TeamAddCommand{"dana", false, ""}, kAlice, TestNow());
    CHECK(r.status().code() == Code::kConflict);
  }
  SECTION("reporter without private contact") {
    auto r = ApplyCommand(c, ReporterCommand{"rita", false, ""}, kAlice, TestNow());
    CHECK(r.status().message().find("--private-contact") != std::string::npos);
  }
  SECTION("reporter of a publicly reported case") {
    c.via = Via::kPublic;
    auto r = ApplyCommand(c, ReporterCommand{"rita", true, ""}, kAlice, TestNow());
    CHECK(r.status().code() == Code::kInvalidArgument);
  }
  SECTION("slow refused at 4.0 and above, and when unscored") {
    c.cvss_score = 4.0;
    CHECK(!ApplyCommand(c, SlowCommand{"x"}, kAlice, TestNow()).ok());
    c.cvss_score.reset();
    CHECK(!ApplyCommand(c, SlowCommand{"x"}, kAlice, TestNow()).ok());
    c.cvss_score = 3.9;
    CHECK(ApplyCommand(c, SlowCommand{"x"}, kAlice, TestNow()).ok());
  }
  SECTION("slow refused on a public case") {
    c.is_public = true;
    CHECK(!ApplyCommand(c, SlowCommand{"x"}, kAlice, TestNow()).ok());
  }
  SECTION("report received in the future") {
    auto r = OpenCase(1, {"x", "", TestNow() + std::chrono::hours(1), "", Via::kEmail}, kAlice, TestNow());
    CHECK(r.status().code() == Code::kInvalidArgument);
  }
}

TEST_CASE("state machine: public flags") {
  Case c = CaseIn(Stage::kFixDevelopment);
  c.slow = true;
  auto r = ApplyCommand(c, PublicCommand{}, kAlice, TestNow());
  REQUIRE(r.ok());
  CHECK(r.value().after.is_public);
  CHECK_FALSE(r.value().after.slow);
  CHECK(r.value().after.public_at == TestNow());

  auto refused = ApplyCommand(CaseIn(Stage::kTriage), GoingPublicCommand{false}, kAlice, TestNow());
  REQUIRE(refused.ok());
  CHECK(refused.value().after.is_public);
  CHECK(refused.value().after.going_public == GoingPublic::kRefused);

  auto via_public = OpenCase(2, {"x", "", {}, "", Via::kPublic}, kAlice, TestNow());
  REQUIRE(via_public.ok());
  CHECK(via_public.value().after.is_public);
}
